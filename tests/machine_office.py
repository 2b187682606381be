"""An office in a child process the reliability state machine drives step by step, and kills with SIGKILL.

    python -m tests.machine_office      # a zygote: forks offices on demand (see Zygote)

Each office is a real store, sync engine and client (no Qt) in a process of its own, forked from a zygote that has
imported everything already, so a crash costs a fork rather than a Python start-up. The test talks to an office
over a Unix socket, one JSON command per line and one JSON answer per line:

    {"op": "record", "session": S, "count": N}   -> {"saved": KEY} after each record is durably in the outbox,
                                                    then {"done": true}
    {"op": "sync"}                               -> {"pending": P, "needs_attention": A} after one forced round
    {"op": "drain"}                              -> {"done": true} when a forced round ends (the test kills the
                                                    office before that, at a moment of its choosing)
    {"op": "outbox"}                             -> {"records": [[KEY, STATE], ...]} the record entries kept
    {"op": "close"}                              -> {"closed": true}, and the office exits cleanly
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from tests.sync_support import DEMO_USER, WORKER_ID, WORKER_NAME, fast_engine, make_client

ROOT = Path(__file__).resolve().parent.parent
# A healthy request never takes this long, however busy the machine; the machine's hangs end in a kill, not in
# the client giving up, so no step waits for this timeout.
CLIENT_TIMEOUT_S = 30.0


# ---------------------------------------------------------------------------------------------- the office (child)
async def serve_office(listener: socket.socket, db: Path, url: str, token: str) -> None:
    store = await Store.open(db)
    client = make_client(url, token, timeout=CLIENT_TIMEOUT_S)
    engine = fast_engine(store, client, batch_size=7)
    actions = OfficeActions(store, DEMO_USER)
    finished = asyncio.Event()

    async def answer(writer: asyncio.StreamWriter, **reply: Any) -> None:
        writer.write((json.dumps(reply) + "\n").encode())
        await writer.drain()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():
            command = json.loads(line)
            op = command["op"]
            if op == "record":
                for _ in range(command["count"]):
                    item = await actions.record_units(command["session"], WORKER_ID, WORKER_NAME, 1)
                    await answer(writer, saved=item.idem_key)  # only now may the user be told it is saved
                await answer(writer, done=True)
            elif op == "sync":
                status = await engine.sync_now()
                await answer(writer, pending=status.pending, needs_attention=status.needs_attention)
            elif op == "drain":
                await engine.run_round(forced=True)
                await answer(writer, done=True)
            elif op == "outbox":
                items = await store.outbox_items(kinds=[EntryKind.CREATE_RECORD])
                await answer(writer, records=[[item.idem_key, item.state.value] for item in items])
            elif op == "close":
                await store.close()
                await client.aclose()
                await answer(writer, closed=True)
                writer.close()  # nothing more to say: the server's close need not wait for the test to hang up
                finished.set()
                return

    server = await asyncio.start_unix_server(handle, sock=listener)
    async with server:
        await finished.wait()


# ---------------------------------------------------------------------------------------------- the zygote
def zygote() -> None:
    """Fork offices on demand; nothing is open here when it forks. One command per stdin line, one answer per line:

    spawn SOCKET DB URL TOKEN -> pid N      kill N -> killed N      reap N -> exited N STATUS
    """
    for line in sys.stdin:
        command, *args = line.split()
        if command == "spawn":
            path, db, url, token = args
            Path(path).unlink(missing_ok=True)  # the socket of the office before, killed
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(path)
            listener.listen()  # before the fork: the test may connect the moment it reads the pid
            pid = os.fork()
            if pid == 0:
                _office_child(listener, Path(db), url, token)
            listener.close()
            answer = f"pid {pid}"
        elif command == "kill":
            pid = int(args[0])
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            answer = f"killed {pid}"
        else:
            pid = int(args[0])
            _, status = os.waitpid(pid, 0)
            answer = f"exited {pid} {status}"
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()


def _office_child(listener: socket.socket, db: Path, url: str, token: str) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)  # the zygote's stdout is its answers to the test
    code = 0
    try:
        asyncio.run(serve_office(listener, db, url, token))
    except BaseException:
        import traceback

        traceback.print_exc()  # to the test's stderr, inherited through the zygote
        code = 3
    os._exit(code)


# ---------------------------------------------------------------------------------------------- the test's side
class Zygote:
    """The zygote process, started once for many offices."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.machine_office"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def ask(self, *words: object) -> str:
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        self._process.stdin.write(" ".join(map(str, words)) + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the office zygote died (exit code {self._process.wait()})")
        return answer.strip()

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)
        assert self._process.stdout is not None
        self._process.stdout.close()


@dataclass
class OfficeProcess:
    """One office's life: commands over its socket, a SIGKILL or a clean close at the end."""

    zygote: Zygote
    pid: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    @classmethod
    async def start(cls, zygote: Zygote, socket_path: Path, db: Path, url: str, token: str) -> OfficeProcess:
        pid = int(zygote.ask("spawn", socket_path, db, url, token).split()[1])
        reader, writer = await asyncio.open_unix_connection(socket_path)
        return cls(zygote, pid, reader, writer)

    async def send(self, **command: Any) -> None:
        self.writer.write((json.dumps(command) + "\n").encode())
        await self.writer.drain()

    async def answer(self) -> dict[str, Any]:
        line = await self.reader.readline()
        if not line:
            raise RuntimeError(f"office {self.pid} ended without answering")
        return json.loads(line)  # type: ignore[no-any-return]

    async def call(self, **command: Any) -> dict[str, Any]:
        await self.send(**command)
        return await self.answer()

    async def kill(self) -> list[dict[str, Any]]:
        """SIGKILL: no flush, no checkpoint, no goodbye; whatever it was doing stops mid-way. Returns the answers
        it sent before it died that were not read yet (what its user saw last)."""
        self.zygote.ask("kill", self.pid)
        unread = []
        # A reset rather than an end: it died before reading the test's last command (nothing came of that).
        with contextlib.suppress(ConnectionResetError):
            while line := await self.reader.readline():
                if line.endswith(b"\n"):  # a line cut short by the kill was never shown
                    unread.append(json.loads(line))
        await self._hang_up()
        return unread

    async def close(self) -> None:
        assert await self.call(op="close") == {"closed": True}
        # Hang up before waiting for it to exit: its server waits for our connection to close (Python 3.12.1+).
        await self._hang_up()
        status = int(self.zygote.ask("reap", self.pid).split()[2])
        assert status == 0, f"office {self.pid} exited with status {status}"

    async def _hang_up(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError):
            await self.writer.wait_closed()


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    zygote()
