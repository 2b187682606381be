"""F1: the keyboard shortcuts of the pane on screen, of its tables and of the whole window, with a few sentences on
how the pane works.

The lines come from the live shortcuts (hydrodesk.ui.panes.base.bound_keys and Pane.key_help), never from a list
kept beside them, so the sheet says what the keys really do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.ui.panes.base import KeyHelp


class ShortcutSheet(QDialog):
    def __init__(
        self,
        *,
        pane_title: str,
        help_text: str,
        sections: Sequence[tuple[str, Sequence[KeyHelp]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts · {pane}").format(pane=pane_title))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        heading = QLabel(self.tr("How the {pane} pane works").format(pane=pane_title), self)
        heading.setObjectName("SectionTitle")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.help_label = QLabel(help_text, self)
        self.help_label.setObjectName("PaneHelp")
        self.help_label.setWordWrap(True)
        self.help_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.keys_view = QTreeWidget(self)
        self.keys_view.setObjectName("ShortcutList")
        self.keys_view.setColumnCount(2)
        self.keys_view.setHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.keys_view.setRootIsDecorated(False)
        self.keys_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.keys_view.setWordWrap(True)
        for title, lines in sections:
            if not lines:
                continue
            group = QTreeWidgetItem(self.keys_view, [title])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for line in lines:
                QTreeWidgetItem(group, [line.keys, line.text])
        self.keys_view.expandAll()
        header = self.keys_view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.help_label)
        layout.addSpacing(6)
        layout.addWidget(self.keys_view, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.keys_view.setFocus()

    def lines(self) -> list[tuple[str, str, str]]:
        """(section, keys, text) for every line shown: what a test compares with the pane's real shortcuts."""
        shown = []
        for top in range(self.keys_view.topLevelItemCount()):
            group = self.keys_view.topLevelItem(top)
            for child in range(group.childCount()):
                item = group.child(child)
                shown.append((group.text(0), item.text(0), item.text(1)))
        return shown
