"""What the status bar shows about sync, as an immutable value, and how interested parties hear of changes.

Qt-free on purpose: the UI subscribes a callback (which emits a Qt signal) or iterates `updates()`; the engine
publishes a new SyncStatus whenever something a person would notice changes.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)


class ConnectionState(StrEnum):
    ONLINE = "online"  # the last exchange with the server worked
    OFFLINE = "offline"  # it did not (see `problem`); the engine retries by itself
    SYNCING = "syncing"  # sending the outbox or refreshing the cache right now
    AUTH_REQUIRED = "auth_required"  # the server refused the sign-in: sync waits until the user signs in again


class ProblemKind(StrEnum):
    NO_NETWORK = "no_network"  # the operating system reports no network
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    SERVER_ERROR = "server_error"  # 5xx, or per-record 5xx in a bulk reply
    BAD_REPLY = "bad_reply"  # not JSON, or not the documented shape
    SIGN_IN = "sign_in"  # 401
    INTERNAL_ERROR = "internal_error"  # a bug in HydroDesk itself (logged with its traceback)
    DISK_FULL = "disk_full"  # this computer's disk has no room for what the server sent: nothing was lost


@dataclass(frozen=True)
class SyncProblem:
    kind: ProblemKind
    message: str  # a sentence for the user
    detail: str = ""  # technical, for logs and a tooltip
    to_retry: int = 0  # records the server could not store this time, sent again (the UI says so in words)


@dataclass(frozen=True)
class SyncStatus:
    state: ConnectionState = ConnectionState.OFFLINE
    pending: int = 0  # changes waiting to be sent (queued or being sent)
    failed: int = 0
    conflicts: int = 0
    expired: int = 0
    last_sync_at: datetime | None = None  # the last time everything pending went through and the cache refreshed
    last_contact_at: datetime | None = None  # the last time the server answered at all
    problem: SyncProblem | None = None
    next_retry_at: datetime | None = None
    network_available: bool | None = None  # what the OS says (None: it does not say)
    consecutive_failures: int = 0

    @property
    def needs_attention(self) -> int:
        """Changes that stopped and wait for the user's decision (failed, in conflict, expired)."""
        return self.failed + self.conflicts + self.expired


Listener = Callable[[SyncStatus], None]


class StatusHub:
    """Holds the current status; tells listeners when it changes."""

    def __init__(self, initial: SyncStatus | None = None) -> None:
        self._status = initial or SyncStatus()
        self._listeners: list[Listener] = []
        # asyncio is imported here, not at the top: the status bar imports this module before the window's first
        # paint, and asyncio is among the heaviest imports there (hydrodesk.ui.runtime attaches it after the paint).
        import asyncio

        self._new_event = asyncio.Event
        self._changed = self._new_event()

    @property
    def current(self) -> SyncStatus:
        return self._status

    def subscribe(self, listener: Listener, *, replay: bool = True) -> Callable[[], None]:
        """Call `listener` with every new status (and at once with the current one); returns an unsubscribe."""
        self._listeners.append(listener)
        if replay:
            self._call(listener, self._status)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def update(self, **changes: Any) -> SyncStatus:
        new = replace(self._status, **changes)
        if new != self._status:
            self._status = new
            for listener in list(self._listeners):
                self._call(listener, new)
            self._changed.set()
            self._changed = self._new_event()
        return new

    async def wait_for(self, predicate: Callable[[SyncStatus], bool]) -> SyncStatus:
        """The first status (current or future) that satisfies `predicate` (bound it with `asyncio.timeout`)."""
        while not predicate(self._status):
            await self._changed.wait()
        return self._status

    async def updates(self) -> AsyncIterator[SyncStatus]:
        """The current status, then each new one (skipping any that were replaced before being read)."""
        seen: SyncStatus | None = None
        while True:
            if self._status != seen:
                seen = self._status
                yield seen
                continue  # it may have changed again while the caller had it
            await self._changed.wait()

    @staticmethod
    def _call(listener: Listener, status: SyncStatus) -> None:
        try:
            listener(status)
        except Exception:  # a broken listener must not stop sync
            log.exception("a sync status listener failed")
