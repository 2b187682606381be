"""One paho-mqtt connection for the simulator's field side, with its events handed to an asyncio loop.

paho runs its network loop in a thread of its own; every callback we are given (a message, a (re)connection,
a publish acknowledged by the broker) is passed to the simulator's loop with `call_soon_threadsafe`, so the code
that touches the store never runs on paho's thread. Publishing from the loop is safe: paho's publish is
thread-safe and wakes its own thread.

URLs: `ws://host:port/mqtt` (MQTT over WebSocket, the app's way in), `mqtt://host:port` or `tcp://` (plain
MQTT), and `wss://` / `mqtts://` with TLS (certificates verified).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTProtocolVersion

log = logging.getLogger(__name__)

TOKEN_HEADER = "x-iot-token"
PahoTransport = Literal["websockets", "tcp"]
SCHEMES: dict[str, tuple[PahoTransport, bool]] = {
    "ws": ("websockets", False),
    "wss": ("websockets", True),
    "mqtt": ("tcp", False),
    "tcp": ("tcp", False),
}
SCHEMES |= {"mqtts": ("tcp", True), "ssl": ("tcp", True)}
DEFAULT_PORTS = {"websockets": (80, 443), "tcp": (1883, 8883)}
NEVER_S = 24 * 3600  # a reconnect delay no test or demo outlives: an aborted link stays down

Credentials = Callable[[], tuple[str, str]]
"""Returns (username, password) for the next connection attempt; called before every (re)connect, so a
short-lived token is fresh each time. The password also goes in the `x-iot-token` header over WebSocket."""


@dataclass(frozen=True)
class Will:
    topic: str
    payload: bytes
    qos: int = 1
    retain: bool = True


def release_paho_sockets(client: mqtt.Client) -> None:
    """Close a stopped paho client's sockets now. paho closes the socket pair that wakes its thread only in
    `Client.__del__`, and when the client dies in a reference cycle the garbage collector may finalize those
    sockets first, which warns (an error under the test suite's warning filter). Call after `loop_stop()`."""
    reset = getattr(client, "_reset_sockets", None)  # paho 2.x; a later paho may have a public way
    if reset is not None:
        reset()


class MqttConnectError(ConnectionError):
    """The broker could not be reached, or refused the connection, in time."""


class MqttLink:
    def __init__(
        self,
        url: str,
        *,
        client_id: str,
        on_message: Callable[[str, bytes], None] | None = None,
        on_connected: Callable[[], None] | None = None,
        on_published: Callable[[int], None] | None = None,
        subscriptions: Sequence[tuple[str, int]] = (),
        will: Will | None = None,
        credentials: Credentials | None = None,
        keepalive: int = 30,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise ValueError(f"unsupported MQTT URL {url!r} (expected ws://, wss://, mqtt:// or mqtts://)")
        transport, tls = SCHEMES[parts.scheme]
        self.url = url
        self.client_id = client_id
        self._host = parts.hostname
        self._port = parts.port or DEFAULT_PORTS[transport][int(tls)]
        self._keepalive = keepalive
        self._subscriptions = list(subscriptions)
        self._on_message = on_message
        self._on_connected = on_connected
        self._on_published = on_published
        self._credentials = credentials
        self._token: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._connected = asyncio.Event()
        self._first_connack: asyncio.Future[None] | None = None
        self._pending_suback: int | None = None  # the message id of the SUBSCRIBE sent on connecting
        self._running = False

        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=client_id,
            transport=transport,
            protocol=MQTTProtocolVersion.MQTTv311,
            clean_session=True,
        )
        if transport == "websockets":
            client.ws_set_options(path=parts.path or "/mqtt", headers=self._websocket_headers)
        if tls:
            client.tls_set()  # the system's CAs, hostname checked
        if will is not None:
            client.will_set(will.topic, will.payload, will.qos, will.retain)
        client.reconnect_delay_set(min_delay=1, max_delay=5)
        client.on_pre_connect = self._before_connect
        client.on_connect = self._handle_connect
        client.on_disconnect = self._handle_disconnect
        client.on_message = self._handle_message
        client.on_publish = self._handle_publish
        client.on_subscribe = self._handle_subscribe
        self._client = client

    # ------------------------------------------------------------------ lifecycle (on the asyncio loop)
    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    async def connect(self, within_s: float = 10.0) -> None:
        """Connect and start paho's thread; return once the broker accepted us and our subscriptions (it reconnects
        by itself later)."""
        self._loop = asyncio.get_running_loop()
        self._first_connack = self._loop.create_future()
        self._running = True
        self._client.connect_async(self._host, self._port, self._keepalive)
        self._client.loop_start()
        try:
            async with asyncio.timeout(within_s):
                await self._first_connack
        except TimeoutError:
            await self.close()
            raise MqttConnectError(f"no connection to {self.url} within {within_s:.0f} s") from None
        except MqttConnectError:
            await self.close()
            raise

    async def close(self) -> None:
        """Disconnect cleanly (the broker discards our last will)."""
        if not self._running:
            return
        self._running = False
        self._client.disconnect()
        await asyncio.to_thread(self._client.loop_stop)
        release_paho_sockets(self._client)
        self._connected.clear()

    async def abort(self) -> None:
        """Drop the connection without a DISCONNECT, as a dead battery or a lost radio would: the broker
        publishes our last will."""
        if not self._running:
            return
        self._running = False
        # A dead device never comes back by itself. paho would reconnect after the shutdown below if its thread
        # saw the connection go before loop_stop (in a worker thread: late on a busy machine) told it to stop, and
        # send again the message in flight when the radio died: an "online" status after the last will.
        self._client.reconnect_delay_set(min_delay=NEVER_S, max_delay=NEVER_S)
        stopping = asyncio.create_task(asyncio.to_thread(self._client.loop_stop))
        sock = self._client.socket()
        if sock is not None:
            # Shut the connection down under paho (it then sees EOF); detach so paho still owns the descriptor.
            raw = socket.socket(fileno=sock.fileno())
            try:
                with contextlib.suppress(OSError):
                    raw.shutdown(socket.SHUT_RDWR)
            finally:
                raw.detach()
        await stopping
        release_paho_sockets(self._client)
        self._connected.clear()

    # ------------------------------------------------------------------ publishing (any thread)
    def publish(self, topic: str, payload: bytes, qos: int = 0, retain: bool = False) -> int:
        """Queue a message; returns its message id (reported to `on_published` once the broker has it, QoS 1)."""
        return self._client.publish(topic, payload, qos, retain).mid

    def subscribe(self, topic: str, qos: int = 1) -> None:
        """Subscribe now and after every reconnect."""
        self._subscriptions.append((topic, qos))
        if self.connected:
            self._client.subscribe(topic, qos)

    # ------------------------------------------------------------------ paho callbacks (paho's thread)
    def _websocket_headers(self, headers: dict[str, Any]) -> dict[str, Any]:
        if self._token:
            headers[TOKEN_HEADER] = self._token
        return headers

    def _before_connect(self, client: mqtt.Client, _userdata: Any) -> None:
        if self._credentials is not None:
            username, password = self._credentials()
            client.username_pw_set(username, password)
            self._token = password

    def _handle_connect(self, client: mqtt.Client, _userdata: Any, _flags: Any, reason: Any, _props: Any) -> None:
        if reason.is_failure:
            log.warning("%s: %s refused the connection: %s", self.client_id, self.url, reason)
            self._to_loop(self._refused, str(reason))
            return
        if self._subscriptions:
            # Connected once the broker has the subscriptions too: a command published to a device that has a
            # connection but no subscription yet would be dropped by the broker (MQTT keeps nothing for it).
            _result, self._pending_suback = client.subscribe(list(self._subscriptions))
            return
        self._to_loop(self._became_connected)

    def _handle_subscribe(self, _client: mqtt.Client, _userdata: Any, mid: int, _reasons: Any, _props: Any) -> None:
        if mid == self._pending_suback:
            self._pending_suback = None
            self._to_loop(self._became_connected)

    def _handle_disconnect(self, _client: mqtt.Client, _userdata: Any, _flags: Any, reason: Any, _props: Any) -> None:
        self._to_loop(self._connected.clear)
        if self._running:
            log.info("%s lost its connection to %s (%s); paho reconnects", self.client_id, self.url, reason)

    def _handle_message(self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        if self._on_message is not None:
            self._to_loop(self._on_message, message.topic, bytes(message.payload))

    def _handle_publish(self, _client: mqtt.Client, _userdata: Any, mid: int, _reason: Any, _props: Any) -> None:
        if self._on_published is not None:
            self._to_loop(self._on_published, mid)

    # ------------------------------------------------------------------ hand-over
    def _became_connected(self) -> None:
        self._connected.set()
        if self._first_connack is not None and not self._first_connack.done():
            self._first_connack.set_result(None)
        if self._on_connected is not None:
            self._on_connected()

    def _refused(self, reason: str) -> None:
        if self._first_connack is not None and not self._first_connack.done():
            self._first_connack.set_exception(MqttConnectError(f"{self.url} refused {self.client_id}: {reason}"))

    def _to_loop(self, callback: Callable[..., None], *args: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
            loop.call_soon_threadsafe(callback, *args)
