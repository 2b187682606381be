"""Action thresholds: is a pest or disease in a sector Okay, worth Attention, or an Alert?

Scouting tools (Agrivi, Auravant) give each field a verdict per pest rather than a bare percentage, because the
number that calls for action differs by pest: 10 % of points with spider mite is already worth spraying, 10 % with
thrips is not. A threshold sets two incidence levels and two severity levels; the verdict is the worse of what
incidence and severity say. Thresholds belong to a company (its agronomist's choice) and fall back to defaults.

Qt-free: the scouting pane, the sector map and the sector timeline all colour by the same verdicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Verdict(Enum):
    NO_DATA = "no_data"  # nobody scouted there in the range
    OKAY = "okay"
    ATTENTION = "attention"
    ALERT = "alert"

    @property
    def rank(self) -> int:
        """Worse verdicts rank higher (sorting sectors in Alert first)."""
        return _RANKS[self]


_RANKS = {Verdict.NO_DATA: 0, Verdict.OKAY: 1, Verdict.ATTENTION: 2, Verdict.ALERT: 3}


@dataclass(frozen=True)
class Threshold:
    """Percentages (0-100) at which a pest or disease calls for attention, and for action."""

    attention_incidence: float = 10.0
    alert_incidence: float = 25.0
    attention_severity: float = 25.0
    alert_severity: float = 50.0

    def problems(self) -> list[str]:
        """What makes this threshold unusable, in plain English (empty when it is fine)."""
        problems = []
        for name, value in asdict(self).items():
            if not 0 <= value <= 100:
                problems.append(f"{name} must be between 0 and 100")
        if self.attention_incidence > self.alert_incidence:
            problems.append("the attention incidence must not exceed the alert incidence")
        if self.attention_severity > self.alert_severity:
            problems.append("the attention severity must not exceed the alert severity")
        return problems

    def verdict(self, incidence: float | None, severity: float | None) -> Verdict:
        """The worse of what incidence and severity say; NO_DATA when neither is known."""
        if incidence is None and severity is None:
            return Verdict.NO_DATA
        inc = incidence or 0.0
        sev = severity or 0.0
        if inc >= self.alert_incidence or sev >= self.alert_severity:
            return Verdict.ALERT
        if inc >= self.attention_incidence or sev >= self.attention_severity:
            return Verdict.ATTENTION
        return Verdict.OKAY


DEFAULT_THRESHOLD = Threshold()

# Field names of the monitoring form (the simulator's and Hydrobit's demo forms). Mites and drosophila spread fast
# and are acted on early; a disease is judged more by how bad the lesions are than by how many plants show one.
DEFAULT_THRESHOLDS: Mapping[str, Threshold] = {
    "aphids": Threshold(10, 20, 25, 50),
    "thrips": Threshold(15, 30, 25, 50),
    "spider_mite": Threshold(5, 15, 25, 50),
    "spotted_wing_drosophila": Threshold(2, 5, 25, 50),
    "botrytis": Threshold(5, 15, 20, 40),
    "anthracnose": Threshold(5, 15, 20, 40),
}


@dataclass(frozen=True)
class ThresholdBook:
    """A company's thresholds: its own choices over the defaults."""

    chosen: Mapping[str, Threshold] = field(default_factory=dict)

    def for_pest(self, name: str) -> Threshold:
        return self.chosen.get(name) or DEFAULT_THRESHOLDS.get(name) or DEFAULT_THRESHOLD

    def verdict(self, name: str, incidence: float | None, severity: float | None) -> Verdict:
        return self.for_pest(name).verdict(incidence, severity)

    def with_threshold(self, name: str, threshold: Threshold) -> ThresholdBook:
        return ThresholdBook({**self.chosen, name: threshold})

    def without(self, name: str) -> ThresholdBook:
        """Back to the default for `name`."""
        return ThresholdBook({key: value for key, value in self.chosen.items() if key != name})

    def to_json(self) -> dict[str, Any]:
        return {name: asdict(threshold) for name, threshold in self.chosen.items()}

    @classmethod
    def from_json(cls, data: object) -> ThresholdBook:
        """A book from what to_json wrote; anything unreadable falls back to the defaults rather than failing."""
        chosen: dict[str, Threshold] = {}
        if isinstance(data, dict):
            for name, values in data.items():
                try:
                    threshold = Threshold(**{key: float(value) for key, value in dict(values).items()})
                except (TypeError, ValueError):
                    continue
                if not threshold.problems():
                    chosen[str(name)] = threshold
        return cls(chosen)


def worst(verdicts: list[Verdict]) -> Verdict:
    """A sector's overall verdict: its worst pest's."""
    return max(verdicts, key=lambda verdict: verdict.rank, default=Verdict.NO_DATA)
