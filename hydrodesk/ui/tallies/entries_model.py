"""The entry list of a session: every movement once, newest first; a thin adapter over the domain's EntryView.

Voided deliveries stay in the list struck through (the ledger is append-only); a void shows its negative units and
its reason; a suspected duplicate carries a flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from hydrodesk.domain.tallies import LineStatus
from hydrodesk.domain.tally_entries import EntryView
from hydrodesk.ui.formats import number_text, time_text
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
TIME, WORKER, WORKER_ID, UNITS, STATUS, NOTE = range(6)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ANSWERED = frozenset(
    {
        _DISPLAY,
        SORT_ROLE,
        int(Qt.ItemDataRole.TextAlignmentRole),
        int(Qt.ItemDataRole.FontRole),
        int(Qt.ItemDataRole.ForegroundRole),
        int(Qt.ItemDataRole.ToolTipRole),
        ID_ROLE,
    }
)
"""The roles this model answers. A repaint asks each visible cell for some eight roles; the others (decoration,
check state, background, size) are refused before any work."""


class EntriesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[EntryView] = []
        self._timezone: ZoneInfo | None = None
        self._colors: dict[str, QColor] = {}
        self._texts: dict[int, tuple[str, ...]] = {}
        """Each entry's cell texts by id(entry), made on first paint: an entry typed at the top repaints every
        visible row, and formatting their times again each time cost most of the repaint."""
        self._headers = [
            self.tr("Time"),
            self.tr("Worker"),
            self.tr("ID"),  # beside the worker column; the per-worker table beside it needs the width
            self.tr("Units"),
            self.tr("Status"),
            self.tr("Note"),
        ]

    # ------------------------------------------------------------------------------------------ content
    def set_entries(self, entries: Sequence[EntryView], timezone: ZoneInfo | None = None) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._timezone = timezone
        self._texts.clear()  # the entries replaced (an id may be reused) or the timezone changed
        self.endResetModel()

    def prepend(self, entry: EntryView) -> None:
        """A new entry at the top, without resetting the list (the view keeps its selection and scroll)."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._entries.insert(0, entry)
        self.endInsertRows()

    def set_colors(self, colors: dict[str, QColor]) -> None:
        """`pending`, `attention`, `muted` and `flag` colours from the theme."""
        self._colors = dict(colors)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, NOTE))

    @property
    def entries(self) -> list[EntryView]:
        return list(self._entries)

    def entry_at(self, row: int) -> EntryView | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    # ------------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section == UNITS else _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._entries) or not 0 <= column < len(self._headers):
            return None
        entry = self._entries[row]
        if role == _DISPLAY:
            return self._cell_texts(entry)[column]
        line = entry.line
        if role == SORT_ROLE:
            if column == TIME:
                return line.recorded_at or ""
            if column == UNITS:
                return line.units
            return self._cell_texts(entry)[column].casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == UNITS else _LEFT
        if role == Qt.ItemDataRole.FontRole and entry.voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._color(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == ID_ROLE:
            return entry.key
        return None

    def _cell_texts(self, entry: EntryView) -> tuple[str, ...]:
        texts = self._texts.get(id(entry))
        if texts is None:
            line = entry.line
            texts = (
                time_text(line.recorded_at, self._timezone, seconds=True) if line.recorded_at else "",
                line.worker_name,
                line.worker_id,
                number_text(line.units),
                self._status_text(line.status),
                self._note(entry),
            )
            self._texts[id(entry)] = texts
        return texts

    def _status_text(self, status: LineStatus) -> str:
        if status is LineStatus.CONFIRMED:
            return self.tr("Confirmed")
        if status is LineStatus.PENDING:
            return self.tr("Pending")
        return self.tr("Needs attention")

    def _note(self, entry: EntryView) -> str:
        line = entry.line
        if line.is_void:
            return self.tr("Void: {reason}").format(reason=line.reason) if line.reason else self.tr("Void entry")
        if entry.voided:
            return self.tr("Voided")
        if entry.duplicate:
            return self.tr("⚑ Possible duplicate")
        return ""

    def _color(self, entry: EntryView, column: int) -> QColor | None:
        if entry.voided or entry.line.is_void:
            return self._colors.get("muted")
        if column == STATUS and entry.line.status is LineStatus.PENDING:
            return self._colors.get("pending")
        if column == STATUS and entry.line.status is LineStatus.ATTENTION:
            return self._colors.get("attention")
        if column == NOTE and entry.duplicate:
            return self._colors.get("flag")
        return None

    def _tooltip(self, entry: EntryView) -> str | None:
        line = entry.line
        if line.status is LineStatus.PENDING:
            return self.tr("Saved on this computer; it will be sent to the server when the connection allows.")
        if line.status is LineStatus.ATTENTION:
            return self.tr("The server did not take this entry; it waits for a decision in the outbox. Not counted.")
        if entry.duplicate:
            return self.tr("The same worker had another delivery only seconds before this one.")
        return None
