"""The Settings dialog: the pages of hydrodesk.ui.settings.pages(context) in a list, each applied with OK or Apply."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.ui.settings import PageFactory, SettingsContext, SettingsPage, pages


class SettingsDialog(QDialog):
    def __init__(
        self, context: SettingsContext, parent: QWidget | None = None, factories: list[PageFactory] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.page_list = QListWidget(self)
        self.page_list.setObjectName("SettingsPageList")
        self.stack = QStackedWidget(self)
        self.pages: list[QWidget] = []
        for factory in factories if factories is not None else pages(context):
            page = factory(context, self.stack)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.page_list.addItem(_page(page).page_title())
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.page_list.setCurrentRow(0)
        # As narrow as the longest title allows: the page gets the room.
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + 32)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        buttons.accepted.connect(self.accept_if_valid)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons = buttons

        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(900, 540)  # the Profiles page's form needs the width; still inside 1366×768 with the window behind
        self.page_list.setFocus()

    def show_page(self, title: str) -> bool:
        for row, page in enumerate(self.pages):
            if _page(page).page_title() == title:
                self.page_list.setCurrentRow(row)
                return True
        return False

    def apply(self) -> bool:
        """Apply every page; stop on the first that refuses its input, and show it."""
        for row, page in enumerate(self.pages):
            if not _page(page).apply():
                self.page_list.setCurrentRow(row)
                return False
        return True

    def accept_if_valid(self) -> None:
        if self.apply():
            self.accept()


def _page(widget: QWidget) -> SettingsPage:
    return widget  # type: ignore[return-value]  # every registered page has page_title() and apply()
