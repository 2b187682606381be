"""The simulator's clock: the real time, or an instant a test (or a demo) asks for, running on from there.

`hydrodesk-sim serve --clock 2026-12-02T09:30:00-03:00` makes the simulator believe it started at that instant:
its "now" advances at the real pace from there, so the farm's day, this morning's irrigation and the tablets'
timestamps are the same on every run. Everything the farm does with time asks the SimContext's clock. Credentials
(JWT `iat`/`exp`) keep the real time: they are checked by clients that live in the real world.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta


class SimClock:
    def __init__(self, start: datetime | None = None, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("the simulator's clock needs an instant with a UTC offset, e.g. 2026-12-02T09:30:00-03:00")
        self._start = None if start is None else start.astimezone(UTC)
        self._monotonic = monotonic
        self._origin = monotonic()

    @property
    def fixed(self) -> bool:
        """Whether the clock was set to an instant (rather than following the real time)."""
        return self._start is not None

    def now(self) -> datetime:
        if self._start is None:
            return datetime.now(UTC)
        return self._start + timedelta(seconds=self._monotonic() - self._origin)


def parse_clock(text: str) -> datetime:
    """An ISO 8601 instant with its offset (`2026-12-02T09:30:00-03:00`, `...Z`); ValueError otherwise."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 instant such as 2026-12-02T09:30:00-03:00") from None
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset; write it as 2026-12-02T09:30:00-03:00 or with a Z")
    return moment
