"""Backoff math and the injectable clock: retries spread out, stay bounded, and tests never wait for real."""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from hydrodesk.domain.backoff import Backoff
from hydrodesk.sync.clock import ScaledClock


def test_the_ceiling_doubles_per_failure_up_to_the_cap() -> None:
    backoff = Backoff(base_s=1.0, factor=2.0, cap_s=30.0)
    assert [backoff.ceiling(attempt) for attempt in range(0, 8)] == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert backoff.ceiling(10_000) == 30.0  # no overflow after days offline


def test_delays_are_jittered_within_floor_and_ceiling_and_reproducible() -> None:
    backoff = Backoff(base_s=1.0, cap_s=300.0, floor_s=0.25)
    first = [backoff.delay(attempt, random.Random(42)) for attempt in range(1, 12)]
    again = [backoff.delay(attempt, random.Random(42)) for attempt in range(1, 12)]
    assert first == again
    for attempt, delay in enumerate(first, start=1):
        assert 0.25 <= delay <= backoff.ceiling(attempt)
    # Full jitter: many offices failing at once do not all come back together.
    spread = {round(backoff.delay(8, random.Random(seed)), 3) for seed in range(50)}
    assert len(spread) > 40


def test_nonsense_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="backoff"):
        Backoff(base_s=0)
    with pytest.raises(ValueError, match="backoff"):
        Backoff(base_s=10, cap_s=5)


@pytest.mark.asyncio
async def test_a_scaled_clock_shortens_pauses_and_remembers_them() -> None:
    clock = ScaledClock(0.001)
    wake = asyncio.Event()
    started = time.monotonic()
    await clock.pause(30.0, wake)
    # 30 ms scaled; unscaled it would be 30 s. A third of that tells them apart however loaded the machine is.
    assert time.monotonic() - started < 10.0
    assert clock.requested == [30.0]


@pytest.mark.asyncio
async def test_a_pause_ends_as_soon_as_it_is_woken() -> None:
    clock = ScaledClock(1.0)
    wake = asyncio.Event()
    waiting = asyncio.ensure_future(clock.pause(None, wake))
    await asyncio.sleep(0)
    assert not waiting.done()
    wake.set()
    async with asyncio.timeout(2):
        await waiting
