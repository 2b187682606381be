"""F1: the keyboard shortcuts of the pane on screen, of its tables and of the whole window, with a few sentences on
how the pane works.

The lines come from the live shortcuts (hydrodesk.ui.panes.base.bound_keys and Pane.key_help), never from a list
kept beside them, so the sheet says what the keys really do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
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

        # A grid of labels, not a list view: long descriptions wrap onto more lines instead of ending in "…".
        self._lines: list[tuple[str, str, str]] = []
        grid_host = QWidget(self)
        grid_host.setObjectName("ShortcutList")
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(8, 4, 8, 8)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        row = 0
        for title, lines in sections:
            if not lines:
                continue
            section = QLabel(title, grid_host)
            section.setObjectName("SectionLabel")
            grid.addWidget(section, row, 0, 1, 2)
            row += 1
            for line in lines:
                keys = QLabel(line.keys, grid_host)
                keys.setObjectName("ShortcutKeys")
                keys.setFont(bold)
                text = QLabel(line.text, grid_host)
                text.setWordWrap(True)
                grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row, 1)
                self._lines.append((title, line.keys, line.text))
                row += 1
        grid.setRowStretch(row, 1)
        self.keys_view = QScrollArea(self)
        self.keys_view.setWidgetResizable(True)
        self.keys_view.setFrameShape(QScrollArea.Shape.NoFrame)
        self.keys_view.setWidget(grid_host)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.help_label)
        layout.addSpacing(6)
        layout.addWidget(self.keys_view, 1)
        layout.addWidget(buttons)
        self.resize(760, 660)  # fits a 1366×768 screen with the window behind it
        self.keys_view.setFocus()

    def lines(self) -> list[tuple[str, str, str]]:
        """(section, keys, text) for every line shown: what a test compares with the pane's real shortcuts."""
        return list(self._lines)
