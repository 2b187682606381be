"""A WebSocket front for a broker that speaks only MQTT over TCP (Debian's mosquitto is built without WebSockets).

Each WebSocket connection at `/mqtt` gets its own TCP connection to the broker, and bytes flow both ways
unchanged: MQTT over WebSocket does not align packets with frames (MQTT 3.1.1 §6), so none of it is parsed here.
When either side goes away the other is closed without a word, so the broker sees exactly what a direct client's
death looks like (its last will fires) and the client sees the broker vanish when it does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from websockets.asyncio.server import Server, ServerConnection
from websockets.exceptions import ConnectionClosed

from hydrodesk.sim.mqtt_ws_front import TokenCheck, serve_mqtt_websocket

log = logging.getLogger(__name__)

READ_CHUNK = 64 * 1024


async def _client_to_broker(websocket: ServerConnection, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionClosed):
        async for message in websocket:
            writer.write(message if isinstance(message, bytes) else message.encode())
            await writer.drain()


async def _broker_to_client(reader: asyncio.StreamReader, websocket: ServerConnection) -> None:
    with contextlib.suppress(ConnectionClosed):
        while chunk := await reader.read(READ_CHUNK):
            await websocket.send(chunk)


async def relay_connection(websocket: ServerConnection, broker_host: str, broker_port: int) -> None:
    try:
        reader, writer = await asyncio.open_connection(broker_host, broker_port)
    except OSError:
        log.info("relay: the broker at %s:%s is not reachable", broker_host, broker_port)
        await websocket.close(1011, "broker unavailable")
        return
    pumps = [
        asyncio.create_task(_client_to_broker(websocket, writer)),
        asyncio.create_task(_broker_to_client(reader, websocket)),
    ]
    try:
        await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for pump in pumps:
            pump.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        await websocket.close()


async def start_relay(
    host: str, ws_port: int, broker_host: str, broker_port: int, token_check: TokenCheck | None = None
) -> Server:
    """Serve MQTT over WebSocket on `host:ws_port` (0: a free port), relayed to the TCP broker."""

    async def handler(websocket: ServerConnection) -> None:
        await relay_connection(websocket, broker_host, broker_port)

    return await serve_mqtt_websocket(handler, host, ws_port, token_check)
