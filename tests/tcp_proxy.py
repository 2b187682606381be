"""A loopback HTTP/1.1 proxy a test controls, for faults a real network produces and a server never would on cue.

It runs as asyncio tasks on the test's own event loop, sits on a fixed port in front of the simulator, and
forwards requests unchanged (keep-alive on both sides) until told otherwise. Faults are planned per request:

- DROP_AFTER_COMMIT: forward the request, wait for the server's whole reply (so the server has committed), then
  drop the client's connection without a byte of it: the client cannot know whether its write happened.
- RESET: drop the connection without forwarding (the request never reached the server).
- SERVER_ERROR: answer 500 with the API's error shape, without forwarding.
- GARBAGE: answer 200 with a body that is not JSON, without forwarding.
- HANG: keep the connection open and never answer (the client's timeout fires).
- STALL: hold the request for `stall_s` before forwarding it, then forward it and pass the reply on: a slow link.
  With `stall_s` beyond the client's timeout, the client gives up and tries again while its first request is still
  on its way, and the server gets both, the first one last.

`set_upstream` points it at another server (a simulator restarted on a new port); while the upstream is down,
connections are dropped, as a dead server behind a live network would look.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from dataclasses import dataclass
from enum import Enum


class Fault(Enum):
    DROP_AFTER_COMMIT = "drop_after_commit"
    RESET = "reset"
    SERVER_ERROR = "server_error"
    GARBAGE = "garbage"
    HANG = "hang"
    STALL = "stall"


@dataclass
class _Planned:
    fault: Fault
    path_contains: str
    remaining: int  # -1: every matching request until cleared


class ProxyClosed(Exception):
    pass


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int, *, stall_s: float = 2.5) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.stall_s = stall_s
        self._server: asyncio.Server | None = None
        self._plans: deque[_Planned] = deque()
        self._connections: set[asyncio.Task[None]] = set()
        self.requests: list[str] = []  # "METHOD /path" of every request seen
        self.faults_applied: list[tuple[Fault, str]] = []
        self._arrivals = asyncio.Condition()

    # ------------------------------------------------------------------------------------------ control
    async def start(self, port: int = 0) -> TcpProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", port)
        return self

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_upstream(self, host: str, port: int) -> None:
        self.upstream = (host, port)

    def plan(self, fault: Fault, *, path_contains: str = "", count: int = 1) -> None:
        """Apply `fault` to the next `count` requests whose path contains `path_contains` (-1: all of them)."""
        self._plans.append(_Planned(fault, path_contains, count))

    def clear(self) -> None:
        self._plans.clear()

    def count(self, path_contains: str = "") -> int:
        return sum(1 for request in self.requests if path_contains in request)

    async def wait_for_requests(self, count: int, path_contains: str = "") -> None:
        """Until `count` requests whose path contains `path_contains` have arrived (in all)."""
        async with self._arrivals:
            await self._arrivals.wait_for(lambda: self.count(path_contains) >= count)

    async def close(self) -> None:
        # Connections are ended before waiting for the server: since Python 3.12.1 `wait_closed()` waits for every
        # open connection too, and a keep-alive client's connection would keep it waiting forever. A connection
        # accepted just before the close reaches `_accept` a loop turn or two later: those are ended as well.
        if self._server is not None:
            self._server.close()
        for _ in range(3):
            await asyncio.sleep(0)
            while self._connections:
                for task in list(self._connections):
                    task.cancel()
                await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    # ------------------------------------------------------------------------------------------ serving
    def _take_fault(self, path: str) -> Fault | None:
        for planned in self._plans:
            if planned.path_contains in path and planned.remaining != 0:
                if planned.remaining > 0:
                    planned.remaining -= 1
                return planned.fault
        return None

    def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        # The handler's task is known from the moment the connection is, not from its first step: close() must
        # find every one (one it missed would be destroyed while pending when the test's loop closes).
        task = asyncio.get_running_loop().create_task(self._serve(client_reader, client_writer))
        self._connections.add(task)
        task.add_done_callback(self._connections.discard)

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                request = await _read_request(client_reader)
                if request is None:
                    return
                head, raw = request
                method, path = head.split(" ", 2)[:2]
                self.requests.append(f"{method} {path}")
                async with self._arrivals:
                    self._arrivals.notify_all()
                fault = self._take_fault(path)
                if fault is not None:
                    self.faults_applied.append((fault, path))
                if fault is Fault.RESET:
                    return
                if fault is Fault.HANG:
                    await client_reader.read()  # until the client gives up and closes
                    return
                if fault is Fault.STALL:
                    await asyncio.sleep(self.stall_s)
                if fault in (Fault.SERVER_ERROR, Fault.GARBAGE):
                    client_writer.write(_canned(fault))
                    await client_writer.drain()
                    return
                if upstream is None:
                    try:
                        upstream = await asyncio.open_connection(*self.upstream)
                    except OSError:
                        return  # the server is down: the client sees its connection dropped
                up_reader, up_writer = upstream
                up_writer.write(raw)
                await up_writer.drain()
                response = await _read_response(up_reader, head_only=method == "HEAD")
                if response is None:
                    return
                if fault is Fault.DROP_AFTER_COMMIT:
                    return
                client_writer.write(response)
                await client_writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ProxyClosed):
            return
        except asyncio.CancelledError:
            # close() ends the connections by cancelling them: ending quietly is this task's way to finish.
            return
        finally:
            # Both closed before either is waited for: close() may cancel this task again while it waits (a
            # connection that ended by itself just as the proxy closed), and a writer not closed by then was left
            # open (an unclosed socket at the test's teardown).
            writers = [writer for writer in (client_writer, upstream[1] if upstream else None) if writer is not None]
            for writer in writers:
                writer.close()
            for writer in writers:
                with contextlib.suppress(Exception):
                    await writer.wait_closed()


def _canned(fault: Fault) -> bytes:
    if fault is Fault.SERVER_ERROR:
        body = b'{"status":"error","message":"Injected failure for a test","error":"injected"}'
        status = b"500 Internal Server Error"
        kind = b"application/json"
    else:
        body = b"<html><body>502 proxy hiccup{"
        status = b"200 OK"
        kind = b"application/json"
    return (
        b"HTTP/1.1 " + status + b"\r\nContent-Type: " + kind + b"\r\nContent-Length: " + str(len(body)).encode()
        + b"\r\nConnection: close\r\n\r\n" + body
    )  # fmt: skip


async def _read_head(reader: asyncio.StreamReader) -> bytes | None:
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as partial:
        if not partial.partial:
            return None
        raise ProxyClosed from None
    except asyncio.LimitOverrunError:
        raise ProxyClosed from None


def _headers(head: bytes) -> dict[str, str]:
    lines = head.decode("latin-1").split("\r\n")[1:]
    found: dict[str, str] = {}
    for line in lines:
        if ":" in line:
            name, value = line.split(":", 1)
            found[name.strip().lower()] = value.strip()
    return found


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, bytes] | None:
    head = await _read_head(reader)
    if head is None:
        return None
    length = int(_headers(head).get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return head.decode("latin-1").split("\r\n", 1)[0], head + body


async def _read_response(reader: asyncio.StreamReader, *, head_only: bool) -> bytes | None:
    head = await _read_head(reader)
    if head is None:
        return None
    status = int(head.split(b" ", 2)[1])
    headers = _headers(head)
    if head_only or status in (204, 304) or 100 <= status < 200:
        return head
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = b""
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            chunks += size_line + chunk
            if size == 0:
                return head + chunks
    length = int(headers.get("content-length", "0"))
    return head + (await reader.readexactly(length) if length else b"")
