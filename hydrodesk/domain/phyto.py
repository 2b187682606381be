"""Phytosanitary indices: incidence and severity of pests and diseases from scouting records.

A scouting record is one sampling point (a plant or a few metres of row) where the scout counts each pest or
disease on the monitoring form and grades its damage on a 0–4 scale (0 none, 1 light, 2 moderate, 3 severe,
4 very severe).

- incidence (%) = share of the sampling points where the pest or disease was present (count > 0);
- severity (%) = mean grade of the points where it was present, as a share of the top grade (4).

For a whole sector the same two figures are taken over "any pest or disease": a point counts as affected when at
least one was present, and its grade is the worst grade seen there. Severity is measured among affected points
only, which is why it can exceed incidence (a rare but damaging pest).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_SEVERITY_GRADE = 4


@dataclass(frozen=True)
class Observation:
    """One pest or disease at one sampling point."""

    name: str
    count: float
    severity: float


@dataclass(frozen=True)
class PestSummary:
    name: str
    incidence: float
    severity: float


@dataclass(frozen=True)
class AreaSummary:
    samples: int
    incidence: float
    severity: float
    pests: list[PestSummary]


def _percent(part: float, whole: float) -> float:
    return 0.0 if whole <= 0 else round(100.0 * part / whole, 1)


def incidence_percent(present: int, samples: int) -> float:
    """Share of `samples` points where the pest was present, 0.1 % steps (0 when nothing was sampled)."""
    return _percent(present, samples)


def severity_percent(grade_sum: float, present: int) -> float:
    """Mean grade of the `present` points (their grades add up to `grade_sum`) as a share of the top grade."""
    if present <= 0:
        return 0.0
    mean = grade_sum / present
    return _percent(min(max(mean, 0.0), MAX_SEVERITY_GRADE), MAX_SEVERITY_GRADE)


def _severity_percent(grades: Sequence[float]) -> float:
    return severity_percent(sum(grades), len(grades))


def summarize(samples: Iterable[Sequence[Observation]]) -> AreaSummary:
    """Incidence and severity over sampling points (each a list of observations), overall and per pest.

    Pests appear in the order they were first seen; a pest that was on the form but never present still appears,
    with incidence 0.
    """
    sample_list = [list(sample) for sample in samples]
    total = len(sample_list)
    order: list[str] = []
    present: dict[str, list[float]] = {}
    worst_grades: list[float] = []
    for sample in sample_list:
        worst: float | None = None
        for observation in sample:
            if observation.name not in present:
                order.append(observation.name)
                present[observation.name] = []
            if observation.count > 0:
                present[observation.name].append(observation.severity)
                worst = observation.severity if worst is None else max(worst, observation.severity)
        if worst is not None:
            worst_grades.append(worst)
    pests = [
        PestSummary(name=name, incidence=_percent(len(present[name]), total), severity=_severity_percent(present[name]))
        for name in order
    ]
    return AreaSummary(
        samples=total,
        incidence=_percent(len(worst_grades), total),
        severity=_severity_percent(worst_grades),
        pests=pests,
    )
