"""`python -m hydrodesk.sim.broker_cli`: run a simulator broker in a process of its own.

    amqtt --host H [--ws-port N] [--tcp-port N] [--data DIR]
        the embedded broker (hydrodesk.sim.broker); with --data, IoT tokens signed by that simulator are required
    relay --host H [--ws-port N] --upstream HOST:PORT [--data DIR]
        a WebSocket front for a TCP-only broker such as mosquitto (hydrodesk.sim.ws_relay)

Once listening it prints one line, `hydrodesk-broker ready ws=ws://H:P/mqtt tcp=mqtt://H:Q`. It exits cleanly
when its standard input closes (its parent stopped it, or died: a killed simulator never leaves an orphaned broker
holding its ports), on SIGTERM, and on Ctrl+C / Ctrl+Break only when run from a terminal (under a parent they
are the parent's to handle: it stops the broker last, after its devices said goodbye).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

from hydrodesk.sim.broker import host_port, start_embedded_broker
from hydrodesk.sim.broker_auth import token_check
from hydrodesk.sim.broker_process import READY_PREFIX
from hydrodesk.sim.mqtt_ws_front import MQTT_PATH, bound_port
from hydrodesk.sim.ws_relay import start_relay

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def _loopback(host: str) -> str:
    if host not in LOOPBACK_HOSTS:
        raise argparse.ArgumentTypeError("the simulator's broker listens on loopback only")
    return host


def _upstream(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT")
    return host.strip("[]"), int(port)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m hydrodesk.sim.broker_cli", description=__doc__.split("\n")[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    amqtt = kinds.add_parser("amqtt", help="the embedded amqtt broker")
    relay = kinds.add_parser("relay", help="a WebSocket front for a TCP-only broker")
    for sub in (amqtt, relay):
        sub.add_argument("--host", type=_loopback, default="127.0.0.1")
        sub.add_argument("--ws-port", type=int, default=0)
        sub.add_argument("--data", type=Path, default=None, help="simulator data folder: require its IoT tokens")
        sub.add_argument("--log-level", default="WARNING")
    amqtt.add_argument("--tcp-port", type=int, default=0)
    relay.add_argument("--upstream", type=_upstream, required=True, help="the TCP broker, HOST:PORT")
    return parser


def _watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """Stop when the parent closes our standard input (or dies, which closes it too)."""
    fd = sys.stdin.fileno()

    def wait_for_eof() -> None:
        # os.read, not sys.stdin: a daemon thread blocked inside a buffered reader aborts interpreter shutdown.
        try:
            while os.read(fd, 4096):
                pass
        except OSError:
            pass
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=wait_for_eof, name="broker-stdin-watch", daemon=True).start()


def _stop_on_signals(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """From a terminal, Ctrl+C (Ctrl+Break) stops us. Under a parent (the simulator), those reach us too, but the
    parent must first power its devices down through us: it closes our stdin when it is done, so we ignore them."""
    console_signals = [signal.SIGINT]
    if sys.platform == "win32":
        console_signals.append(signal.SIGBREAK)
    from_terminal = sys.stdin.isatty()
    for sig in console_signals:
        if not from_terminal:
            signal.signal(sig, signal.SIG_IGN)
        elif sys.platform == "win32":
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
        else:
            loop.add_signal_handler(sig, stop.set)
    if sys.platform != "win32":
        loop.add_signal_handler(signal.SIGTERM, stop.set)


async def _run(args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    _stop_on_signals(loop, stop)
    close: Callable[[], Awaitable[None]]
    if args.kind == "amqtt":
        broker = await start_embedded_broker(
            args.host, ws_port=args.ws_port, tcp_port=args.tcp_port, data_dir=args.data
        )
        ws_url, tcp_url, close = broker.ws_url, broker.tcp_url, broker.stop
    else:
        upstream_host, upstream_port = args.upstream
        check = token_check(args.data) if args.data is not None else None
        relay = await start_relay(args.host, args.ws_port, upstream_host, upstream_port, check)
        ws_url = f"ws://{host_port(args.host, bound_port(relay))}{MQTT_PATH}"
        tcp_url = f"mqtt://{host_port(upstream_host, upstream_port)}"

        async def close() -> None:
            relay.close()
            await relay.wait_closed()

    print(f"{READY_PREFIX} ws={ws_url} tcp={tcp_url}", flush=True)  # noqa: T201 - the readiness line
    _watch_stdin(loop, stop)
    try:
        await stop.wait()
    finally:
        await close()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s broker %(name)s %(levelname)s %(message)s")
    asyncio.run(_run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
