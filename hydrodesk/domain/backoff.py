"""How long to wait before trying the server again: exponential backoff with full jitter.

Pure Python, no I/O and no clock: the caller says which attempt this is and supplies the random source, so tests
are deterministic and never wait for real. Full jitter (a uniform pick between 0 and the exponential ceiling)
spreads the retries of many offices that lost the same server at the same moment, so they do not all come back
together; a floor keeps a retry from being immediate.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    base_s: float = 1.0  # the ceiling for the first retry
    factor: float = 2.0
    cap_s: float = 300.0  # five minutes: an office back online should not wait longer than that
    floor_s: float = 0.25

    def __post_init__(self) -> None:
        if self.base_s <= 0 or self.factor < 1 or self.cap_s < self.base_s or not 0 <= self.floor_s <= self.base_s:
            raise ValueError("backoff needs 0 < base <= cap, factor >= 1 and 0 <= floor <= base")

    def ceiling(self, attempt: int) -> float:
        """The longest wait after `attempt` consecutive failures (1 = the first failure)."""
        if attempt < 1:
            return 0.0
        # Capped before exponentiating far: 2**1000 would overflow a float.
        exponent = min(attempt - 1, 64)
        return min(self.cap_s, self.base_s * self.factor**exponent)

    def delay(self, attempt: int, rng: random.Random) -> float:
        """A wait drawn uniformly from [floor, ceiling(attempt)]."""
        ceiling = self.ceiling(attempt)
        if ceiling <= 0:
            return 0.0
        return rng.uniform(min(self.floor_s, ceiling), ceiling)
