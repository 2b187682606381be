"""The heatmap as a Qt table model: one row per sector (worst first), a column for the sector as a whole, then one
per pest or disease; each cell shows incidence or severity and is filled with its threshold verdict's colour."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt

from hydrodesk.domain.phyto_heatmap import Heatmap
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict
from hydrodesk.ui.formats import counted, pest_name
from hydrodesk.ui.phyto.verdicts import fill, verdict_text

ModelIndex = QModelIndex | QPersistentModelIndex
INCIDENCE, SEVERITY = "incidence", "severity"
SECTOR_COLUMN, OVERALL_COLUMN, FIRST_PEST_COLUMN = 0, 1, 2
CELL_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # (sector id, pest name or None for the sector as a whole)
VERDICT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
HEADER_LINE_CHARS = 14


def wrapped(label: str, width: int = HEADER_LINE_CHARS) -> str:
    """A pest's label on short lines ("Spotted wing\ndrosophila\n(Mosca del vinagre)"), so eight pests fit across a
    1366-pixel screen; the part in brackets (the local name) starts its own line."""
    lines: list[str] = []
    for part in label.replace(" (", "\n(").split("\n"):
        line = ""
        for word in part.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return "\n".join(lines)


class HeatmapModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._raw = Heatmap([], [])
        self._heatmap = self._raw
        self._book = ThresholdBook()
        self._measure = INCIDENCE
        self._theme = "light"

    # ------------------------------------------------------------------------------------------ content
    def set_heatmap(self, heatmap: Heatmap, book: ThresholdBook) -> None:
        self.beginResetModel()
        self._raw, self._book = heatmap, book
        self._heatmap = heatmap.ordered(book)
        self.endResetModel()

    def set_book(self, book: ThresholdBook) -> None:
        """New thresholds: new colours and, since Alert sorts first, maybe a new order."""
        self.set_heatmap(self._raw, book)

    def set_measure(self, measure: str) -> None:
        self._measure = measure
        self._repaint()

    def set_theme(self, theme_name: str) -> None:
        self._theme = theme_name
        self._repaint()

    def _repaint(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    @property
    def heatmap(self) -> Heatmap:
        return self._heatmap

    @property
    def measure(self) -> str:
        return self._measure

    def pest_at(self, column: int) -> str | None:
        index = column - FIRST_PEST_COLUMN
        return self._heatmap.pests[index][0] if 0 <= index < len(self._heatmap.pests) else None

    def column_of(self, pest: str) -> int:
        names = [name for name, _ in self._heatmap.pests]
        return FIRST_PEST_COLUMN + names.index(pest) if pest in names else -1

    def row_of(self, sector_id: str) -> int:
        return next((row for row, item in enumerate(self._heatmap.sectors) if item.sector_id == sector_id), -1)

    def verdict_at(self, row: int, column: int) -> Verdict:
        sector = self._heatmap.sectors[row]
        pest = self.pest_at(column)
        if pest is not None:
            return self._heatmap.verdict(self._book, sector.sector_id, pest)
        return self._heatmap.sector_verdict(self._book, sector.sector_id)

    # ------------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._heatmap.sectors)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._heatmap.sectors else FIRST_PEST_COLUMN + len(self._heatmap.pests)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == SECTOR_COLUMN:
                return self.tr("Sector")
            if section == OVERALL_COLUMN:
                return self.tr("Any pest")
            return wrapped(pest_name(self._heatmap.label_of(self.pest_at(section) or "")))
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIRST_PEST_COLUMN:
            return self._heatmap.label_of(self.pest_at(section) or "")
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        sector = self._heatmap.sectors[index.row()]
        column = index.column()
        if column == SECTOR_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return sector.sector_name
            if role == CELL_ROLE:
                return (sector.sector_id, None)
            return None
        pest = self.pest_at(column)
        if pest is None:
            values = (sector.incidence, sector.severity) if sector.samples else None
        else:
            cell = self._heatmap.cell(sector.sector_id, pest)
            values = (cell.incidence, cell.severity) if cell is not None else None
        verdict = self.verdict_at(index.row(), column)
        if role == Qt.ItemDataRole.DisplayRole:
            if values is None:
                return "—"
            return self._percent(values[0] if self._measure == INCIDENCE else values[1])
        if role == Qt.ItemDataRole.BackgroundRole:
            return fill(verdict, self._theme)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(sector.sector_name, pest, values, verdict, sector.samples)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(sector.sector_name, pest, values, verdict, sector.samples)
        if role == CELL_ROLE:
            return (sector.sector_id, pest)
        if role == VERDICT_ROLE:
            return verdict
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    # ------------------------------------------------------------------------------------------ words
    @staticmethod
    def _percent(value: float) -> str:
        return f"{QLocale().toString(float(value), 'f', 1)} %"

    def _tooltip(
        self, sector: str, pest: str | None, values: tuple[float, float] | None, verdict: Verdict, samples: int
    ) -> str:
        what = self._heatmap.label_of(pest) if pest else self.tr("any pest or disease")
        if values is None:
            return self.tr("{sector} · {what}: not scouted in this range").format(sector=sector, what=what)
        return counted(
            samples,
            self.tr("{sector} · {what}: {verdict}. Incidence {incidence}, severity {severity} (1 point)"),
            self.tr("{sector} · {what}: {verdict}. Incidence {incidence}, severity {severity} ({count} points)"),
            sector=sector,
            what=what,
            verdict=verdict_text(verdict),
            incidence=self._percent(values[0]),
            severity=self._percent(values[1]),
        )
