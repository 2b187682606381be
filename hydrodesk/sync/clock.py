"""Time as the sync engine sees it, injectable so tests never wait for a real backoff.

`now()` is wall-clock UTC (deadlines of irrigation commands, "last synced at"); `pause()` waits for a number of
seconds or until something wakes the engine up, whichever comes first.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime
from typing import Protocol

from hydrodesk.domain.timestamps import now_utc


class Clock(Protocol):
    def now(self) -> datetime: ...

    async def pause(self, seconds: float | None, wake: asyncio.Event) -> None:
        """Return after `seconds` (never, if None) or as soon as `wake` is set."""


class SystemClock:
    def now(self) -> datetime:
        return now_utc()

    async def pause(self, seconds: float | None, wake: asyncio.Event) -> None:
        await _pause(seconds, wake)


class ScaledClock(SystemClock):
    """Real wall time, but every pause is `scale` times as long: 0.001 turns a 30 s backoff into 30 ms.

    The pauses asked for are kept in `requested`, so a test can check the backoff without waiting for it.
    """

    def __init__(self, scale: float = 0.001) -> None:
        self.scale = scale
        self.requested: list[float | None] = []

    async def pause(self, seconds: float | None, wake: asyncio.Event) -> None:
        self.requested.append(seconds)
        await _pause(None if seconds is None else seconds * self.scale, wake)


async def _pause(seconds: float | None, wake: asyncio.Event) -> None:
    if wake.is_set():
        return
    if seconds is None:
        await wake.wait()
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(wake.wait(), timeout=max(0.0, seconds))
