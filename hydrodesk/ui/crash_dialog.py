"""What the user sees when something inside HydroDesk failed: what happened, in plain words, that nothing waiting
to be sent was lost, and the report (saved in the log folder) to copy or open for support."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.diagnostics.crash_report import CrashReport


class CrashDialog(QDialog):
    def __init__(
        self, report: CrashReport, saved_to: Path | None, save_error: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self.setWindowTitle(self.tr("HydroDesk ran into a problem"))
        # Not modal: the user can go on working (and the window behind it stays usable while it is open).
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report = report
        self.saved_to = saved_to
        self._repeats = 1

        heading = QLabel(self.tr("Something went wrong inside HydroDesk."), self)
        heading.setObjectName("SectionTitle")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        safe = QLabel(
            self.tr(
                "HydroDesk is still running, and nothing waiting to be sent was lost: the changes not yet on the "
                "server stay in the outbox. If something on screen looks wrong now, quit and start HydroDesk again."
            ),
            self,
        )
        safe.setWordWrap(True)
        if saved_to is not None:
            where = self.tr("A report for your support contact was saved as {file}.").format(file=saved_to)
        else:
            where = self.tr("The report could not be saved ({reason}); copy it to send it.").format(reason=save_error)
        self.where_label = QLabel(where, self)
        self.where_label.setObjectName("CrashReportPath")
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.repeat_label = QLabel(self)
        self.repeat_label.setObjectName("CrashRepeats")
        self.repeat_label.setVisible(False)

        self.details = QPlainTextEdit(report.text(), self)
        self.details.setObjectName("CrashReportText")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("&Copy Report"), self)
        self.copy_button.clicked.connect(self.copy_report)
        self.open_button = QPushButton(self.tr("&Open Report"), self)
        self.open_button.clicked.connect(self.open_report)
        self.open_button.setEnabled(saved_to is not None)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(safe)
        layout.addWidget(self.where_label)
        layout.addWidget(self.repeat_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(720, 480)  # fits 1366×768 with the window behind it
        close.setFocus()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.text())
        self.copy_button.setText(self.tr("Copied"))

    def open_report(self) -> bool:
        if self.saved_to is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_to)))

    @property
    def repeats(self) -> int:
        return self._repeats

    def count_repeat(self) -> None:
        """The same failure again while this dialog is open: say how often, instead of opening another."""
        self._repeats += 1
        self.repeat_label.setText(
            self.tr("This has happened {count} times since this message appeared.").format(count=self._repeats)
        )
        self.repeat_label.setVisible(True)
