"""The status bar: connection state, signed-in user, server, and when the data was last refreshed."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from hydrodesk.ui.connection import ConnectionState


class AppStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self.updated_label = QLabel(self)
        self.updated_label.setObjectName("Muted")
        self.server_label = QLabel(self)
        self.server_label.setObjectName("Muted")
        self.user_label = QLabel(self)
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("ConnectionState")
        for label in (self.updated_label, self.server_label, self.user_label, self.connection_label):
            self.addPermanentWidget(label)
        self.set_connection_state(ConnectionState.SIGNED_OUT)
        self.set_user(None)

    def set_connection_state(self, state: ConnectionState) -> None:
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
        self.connection_label.setText("● " + text)
        self.connection_label.setToolTip(tip)
        self.connection_label.setProperty("state", state.value)
        # A dynamic property only restyles after a re-polish.
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)

    def set_user(self, name: str | None, user_id: str = "", account: str = "") -> None:
        if name is None:
            self.user_label.setText(self.tr("Not signed in"))
            self.user_label.setToolTip("")
            return
        self.user_label.setText(self.tr("Signed in as {name}").format(name=name))
        self.user_label.setToolTip(f"{user_id} · {account}" if account else user_id)

    def set_server(self, url: str | None) -> None:
        if not url:
            self.server_label.clear()
            return
        parts = urlsplit(url)
        self.server_label.setText(parts.netloc or url)
        self.server_label.setToolTip(url)

    def set_updated(self, moment: datetime | None) -> None:
        if moment is None:
            self.updated_label.clear()
            return
        text = QLocale().toString(QTime(moment.hour, moment.minute, moment.second), QLocale.FormatType.ShortFormat)
        self.updated_label.setText(self.tr("Updated {time}").format(time=text))
