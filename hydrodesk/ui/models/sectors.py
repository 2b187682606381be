"""The sectors of one project as a table: a thin adapter over the API's Sector list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt

from hydrodesk.ui import formats
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from hydrodesk.api.models import Sector

ModelIndex = QModelIndex | QPersistentModelIndex

NAME, AREA, CROP, VARIETY, SECTOR_ID = range(5)


class SectorsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sectors: list[Sector] = []

    def set_sectors(self, sectors: list[Sector]) -> None:
        self.beginResetModel()
        self._sectors = list(sectors)
        self.endResetModel()

    def sector_at(self, row: int) -> Sector | None:
        return self._sectors[row] if 0 <= row < len(self._sectors) else None

    def row_of(self, sector_id: str | None) -> int:
        return next((row for row, sector in enumerate(self._sectors) if sector.sector_id == sector_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._sectors)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                NAME: self.tr("Sector"),
                AREA: self.tr("Area (ha)"),
                CROP: self.tr("Crop"),
                VARIETY: self.tr("Variety"),
                SECTOR_ID: self.tr("Sector ID"),
            }.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section == AREA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._sectors):
            return None
        sector = self._sectors[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == AREA:
                return QLocale().toString(sector.area_ha, "f", 2) if sector.area_ha is not None else ""
            return self._raw(sector, column) or ""
        if role == SORT_ROLE:
            raw = self._raw(sector, column)
            # Sort numbers as numbers; an unknown area sorts before every known one.
            if column == AREA:
                return sector.area_ha if sector.area_ha is not None else -1.0
            return (raw or "").casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == AREA:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return sector.sector_id
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return sector.sector_id
        return None

    def _raw(self, sector: Sector, column: int) -> str | None:
        return {
            NAME: sector.sector_name,
            CROP: formats.crop_name(sector.crop),
            VARIETY: sector.variety,
            SECTOR_ID: sector.sector_id,
        }.get(column)
