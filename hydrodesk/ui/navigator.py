"""The navigator dock: the panes that exist, and the farm as company -> project -> sector."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.ui.models.farm_tree import FarmTreeModel, NodeKind
from hydrodesk.ui.panes import PANE_CONTEXT, PANES, PaneSpec

if TYPE_CHECKING:
    from hydrodesk.api.models import Project

PANE_NAME_ROLE = int(Qt.ItemDataRole.UserRole) + 1
PANE_ROW_HEIGHT = 36
MIN_WIDTH = 180
ITEM_PADDING = 5  # QTreeView#FarmTree::item's padding (base.qss), each side
# The farm tree's names wider than the pane list get this much more at most; a longer name is the user's to widen.
MAX_PREFERRED_WIDTH = 260


class Navigator(QDockWidget):
    pane_chosen = Signal(str)  # pane name
    selection_changed = Signal(object, object)  # Project | None, Sector | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Navigator")
        self.setWindowTitle(self.tr("Navigator"))
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)

        body = QWidget(self)
        body.setObjectName("NavigatorBody")
        self.panes_label = QLabel(self.tr("VIEWS"), body)
        self.panes_label.setObjectName("SectionLabel")
        self.pane_list = QListWidget(body)
        self.pane_list.setObjectName("PaneList")
        self.pane_list.setFrameShape(QListWidget.Shape.NoFrame)
        self.pane_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pane_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, spec in enumerate(PANES, start=1):
            item = QListWidgetItem(QCoreApplication.translate(PANE_CONTEXT, spec.title))
            item.setData(PANE_NAME_ROLE, spec.name)
            item.setToolTip(f"Ctrl+{number}" if number <= 9 else "")
            # A fixed row height, so the list's fixed height shows every pane whatever the style's padding.
            item.setSizeHint(QSize(0, PANE_ROW_HEIGHT))
            self.pane_list.addItem(item)
        self.pane_list.setFixedHeight(max(1, len(PANES)) * PANE_ROW_HEIGHT + 4)
        self.pane_list.currentItemChanged.connect(self._on_pane_item_changed)

        self.farm_label = QLabel(self.tr("FARM"), body)
        self.farm_label.setObjectName("SectionLabel")
        self.model = FarmTreeModel(self)
        self.tree = QTreeView(body)
        self.tree.setObjectName("FarmTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setFrameShape(QTreeView.Shape.NoFrame)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(14)
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 0, 6, 6)
        layout.setSpacing(0)
        layout.addWidget(self.panes_label)
        layout.addWidget(self.pane_list)
        layout.addWidget(self.farm_label)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.setMinimumWidth(MIN_WIDTH)

    def preferred_width(self) -> int:
        """As wide as the pane names and the farm's names need, and no wider: a 1366-pixel screen needs its
        width for the tables."""
        # Measured from the texts, not from the views' size hints: those are only right once the views have laid
        # their items out, which has not happened yet when the farm has just been put in the tree.
        metrics = self.tree.fontMetrics()
        icon = self.tree.iconSize().width() if self.tree.iconSize().isValid() else 16
        item = icon + 2 * ITEM_PADDING + 8  # the icon, the item's padding (base.qss) and the gap after the icon
        names = [self.pane_list.item(row).text() for row in range(self.pane_list.count())]
        widest = max((metrics.horizontalAdvance(name) + item for name in names), default=0)
        for depth, text in self._tree_texts():
            indent = (depth + 1) * self.tree.indentation()  # a tree indents its top level too (the branch arrow)
            widest = max(widest, metrics.horizontalAdvance(text) + item + indent)
        margins = self.widget().layout().contentsMargins()
        return max(MIN_WIDTH, min(MAX_PREFERRED_WIDTH, widest + margins.left() + margins.right() + 8))

    def _tree_texts(self, parent: QModelIndex | None = None, depth: int = 0) -> list[tuple[int, str]]:
        parent = parent if parent is not None else QModelIndex()
        texts = []
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            texts.append((depth, str(index.data() or "")))
            texts += self._tree_texts(index, depth + 1)
        return texts

    # ------------------------------------------------------------------------------------------ panes
    def set_pane_icons(self, icons: dict[str, QIcon]) -> None:
        for row in range(self.pane_list.count()):
            item = self.pane_list.item(row)
            item.setIcon(icons.get(item.data(PANE_NAME_ROLE), QIcon()))

    def mark_pane(self, spec: PaneSpec) -> None:
        """Show `spec` as the current pane without announcing it again."""
        for row in range(self.pane_list.count()):
            if self.pane_list.item(row).data(PANE_NAME_ROLE) == spec.name:
                self.pane_list.blockSignals(True)
                self.pane_list.setCurrentRow(row)
                self.pane_list.blockSignals(False)

    def _on_pane_item_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.pane_chosen.emit(current.data(PANE_NAME_ROLE))

    # ------------------------------------------------------------------------------------------ farm
    def set_projects(
        self,
        projects: list[Project],
        select: tuple[str | None, str | None] = (None, None),
        company_names: Mapping[str, str] | None = None,
    ) -> None:
        """Show these projects under their companies (named by `company_names`, company_id -> name, where known)
        and select `select` (project id, sector id), else the first project."""
        self.model.set_projects(projects, company_names)
        self.tree.expandAll()
        index = self.model.find(*select) if select[0] else QModelIndex()
        if not index.isValid() and select[0]:
            index = self.model.find(select[0])
        if not index.isValid():
            index = self.model.first_project()
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            self.selection_changed.emit(None, None)

    def select(self, project_id: str, sector_id: str | None = None) -> bool:
        index = self.model.find(project_id, sector_id)
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)
        return True

    def set_tree_icons(self, icons: dict[NodeKind, QIcon]) -> None:
        self.model.set_icons(icons)

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selection_changed.emit(self.model.project_at(current), self.model.sector_at(current))
