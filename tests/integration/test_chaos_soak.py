"""The chaos soak in the suite: 50 lives of an office, each ended by kill -9, through a network that loses replies,
with the server crashing at least once; every change the office confirmed is on the server once, nothing else is.

The seed is random and printed (and in the failure message): `python bench/chaos.py --cycles 50 --seed N` replays
the same choices. bench/chaos.py runs the same harness for 1,000 cycles.
"""

from __future__ import annotations

import logging
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.chaos_soak import Soak, run_soak
from tests.seeds import seeded

CYCLES = 50
log = logging.getLogger(__name__)


@pytest.mark.asyncio
async def test_fifty_killed_offices_lose_nothing_and_double_nothing(
    sim_template: Path, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    seed = seeded("chaos soak").randrange(2**31)  # the run's seed picks it: HYDRODESK_TEST_SEED replays the run
    replay = f"chaos soak seed {seed} (replay: python bench/chaos.py --cycles {CYCLES} --seed {seed})"
    record_property("chaos_seed", seed)
    log.info(replay)
    data, work = tmp_path / "sim", tmp_path / "office"
    shutil.copytree(sim_template, data)
    work.mkdir()

    try:
        result = await run_soak(data, work, cycles=CYCLES, seed=seed)
    except Exception as error:
        raise AssertionError(f"{replay}: {error}") from error

    figures = result.line()
    assert (result.cycles, result.kills) == (CYCLES, CYCLES), figures
    assert result.sim_restarts >= 1, figures
    assert result.confirmed > CYCLES, figures  # the offices did work between the kills
    assert (result.lost, result.doubled, result.unexpected, result.needs_attention) == (0, 0, 0, 0), figures
    assert result.on_server >= result.confirmed, figures  # plus what was committed but not yet confirmed at a kill


def test_the_count_flags_what_is_lost_doubled_or_never_made(tmp_path: Path) -> None:
    """The comparison itself can fail: a promise the server lacks, a change held twice, one the outbox never had."""
    soak = Soak(tmp_path, tmp_path, seed=1, pause=0.0, batch=1)
    soak._tally("record", ["a", "b", "c"], Counter(["a", "b", "c", "d"]), Counter({"a": 1, "b": 2, "d": 1, "x": 1}))
    assert (soak.result.lost, soak.result.doubled, soak.result.unexpected) == (1, 1, 1)
    assert soak.result.problems == ["lost record c", "doubled record b (2x)", "unexpected record x on the server"]
    assert soak.result.on_server == 3  # a, b and d: changes of this office the server holds
