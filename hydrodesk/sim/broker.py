"""The embedded MQTT broker for the demo: amqtt behind our WebSocket front, plus a plain TCP listener.

The WebSocket side goes through hydrodesk.sim.mqtt_ws_front (path `/mqtt`, subprotocol `mqtt`, the
`x-iot-token` header) and is handed to amqtt as an "external" listener; the TCP listener serves the simulated
devices and the field bus (and tests), which have no browser-like constraints. With a data folder, every client
must authenticate with an IoT token the simulator signed (see hydrodesk.sim.broker_auth); without one, anyone may
connect (tests of the broker alone).

It runs in a process of its own (hydrodesk.sim.broker_cli, started by hydrodesk.sim.broker_process): measured
here, it costs the REST side little even in-process, but a separate process keeps a busy or crashing broker off
the simulator's event loop and lets tests stop and restart it like a real one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amqtt.adapters import StreamReaderAdapter, StreamWriterAdapter, WebSocketsReader, WebSocketsWriter
from amqtt.broker import Broker
from websockets.asyncio.server import Server, ServerConnection

from hydrodesk.sim.broker_auth import token_check
from hydrodesk.sim.mqtt_ws_front import MQTT_PATH, bound_port, serve_mqtt_websocket

log = logging.getLogger(__name__)

# Both sockets are ours (so we know their ports and can filter the WebSocket upgrade); amqtt gets the
# connections through its one "external" listener, which must be named "default".
LISTENER = "default"
TCP_CLOSE_WAIT_S = 2.0


def host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def broker_config(data_dir: Path | None) -> dict[str, Any]:
    auth_plugin: dict[str, Any] = (
        {"hydrodesk.sim.broker_auth.IotTokenAuthPlugin": {"data_dir": str(data_dir)}}
        if data_dir is not None
        else {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}}
    )
    return {
        # amqtt skips a listener without "bind", though an external one binds nothing.
        "listeners": {LISTENER: {"type": "external", "bind": "external"}},
        # Replaces amqtt's defaults: no packet logger, no $SYS publisher (noise on a loopback demo).
        "plugins": auth_plugin,
    }


class _Broker(Broker):
    async def _publish_retained_messages_for_subscription(self, subscription: tuple[str, int], session: Any) -> None:
        # amqtt 0.12.1 calls this on every new connection for every filter that ANY client holds, so a client got
        # retained messages it never subscribed to (other companies' device states, among them). Only a filter
        # this session itself holds may deliver.
        holders = self._subscriptions.get(subscription[0], [])
        if any(holder.client_id == session.client_id for holder, _qos in holders):
            await super()._publish_retained_messages_for_subscription(subscription, session)


@dataclass
class EmbeddedBroker:
    broker: Broker
    ws_server: Server
    tcp_server: asyncio.Server
    host: str
    tcp_clients: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def tcp_port(self) -> int:
        return int(self.tcp_server.sockets[0].getsockname()[1])

    @property
    def ws_port(self) -> int:
        return bound_port(self.ws_server)

    @property
    def ws_url(self) -> str:
        return f"ws://{host_port(self.host, self.ws_port)}{MQTT_PATH}"

    @property
    def tcp_url(self) -> str:
        return f"mqtt://{host_port(self.host, self.tcp_port)}"

    async def stop(self) -> None:
        # No new clients; then the broker lets its sessions go and the TCP connections still open are closed; only
        # then are the listeners waited for. Since Python 3.12.1 asyncio's `wait_closed()` also waits for every
        # connection still open: waiting first, a broker with a device connected never exited.
        self.ws_server.close()
        self.tcp_server.close()
        await self.broker.shutdown()
        for writer in list(self.tcp_clients):
            writer.close()
        await self.ws_server.wait_closed()
        # Bounded: on 3.12.1 `wait_closed()` sometimes never returns though no connection is left (seen 1 exit in 4
        # of the demo); the listening sockets are closed already, and the process ends right after.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.tcp_server.wait_closed(), TCP_CLOSE_WAIT_S)


async def start_embedded_broker(
    host: str = "127.0.0.1", *, ws_port: int = 0, tcp_port: int = 0, data_dir: Path | None = None
) -> EmbeddedBroker:
    """Start amqtt on the running loop; ports 0 pick free ones. With `data_dir`, IoT tokens are required."""
    broker = _Broker(broker_config(data_dir))
    await broker.start()

    async def websocket_client(connection: ServerConnection) -> None:
        await broker.external_connected(WebSocketsReader(connection), WebSocketsWriter(connection), LISTENER)

    tcp_clients: set[asyncio.StreamWriter] = set()

    async def tcp_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        tcp_clients.add(writer)
        try:
            await broker.external_connected(StreamReaderAdapter(reader), StreamWriterAdapter(writer), LISTENER)
        finally:
            tcp_clients.discard(writer)

    check = token_check(data_dir) if data_dir is not None else None
    try:
        tcp_server = await asyncio.start_server(tcp_client, host, tcp_port)
    except OSError:
        await broker.shutdown()
        raise
    try:
        ws_server = await serve_mqtt_websocket(websocket_client, host, ws_port, check)
    except OSError:
        tcp_server.close()
        await broker.shutdown()
        raise
    return EmbeddedBroker(broker, ws_server, tcp_server, host, tcp_clients)
