"""The inbound byte stream of an MQTT connection cut into packets, many at a time (pure: no sockets, no paho).

paho reads a packet with three or more `recv` calls (one byte of command, the length a byte at a time, then the
body), and over WebSocket each of those re-reads the frame header with exact-size `recv`s: a dozen system calls
and a hundred lines of Python per message, which capped a bare paho subscriber near 9,000 msg/s on a quiet core.
Here one `recv` of up to 64 KiB is cut into every complete WebSocket frame and MQTT packet it holds, and the
network thread hands the QoS 0 PUBLISH packets' topics and payloads to the inbox in one go.

`WebSocketFrames` undoes the framing (server frames are unmasked; a masked one is unmasked all the same), answers
nothing itself but reports PINGs and a CLOSE (after the frames before it); `MqttPackets` cuts the stream into
(first byte, body) packets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

OPCODE_CONTINUATION: Final = 0x0
OPCODE_BINARY: Final = 0x2
OPCODE_CLOSE: Final = 0x8
OPCODE_PING: Final = 0x9
OPCODE_PONG: Final = 0xA
PUBLISH: Final = 0x30
MAX_REMAINING_BYTES: Final = 4  # MQTT's remaining length takes at most four bytes


class StreamError(ValueError):
    """The bytes are not a WebSocket or MQTT stream (the connection is dropped, as paho would)."""


@dataclass
class FrameEvents:
    pings: list[bytes] = field(default_factory=list)
    """PING payloads, to be answered with PONGs."""
    closed: bool = False
    """The server sent a CLOSE frame."""


class WebSocketFrames:
    def __init__(self) -> None:
        self._buffer = bytearray()
        self._closed = False

    def feed(self, data: bytes, events: FrameEvents) -> bytes:
        """The MQTT bytes carried by the complete frames received so far (an incomplete one waits for more)."""
        if self._closed:
            events.closed = True
            return b""
        buffer = self._buffer
        buffer += data
        size = len(buffer)
        pos = 0
        out: list[bytes] = []
        while size - pos >= 2:
            first, second = buffer[pos], buffer[pos + 1]
            length = second & 0x7F
            head = 2
            if length == 126:
                if size - pos < 4:
                    break
                length = int.from_bytes(buffer[pos + 2 : pos + 4], "big")
                head = 4
            elif length == 127:
                if size - pos < 10:
                    break
                length = int.from_bytes(buffer[pos + 2 : pos + 10], "big")
                head = 10
            masked = bool(second & 0x80)
            if masked:
                head += 4
            end = pos + head + length
            if end > size:
                break
            payload = bytes(buffer[pos + head : end])
            if masked:
                payload = _unmask(payload, bytes(buffer[pos + head - 4 : pos + head]))
            opcode = first & 0x0F
            if opcode in (OPCODE_BINARY, OPCODE_CONTINUATION):
                out.append(payload)
            elif opcode == OPCODE_PING:
                events.pings.append(payload)
            elif opcode == OPCODE_CLOSE:
                events.closed = self._closed = True  # nothing after a CLOSE counts
                pos = len(buffer)
                break
            elif opcode != OPCODE_PONG:
                raise StreamError(f"unexpected WebSocket opcode {opcode}")
            pos = end
        del buffer[:pos]
        return b"".join(out)


def _unmask(payload: bytes, key: bytes) -> bytes:
    repeated = (key * (len(payload) // 4 + 1))[: len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(len(payload), "big")


class MqttPackets:
    def __init__(self) -> None:
        self._buffer = bytearray()

    def __len__(self) -> int:
        """Bytes held of a packet not complete yet."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[tuple[int, bytes]]:
        """(first byte, body) of every packet completed by `data`, in order."""
        buffer = self._buffer
        buffer += data
        size = len(buffer)
        pos = 0
        packets: list[tuple[int, bytes]] = []
        while size - pos >= 2:
            remaining = shift = 0
            index = pos + 1
            complete = False
            while index < size and index - pos <= MAX_REMAINING_BYTES:
                byte = buffer[index]
                index += 1
                remaining |= (byte & 0x7F) << shift
                shift += 7
                if not byte & 0x80:
                    complete = True
                    break
            if not complete:
                if index - pos - 1 >= MAX_REMAINING_BYTES:
                    raise StreamError("remaining length longer than four bytes")
                break  # the length itself is not complete yet
            end = index + remaining
            if end > size:
                break
            packets.append((buffer[pos], bytes(buffer[index:end])))
            pos = end
        del buffer[:pos]
        return packets


def split_publish(first: int, body: bytes) -> tuple[bytes, bytes] | None:
    """(topic, payload) of a QoS 0 PUBLISH of MQTT 3.1.1; None for any other packet (paho handles those)."""
    if first & 0xF0 != PUBLISH or first & 0x06:
        return None
    if len(body) < 2:
        return None
    topic_end = 2 + ((body[0] << 8) | body[1])
    if topic_end > len(body):
        return None
    return body[2:topic_end], body[topic_end:]
