"""The scouting heatmap: sectors x pests/diseases, each cell an incidence and a severity judged by a threshold.

The store counts (per sector: points sampled, points affected; per sector and pest: points where present and
the sum of their grades); this module turns the counts into the same percentages the API's summary gives
(hydrodesk.domain.phyto) and orders the sectors worst first. Counting is the store's job because 100,000 points
are summed fastest where they lie (SQLite); judging is here because the sector map and timeline judge alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hydrodesk.domain.phyto import incidence_percent, severity_percent
from hydrodesk.domain.phyto_verdicts import DEFAULT_THRESHOLDS, ThresholdBook, Verdict, worst


@dataclass(frozen=True)
class SectorCount:
    sector_id: str
    sector_name: str
    project_id: str | None
    samples: int  # sampling points (records) in the range
    affected: int  # points where any pest or disease was present
    worst_grade_sum: float  # sum over affected points of their worst grade


@dataclass(frozen=True)
class PestCount:
    sector_id: str
    pest: str  # the form's field name ("aphids"), the thresholds' key
    label: str  # what people read ("Aphids (Pulgón)")
    present: int
    grade_sum: float


@dataclass(frozen=True)
class Cell:
    incidence: float
    severity: float

    def verdict(self, book: ThresholdBook, pest: str) -> Verdict:
        return book.verdict(pest, self.incidence, self.severity)


@dataclass(frozen=True)
class SectorRow:
    sector_id: str
    sector_name: str
    project_id: str | None
    samples: int
    incidence: float | None  # None: nobody scouted the sector in the range
    severity: float | None


@dataclass(frozen=True)
class Heatmap:
    sectors: list[SectorRow]
    pests: list[tuple[str, str]]  # (name, label), in the form's order where known
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)  # (sector id, pest name) -> cell

    def cell(self, sector_id: str, pest: str) -> Cell | None:
        return self.cells.get((sector_id, pest))

    def verdict(self, book: ThresholdBook, sector_id: str, pest: str) -> Verdict:
        cell = self.cell(sector_id, pest)
        return Verdict.NO_DATA if cell is None else cell.verdict(book, pest)

    def sector_verdict(self, book: ThresholdBook, sector_id: str) -> Verdict:
        return worst([self.verdict(book, sector_id, pest) for pest, _ in self.pests])

    def ordered(self, book: ThresholdBook) -> Heatmap:
        """The same map with the worst sectors first (Alert, Attention, Okay, not scouted), then by name."""
        rows = sorted(
            self.sectors, key=lambda row: (-self.sector_verdict(book, row.sector_id).rank, row.sector_name.casefold())
        )
        return Heatmap(rows, self.pests, self.cells)

    def label_of(self, pest: str) -> str:
        return next((label for name, label in self.pests if name == pest), pest)

    def top_pests(self, book: ThresholdBook, sector_id: str, limit: int = 3) -> list[tuple[str, Cell, Verdict]]:
        """A sector's worst pests (verdict, then incidence), present ones only."""
        found = [
            (pest, cell, cell.verdict(book, pest))
            for pest, _ in self.pests
            if (cell := self.cell(sector_id, pest)) is not None and cell.incidence > 0
        ]
        found.sort(key=lambda item: (-item[2].rank, -item[1].incidence, -item[1].severity))
        return found[:limit]


def build_heatmap(
    sectors: Iterable[SectorCount],
    pests: Iterable[PestCount],
    known_sectors: Iterable[tuple[str, str, str | None]] = (),
) -> Heatmap:
    """A heatmap from the store's counts; `known_sectors` (id, name, project id) adds rows for unscouted sectors."""
    rows: dict[str, SectorRow] = {}
    samples: dict[str, int] = {}
    for count in sectors:
        samples[count.sector_id] = count.samples
        rows[count.sector_id] = SectorRow(
            count.sector_id,
            count.sector_name,
            count.project_id,
            count.samples,
            incidence_percent(count.affected, count.samples),
            severity_percent(count.worst_grade_sum, count.affected),
        )
    for sector_id, name, project_id in known_sectors:
        rows.setdefault(sector_id, SectorRow(sector_id, name, project_id, 0, None, None))
    labels: dict[str, str] = {}
    cells: dict[tuple[str, str], Cell] = {}
    for pest_count in pests:
        labels.setdefault(pest_count.pest, pest_count.label)
        total = samples.get(pest_count.sector_id, 0)
        cells[(pest_count.sector_id, pest_count.pest)] = Cell(
            incidence_percent(pest_count.present, total), severity_percent(pest_count.grade_sum, pest_count.present)
        )
    return Heatmap(list(rows.values()), [(name, labels[name]) for name in pest_order(labels)], cells)


def pest_order(names: Iterable[str]) -> list[str]:
    """The monitoring form's order for the pests it knows, then any others alphabetically."""
    known = list(DEFAULT_THRESHOLDS)
    return sorted(set(names), key=lambda name: (known.index(name), "") if name in known else (len(known), name))
