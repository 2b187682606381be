"""What this office submitted: every form submission in the outbox, waiting, sent (with the server's check of where
it was recorded) or refused (with the server's reason), as a table; and one submission's answers in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from hydrodesk.domain.outbox import EntryState
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.ui import formats
from hydrodesk.ui.forms.fields import severity_labels
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE
from hydrodesk.ui.outbox import text as outbox_text

ModelIndex = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate

SUBMITTED, FORM, PLACE, STATE, CHECK, REASON = range(6)  # the long reason last: it takes the rest
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Places:
    """Names for the ids a submission carries (from the cached farm)."""

    sectors: Mapping[str, str]
    projects: Mapping[str, str]
    timezones: Mapping[str, str]  # project id -> IANA zone


def check_text(item: OutboxItem, places: Places) -> str:
    """The server's verdict on where the form was recorded, once it has the form."""
    if item.state is not EntryState.DONE:
        return (
            ""
            if item.needs_attention or item.state is EntryState.DISCARDED
            else translate("FormHistory", "Not checked yet")
        )
    result = item.result or {}
    if result.get("in_sector"):
        sector = places.sectors.get(str(result.get("sector_id")), str(result.get("sector_id") or ""))
        return translate("FormHistory", "Verified in {sector}").format(sector=sector)
    if result.get("in_project"):
        project = places.projects.get(str(result.get("project_id")), str(result.get("project_id") or ""))
        return translate("FormHistory", "In {project}, outside every sector").format(project=project)
    return translate("FormHistory", "Outside every project")


def state_text(item: OutboxItem) -> str:
    if item.state is EntryState.DONE:
        return translate("FormHistory", "Sent")
    if item.state is EntryState.FAILED:
        return translate("FormHistory", "Refused")
    return outbox_text.state_text(item.state)


def reason_text(item: OutboxItem) -> str:
    if item.state is EntryState.DISCARDED:
        return str((item.history[-1] if item.history else {}).get("note") or "")
    if item.reason:
        return item.reason
    if item.pending and item.last_error and item.attempts:
        return translate("FormHistory", "Will retry: {problem}").format(problem=item.last_error)
    return ""


def answers_text(item: OutboxItem, labels: Mapping[str, str]) -> str:
    """`Aphids: 7 (severity 2 · moderate) · Notes: leaves curled · Photo: attached`."""
    parts = []
    for value in (item.payload.get("record") or {}).get("form_values") or []:
        name = str(value.get("name"))
        parts.append(f"{labels.get(name, name)}: {_value_text(value)}")
    return " · ".join(parts) or translate("FormHistory", "No answers (a check-in)")


def _value_text(value: Mapping[str, Any]) -> str:
    answer = value.get("value")
    if isinstance(answer, str) and answer.startswith("data:"):
        return translate("FormHistory", "attached")
    if isinstance(answer, bool):
        return translate("FormHistory", "yes") if answer else translate("FormHistory", "no")
    if isinstance(answer, list):
        return ", ".join(str(choice) for choice in answer)
    if isinstance(answer, int | float):
        shown = formats.number_text(answer)
        severity = value.get("severity")
        if severity is not None and answer:
            grades = severity_labels()
            grade = grades[int(severity)] if 0 <= int(severity) < len(grades) else str(severity)
            return translate("FormHistory", "{count} (severity {grade})").format(count=shown, grade=grade)
        return shown
    return str(answer)


class FormHistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[OutboxItem] = []
        self._places = Places({}, {}, {})
        self._attention: QColor | None = None

    def set_items(self, items: list[OutboxItem], places: Places) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._places = places
        self.endResetModel()

    def set_attention_color(self, color: QColor) -> None:
        self._attention = color

    def item_at(self, row: int) -> OutboxItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, entry_id: str) -> int:
        return next((row for row, item in enumerate(self._items) if item.entry_id == entry_id), -1)

    @property
    def items(self) -> list[OutboxItem]:
        return list(self._items)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                SUBMITTED: self.tr("Submitted at"),
                FORM: self.tr("Form"),
                PLACE: self.tr("Where"),
                STATE: self.tr("State"),
                CHECK: self.tr("Server's check"),
                REASON: self.tr("Server's reason"),
            }.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == SORT_ROLE:
            return float(item.seq) if column == SUBMITTED else self._display(item, column).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE and item.needs_attention:
            return self._attention
        if role == Qt.ItemDataRole.ToolTipRole and column == REASON:
            return reason_text(item) or None
        if role == ID_ROLE:
            return item.entry_id
        return None

    def _display(self, item: OutboxItem, column: int) -> str:
        payload = item.payload
        if column == SUBMITTED:
            project = (payload.get("record") or {}).get("project_id")
            return outbox_text.moment_text(item.created_at, self._places.timezones.get(str(project)))
        if column == FORM:
            return str(payload.get("form_name") or payload.get("form_id") or "")
        if column == PLACE:
            return str(payload.get("place") or "")
        if column == STATE:
            return state_text(item)
        if column == CHECK:
            return check_text(item, self._places)
        return reason_text(item)
