"""The window's link to the signed-in office's sync engine: its status on screen, "Sync now", the OS network state.

One source of truth for "are we connected": while an office is attached, the sync engine decides. It talks to
the server on its own schedule (drain, probe, refresh) and knows about backoff, pending changes and a refused
sign-in, which a single UI request cannot. So:
- the status bar shows the engine's SyncStatus (online / offline / syncing / sign-in needed);
- the ConnectionMonitor mirrors it (`defer_to_sync`), so code asking `monitor.state` hears the same answer;
- the outcome of the UI's own requests is evidence, not a verdict: when a request disagrees with the engine (a
  load fails while the engine says online, or works while it says offline) the engine is asked to check now,
  and the label changes when the engine has checked. The label therefore never flips between two opinions.
Qt's QNetworkInformation (where a backend loads) feeds the engine the operating system's view of the network.
An idle engine that believes it is online sends nothing, so a heartbeat (a cheap authenticated HEAD every few
seconds, through the monitor) makes sure a server that went away is noticed while nobody is doing anything.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from shiboken6 import isValid

from hydrodesk.sync.status import ConnectionState as SyncState
from hydrodesk.sync.status import SyncStatus
from hydrodesk.ui.connection import ConnectionMonitor, ConnectionState
from hydrodesk.ui.sync_indicator import describe_problem

if TYPE_CHECKING:
    import asyncio
    from datetime import datetime

    from PySide6.QtNetwork import QNetworkInformation

    from hydrodesk.sync.office import Office
    from hydrodesk.ui.status_bar import AppStatusBar
    from hydrodesk.ui.tasks import BackgroundTasks

log = logging.getLogger(__name__)

MESSAGE_MS = 8000
HEARTBEAT_MS = 15_000


class NetworkWatch(QObject):
    """What the operating system says about the network: True, False, or None when it cannot tell."""

    changed = Signal(object)  # bool | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._info: QNetworkInformation | None = None
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                self._info = QNetworkInformation.instance()
        except (ImportError, RuntimeError):  # no QtNetwork plugin for this platform: nothing to say
            log.info("no network information backend; sync relies on its own requests")
        if self._info is not None:
            self._info.reachabilityChanged.connect(self._on_reachability)

    @property
    def backend(self) -> str | None:
        return self._info.backendName() if self._info is not None else None

    def available(self) -> bool | None:
        if self._info is None:
            return None
        return _available(self._info.reachability())

    def _on_reachability(self, reachability: object) -> None:
        self.changed.emit(_available(reachability))


def _available(reachability: object) -> bool | None:
    from PySide6.QtNetwork import QNetworkInformation

    if reachability == QNetworkInformation.Reachability.Disconnected:
        return False
    if reachability == QNetworkInformation.Reachability.Unknown:
        return None
    return True  # local, site or online: the engine's own requests tell whether the server itself answers


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class OfficeSync(QObject):
    status_changed = Signal(object)  # SyncStatus | None (None: no office)
    sign_in_needed = Signal()  # the server refused the sign-in: sync waits for the user to sign in again
    reconnected = Signal()  # the engine reached the server again after it had been cut off
    outbox_requested = Signal()  # the user clicked the pending or attention count
    sync_finished = Signal(object)  # SyncStatus, after a "Sync now" the user asked for

    def __init__(
        self, status_bar: AppStatusBar, monitor: ConnectionMonitor, tasks: BackgroundTasks, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._bar = status_bar
        self._monitor = monitor
        self._tasks = tasks
        self._office: Office | None = None
        self._unsubscribe: object = None
        self._status: SyncStatus | None = None
        self._cut_off = False
        self._cache_synced_at: datetime | None = None
        self._follow_os = True
        self._manual: asyncio.Task[None] | None = None
        self._check: asyncio.Task[None] | None = None
        self._probe: asyncio.Task[None] | None = None
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._beat)

        self.sync_action = QAction(self.tr("S&ync Now"), parent)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.setToolTip(self.tr("Send the changes waiting here and fetch the latest data (Ctrl+Shift+S)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.sync_action.setEnabled(False)
        self.outbox_action = QAction(self.tr("Show the &Outbox"), parent)
        self.outbox_action.triggered.connect(self.outbox_requested)

        status_bar.sync.sync_requested.connect(self.sync_now)
        status_bar.sync.outbox_requested.connect(self.outbox_requested)
        status_bar.sync.sign_in_requested.connect(self.sign_in_needed)
        self.status_changed.connect(status_bar.set_sync_status)
        monitor.call_outcome.connect(self._weigh_call_outcome)
        self._network: NetworkWatch | None = None

    @property
    def network(self) -> NetworkWatch:
        """What the OS says about the network, asked from the first office on: loading QtNetwork and the OS's
        network backend is a good part of start-up, and nothing needs it before there is an office to sync."""
        if self._network is None:
            self._network = NetworkWatch(self)
            self._network.changed.connect(self._on_network_changed)
        return self._network

    # ------------------------------------------------------------------------------------------ office
    @property
    def office(self) -> Office | None:
        return self._office

    @property
    def status(self) -> SyncStatus | None:
        """What the status bar shows (the engine's status; None without an office)."""
        return self._bar.sync_status

    @property
    def syncing_manually(self) -> bool:
        return self._manual is not None and not self._manual.done()

    def attach(self, office: Office | None, server_url: str = "") -> None:
        """Show `office`'s sync status from now on (None: no office, the monitor goes back to speaking alone)."""
        self.detach()
        if office is None:
            return
        self._office = office
        self._cut_off = False
        self._monitor.defer_to_sync(True)
        # A server on this computer (the demo) answers whatever the OS says about the network.
        self._follow_os = not _is_loopback(server_url)
        office.engine.set_network_available(self.network.available() if self._follow_os else None)
        self._unsubscribe = office.engine.subscribe(self._on_engine_status)
        self.sync_action.setEnabled(True)
        self.heartbeat.start()
        self._tasks.spawn_if_open(self._read_cache_time(office), name="sync-cache-time")

    def detach(self) -> None:
        unsubscribe, self._unsubscribe = self._unsubscribe, None
        if callable(unsubscribe):
            unsubscribe()
        self.heartbeat.stop()
        for task in (self._manual, self._check, self._probe):
            if task is not None and not task.done():
                task.cancel()
        self._manual = self._check = self._probe = None
        self._bar.sync.set_busy(False)
        self._office = None
        self._status = None
        self._cache_synced_at = None
        self._monitor.defer_to_sync(False)
        self.sync_action.setEnabled(False)
        self.status_changed.emit(None)

    async def _read_cache_time(self, office: Office) -> None:
        """Until the engine has synced in this run, "last synced" is when the cache was last refreshed."""
        from hydrodesk.domain.timestamps import parse_utc_text
        from hydrodesk.store.outbox_view import last_refreshed

        mark = await office.store.read(last_refreshed)
        if office is self._office and mark is not None:
            self._cache_synced_at = parse_utc_text(mark)
            if self._status is not None:
                self.status_changed.emit(self._shown(self._status))

    # ------------------------------------------------------------------------------------------ engine status
    def _on_engine_status(self, status: SyncStatus) -> None:
        if not isValid(self):
            # Deleted with its window while the office it followed is still closing: nobody is left to tell.
            return
        previous, self._status = self._status, status
        mirrored = _monitor_state(status)
        if mirrored is not None:
            self._monitor.set_state(mirrored)
        self.status_changed.emit(self._shown(status))
        if status.state is SyncState.AUTH_REQUIRED and (previous is None or previous.state is not status.state):
            log.info("sync paused: the server refused the sign-in")
            self.sign_in_needed.emit()
        if status.state is SyncState.AUTH_REQUIRED or (status.state is SyncState.OFFLINE and status.problem):
            if not self._cut_off:
                log.info("sync offline: %s", status.problem.detail if status.problem else "sign-in needed")
            self._cut_off = True
        elif status.state is SyncState.ONLINE and self._cut_off:
            self._cut_off = False
            log.info("sync back online")
            self.reconnected.emit()

    def _shown(self, status: SyncStatus) -> SyncStatus:
        if status.last_sync_at is None and self._cache_synced_at is not None:
            return dataclasses.replace(status, last_sync_at=self._cache_synced_at)
        return status

    # ------------------------------------------------------------------------------------------ evidence
    def _weigh_call_outcome(self, outcome: ConnectionState) -> None:
        status = self._status
        if self._office is None or status is None:
            return
        engine_online = status.state in (SyncState.ONLINE, SyncState.SYNCING)
        engine_offline = status.state is SyncState.OFFLINE and status.problem is not None
        disagree = (engine_online and outcome in (ConnectionState.OFFLINE, ConnectionState.SIGNED_OUT)) or (
            engine_offline and outcome is ConnectionState.ONLINE
        )
        if disagree and (self._check is None or self._check.done()) and not self.syncing_manually:
            log.info("a request said %s while sync said %s: checking now", outcome.value, status.state.value)
            self._check = self._tasks.spawn_if_open(self._run_round(self._office), name="sync-check")

    async def _run_round(self, office: Office) -> None:
        await office.engine.sync_now()

    def _beat(self) -> None:
        status = self._status
        office = self._office
        if office is None or status is None or status.state is not SyncState.ONLINE:
            return  # offline or paused, the engine probes by itself; syncing, it is talking to the server anyway
        if (self._probe is not None and not self._probe.done()) or self.syncing_manually:
            return
        self._probe = self._tasks.spawn_if_open(self._probe_server(office), name="sync-heartbeat")

    async def _probe_server(self, office: Office) -> None:
        from hydrodesk.api.errors import ApiError
        from hydrodesk.sync.engine import PROBE_KEY

        # Through the monitor: an answer that disagrees with the engine makes the engine check (see above).
        with contextlib.suppress(ApiError):
            await self._monitor.call(office.engine.client.check_idempotency(PROBE_KEY))

    def _on_network_changed(self, available: bool | None) -> None:
        if self._office is not None and self._follow_os:
            log.info("the operating system reports the network as %s", {True: "up", False: "down"}.get(available))
            self._office.engine.set_network_available(available)

    # ------------------------------------------------------------------------------------------ sync now
    def sync_now(self) -> None:
        """Ctrl+Shift+S: send what is waiting and refresh now, whatever the backoff; progress in the status bar."""
        office = self._office
        if office is None or self.syncing_manually:
            return
        self._manual = self._tasks.spawn_if_open(self._sync_now(office), name="sync-now")
        if self._manual is None:
            return
        self._bar.sync.set_busy(True)
        self.sync_action.setEnabled(False)
        self._bar.showMessage(self.tr("Syncing with the Hydrobit server…"))

    async def _sync_now(self, office: Office) -> None:
        try:
            status = await office.engine.sync_now()
        finally:
            if office is self._office:
                self._bar.sync.set_busy(False)
                self.sync_action.setEnabled(True)
        if office is not self._office:
            return
        self._bar.showMessage(self._outcome_text(status), MESSAGE_MS)
        self.sync_finished.emit(status)

    def _outcome_text(self, status: SyncStatus) -> str:
        if status.state is SyncState.AUTH_REQUIRED:
            return self.tr("Not synced: sign in again to send the changes waiting here.")
        if status.state is SyncState.OFFLINE and status.problem is not None:
            return self.tr("Not synced: {problem} Your changes stay on this computer.").format(
                problem=describe_problem(status.problem)
            )
        if status.needs_attention == 1:
            return self.tr("Synced. 1 change needs your decision in the Outbox.")
        if status.needs_attention:
            return self.tr("Synced. {count} changes need your decision in the Outbox.").format(
                count=status.needs_attention
            )
        if status.pending:
            return self.tr("Synced; some changes are still on their way.")
        return self.tr("Synced: everything made here is on the server.")


def _monitor_state(status: SyncStatus) -> ConnectionState | None:
    if status.state in (SyncState.ONLINE, SyncState.SYNCING):
        return ConnectionState.ONLINE
    if status.state is SyncState.AUTH_REQUIRED:
        return ConnectionState.SIGNED_OUT
    if status.problem is not None:
        return ConnectionState.OFFLINE
    return None  # not tried yet: leave "signing in"
