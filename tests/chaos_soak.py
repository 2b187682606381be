"""The chaos soak: an office killed at random moments, a network that loses replies, a server that dies; then a count.

    result = await run_soak(data_dir, cycles=50, seed=1234)      # data_dir: a seeded simulator folder of its own
    result.lost == result.doubled == 0

Each cycle starts the office (tests/chaos_office.py, a child process) on the same cache, lets it work while the
engine drains through a TcpProxy (tests/tcp_proxy.py) that now and then drops a reply after the server committed,
resets a connection, answers garbage or a 500, or never answers; then kill -9s it at a moment picked at random:
after a number of requests reached the proxy (mid-request, during a drain), after a number of changes were confirmed
(mid-commit: the office commits continuously), or after a random delay (even while it starts). Now and then the
simulator is kill -9ed too and restarted on the same data, behind the same proxy address.

At the end the harness drains the outbox once without faults, then reads the server over HTTP straight from the
simulator and compares it with the journal of confirmed changes and with the outbox:

- lost: a confirmed change the server does not hold (or the outbox no longer has);
- doubled: a change the server holds more than once (two records, sessions, workers, forms or voids for one);
- unexpected: something of this office on the server the outbox never held.

Every random choice comes from `seed`, so a failing run replays (timing still varies with the machine's load).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hydrodesk.domain.outbox import EntryKind
from hydrodesk.sim.launcher import RunningSimulator, run_cli, start_simulator
from hydrodesk.store.store import Store
from tests.chaos_office import FIRST_DAY, FORM_ID, LAST_DAY, MAX_LIVES, read_journal
from tests.sync_support import DEMO_USER, PROJECT, SECTORS, fast_engine, make_client
from tests.tcp_proxy import Fault, TcpProxy

REPO = Path(__file__).resolve().parents[1]
FAULTS = [Fault.DROP_AFTER_COMMIT, Fault.DROP_AFTER_COMMIT, Fault.RESET, Fault.SERVER_ERROR, Fault.GARBAGE, Fault.HANG,
          Fault.STALL]  # fmt: skip
FAULT_PATHS = ["", "/records/bulk", "/production/sessions", "/void", "/workers", "/forms/record"]
SIM_CRASH_CHANCE = 0.04  # per cycle
LONGEST_DELAY_S = 0.6  # a kill after a random delay: from the office's first steps to well into its drain
LONGEST_LIFE_S = 4.0  # a kill waiting for requests or changes that do not come (the server is down) happens anyway


@dataclass
class SoakResult:
    cycles: int = 0
    kills: int = 0
    sim_restarts: int = 0
    replies_dropped: int = 0
    faults: Counter[str] = field(default_factory=Counter)  # faults the proxy applied, by kind
    kill_moments: Counter[str] = field(default_factory=Counter)  # what each kill waited for (see _kill_moment)
    confirmed: int = 0
    on_server: int = 0
    lost: int = 0
    lost_by_kind: Counter[str] = field(default_factory=Counter)
    doubled: int = 0
    unexpected: int = 0
    needs_attention: int = 0
    seconds: float = 0.0
    seed: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        figures = asdict(self)
        figures["problems"] = figures["problems"][:10]
        figures["kill_moments"] = dict(self.kill_moments)
        figures["faults"] = dict(self.faults)
        figures["lost_by_kind"] = dict(self.lost_by_kind)
        return json.dumps(figures)


def _address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


class Soak:
    def __init__(self, data_dir: Path, work_dir: Path, seed: int, *, pause: float, batch: int) -> None:
        self.data_dir = data_dir
        self.db = work_dir / "office.sqlite3"
        self.journal = work_dir / "confirmed.jsonl"
        self.seed = seed
        self.rng = random.Random(seed)
        self.pause = pause
        self.batch = batch
        self.result = SoakResult(seed=seed)
        self.simulator: RunningSimulator | None = None
        self.proxy: TcpProxy | None = None
        self.token = ""
        self.errors = work_dir / "office-errors.txt"
        self.confirmations = LineCounter(self.journal)
        self.zygote: asyncio.subprocess.Process | None = None
        self.office: int | None = None  # the pid of the office alive now

    # ------------------------------------------------------------------------------------------ the parts
    async def start(self) -> None:
        self.simulator = await asyncio.to_thread(start_simulator, self.data_dir, devices=False)
        self.token = await asyncio.to_thread(run_cli, "token", "--data", str(self.data_dir), "--user", DEMO_USER)
        self.proxy = await TcpProxy(*_address(self.simulator.base_url)).start()
        self.zygote = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.chaos_office", "--zygote", cwd=REPO, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip

    async def close(self) -> None:
        if self.zygote is not None and self.zygote.returncode is None:
            if self.office is not None:
                with contextlib.suppress(Exception):
                    await self._ask(f"kill {self.office}")
            self.zygote.kill()
            await self.zygote.wait()
        if self.proxy is not None:
            await self.proxy.close()
        if self.simulator is not None:
            await asyncio.to_thread(self.simulator.stop)

    async def restart_simulator(self) -> None:
        """kill -9 the server and start it again on the same data (on a new port, behind the same proxy)."""
        assert self.simulator is not None
        assert self.proxy is not None
        await asyncio.to_thread(self.simulator.kill)
        self.simulator = await asyncio.to_thread(start_simulator, self.data_dir, devices=False)
        self.proxy.set_upstream(*_address(self.simulator.base_url))
        self.result.sim_restarts += 1

    async def _ask(self, command: str) -> list[str]:
        assert self.zygote is not None
        assert self.zygote.stdin is not None
        assert self.zygote.stdout is not None
        self.zygote.stdin.write(command.encode() + b"\n")
        await self.zygote.stdin.drain()
        answer = await self.zygote.stdout.readline()
        if not answer:
            raise RuntimeError("the office zygote died")
        return answer.decode().split()

    async def spawn_office(self, life: int) -> int:
        assert self.proxy is not None
        arguments = {
            "--db": self.db,
            "--url": self.proxy.url,
            "--token": self.token,
            "--journal": self.journal,
            "--life": life,
            "--seed": self.rng.randrange(2**32),
            "--errors": self.errors,
            "--batch": self.batch,
            "--pause": self.pause,
        }
        listed = [str(part) for pair in arguments.items() for part in pair]
        return int((await self._ask("spawn " + json.dumps(listed)))[1])

    # ------------------------------------------------------------------------------------------ one cycle
    async def cycle(self, life: int, *, restart_sim: bool = False) -> None:
        """One life of the office, ended by kill -9; `restart_sim`: kill -9 the simulator during it too (it also
        happens at random)."""
        assert self.proxy is not None
        rng = self.rng
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 3)):
                self.proxy.plan(rng.choice(FAULTS), path_contains=rng.choice(FAULT_PATHS), count=rng.randint(1, 2))
        office = self.office = await self.spawn_office(life)
        restart_sim = rng.random() < SIM_CRASH_CHANCE or restart_sim
        await self._kill_moment(rng)
        if restart_sim:
            await self.restart_simulator()
            await self._kill_moment(rng)  # the office finds the server gone and back
        if (await self._ask(f"poll {office}"))[0] == "exited":
            self.office = None
            raise RuntimeError(f"the office died by itself in life {life}:\n{self.errors.read_text()[-3000:]}")
        await self._ask(f"kill {office}")
        self.office = None
        self.result.kills += 1
        self.proxy.clear()

    async def _kill_moment(self, rng: random.Random) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(LONGEST_LIFE_S):
                await self._wait_for_kill_moment(rng)

    async def _wait_for_kill_moment(self, rng: random.Random) -> None:
        assert self.proxy is not None
        how = rng.choice(["requests", "changes", "delay"])
        self.result.kill_moments[how] += 1
        if how == "requests":  # mid-request or just after: during a drain
            await self.proxy.wait_for_requests(len(self.proxy.requests) + rng.randint(1, 6))
            await asyncio.sleep(rng.random() * 0.005)
        elif how == "changes":  # the office commits all the time: mid-commit, more often than not
            target = self.confirmations.count() + rng.randint(1, 20)
            while self.confirmations.count() < target:  # noqa: ASYNC110 - another process writes it: look
                await asyncio.sleep(0.002)
        else:
            await asyncio.sleep(rng.random() * LONGEST_DELAY_S)

    # ------------------------------------------------------------------------------------------ the count
    async def settle_and_count(self) -> None:
        """Drain what is left without faults, straight to the server, then compare the server with the promises."""
        assert self.simulator is not None
        store = await Store.open(self.db)
        try:
            async with make_client(self.simulator.base_url, self.token, timeout=30.0) as client:
                engine = fast_engine(store, client, batch_size=200)
                status = await engine.sync_now()
                for _ in range(5):
                    if status.pending == 0:
                        break
                    status = await engine.sync_now()
                self.result.needs_attention = status.needs_attention
                if status.pending or status.needs_attention:
                    self.result.problems.append(f"after the clean drain: {status.pending} pending, "
                                                f"{status.needs_attention} needing attention")  # fmt: skip
                kept = {kind: await store.outbox_items(kinds=[kind]) for kind in EntryKind}
                resolved = {item.idem_key: await store.resolve_session(item.idem_key)
                            for item in kept[EntryKind.OPEN_SESSION]}  # fmt: skip
                await self._compare(client, kept, resolved)
        finally:
            await store.close()

    async def _compare(self, client: Any, kept: dict[EntryKind, list[Any]], resolved: dict[str, str]) -> None:
        confirmed = read_journal(self.journal)
        self.result.confirmed = len(confirmed)
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for change in confirmed:
            by_kind.setdefault(change["kind"], []).append(change)

        # Sessions: each opened here is one session on the server, on its own day; nothing else on those days.
        server_sessions: Counter[str] = Counter()
        for sector in SECTORS:
            page_number = 1
            while True:  # chaos days only (see chaos_office.FIRST_DAY)
                page = await client.list_sessions(project_id=PROJECT, sector_id=sector, from_day=FIRST_DAY,
                                                  to_day=LAST_DAY, page=page_number, limit=100)  # fmt: skip
                for session in page.items:
                    server_sessions[f"{sector}@{session.opened_at.isoformat()}"] += 1
                if page_number * 100 >= page.total or not page.items:
                    break
                page_number += 1
        opened = Counter(
            f"{item.payload['new_session']['sector_id']}@{item.payload['new_session']['opened_at']}"
            for item in kept[EntryKind.OPEN_SESSION]
        )
        self._tally("session", [f"{c['sector']}@{c['opened_at']}" for c in by_kind.get("open", [])],
                    opened, server_sessions, normalise=_instant)  # fmt: skip

        # Records and voids: every session opened here, read back in full.
        records: Counter[str] = Counter()
        voids: Counter[str] = Counter()
        record_ids: dict[str, str] = {}
        for session_id in set(resolved.values()):
            for record in await client.list_session_records(session_id):
                if record.void_of is not None:
                    voids[record.void_of] += 1
                elif record.client_event_id:
                    records[record.client_event_id] += 1
                    record_ids[record.client_event_id] = record.record_id
        made = Counter(item.idem_key for item in kept[EntryKind.CREATE_RECORD])
        self._tally("record", [c["id"] for c in by_kind.get("record", [])], made, records)
        voided_events = [item.payload["target_event_id"] for item in kept[EntryKind.VOID_RECORD]]
        self._tally(
            "void",
            [record_ids.get(c["target"], f"?{c['target']}") for c in by_kind.get("void", [])],
            Counter(record_ids.get(event, f"?{event}") for event in voided_events),
            voids,
        )

        # Workers and forms, found by the unique name or note each carries.
        workers: Counter[str] = Counter()
        page_number = 1
        while True:
            page = await client.list_workers(query="caos", page=page_number, limit=100)
            workers.update(worker.last_name for worker in page.items if "caos" in worker.last_name)
            if page_number * 100 >= page.total:
                break
            page_number += 1
        self._tally("worker", [c["last_name"] for c in by_kind.get("worker", [])],
                    Counter(item.payload["new_worker"]["last_name"] for item in kept[EntryKind.CREATE_WORKER]),
                    workers)  # fmt: skip
        forms: Counter[str] = Counter()
        for stored in await client.list_form_records(form_id=FORM_ID):
            for value in stored.form_values:
                if value.get("name") == "notes" and str(value.get("value", "")).startswith("chaos-"):
                    forms[value["value"]] += 1
        self._tally("form", [c["note"] for c in by_kind.get("form", [])],
                    Counter(_form_note(item.payload) for item in kept[EntryKind.SUBMIT_FORM]), forms)  # fmt: skip

    def _tally(
        self,
        what: str,
        promised: list[str],
        in_outbox: Counter[str],
        on_server: Counter[str],
        normalise: Any = str,
    ) -> None:
        outbox = Counter({normalise(key): count for key, count in in_outbox.items()})
        server = Counter({normalise(key): count for key, count in on_server.items()})
        self.result.on_server += sum(1 for key in server if key in outbox)
        for key in map(normalise, promised):
            if server[key] == 0 or outbox[key] == 0:
                self.result.lost += 1
                self.result.lost_by_kind[what] += 1
                self.result.problems.append(f"lost {what} {key}")
        for key, count in server.items():
            if count > 1:
                self.result.doubled += 1
                self.result.problems.append(f"doubled {what} {key} ({count}x)")
            if key not in outbox:
                self.result.unexpected += 1
                self.result.problems.append(f"unexpected {what} {key} on the server")


def _instant(key: str) -> str:
    """`sector@opened_at` with the instant in one spelling (the outbox, the journal and the server differ)."""
    sector, _, instant = key.partition("@")
    return f"{sector}@{datetime.fromisoformat(instant.replace('Z', '+00:00')).timestamp():.0f}"


def _form_note(payload: dict[str, Any]) -> str:
    for value in payload["record"].get("form_values") or []:
        if value.get("name") == "notes":
            return str(value.get("value"))
    return "?"


class LineCounter:
    """How many lines a file another process appends to has now, reading only what was added since last time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offset = 0
        self._lines = 0

    def count(self) -> int:
        try:
            with self.path.open("rb") as appended:
                appended.seek(self._offset)
                added = appended.read()
        except FileNotFoundError:
            return 0
        self._offset += len(added)
        self._lines += added.count(b"\n")
        return self._lines


async def run_soak(
    data_dir: Path,
    work_dir: Path,
    *,
    cycles: int,
    seed: int,
    pause: float = 0.02,
    batch: int = 20,
    progress: Any = None,
) -> SoakResult:
    """`cycles` lives of an office on one cache against the simulator on `data_dir` (seeded, used by nobody else)."""
    if cycles > MAX_LIVES:
        raise ValueError(f"at most {MAX_LIVES} cycles: each life opens sessions on days of its own")
    soak = Soak(data_dir, work_dir, seed, pause=pause, batch=batch)
    started = time.perf_counter()
    await soak.start()
    try:
        for life in range(cycles):
            # At least one server crash in every run, halfway through, whatever the dice say.
            await soak.cycle(life, restart_sim=life == cycles // 2 and soak.result.sim_restarts == 0)
            soak.result.cycles += 1
            if progress is not None:
                progress(soak.result)
        assert soak.proxy is not None
        applied = [fault for fault, _ in soak.proxy.faults_applied]
        soak.result.replies_dropped = applied.count(Fault.DROP_AFTER_COMMIT)
        soak.result.faults = Counter(fault.value for fault in applied)
        await soak.settle_and_count()
    finally:
        with contextlib.suppress(Exception):
            await soak.close()
    soak.result.seconds = round(time.perf_counter() - started, 1)
    return soak.result
