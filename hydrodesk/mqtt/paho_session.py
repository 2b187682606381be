"""One MQTT connection with one IoT token: a paho client, its network thread, and nothing else.

paho's automatic reconnection is not used: it cannot fetch a new token (an async API call) or add jitter, so a
session lives from one CONNECT to one loss, and hydrodesk.mqtt.connection opens the next one. The network
thread runs `Client.loop()` itself. Reading is ours, not paho's (hydrodesk.mqtt.stream_reader): one `recv` of up
to 64 KiB is cut into every packet it completes, the QoS 0 PUBLISH packets go to the inbox as one batch of raw
(topic, payload), and every other packet (CONNACK, SUBACK, PINGRESP, QoS 1 PUBLISH...) is handed to paho's own
handler, so paho keeps the protocol's state. The loop hears about the rare events (CONNACK, SUBACK, the end)
through `call_soon_threadsafe`.

Sockets: paho 2.x leaves the TCP (or TLS) socket open when the WebSocket upgrade is refused, and leaves its
wake-up socket pair to the garbage collector; both would warn (an error under the test suite). `_Client`
closes what a failed attempt opened, and the thread releases every socket when it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import ssl
import threading
from collections.abc import Callable, Sequence
from typing import Any, Final, Literal, cast
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode, MQTTProtocolVersion
from paho.mqtt.exception import MalformedPacket

from hydrodesk.mqtt.access import IotAccess
from hydrodesk.mqtt.errors import ConnectFailure, FailureKind, from_connack, from_exception
from hydrodesk.mqtt.inbox import Inbox, RawMessage
from hydrodesk.mqtt.stream_reader import (
    OPCODE_PONG,
    FrameEvents,
    MqttPackets,
    StreamError,
    WebSocketFrames,
    split_publish,
)

log = logging.getLogger(__name__)

TOKEN_HEADER = "x-iot-token"
PahoTransport = Literal["websockets", "tcp"]
SCHEMES: dict[str, tuple[PahoTransport, bool]] = {
    "ws": ("websockets", False),
    "wss": ("websockets", True),
    "mqtt": ("tcp", False),
    "mqtts": ("tcp", True),
}
DEFAULT_PORTS = {("websockets", False): 80, ("websockets", True): 443, ("tcp", False): 1883, ("tcp", True): 8883}
LOOP_TIMEOUT_S = 1.0
READ_SIZE: Final = 64 * 1024


def new_client_id(prefix: str = "hydrodesk") -> str:
    """Unique per session: a renewal opens the new session before it closes the old one."""
    return f"{prefix}-{secrets.token_hex(6)}"


def _written_by_the_network_thread(_client: mqtt.Client, _userdata: Any, _sock: Any) -> None:
    """Nothing to register: the network thread's `loop()` selects for writing whenever paho has something to send."""


def _fresh_in_packet() -> dict[str, Any]:
    """paho's idea of "no packet under way" (what its own `_packet_read` leaves behind)."""
    return {
        "command": 0,
        "have_remaining": 0,
        "remaining_count": [],
        "remaining_mult": 1,
        "remaining_length": 0,
        "packet": bytearray(b""),
        "to_process": 0,
        "pos": 0,
    }


class _Client(mqtt.Client):
    """paho's Client, closing what a connection attempt opened when the attempt fails half-way, and reading the
    stream in chunks when `publish_sink` is set (QoS 0 PUBLISH packets go there in batches)."""

    _attempt: list[Any]
    publish_sink: Callable[[list[RawMessage]], None] | None = None
    _frames: WebSocketFrames | None = None
    _packets: MqttPackets | None = None

    def reconnect(self) -> MQTTErrorCode:
        # A new connection: nothing half-read from the last one may leak into it.
        self._frames = WebSocketFrames() if self._transport == "websockets" else None
        self._packets = MqttPackets()
        return super().reconnect()

    def _packet_read(self) -> MQTTErrorCode:
        sink, sock, packets = self.publish_sink, self._sock, self._packets
        if sink is None or sock is None or packets is None or self._protocol == mqtt.MQTTv5:
            return super()._packet_read()
        frames = self._frames
        events = FrameEvents()
        raw = getattr(sock, "_socket", None) if frames is not None else sock
        if raw is None or (frames is not None and not hasattr(sock, "_create_frame")):
            return super()._packet_read()  # a paho whose WebSocket wrapper changed shape: its own reader
        try:
            data = raw.recv(READ_SIZE)
        except (BlockingIOError, ssl.SSLWantReadError):
            return MQTTErrorCode.MQTT_ERR_AGAIN
        except ssl.SSLWantWriteError:
            self._call_socket_register_write()
            return MQTTErrorCode.MQTT_ERR_AGAIN
        except OSError as err:
            log.debug("MQTT read failed: %s", err)
            return MQTTErrorCode.MQTT_ERR_CONN_LOST
        if not data:
            return MQTTErrorCode.MQTT_ERR_CONN_LOST
        with self._msgtime_mutex:
            self._last_bytes_received = mqtt.time_func()
        try:
            if frames is not None:
                data = frames.feed(data, events)
                framer: Any = sock  # paho's WebSocket wrapper (checked above to have _create_frame)
                for ping in events.pings:
                    raw.send(framer._create_frame(OPCODE_PONG, bytearray(ping), 1))
            complete = packets.feed(data)
        except StreamError as err:
            log.warning("the broker sent a broken stream: %s", err)
            return MQTTErrorCode.MQTT_ERR_PROTOCOL
        batch: list[RawMessage] = []
        for first, body in complete:
            parts = split_publish(first, body)
            if parts is not None:
                batch.append(parts)
                continue
            if batch:  # in order: what came before this packet is delivered first
                sink(batch)
                batch = []
            rc = self._handle_packet(first, body)
            if rc != MQTTErrorCode.MQTT_ERR_SUCCESS:
                return rc
        if batch:
            sink(batch)
        if frames is not None and events.closed:  # after what came before it (a refusing CONNACK, say)
            return MQTTErrorCode.MQTT_ERR_CONN_LOST
        return MQTTErrorCode.MQTT_ERR_SUCCESS

    def _handle_packet(self, first: int, body: bytes) -> MQTTErrorCode:
        """One whole packet through paho's own handler, as its `_packet_read` would have passed it."""
        packet = _fresh_in_packet()
        packet.update(command=first, have_remaining=1, remaining_length=len(body), packet=bytearray(body))
        self._in_packet = cast(Any, packet)  # paho types it as its private _InPacket TypedDict
        try:
            rc = self._packet_handle()
        except MalformedPacket as exc:
            log.debug("received a malformed packet: %s", exc)
            rc = MQTTErrorCode.MQTT_ERR_PROTOCOL
        self._in_packet = cast(Any, _fresh_in_packet())
        return rc

    def _create_socket(self) -> Any:
        self._attempt = []
        try:
            return super()._create_socket()
        except BaseException:
            for sock in reversed(self._attempt):
                with contextlib.suppress(OSError):
                    sock.close()
            raise
        finally:
            self._attempt = []

    def _create_socket_connection(self) -> Any:
        sock = super()._create_socket_connection()
        self._attempt.append(sock)
        return sock

    def _ssl_wrap_socket(self, tcp_sock: Any) -> ssl.SSLSocket:
        # paho's own version loses the TLS socket when the handshake fails. The context verifies the certificate
        # and the host name (check_hostname), so nothing else is checked here.
        assert self._ssl_context is not None
        ssl_sock = self._ssl_context.wrap_socket(tcp_sock, server_hostname=self._host, do_handshake_on_connect=False)
        self._attempt.append(ssl_sock)
        ssl_sock.settimeout(self._connect_timeout)
        ssl_sock.do_handshake()
        return ssl_sock


def release_sockets(client: mqtt.Client) -> None:
    """Close a finished client's sockets now, not in the garbage collector (paho 2.x: `_reset_sockets`)."""
    reset = getattr(client, "_reset_sockets", None)
    if reset is not None:
        reset()


class PahoSession:
    def __init__(
        self,
        access: IotAccess,
        inbox: Inbox,
        subscriptions: Sequence[tuple[str, int]],
        *,
        client_id: str | None = None,
        keepalive_s: int = 30,
        connect_timeout_s: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        parts = urlsplit(access.url)
        if parts.scheme not in SCHEMES or not parts.hostname:
            raise ConnectFailure(FailureKind.PROTOCOL, f"unsupported MQTT address scheme {parts.scheme!r}")
        transport, tls = SCHEMES[parts.scheme]
        self.url = access.url
        self.token = access.token
        self.client_id = client_id or new_client_id()
        self._host = parts.hostname
        self._port = parts.port or DEFAULT_PORTS[(transport, tls)]
        self._keepalive = keepalive_s
        self._subscriptions = list(subscriptions)
        self._inbox = inbox
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready: asyncio.Future[None] | None = None
        self.lost: asyncio.Future[ConnectFailure] | None = None
        """Resolves when the connection ends after it was ready (not when `close()` ends it)."""
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending_suback: int | None = None

        client = _Client(
            CallbackAPIVersion.VERSION2,
            client_id=self.client_id,
            transport=transport,
            protocol=MQTTProtocolVersion.MQTTv311,
            clean_session=True,
        )
        client.connect_timeout = connect_timeout_s
        client.username_pw_set(access.username, access.token)
        if transport == "websockets":
            # The broker URL (path included) comes from the IoT token reply; endpoints.py owns the documented one.
            client.ws_set_options(path=parts.path or "/", headers={TOKEN_HEADER: access.token})
        if tls:
            client.tls_set_context(ssl_context or ssl.create_default_context())
        client.on_connect = self._on_connect
        client.on_subscribe = self._on_subscribe
        # paho writes a publish on the caller's thread when it runs no loop thread of its own (ours is not paho's):
        # a command sent from the event loop then went out while the network thread wrote a PUBACK or a PONG on
        # the same WebSocket, and the two frames could interleave (a command acked "never", under load). With
        # a write-registration callback, paho queues the packet and wakes the network thread, which writes it.
        client.on_socket_register_write = _written_by_the_network_thread
        client.on_message = self._on_message  # QoS 1 messages; QoS 0 ones come in batches to the sink
        client.publish_sink = inbox.put_many
        self._client = client

    # ------------------------------------------------------------------ from the loop
    async def open(self, within_s: float = 15.0) -> None:
        """Connect, subscribe, and return once the broker acknowledged the subscriptions."""
        self._loop = asyncio.get_running_loop()
        self._ready = self._loop.create_future()
        self.lost = self._loop.create_future()
        self._thread = threading.Thread(target=self._network, name=f"mqtt-{self.client_id}", daemon=True)
        self._thread.start()
        try:
            async with asyncio.timeout(within_s):
                await self._ready
        except TimeoutError:
            await self.close()
            raise ConnectFailure(FailureKind.TIMEOUT, f"no answer within {within_s:.0f} s") from None
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        """Disconnect cleanly and wait for the network thread to finish (its sockets are closed by then)."""
        self._closing.set()
        with contextlib.suppress(Exception):
            self._client.disconnect()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._closing.is_set()

    def publish(self, topic: str, payload: bytes, qos: int = 1) -> bool:
        """Queue a message (thread-safe in paho); False when this session cannot send any more."""
        if not self.alive:
            return False
        try:
            info = self._client.publish(topic, payload, qos=qos)
        except (OSError, ValueError):
            return False
        return info.rc == MQTTErrorCode.MQTT_ERR_SUCCESS

    # ------------------------------------------------------------------ the network thread
    def _network(self) -> None:
        client = self._client
        ended: ConnectFailure | None = None
        try:
            try:
                client.connect(self._host, self._port, self._keepalive)
            except Exception as exc:
                ended = from_exception(exc)
                return
            while not self._closing.is_set():
                rc = client.loop(LOOP_TIMEOUT_S)
                if rc != MQTTErrorCode.MQTT_ERR_SUCCESS:
                    ended = ConnectFailure(FailureKind.LOST, mqtt.error_string(rc))
                    break
            else:
                # Asked to close: let paho flush the DISCONNECT it has queued.
                for _ in range(10):
                    if client.loop(0.05) != MQTTErrorCode.MQTT_ERR_SUCCESS:
                        break
        except Exception as exc:  # a paho bug must end this session, never the thread silently
            log.warning("MQTT network thread failed", exc_info=True)
            ended = from_exception(exc)
        finally:
            release_sockets(client)
            if not self._closing.is_set():
                self._to_loop(self._ended, ended or ConnectFailure(FailureKind.LOST))

    def _on_connect(self, client: mqtt.Client, _userdata: Any, _flags: Any, reason: Any, _props: Any) -> None:
        if reason.is_failure:
            self._to_loop(self._ended, from_connack(int(reason.value), str(reason)))
            self._closing.set()  # the broker closes the connection; do not read on
            return
        if self._subscriptions:
            _rc, mid = client.subscribe(list(self._subscriptions))
            self._pending_suback = mid
        else:
            self._to_loop(self._became_ready)

    def _on_subscribe(self, _client: mqtt.Client, _userdata: Any, mid: int, reasons: Any, _props: Any) -> None:
        if mid != self._pending_suback:
            return
        refused = [str(reason) for reason in reasons if getattr(reason, "is_failure", False)]
        if refused:
            log.warning("the broker refused %d of %d subscriptions", len(refused), len(self._subscriptions))
        self._to_loop(self._became_ready)

    def _on_message(self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        try:
            topic = message.topic
        except UnicodeDecodeError:
            topic = ""  # ingest counts it as a bad topic
        # paho slices the payload out of its bytearray read buffer; the readers only decode it, which takes either.
        self._inbox.put(topic, message.payload)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ hand-over (on the loop)
    def _became_ready(self) -> None:
        if self._ready is not None and not self._ready.done():
            self._ready.set_result(None)

    def _ended(self, failure: ConnectFailure) -> None:
        if self._ready is not None and not self._ready.done():
            self._ready.set_exception(failure)
        elif self.lost is not None and not self.lost.done():
            self.lost.set_result(failure)

    def _to_loop(self, callback: Any, *args: Any) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
            loop.call_soon_threadsafe(callback, *args)
