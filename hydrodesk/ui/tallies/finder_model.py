"""The worker finder's list of matches: a thin Qt adapter over the domain's ranked WorkerChoice list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from hydrodesk.domain.worker_search import WorkerChoice
from hydrodesk.ui.models.roles import ID_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex


class WorkerFinderModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[WorkerChoice] = []

    def set_matches(self, matches: Sequence[WorkerChoice]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def choice_at(self, row: int) -> WorkerChoice | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None

    @property
    def matches(self) -> list[WorkerChoice]:
        return list(self._matches)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        choice = self._matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{choice.name} · {choice.worker_id}"
            if choice.pending:
                text += " · " + self.tr("not yet on the server")
            elif not choice.active:
                text += " · " + (choice.status or "")
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Enter records for {name} ({id})").format(name=choice.name, id=choice.worker_id)
        if role == ID_ROLE:
            return choice.worker_id
        return None
