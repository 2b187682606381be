"""The status bar's sync corner: changes waiting, changes that need the user, when it last synced, "Sync now".

It only shows a SyncStatus it is given (hydrodesk.ui.sync_status feeds it from the sync engine) and says through
signals what the user clicked; it never talks to the engine itself.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from hydrodesk.sync.status import ConnectionState, ProblemKind, SyncProblem, SyncStatus
from hydrodesk.ui import formats


def describe_problem(problem: SyncProblem) -> str:
    """Why sync stopped, as one translated sentence (the engine's own text is English)."""
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    return {
        ProblemKind.NO_NETWORK: translate("SyncText", "This computer has no network connection."),
        ProblemKind.UNREACHABLE: translate("SyncText", "The Hydrobit server cannot be reached."),
        ProblemKind.TIMEOUT: translate("SyncText", "The Hydrobit server is not answering in time."),
        ProblemKind.SERVER_ERROR: translate("SyncText", "The Hydrobit server (or HydroDesk) had a problem."),
        ProblemKind.BAD_REPLY: translate(
            "SyncText", "The Hydrobit server sent a reply HydroDesk could not understand."
        ),
        ProblemKind.SIGN_IN: translate("SyncText", "The Hydrobit server no longer accepts your sign-in."),
        ProblemKind.INTERNAL_ERROR: translate(
            "SyncText", "HydroDesk hit an internal error while syncing; the changes concerned wait in the Outbox."
        ),
        ProblemKind.DISK_FULL: translate(
            "SyncText", "This computer's disk is full: free some space and syncing goes on by itself."
        ),
    }.get(problem.kind, problem.message)


class SyncIndicator(QWidget):
    sync_requested = Signal()
    outbox_requested = Signal()
    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncIndicator")
        self._status: SyncStatus | None = None
        self._busy = False
        self._retry_at: datetime | None = None
        self._zone: str | None = None  # times are the farm's (the project selected), the zone named
        # The countdown to the next try moves on by itself while the engine waits.
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_countdown)

        self.pending_button = QToolButton(self)
        self.pending_button.setObjectName("SyncPending")
        self.pending_button.setAutoRaise(True)
        self.pending_button.clicked.connect(self.outbox_requested)
        self.attention_button = QToolButton(self)
        self.attention_button.setObjectName("SyncAttention")
        self.attention_button.setAutoRaise(True)
        self.attention_button.clicked.connect(self.outbox_requested)
        self.last_sync_label = QLabel(self)
        self.last_sync_label.setObjectName("Muted")
        self.retry_label = QLabel(self)
        self.retry_label.setObjectName("Muted")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # a round's length is not known in advance
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(60)
        self.progress.setVisible(False)
        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("SyncNow")
        self.sync_button.clicked.connect(self._on_button)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (
            self.attention_button,
            self.pending_button,
            self.retry_label,
            self.last_sync_label,
            self.progress,
            self.sync_button,
        ):
            layout.addWidget(widget)
        self.show_status(None)

    @property
    def status(self) -> SyncStatus | None:
        return self._status

    def set_zone(self, zone: str | None) -> None:
        """Write times at this farm's clock (None: this computer's), and say which clock it is."""
        self._zone = zone
        self.show_status(self._status)

    def set_busy(self, busy: bool) -> None:
        """A "Sync now" the user asked for is running: show it, and do not offer it twice."""
        self._busy = busy
        self.show_status(self._status)

    def show_status(self, status: SyncStatus | None) -> None:
        self._status = status
        self.setVisible(status is not None)
        if status is None:
            self._retry_at = None
            self._countdown.stop()
            return
        self._show_counts(status)
        self._show_times(status)
        syncing = self._busy or status.state is ConnectionState.SYNCING
        self.progress.setVisible(syncing)
        if status.state is ConnectionState.AUTH_REQUIRED and not self._busy:
            self.sync_button.setText(self.tr("Sign in again…"))
            self.sync_button.setToolTip(
                self.tr("The server no longer accepts your sign-in. Sign in to send the changes waiting here.")
            )
            self.sync_button.setEnabled(True)
            return
        self.sync_button.setText(self.tr("Syncing…") if self._busy else self.tr("Sync now"))
        self.sync_button.setToolTip(
            self.tr("Send the changes waiting here and fetch the latest data now (Ctrl+Shift+S)")
        )
        self.sync_button.setEnabled(not self._busy)

    def _show_counts(self, status: SyncStatus) -> None:
        pending = status.pending
        if pending == 1:
            self.pending_button.setText(self.tr("1 change waiting"))
        else:
            self.pending_button.setText(self.tr("{count} changes waiting").format(count=pending))
        self.pending_button.setToolTip(
            self.tr("Saved on this computer and waiting to be sent to the server. Click to open the Outbox.")
        )
        self.pending_button.setVisible(pending > 0)
        attention = status.needs_attention
        if attention == 1:
            self.attention_button.setText(self.tr("1 change needs your decision"))
        else:
            self.attention_button.setText(self.tr("{count} changes need your decision").format(count=attention))
        self.attention_button.setToolTip(
            self.tr("The server did not take these changes. Open the Outbox to retry, fix, move or discard them.")
        )
        self.attention_button.setVisible(attention > 0)

    def _show_times(self, status: SyncStatus) -> None:
        if status.last_sync_at is None:
            self.last_sync_label.setText(self.tr("Not synced yet"))
        else:
            self.last_sync_label.setText(
                self.tr("Last synced {time}").format(time=formats.zoned_text(status.last_sync_at, self._zone))
            )
        self._retry_at = status.next_retry_at if status.state is ConnectionState.OFFLINE else None
        if self._retry_at is None:
            self._countdown.stop()
        elif not self._countdown.isActive():
            self._countdown.start()
        self._show_countdown()

    def _show_countdown(self) -> None:
        retry = self._retry_at
        self.retry_label.setVisible(retry is not None)
        if retry is None:
            return
        seconds = round((retry - datetime.now(UTC)).total_seconds())
        if seconds < 1:
            self.retry_label.setText(self.tr("Trying again…"))
        elif seconds < 90:
            self.retry_label.setText(self.tr("Next try in {seconds} s").format(seconds=seconds))
        else:
            self.retry_label.setText(self.tr("Next try in {minutes} min").format(minutes=round(seconds / 60)))
        self.retry_label.setToolTip(self.tr("At {time}").format(time=formats.zoned_text(retry, self._zone)))

    def _on_button(self) -> None:
        if self._status is not None and self._status.state is ConnectionState.AUTH_REQUIRED and not self._busy:
            self.sign_in_requested.emit()
        else:
            self.sync_requested.emit()
