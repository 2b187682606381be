"""One seed per test run for every random choice the tests make, printed so that a failure replays.

    HYDRODESK_TEST_SEED=1234 pytest ...     # the seed the failing run printed in its header

Each xdist worker reads the same variable; without it the controller picks a seed and hands it to its workers
through the environment, so the whole run shares the one printed seed.
"""

from __future__ import annotations

import os
import random

SEED_VARIABLE = "HYDRODESK_TEST_SEED"


def _seed() -> int:
    given = os.environ.get(SEED_VARIABLE)
    if given:
        return int(given)
    seed = random.SystemRandom().randrange(2**32)
    os.environ[SEED_VARIABLE] = str(seed)  # inherited by the xdist workers, started after conftest is imported
    return seed


TEST_SEED = _seed()


def seeded(purpose: str) -> random.Random:
    """A generator of the run's seed, its own for `purpose`, so one test's draws do not shift another's."""
    return random.Random(f"{TEST_SEED}:{purpose}")
