"""The MQTT-over-WebSocket entrance both simulator brokers share (embedded amqtt, and the relay to mosquitto).

It serves the upgrade at `/mqtt` only, speaks the `mqtt` subprotocol (MQTT 3.1.1 over WebSocket, as the
Hydrobit IoT server does), and, when it is given a token check, refuses an upgrade without a valid
`x-iot-token` header with 401 before any MQTT byte flows.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response
from websockets.typing import Subprotocol

log = logging.getLogger(__name__)

MQTT_PATH = "/mqtt"
TOKEN_HEADER = "x-iot-token"
# MQTT packets may be large (a retained state of a busy device); the broker, not the front, limits them.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024

TokenCheck = Callable[[str], bool]
ConnectionHandler = Callable[[ServerConnection], Awaitable[None]]


def upgrade_check(token_check: TokenCheck | None) -> Callable[[ServerConnection, Request], Response | None]:
    """The handshake filter: wrong path -> 404; missing or invalid IoT token (when checked) -> 401."""

    def check(connection: ServerConnection, request: Request) -> Response | None:
        if urlsplit(request.path).path != MQTT_PATH:
            return connection.respond(404, f"MQTT over WebSocket is served at {MQTT_PATH}\n")
        if token_check is None:
            return None
        token = request.headers.get(TOKEN_HEADER, "").strip()
        if not token or not token_check(token):
            log.info("refused an MQTT WebSocket upgrade: missing or invalid %s", TOKEN_HEADER)
            return connection.respond(401, f"A valid IoT token is required in the {TOKEN_HEADER} header\n")
        return None

    return check


async def serve_mqtt_websocket(
    handler: ConnectionHandler, host: str, port: int, token_check: TokenCheck | None = None
) -> Server:
    """Listen for MQTT-over-WebSocket upgrades; `port` 0 picks a free one (read it from `bound_port`)."""
    return await serve(
        handler,
        host,
        port,
        subprotocols=[Subprotocol("mqtt")],
        process_request=upgrade_check(token_check),
        # MQTT has its own keep-alive; WebSocket pings would only add traffic, and deflate only CPU.
        ping_interval=None,
        compression=None,
        max_size=MAX_MESSAGE_BYTES,
    )


def bound_port(server: Server) -> int:
    return int(next(iter(server.sockets)).getsockname()[1])
