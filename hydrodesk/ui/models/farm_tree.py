"""The navigator's tree: company -> project -> sector, a thin adapter over the API's list of projects.

A company shows its name when the office knows it (companies/me, kept in the cache), else its id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from hydrodesk.ui.models.roles import ID_ROLE

if TYPE_CHECKING:
    from hydrodesk.api.models import Project, Sector

ModelIndex = QModelIndex | QPersistentModelIndex


class NodeKind(Enum):
    COMPANY = "company"
    PROJECT = "project"
    SECTOR = "sector"


KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 1
PROJECT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SECTOR_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 3

_ROOT = 0  # internal id of the invisible root; real nodes count from 1


@dataclass
class _Node:
    kind: NodeKind | None
    key: str
    label: str
    parent: int
    row: int
    children: list[int] = field(default_factory=list)
    project: Project | None = None
    sector: Sector | None = None


class FarmTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = [_Node(None, "", "", -1, 0)]
        self._icons: dict[NodeKind, QIcon] = {}
        self._projects: list[Project] = []

    # ------------------------------------------------------------------------------------------ data in
    def set_projects(self, projects: list[Project], company_names: Mapping[str, str] | None = None) -> None:
        names = company_names or {}
        self.beginResetModel()
        self._projects = list(projects)
        self._nodes = [_Node(None, "", "", -1, 0)]
        companies: dict[str, int] = {}
        for project in sorted(projects, key=lambda item: (item.company_id, item.name.casefold())):
            if project.company_id not in companies:
                label = names.get(project.company_id) or project.company_id
                companies[project.company_id] = self._add(_ROOT, NodeKind.COMPANY, project.company_id, label)
            project_node = self._add(companies[project.company_id], NodeKind.PROJECT, project.project_id, project.name)
            self._nodes[project_node].project = project
            for sector in sorted(project.sectors, key=lambda item: item.sector_name.casefold()):
                sector_node = self._add(project_node, NodeKind.SECTOR, sector.sector_id, sector.sector_name)
                self._nodes[sector_node].project = project
                self._nodes[sector_node].sector = sector
        self.endResetModel()

    def _add(self, parent: int, kind: NodeKind, key: str, label: str) -> int:
        node_id = len(self._nodes)
        siblings = self._nodes[parent].children
        self._nodes.append(_Node(kind, key, label, parent, len(siblings)))
        siblings.append(node_id)
        return node_id

    def set_icons(self, icons: dict[NodeKind, QIcon]) -> None:
        self._icons = dict(icons)
        self._emit_all_changed(QModelIndex())

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))
            for row in range(rows):
                self._emit_all_changed(self.index(row, 0, parent))

    @property
    def projects(self) -> list[Project]:
        return list(self._projects)

    # ------------------------------------------------------------------------------------------ lookups
    def project_at(self, index: ModelIndex) -> Project | None:
        return self._node(index).project if index.isValid() else None

    def sector_at(self, index: ModelIndex) -> Sector | None:
        return self._node(index).sector if index.isValid() else None

    def find(self, project_id: str | None, sector_id: str | None = None) -> QModelIndex:
        """The index of that sector (or project when no sector is given); invalid when it is not in the tree."""
        for node_id, node in enumerate(self._nodes):
            if node.kind is NodeKind.PROJECT and node.key == project_id:
                if sector_id is None:
                    return self.createIndex(node.row, 0, node_id)
                for child_id in node.children:
                    child = self._nodes[child_id]
                    if child.key == sector_id:
                        return self.createIndex(child.row, 0, child_id)
        return QModelIndex()

    def first_project(self) -> QModelIndex:
        for node_id, node in enumerate(self._nodes):
            if node.kind is NodeKind.PROJECT:
                return self.createIndex(node.row, 0, node_id)
        return QModelIndex()

    def _node(self, index: ModelIndex) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self._nodes[_ROOT]

    # ------------------------------------------------------------------------------------------ Qt model
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        children = self._node(parent).children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self._nodes[index.internalId()].parent
        if parent_id == _ROOT:
            return QModelIndex()
        return self.createIndex(self._nodes[parent_id].row, 0, parent_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Farm")
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(node.kind) if node.kind else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == KIND_ROLE:
            return node.kind.value if node.kind else None
        if role == ID_ROLE:
            return node.key
        if role == PROJECT_ID_ROLE:
            return node.project.project_id if node.project else None
        if role == SECTOR_ID_ROLE:
            return node.sector.sector_id if node.sector else None
        return None

    def _tooltip(self, node: _Node) -> str:
        if node.kind is NodeKind.COMPANY:
            if node.label != node.key:
                return self.tr("{name} ({id})").format(name=node.label, id=node.key)
            return self.tr("Company {id}").format(id=node.key)
        if node.kind is NodeKind.PROJECT and node.project is not None:
            count = len(node.project.sectors)
            sectors = self.tr("1 sector") if count == 1 else self.tr("{count} sectors").format(count=count)
            return self.tr("{name} · {sectors} · {timezone}").format(
                name=node.project.name, sectors=sectors, timezone=node.project.timezone
            )
        if node.kind is NodeKind.SECTOR and node.sector is not None:
            return self.tr("{name} ({id})").format(name=node.sector.sector_name, id=node.sector.sector_id)
        return ""
