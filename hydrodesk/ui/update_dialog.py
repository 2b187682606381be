"""Help > Check for Updates: asks the release feed in the background, then says whether a newer HydroDesk exists
and offers its download page in the browser. Nothing is downloaded or installed here."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.update_check import UpdateCheck, UpdateOutcome, check_for_update


class UpdateDialog(QDialog):
    checked = Signal(object)  # UpdateCheck, once the answer is on screen

    def __init__(self, feed_url: str, current: str, tasks: BackgroundTasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UpdateDialog")
        self.setWindowTitle(self.tr("Check for updates"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.feed_url = feed_url
        self.result_check: UpdateCheck | None = None

        self.headline = QLabel(self.tr("Checking for a newer HydroDesk…"), self)
        self.headline.setObjectName("SectionTitle")
        self.detail = QLabel(self.tr("You have version {current}.").format(current=current), self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the answer takes a moment at most
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.download_button: QPushButton | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 200)
        tasks.spawn(self._check(current), name="check-for-updates")

    async def _check(self, current: str) -> None:
        check = await check_for_update(self.feed_url, current)
        if isValid(self):  # closed meanwhile: nobody is waiting for the answer
            self.show_check(check)

    def show_check(self, check: UpdateCheck) -> None:
        self.result_check = check
        self.progress.setVisible(False)
        headline, detail = self._texts(check)
        self.headline.setText(headline)
        self.detail.setText(detail)
        if check.outcome is UpdateOutcome.NEWER and check.download_url:
            self.download_button = self.buttons.addButton(
                self.tr("&Open Download Page"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.download_button.setDefault(True)
            self.download_button.clicked.connect(self.open_download_page)
            self.download_button.setFocus()
        self.checked.emit(check)

    def open_download_page(self) -> bool:
        check = self.result_check
        if check is None or not check.download_url:
            return False
        opened = QDesktopServices.openUrl(QUrl(check.download_url))
        self.accept()
        return opened

    def _texts(self, check: UpdateCheck) -> tuple[str, str]:
        current = check.current
        if check.outcome is UpdateOutcome.NEWER:
            return (
                self.tr("HydroDesk {latest} is available").format(latest=check.latest),
                self.tr(
                    "You have version {current}. Download the new version from its page and install it when it "
                    "suits you: HydroDesk installs nothing by itself, and your data and outbox stay as they are."
                ).format(current=current),
            )
        if check.outcome is UpdateOutcome.LATEST:
            return (
                self.tr("You have the latest version"),
                self.tr("HydroDesk {current} is the newest release.").format(current=current),
            )
        if check.outcome is UpdateOutcome.OFFLINE:
            return (
                self.tr("The update server could not be reached"),
                self.tr("Check the internet connection and try again. HydroDesk works offline meanwhile."),
            )
        if check.outcome is UpdateOutcome.TLS:
            return (
                self.tr("The update server could not be trusted"),
                self.tr(
                    "Its certificate could not be verified, so HydroDesk did not read its answer. A network that "
                    "inspects secure connections can cause this: ask your IT contact."
                ),
            )
        if check.outcome is UpdateOutcome.SERVER:
            return (
                self.tr("The update server answered with an error"),
                self.tr("It answered {status}. Try again later.").format(status=check.status),
            )
        if check.outcome is UpdateOutcome.BAD_URL:
            return (
                self.tr("The release feed address is not usable"),
                self.tr("“{url}” must start with https://. Fix it in Settings > General.").format(url=self.feed_url),
            )
        return (
            self.tr("No release found"),
            self.tr(
                "The release feed at {url} holds no release HydroDesk can read. Check its address in Settings."
            ).format(url=self.feed_url),
        )
