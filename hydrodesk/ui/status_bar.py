"""The status bar: connection state, server, and when the data was last refreshed (who is signed in: the toolbar).

With an office attached (a signed-in session with its cache and outbox), the connection label and the sync corner
show the sync engine's status (`set_sync_status`), and the time the farm list was loaded gives way to the time of
the last sync; without one, the label shows the outcome of the last API call (`set_connection_state`).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from hydrodesk.sync.status import ConnectionState as SyncState
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui import formats
from hydrodesk.ui.connection import ConnectionState
from hydrodesk.ui.sync_indicator import SyncIndicator, describe_problem
from hydrodesk.ui.widgets.restyle import set_style_property


class AppStatusBar(QStatusBar):
    alarms_requested = Signal()  # the alarm badge was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        # How many alarms need someone, wherever the user is; hidden while none do.
        self.alarm_badge = QToolButton(self)
        self.alarm_badge.setObjectName("AlarmBadge")
        self.alarm_badge.setAutoRaise(True)
        self.alarm_badge.setVisible(False)
        self.alarm_badge.clicked.connect(self.alarms_requested)
        self.addPermanentWidget(self.alarm_badge)
        self.updated_label = QLabel(self)
        self.updated_label.setObjectName("Muted")
        self.server_label = QLabel(self)
        self.server_label.setObjectName("Muted")
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("ConnectionState")
        self.sync = SyncIndicator(self)
        for widget in (self.updated_label, self.server_label, self.sync, self.connection_label):
            self.addPermanentWidget(widget)
        self._call_state = ConnectionState.SIGNED_OUT
        self._sync_status: SyncStatus | None = None
        self._zone: str | None = None
        self._updated: datetime | None = None
        self.set_connection_state(ConnectionState.SIGNED_OUT)

    @property
    def sync_status(self) -> SyncStatus | None:
        return self._sync_status

    def set_connection_state(self, state: ConnectionState) -> None:
        """The state from the last API call; shown only while no sync engine speaks for the connection."""
        self._call_state = state
        if self._sync_status is None:
            self._show_call_state(state)

    def set_sync_status(self, status: SyncStatus | None) -> None:
        """The sync engine's status (None: no office, back to showing the last API call's outcome)."""
        self._sync_status = status
        self.sync.show_status(status)
        self.updated_label.setVisible(status is None)
        if status is None:
            self._show_call_state(self._call_state)
            return
        text, tip, style = self._sync_state_text(status)
        self._paint_connection(text, tip, style)

    def _sync_state_text(self, status: SyncStatus) -> tuple[str, str, str]:
        problem = status.problem
        if status.state is SyncState.SYNCING:
            return (
                self.tr("Syncing…"),
                self.tr("Sending changes to the Hydrobit server and fetching the latest data."),
                "syncing",
            )
        if status.state is SyncState.AUTH_REQUIRED:
            tip = self.tr(
                "The Hydrobit server no longer accepts your sign-in. Sign in again: nothing is lost meanwhile."
            )
            return self.tr("Sign-in needed"), tip, "auth-required"
        if status.state is SyncState.ONLINE:
            return self.tr("Online"), self.tr("Connected to the Hydrobit server."), ConnectionState.ONLINE.value
        if problem is None:
            return (
                self.tr("Connecting…"),
                self.tr("Connecting to the Hydrobit server…"),
                ConnectionState.SIGNING_IN.value,
            )
        tip = self.tr("{problem} HydroDesk keeps your changes on this computer and tries again by itself.").format(
            problem=describe_problem(problem)
        )
        if problem.to_retry:
            tip += "\n" + formats.counted(
                problem.to_retry,
                self.tr("The server could not store 1 record just now: it will be sent again."),
                self.tr("The server could not store {count} records just now: they will be sent again."),
            )
        if problem.detail:
            tip += "\n" + problem.detail
        return self.tr("Offline"), tip, ConnectionState.OFFLINE.value

    def _show_call_state(self, state: ConnectionState) -> None:
        text = {
            ConnectionState.ONLINE: self.tr("Online"),
            ConnectionState.OFFLINE: self.tr("Offline"),
            ConnectionState.SIGNING_IN: self.tr("Signing in…"),
            ConnectionState.SIGNED_OUT: self.tr("Signed out"),
        }[state]
        tip = {
            ConnectionState.ONLINE: self.tr("The last request to the Hydrobit server succeeded."),
            ConnectionState.OFFLINE: self.tr("The Hydrobit server could not be reached. Press F5 to retry."),
            ConnectionState.SIGNING_IN: self.tr("Connecting to the Hydrobit server…"),
            ConnectionState.SIGNED_OUT: self.tr("Not signed in to a Hydrobit account."),
        }[state]
        self._paint_connection(text, tip, state.value)

    def _paint_connection(self, text: str, tip: str, style: str) -> None:
        self.connection_label.setText("● " + text)
        self.connection_label.setToolTip(tip)
        set_style_property(self.connection_label, "state", style)

    def set_alarm_count(self, count: int, newest: str = "") -> None:
        """Alarms that need attention (raised, not acknowledged); `newest` names the latest, for the tool tip."""
        self.alarm_badge.setVisible(count > 0)
        if count == 1:
            self.alarm_badge.setText(self.tr("⚠ 1 alarm"))
        else:
            self.alarm_badge.setText(self.tr("⚠ {count} alarms").format(count=count))
        tip = self.tr("Alarms that need attention. Click or press Ctrl+Shift+A to see them.")
        self.alarm_badge.setToolTip(f"{tip}\n{newest}" if newest else tip)

    @property
    def alarm_count_text(self) -> str:
        return self.alarm_badge.text() if self.alarm_badge.isVisible() else ""

    def set_server(self, url: str | None) -> None:
        if not url:
            self.server_label.clear()
            return
        parts = urlsplit(url)
        self.server_label.setText(parts.netloc or url)
        self.server_label.setToolTip(url)

    def set_farm_zone(self, zone: str | None) -> None:
        """The farm whose clock the bar's times follow (the project selected); None: this computer's clock."""
        self._zone = zone
        self.sync.set_zone(zone)
        self.set_updated(self._updated)

    def set_updated(self, moment: datetime | None) -> None:
        """When the farm was last loaded (an aware time), shown while no sync engine tells when it last synced."""
        self._updated = moment
        if moment is None:
            self.updated_label.clear()
            return
        self.updated_label.setText(self.tr("Updated {time}").format(time=formats.zoned_text(moment, self._zone)))
