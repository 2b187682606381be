"""The Alarms dialog (Ctrl+Shift+A, or a click on the status bar's badge): the session's alarm journal one key
away from any pane. Not modal: the user can keep working beside it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hydrodesk.ui.alarms.journal_view import AlarmJournalView
from hydrodesk.ui.formats import counted
from hydrodesk.ui.irrigation.alarms import AlarmCenter
from hydrodesk.ui.theme import Theme


class AlarmsDialog(QDialog):
    rules_requested = Signal()

    def __init__(self, center: AlarmCenter, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlarmsDialog")
        self.setWindowTitle(self.tr("Alarms"))
        self.setModal(False)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.view = AlarmJournalView(self)
        self.view.apply_theme(theme)
        self.view.rules_requested.connect(self.rules_requested)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        self.set_center(center)

    def set_zone(self, zone: str | None) -> None:
        """Times in the farm's clock (the project selected in the window), as the status bar shows them."""
        self.view.model.set_zone(zone)

    def set_center(self, center: AlarmCenter | None) -> None:
        if self.view.center is not None:
            self.view.center.changed.disconnect(self._show_summary)
        self.view.set_center(center)
        if center is not None:
            center.changed.connect(self._show_summary)
            # The newest alarm that needs someone comes selected, ready for Alt+A.
            attention = center.needing_attention()
            if attention:
                self.view.select(attention[-1].alarm_id)
        self._show_summary()

    def _show_summary(self) -> None:
        center = self.view.center
        attention = len(center.needing_attention()) if center is not None else 0
        opened = len(center.open_alarms()) if center is not None else 0
        if attention == opened == 1:
            self.summary.setText(
                self.tr("1 open alarm needs attention. Select it and acknowledge it (Alt+A) to say someone is on it.")
            )
        elif attention:
            self.summary.setText(
                self.tr(
                    "{attention} of {open} open alarms need attention. Select one and acknowledge it (Alt+A) "
                    "to say someone is on it."
                ).format(attention=attention, open=opened)
            )
        elif opened:
            self.summary.setText(
                counted(
                    opened, self.tr("1 open alarm, acknowledged."), self.tr("{count} open alarms, all acknowledged.")
                )
            )
        else:
            self.summary.setText(
                self.tr("No open alarms. HydroDesk watches every valve and device while you are signed in.")
            )
