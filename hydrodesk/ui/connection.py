"""The connection state the status bar shows, taken from the outcome of the last API call."""

from __future__ import annotations

from collections.abc import Awaitable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")


class ConnectionState(Enum):
    SIGNED_OUT = "signed-out"
    SIGNING_IN = "signing-in"
    ONLINE = "online"
    OFFLINE = "offline"


class ConnectionMonitor(QObject):
    """Every API call the UI makes goes through `call`, so the state always reflects the latest outcome."""

    state_changed = Signal(object)  # ConnectionState

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = ConnectionState.SIGNED_OUT

    @property
    def state(self) -> ConnectionState:
        return self._state

    def set_state(self, state: ConnectionState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state)

    async def call(self, request: Awaitable[T]) -> T:
        """Await an API call and record what it says about the connection.

        A reply of any kind, even an error, means the server was reached; only `Offline` (which includes
        timeouts) means it was not.
        """
        from hydrodesk.api.errors import ApiError, Offline

        try:
            result = await request
        except Offline:
            self.set_state(ConnectionState.OFFLINE)
            raise
        except ApiError as error:
            # An expired sign-in means the user is effectively signed out; a refused API key does not.
            signed_out = error.message_key in ("auth_expired", "missing_bearer_token")
            self.set_state(ConnectionState.SIGNED_OUT if signed_out else ConnectionState.ONLINE)
            raise
        self.set_state(ConnectionState.ONLINE)
        return result
