"""The hand-over from paho's network thread to the event loop: a bounded, lock-free queue.

paho's thread only appends `(topic, payload)`, a whole read's worth at a time (`put_many`); the loop takes
messages in batches about 30 times a second
(hydrodesk.mqtt.pump). No per-message callback, signal or `call_soon_threadsafe` crosses the threads, so a burst
of thousands of messages costs the loop one wake-up per tick, not one per message. `deque.append` and `popleft`
are atomic under the GIL, which is all the thread safety this needs.
"""

from __future__ import annotations

from collections import deque
from typing import Final

DEFAULT_LIMIT: Final = 200_000  # 40 s of the benchmark's 5,000 msg/s: a stalled loop loses nothing for that long

Message = tuple[str, bytes]
RawMessage = tuple[bytes, bytes]
"""A topic as it came off the wire, and its payload."""
MAX_KNOWN_TOPICS: Final = 4096


class Inbox:
    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self.received = 0
        """Messages put (paho's thread writes it; read it from the loop as an estimate)."""
        self.dropped = 0
        """Messages refused because the inbox was full."""
        self._items: deque[Message] = deque()
        self._topics: dict[bytes, str] = {}  # a farm's devices send on a few hundred topics: decode each once

    def __len__(self) -> int:
        return len(self._items)

    def put(self, topic: str, payload: bytes) -> bool:
        """From paho's thread: False (and counted) when the loop has fallen `limit` messages behind."""
        self.received += 1
        if len(self._items) >= self.limit:
            self.dropped += 1
            return False
        self._items.append((topic, payload))
        return True

    def put_many(self, messages: list[RawMessage]) -> None:
        """From paho's thread: a batch read in one go (topics still bytes; a topic that is not UTF-8 becomes "",
        which ingest counts as a bad topic). What does not fit is dropped and counted."""
        self.received += len(messages)
        room = self.limit - len(self._items)
        if room < len(messages):
            self.dropped += len(messages) - max(0, room)
            messages = messages[: max(0, room)]
        topics = self._topics
        self._items.extend([(topics.get(topic) or self._decode(topic), payload) for topic, payload in messages])

    def _decode(self, topic: bytes) -> str:
        try:
            text = topic.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        if len(self._topics) < MAX_KNOWN_TOPICS:
            self._topics[topic] = text
        return text

    def take(self, most: int) -> list[Message]:
        """From the loop: up to `most` messages, oldest first."""
        items = self._items
        taken: list[Message] = []
        append, popleft = taken.append, items.popleft
        for _ in range(min(most, len(items))):
            append(popleft())
        return taken
