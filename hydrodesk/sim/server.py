"""`hydrodesk-sim serve`: the REST API under uvicorn plus the field side, on one asyncio loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from hydrodesk.sim import iot
from hydrodesk.sim.app import create_app
from hydrodesk.sim.clock import SimClock
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.field import start_field
from hydrodesk.sim.iot.telemetry import live_start
from hydrodesk.sim.iot.telemetry_record import TelemetryRecorder
from hydrodesk.sim.life import FarmLife
from hydrodesk.sim.life.calendar import DEFAULT_SEED
from hydrodesk.sim.seed import seed_demo_farm

log = logging.getLogger(__name__)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it Nagle and delayed ACKs add ~40 ms to every small reply.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(512)
    sock.setblocking(False)
    return sock


async def serve(
    data_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    mqtt_ws_port: int | None = None,
    mqtt_url: str | None = None,
    devices: bool = True,
    clock: SimClock | None = None,
    live: bool = False,
    seed: int = DEFAULT_SEED,
    exit_with_parent: bool = False,
) -> None:
    """Serve until SIGINT or SIGTERM, or, with `exit_with_parent`, until standard input closes."""
    ctx = SimContext.open(data_dir, clock=clock)
    seed_demo_farm(ctx)
    life = FarmLife(ctx, live=live, seed=seed)
    life.bring_up_to_date()
    sock = _bind(host, port)
    bound_port = sock.getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    ctx.base_url = f"http://{url_host}:{bound_port}"

    field = await start_field(
        iot.irrigation_state(ctx),
        host=host,
        mqtt_ws_port=mqtt_ws_port,
        mqtt_url=mqtt_url,
        devices=devices,
        data_dir=str(data_dir),
        recorder=TelemetryRecorder(ctx.db),
        start_from=live_start(ctx.db, ctx.clock),
        clock=ctx.clock.now,
    )
    ctx.fieldbus = field.fieldbus
    ctx.mqtt_url = field.mqtt_url

    config = uvicorn.Config(
        create_app(ctx), log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=5
    )
    server = _QuietServer(config)
    loop = asyncio.get_running_loop()
    _stop_on_signals(loop, server)
    if exit_with_parent:
        _stop_when_stdin_closes(loop, server)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if serving.done():
            await serving
            return
        await asyncio.sleep(0.01)
    ready = f"hydrodesk-sim listening {ctx.base_url}"
    if field.mqtt_url:
        ready += f" mqtt={field.mqtt_url}"
    print(ready, flush=True)  # noqa: T201 - the documented readiness line other tools wait for
    try:
        await life.start()  # the farm goes to work once clients may connect
        await serving
    finally:
        with _ignoring_signals(loop):
            await life.stop()
            await field.stop()
            ctx.db.close()


class _QuietServer(uvicorn.Server):
    """uvicorn re-raises SIGTERM after its own shutdown, which would kill us before the field side (broker,
    devices) is stopped; we handle the signals ourselves instead."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _stop_on_signals(loop: asyncio.AbstractEventLoop, server: uvicorn.Server) -> None:
    def request_exit(*_: object) -> None:
        server.should_exit = True

    if sys.platform == "win32":
        signal.signal(signal.SIGINT, request_exit)
        signal.signal(signal.SIGBREAK, request_exit)
    else:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, request_exit)


def _stop_when_stdin_closes(loop: asyncio.AbstractEventLoop, server: uvicorn.Server) -> None:
    """The app that started us holds the other end of our standard input: when it exits, however it exits (kill -9
    and a crash included, on every platform), the pipe closes and we shut down as on SIGTERM, instead of serving
    on, orphaned, with the demo farm's files open."""

    try:
        stdin = sys.stdin.fileno() if sys.stdin is not None else None
    except (OSError, ValueError):
        stdin = None
    if stdin is None:  # no standard input at all (a windowed build started without one): nothing to watch
        log.warning("--exit-with-parent: there is no standard input to watch")
        return

    def watch() -> None:
        # The file descriptor, not `sys.stdin.buffer`: a daemon thread blocked inside the buffered reader holds
        # its lock, and the interpreter aborts (SIGABRT) when it flushes standard input at exit.
        try:
            while os.read(stdin, 4096):
                pass  # nothing is ever written: only the end of the stream matters
        except (OSError, ValueError) as error:  # unreadable is not "closed": serve on rather than stop for nothing
            log.warning("--exit-with-parent: standard input could not be read (%s)", error)
            return
        with contextlib.suppress(RuntimeError):  # the loop already closed: we are stopping anyway
            loop.call_soon_threadsafe(setattr, server, "should_exit", True)

    threading.Thread(target=watch, name="hydrodesk-sim-parent-watch", daemon=True).start()


class _ignoring_signals:
    """While shutting down, a second Ctrl+C must not interrupt the database close half way."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def __enter__(self) -> None:
        if sys.platform != "win32":
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.loop.add_signal_handler(sig, lambda: None)

    def __exit__(self, *exc: object) -> None:
        if sys.platform != "win32":
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.loop.remove_signal_handler(sig)
