"""Settings > Cache: where the office keeps the farm's data, how much room it takes, and "Clear cache", which
empties the data downloaded from the server (fetched again when online) and never the outbox."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from hydrodesk.ui.settings import SettingsContext

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office

log = logging.getLogger(__name__)


def folder_size(folder: Path) -> int:
    """Bytes on disk of every file under `folder` (0 when it does not exist yet)."""
    total = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            try:
                if path.is_file():
                    total += path.stat().st_size
            except OSError:  # a file removed meanwhile (a WAL checkpointed away)
                continue
    return total


class CachePage(QWidget):
    def __init__(self, context: SettingsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CacheSettings")
        self._context = context
        self.question: QMessageBox | None = None

        about = QLabel(
            self.tr(
                "HydroDesk keeps a copy of the farm's data on this computer, so it works offline. Clearing it frees "
                "the space; HydroDesk downloads the data again the next time it is online. The changes waiting in "
                "the outbox are never cleared."
            ),
            self,
        )
        about.setWordWrap(True)
        self.location = QLabel(self)
        self.location.setObjectName("CacheLocation")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.size_label = QLabel(self)
        self.size_label.setObjectName("CacheSize")
        self.status = QLabel(self)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)

        self.open_button = QPushButton(self.tr("&Open Folder"), self)
        self.open_button.clicked.connect(self.open_folder)
        self.clear_button = QPushButton(self.tr("&Clear Cache…"), self)
        self.clear_button.setObjectName("DangerButton")
        self.clear_button.clicked.connect(self.ask_to_clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addSpacing(8)
        layout.addWidget(self.location)
        layout.addWidget(self.size_label)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.refresh()

    def page_title(self) -> str:
        return self.tr("Cache")

    def apply(self) -> bool:
        return True  # nothing to save: clearing happens at once, after its own confirmation

    @property
    def folder(self) -> Path | None:
        office = self._context.office()
        if office is not None:
            return office.store.path.parent
        paths = self._context.paths
        return paths.data_dir / "profiles" if paths is not None else None

    def refresh(self) -> None:
        folder = self.folder
        if folder is None:
            self.location.setText(self.tr("No cache on this computer yet."))
            self.size_label.clear()
        else:
            self.location.setText(self.tr("Location: {folder}").format(folder=folder))
            size = QLocale().formattedDataSize(folder_size(folder))
            self.size_label.setText(self.tr("Size on disk: {size} (with the outbox)").format(size=size))
        self.open_button.setEnabled(folder is not None)
        signed_in = self._context.office() is not None
        self.clear_button.setEnabled(signed_in)
        if not signed_in:
            self.status.setText(self.tr("Sign in to clear the cache of your profile."))

    def open_folder(self) -> bool:
        folder = self.folder
        if folder is None:
            return False
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def ask_to_clear(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("ClearCacheQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Clear cache"))
        box.setText(self.tr("Clear the farm's data kept on this computer?"))
        box.setInformativeText(
            self.tr(
                "HydroDesk downloads it again when it is online; until then the panes are empty. The changes "
                "waiting in the outbox are kept and still sent."
            )
        )
        confirm = box.addButton(self.tr("Clear Cache"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.clear() if button is confirm else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box
        # open(), not exec(): a nested event loop inside the asyncio loop would re-enter running tasks.
        box.open()
        return box

    def clear(self) -> None:
        office = self._context.office()
        if office is None:
            return
        self.clear_button.setEnabled(False)
        self.status.setText(self.tr("Clearing the cache…"))
        self._context.tasks.spawn(self._clear(office), name="clear-cache")

    async def _clear(self, office: Office) -> None:
        try:
            await office.store.clear_cache()
        except Exception as error:
            log.exception("clearing the cache failed")
            if not isValid(self):
                return
            self.status.setText(self.tr("The cache could not be cleared: {reason}").format(reason=error))
            self.clear_button.setEnabled(True)
            return
        self._context.cache_cleared()
        if not isValid(self):  # the dialog was closed meanwhile
            return
        self.refresh()
        self.status.setText(self.tr("The cache is cleared. HydroDesk is downloading the farm again."))
