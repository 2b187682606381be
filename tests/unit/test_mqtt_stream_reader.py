"""The chunked MQTT reader: WebSocket frames and MQTT packets cut out of arbitrary pieces of the byte stream."""

from __future__ import annotations

import random

import pytest

from hydrodesk.mqtt.stream_reader import (
    FrameEvents,
    MqttPackets,
    StreamError,
    WebSocketFrames,
    split_publish,
)


def remaining_length(size: int) -> bytes:
    out = bytearray()
    while True:
        byte, size = size & 0x7F, size >> 7
        out.append(byte | (0x80 if size else 0))
        if not size:
            return bytes(out)


def publish(topic: bytes, payload: bytes, qos: int = 0) -> bytes:
    body = len(topic).to_bytes(2, "big") + topic + (b"\x00\x01" if qos else b"") + payload
    return bytes([0x30 | qos << 1]) + remaining_length(len(body)) + body


def frame(opcode: int, payload: bytes, mask: bytes | None = None) -> bytes:
    size = len(payload)
    if size < 126:
        head = bytes([0x80 | opcode, size | (0x80 if mask else 0)])
    elif size < 65536:
        head = bytes([0x80 | opcode, 126 | (0x80 if mask else 0)]) + size.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 127 | (0x80 if mask else 0)]) + size.to_bytes(8, "big")
    if mask:
        payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        head += mask
    return head + payload


def test_packets_come_out_whole_however_the_stream_is_cut() -> None:
    rng = random.Random(7)
    messages = [
        (f"a/b/dev-{i}/telemetry".encode(), bytes(rng.randrange(256) for _ in range(rng.choice((0, 3, 200, 20_000)))))
        for i in range(60)
    ]
    stream = b"".join(publish(topic, payload) for topic, payload in messages)
    reader = MqttPackets()
    got: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(stream):
        step = rng.choice((1, 2, 5, 300, 70_000))
        got += reader.feed(stream[pos : pos + step])
        pos += step
    assert [split_publish(first, body) for first, body in got] == messages
    assert len(reader) == 0


def test_websocket_frames_carry_the_stream_across_frame_boundaries_and_report_control_frames() -> None:
    stream = publish(b"t/1", b"x" * 300) + publish(b"t/2", b"{}")
    frames = (
        frame(0x2, stream[:100])
        + frame(0x9, b"are you there")
        + frame(0x0, stream[100:200], mask=b"\x01\x02\x03\x04")
        + frame(0x2, stream[200:])
        + frame(0xA, b"")
        + frame(0x8, b"\x03\xe8")
        + frame(0x2, publish(b"t/3", b"after the close"))
    )
    deframer, packets, events = WebSocketFrames(), MqttPackets(), FrameEvents()
    carried = b"".join(deframer.feed(frames[index : index + 7], events) for index in range(0, len(frames), 7))
    assert [split_publish(*packet) for packet in packets.feed(carried)] == [(b"t/1", b"x" * 300), (b"t/2", b"{}")]
    assert events.pings == [b"are you there"]
    assert events.closed


def test_only_qos0_publish_packets_take_the_fast_path() -> None:
    packets = MqttPackets().feed(publish(b"t", b"1", qos=1) + bytes([0x90, 3, 0, 1, 0]) + publish(b"t", b"2"))
    assert [split_publish(*packet) for packet in packets] == [None, None, (b"t", b"2")]


def test_a_broken_stream_is_refused() -> None:
    with pytest.raises(StreamError):
        MqttPackets().feed(bytes([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]))  # a five-byte remaining length
    with pytest.raises(StreamError):
        WebSocketFrames().feed(frame(0x1, b"text is not MQTT"), FrameEvents())
