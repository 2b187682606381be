"""`hydrodesk-sim`: run the Hydrobit simulator and issue credentials for it. Kept stable: other tools rely on it.

hydrodesk-sim serve   --data DIR [--host 127.0.0.1] [--port N] [--mqtt-ws-port N] [--mqtt-url URL] [--no-devices]
                      [--live | --no-live] [--clock INSTANT] [--seed N]
hydrodesk-sim seed    --data DIR [--clock INSTANT]
hydrodesk-sim token   --data DIR --user AUTH0ID [--expires-in SECONDS]
hydrodesk-sim api-key --data DIR [--scope S ...] [--company ID]

`serve` brings the farm up to today (hydrodesk.sim.life); `--live` also puts it to work: today's sessions, field
tablets posting deliveries, irrigation programs on schedule. `--clock` starts the simulator's clock at an instant
(it runs on from there) and `--seed` fixes the live farm's draws, for runs that must come out the same. Their
defaults come from HYDRODESK_SIM_LIVE (1 or 0), HYDRODESK_SIM_CLOCK and HYDRODESK_SIM_SEED.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import sys
from datetime import datetime
from pathlib import Path

from hydrodesk.sim.auth import ALL_SCOPES, READ_SCOPES, USER_TOKEN_SECONDS
from hydrodesk.sim.clock import SimClock, parse_clock
from hydrodesk.sim.life.calendar import DEFAULT_SEED


def _loopback_host(value: str) -> str:
    # The simulator holds demo credentials and seeded people's names: it never listens beyond this machine.
    host = "127.0.0.1" if value == "localhost" else value
    try:
        if not ipaddress.ip_address(host).is_loopback:
            raise argparse.ArgumentTypeError(f"{value} is not a loopback address; the simulator stays local")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value} is not an IP address") from None
    return host


def _instant(value: str) -> datetime:
    try:
        return parse_clock(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _env_instant(name: str) -> datetime | None:
    value = os.environ.get(name)
    return _instant(value) if value else None


def _add_clock(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clock",
        type=_instant,
        default=_env_instant("HYDRODESK_SIM_CLOCK"),
        metavar="INSTANT",
        help="start the simulator's clock at this instant, e.g. 2026-12-02T09:30:00-03:00 (default: the real time)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hydrodesk-sim", description="A Hydrobit API simulator on loopback.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API (and MQTT broker and field devices)")
    serve.add_argument("--data", type=Path, required=True, help="data folder (created and seeded if empty)")
    serve.add_argument("--host", type=_loopback_host, default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="HTTP port (0: a free one)")
    serve.add_argument("--mqtt-ws-port", type=int, default=None, help="start the embedded broker (0: free port)")
    serve.add_argument("--mqtt-url", default=None, help="use this broker instead of the embedded one")
    serve.add_argument("--no-devices", action="store_true", help="do not run simulated field devices")
    serve.add_argument(
        "--live",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("HYDRODESK_SIM_LIVE", "0") not in ("", "0"),
        help="put the farm to work: today's sessions, field tablets posting deliveries, programs on schedule",
    )
    _add_clock(serve)
    serve.add_argument(
        "--seed",
        type=int,
        default=int(os.environ.get("HYDRODESK_SIM_SEED") or DEFAULT_SEED),
        help="the live farm's random seed (same seed and clock: same farm)",
    )
    serve.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="shut down cleanly when standard input closes (the program that started the simulator ended)",
    )
    serve.add_argument("--log-level", default="WARNING")

    seed = commands.add_parser("seed", help="create and seed a data folder without serving")
    seed.add_argument("--data", type=Path, required=True)
    _add_clock(seed)

    token = commands.add_parser("token", help="print a bearer JWT for a user")
    token.add_argument("--data", type=Path, required=True)
    token.add_argument("--user", required=True, help="the user's auth0Id, e.g. user_123456789")
    token.add_argument("--expires-in", type=int, default=USER_TOKEN_SECONDS, help="lifetime in seconds")

    api_key = commands.add_parser("api-key", help="print a scoped API key (keyId.token)")
    api_key.add_argument("--data", type=Path, required=True)
    api_key.add_argument(
        "--scope", action="append", choices=ALL_SCOPES, help="repeat for several (default: all read scopes)"
    )
    api_key.add_argument("--company", default="comp_12345")
    return parser


def _open_seeded(data_dir: Path, start: datetime | None = None):
    from hydrodesk.sim.context import SimContext
    from hydrodesk.sim.seed import seed_demo_farm

    ctx = SimContext.open(data_dir, clock=SimClock(start))
    seed_demo_farm(ctx)
    return ctx


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from hydrodesk.sim.server import serve

        logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
        asyncio.run(
            serve(
                args.data,
                host=args.host,
                port=args.port,
                mqtt_ws_port=args.mqtt_ws_port,
                mqtt_url=args.mqtt_url,
                devices=not args.no_devices,
                clock=SimClock(args.clock),
                live=args.live,
                seed=args.seed,
                exit_with_parent=args.exit_with_parent,
            )
        )
        return 0
    ctx = _open_seeded(args.data, getattr(args, "clock", None))
    try:
        if args.command == "seed":
            print(f"seeded {ctx.db.path}")
        elif args.command == "token":
            from hydrodesk.sim.auth import issue_user_token

            try:
                print(issue_user_token(ctx.db, ctx.secret, args.user, args.expires_in))
            except LookupError as exc:
                print(f"hydrodesk-sim: {exc}", file=sys.stderr)
                return 2
        elif args.command == "api-key":
            from hydrodesk.sim.auth import issue_api_key

            print(issue_api_key(ctx.db, args.company, tuple(args.scope or READ_SCOPES)))
    finally:
        ctx.db.close()
    return 0
