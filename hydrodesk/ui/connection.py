"""The connection state the status bar shows.

Without an office it is the outcome of the last API call the UI made. With one (a signed-in session with its
local cache and sync engine), the sync engine's status is the one source of truth: hydrodesk.ui.sync_status sets
the state from it and calls `defer_to_sync(True)`, after which the outcome of each UI call is only reported
(`call_outcome`) as evidence for the engine to check, so the label never flips between two opinions.
"""

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
    """Every API call the UI makes goes through `call`: the state reflects the latest outcome, or, while it defers
    to an office's sync engine, each outcome is reported as evidence for the engine to weigh."""

    state_changed = Signal(object)  # ConnectionState
    call_outcome = Signal(object)  # ConnectionState: what one API call just said about the connection

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = ConnectionState.SIGNED_OUT
        self._deferring = False

    @property
    def state(self) -> ConnectionState:
        return self._state

    def set_state(self, state: ConnectionState) -> None:
        if state is not self._state:
            self._state = state
            self.state_changed.emit(state)

    @property
    def deferring(self) -> bool:
        return self._deferring

    def defer_to_sync(self, deferring: bool) -> None:
        """While True, API calls report their outcome (`call_outcome`) without setting the state themselves."""
        self._deferring = deferring

    def _report(self, state: ConnectionState) -> None:
        self.call_outcome.emit(state)
        if not self._deferring:
            self.set_state(state)

    async def call(self, request: Awaitable[T]) -> T:
        """Await an API call and record what it says about the connection.

        A reply of any kind, even an error, means the server was reached; only `Offline` (which includes
        timeouts) means it was not.
        """
        from hydrodesk.api.errors import ApiError, Offline

        try:
            result = await request
        except Offline:
            self._report(ConnectionState.OFFLINE)
            raise
        except ApiError as error:
            # An expired sign-in means the user is effectively signed out; a refused API key does not.
            signed_out = error.message_key in ("auth_expired", "missing_bearer_token")
            self._report(ConnectionState.SIGNED_OUT if signed_out else ConnectionState.ONLINE)
            raise
        self._report(ConnectionState.ONLINE)
        return result
