"""The sync engine: drains the outbox to the server and refreshes the cache, whenever the server can be reached.

    engine = SyncEngine(store, client)
    engine.subscribe(status_bar.show)          # SyncStatus values: online/offline/syncing/auth-required, counts
    engine.start()                             # a background task on the running event loop
    await engine.sync_now()                    # "Sync now": try at once, whatever the backoff
    engine.set_network_available(False)        # fed from the OS (QNetworkInformation) by the UI
    engine.credentials_renewed(credentials)    # after the user signed in again
    await engine.stop()

One round: plan what may be sent (hydrodesk.domain.outbox), send entries other than records one by one in order,
records in bulk batches, note every answer durably, repeat until nothing is sendable; then refresh the cache if
that is due. A transient failure ends the round: the engine waits (exponential backoff with full jitter, then a
cheap probe before sending again) and retries by itself. A 401 pauses everything until `credentials_renewed`.
Nothing in the outbox is dropped along the way: entries the server refused wait for the user's decision.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.errors import ApiError
from hydrodesk.domain.backoff import Backoff
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.domain.shutdown import ShuttingDown, is_client_bug
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.store.sqlite_errors import is_disk_full
from hydrodesk.store.store import Store
from hydrodesk.sync.clock import Clock, SystemClock
from hydrodesk.sync.outcomes import SignInRequired, SyncInterrupted, interruption, is_transient
from hydrodesk.sync.refresh import CacheRefresher
from hydrodesk.sync.senders import WriteBack, send_records, send_single
from hydrodesk.sync.status import ConnectionState, ProblemKind, StatusHub, SyncProblem, SyncStatus

log = logging.getLogger(__name__)

PROBE_KEY = "hydrodesk:probe"  # HEAD check-idempotency with a key nobody files under: 404, cheap, authenticated
DEFAULT_BATCH = 500  # records per bulk request (the simulator takes up to 1000)
NO_NETWORK_RECHECK_S = 60.0  # the OS may be wrong about the network; look anyway now and then
COUNTS_EVERY_S = 0.25
DEFAULT_REFRESH_EVERY_S = 300.0  # how often the cache fetches what others changed on the server
IN_FLIGHT = 2  # bulk requests on the wire at once: the client builds the next while the server stores one
READ_AHEAD = 2  # batches read from the outbox before they are sent


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: HydrobitClient,
        *,
        clock: Clock | None = None,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
        batch_size: int = DEFAULT_BATCH,
        refresh_every_s: float = DEFAULT_REFRESH_EVERY_S,
        refresh: bool = True,
        refresher: CacheRefresher | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.store = store
        self.client = client
        self.clock = clock or SystemClock()
        self.backoff = backoff or Backoff()
        self.rng = rng or random.Random()
        self.batch_size = batch_size
        self.refresh_every_s = refresh_every_s
        self.refresh_enabled = refresh
        self.refresher = refresher or CacheRefresher(store, client, now=self.clock.now)
        self.hub = StatusHub()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._forced = False
        self._auth_paused = False
        self._network: bool | None = None
        self._failures = 0
        self._last_refresh: datetime | None = None
        self._round_waiters: list[asyncio.Future[SyncStatus]] = []
        self._round_lock = asyncio.Lock()
        self._background: set[asyncio.Task[None]] = set()
        self._counts_published = 0.0

    # ------------------------------------------------------------------------------------------ observing
    @property
    def status(self) -> SyncStatus:
        return self.hub.current

    def subscribe(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        """`listener(status)` now and after every change; returns a function that unsubscribes it."""
        return self.hub.subscribe(listener)

    async def wait_for(self, predicate: Callable[[SyncStatus], bool]) -> SyncStatus:
        """The first status that satisfies `predicate` (bound the wait with `asyncio.timeout`)."""
        return await self.hub.wait_for(predicate)

    # ------------------------------------------------------------------------------------------ controlling
    def start(self) -> None:
        """Run the engine as a background task on the running event loop."""
        if self._task is not None:
            return
        self._stopping = False
        self._task = asyncio.get_running_loop().create_task(self._run(), name="hydrodesk-sync")

    async def stop(self) -> None:
        """Finish the current request's bookkeeping and stop (the outbox keeps whatever is left)."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), timeout=5.0)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for waiting in self._background:
            waiting.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        self._resolve_waiters()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def sync_now(self) -> SyncStatus:
        """Try now, ignoring the backoff (and a pause for sign-in); returns the status after that round."""
        if not self.running:
            await self.run_round(forced=True)
            return self.status
        future: asyncio.Future[SyncStatus] = asyncio.get_running_loop().create_future()
        self._round_waiters.append(future)
        self._forced = True
        self._wake.set()
        return await future

    def notify_changed(self) -> None:
        """Something was added to (or changed in) the outbox: update the counts, and send it if online."""
        self._spawn(self.publish_counts)
        if self.status.state in (ConnectionState.ONLINE, ConnectionState.SYNCING):
            self._wake.set()

    def set_network_available(self, available: bool | None) -> None:
        """What the operating system says about the network (None: it cannot tell)."""
        was = self._network
        self._network = available
        if available is False and self.status.state is not ConnectionState.AUTH_REQUIRED:
            problem = SyncProblem(ProblemKind.NO_NETWORK, "This computer has no network connection.")
            self.hub.update(network_available=False, state=ConnectionState.OFFLINE, problem=problem)
        else:
            self.hub.update(network_available=available)
        if available and was is False:
            self._forced = True  # the network is back: try right away rather than after the backoff
            self._wake.set()

    def credentials_renewed(self, credentials: Credentials) -> None:
        """The user signed in again: use the new credentials and resume (the outbox was kept)."""
        if credentials.auth0_id != self.client.credentials.auth0_id:
            log.warning("sync resumed for a different user; entries made by the previous user stay unsent")
        self.client.replace_credentials(credentials)
        self._auth_paused = False
        self._forced = True
        self._wake.set()

    def replace_client(self, client: HydrobitClient) -> None:
        """Talk to the server through another client from now on (a new server address, for instance)."""
        self.client = client
        self.refresher.client = client
        self._forced = True
        self._wake.set()

    async def publish_counts(self) -> SyncStatus:
        counts = await self.store.outbox_counts()
        return self.hub.update(
            pending=counts[EntryState.QUEUED] + counts[EntryState.SENDING],
            failed=counts[EntryState.FAILED],
            conflicts=counts[EntryState.CONFLICT],
            expired=counts[EntryState.EXPIRED],
        )

    # ------------------------------------------------------------------------------------------ the loop
    async def _run(self) -> None:
        await self.publish_counts()
        while not self._stopping:
            forced, self._forced = self._forced, False
            self._wake.clear()
            # Who asked before this round began hears its outcome; who asks during it waits for the next one (a
            # round already past its requests would report a state older than the question: "online" just after
            # the server went away).
            waiting, self._round_waiters = self._round_waiters, []
            delay = await self.run_round(forced=forced)
            self._resolve_waiters(waiting)
            if self._stopping:
                break
            await self.clock.pause(delay, self._wake)

    def _resolve_waiters(self, waiters: list[asyncio.Future[SyncStatus]] | None = None) -> None:
        """Answer `waiters` (by default everyone waiting) with the status now."""
        if waiters is None:
            waiters, self._round_waiters = self._round_waiters, []
        for future in waiters:
            if not future.done():
                future.set_result(self.status)

    async def run_round(self, *, forced: bool = False) -> float | None:
        """One attempt: drain, then refresh if due. Returns how long to wait before the next one (None: until
        woken). Called by the loop; tests and benchmarks may call it directly on an engine that was not started."""
        async with self._round_lock:
            return await self._round(forced)

    async def _round(self, forced: bool) -> float | None:
        if self._auth_paused and not forced:
            return None
        if self._network is False and not forced:
            return NO_NETWORK_RECHECK_S
        try:
            if self._failures and not forced:
                await self._probe()
            await self._drain()
            await self._refresh_if_due(forced)
        except SignInRequired as stop:
            self._auth_paused = True
            self.hub.update(state=ConnectionState.AUTH_REQUIRED, problem=stop.problem, next_retry_at=None)
            await self.publish_counts()
            return None
        except SyncInterrupted as stop:
            return await self._failed(stop.problem)
        except ShuttingDown:
            # The store closed under the round (the app is closing): nothing failed, and the outbox keeps the rest.
            log.info("sync stopped: the store was closed")
            self._stopping = True
            return None
        except Exception as error:  # a bug or a disk problem: keep the engine alive and say which it was
            detail = f"{type(error).__name__}: {error}"
            if is_disk_full(error):
                # A known condition, not a bug: the outbox and the cache stand as they were; the next round retries.
                log.warning("sync round stopped: the disk is full (%s)", detail.splitlines()[0])
                problem = SyncProblem(
                    ProblemKind.DISK_FULL, "This computer's disk is full: free some space and sync goes on.", detail
                )
                return await self._failed(problem)
            log.exception("sync round failed unexpectedly")
            if is_client_bug(error):
                problem = SyncProblem(
                    ProblemKind.INTERNAL_ERROR, "HydroDesk hit an internal error while syncing.", detail
                )
            else:
                problem = SyncProblem(
                    ProblemKind.SERVER_ERROR,
                    "HydroDesk ran into an unexpected problem while syncing; it will try again.",
                    detail,
                )
            return await self._failed(problem)
        self._failures = 0
        now = self.clock.now()
        self.hub.update(
            state=ConnectionState.ONLINE,
            problem=None,
            next_retry_at=None,
            last_sync_at=now,
            last_contact_at=now,
            consecutive_failures=0,
        )
        await self.publish_counts()
        return self.refresh_every_s if self.refresh_enabled else None

    async def _failed(self, problem: SyncProblem) -> float:
        self._failures += 1
        delay = self.backoff.delay(self._failures, self.rng)
        self.hub.update(
            state=ConnectionState.OFFLINE,
            problem=problem,
            next_retry_at=self.clock.now() + timedelta(seconds=delay),
            consecutive_failures=self._failures,
        )
        await self.publish_counts()
        return delay

    async def _probe(self) -> None:
        try:
            await self.client.check_idempotency(PROBE_KEY)
        except ApiError as error:
            raise interruption(error) from error
        self.hub.update(last_contact_at=self.clock.now())

    # ------------------------------------------------------------------------------------------ draining
    async def _drain(self) -> None:
        me = self.client.credentials.auth0_id
        while not self._stopping:
            plan = await self.store.prepare_round(me)
            if plan.empty:
                return
            self.hub.update(state=ConnectionState.SYNCING)
            for planned in plan.singles:
                if self._stopping:
                    return
                sending = await self.store.begin_sending([planned.entry_id])
                if not sending:
                    continue  # the user discarded it meanwhile
                entry = await self._with_void_target(sending[0])
                back = await send_single(self.client, entry, me=me, now=self.clock.now())
                await self._write_back(back)
            await self._send_records([planned.entry_id for planned in plan.records])

    async def _send_records(self, record_ids: list[str]) -> None:
        """Bulk batches through a pipeline, so that neither the server nor the database thread waits for the other.

        Up to IN_FLIGHT batches are on the wire at once; the next ones are read from the outbox (and marked
        `sending`) ahead of time, and each batch's answers are noted in the background, in order. Batches hold
        only records, whose order does not matter; anything that must come after them waits for the next plan.
        If a batch is interrupted, no new one starts; those in flight are still answered and noted, and batches
        read ahead but never sent go back to the queue, before the round stops.
        """
        loop = asyncio.get_running_loop()
        chunks = deque(
            record_ids[start : start + self.batch_size] for start in range(0, len(record_ids), self.batch_size)
        )
        ahead: deque[asyncio.Task[ob.RecordBatch]] = deque()
        in_flight: deque[asyncio.Task[WriteBack]] = deque()
        noting: asyncio.Task[None] | None = None
        stop: SyncInterrupted | None = None
        shrink = False

        def read_ahead() -> None:
            while chunks and len(ahead) < READ_AHEAD:
                ahead.append(loop.create_task(self.store.begin_sending_records(chunks.popleft())))

        try:
            read_ahead()
            while ahead or in_flight:
                while ahead and len(in_flight) < IN_FLIGHT and stop is None and not shrink and not self._stopping:
                    batch = await ahead.popleft()
                    in_flight.append(loop.create_task(send_records(self.client, batch)))
                    read_ahead()
                if not in_flight:
                    break
                back = await in_flight.popleft()
                noting = loop.create_task(self._note_after(noting, back))
                stop, shrink = stop or back.interruption, shrink or back.shrink_batches
                self._publish_counts_now_and_then()
        finally:
            for sending in in_flight:
                back = await sending
                noting = loop.create_task(self._note_after(noting, back))
                stop = stop or back.interruption
            if noting is not None:
                await noting
            for reading in ahead:
                # Marked `sending` but never sent: back to the queue.
                unsent = await reading
                unsent_ids = [*unsent.entry_ids, *(entry_id for entry_id, _ in unsent.unchecked)]
                await self.store.finish({entry_id: ob.Retry("not sent: the round stopped") for entry_id in unsent_ids})
        if shrink:
            self.batch_size = max(1, self.batch_size // 2)
            log.info("the server refused a batch as a whole; sending %d records at a time", self.batch_size)
        if stop is not None:
            raise stop

    async def _note_after(self, previous: asyncio.Task[None] | None, back: WriteBack) -> None:
        if previous is not None:
            await previous
        await self._write_back(back, raise_interruption=False)

    def _publish_counts_now_and_then(self) -> None:
        # Counting is cheap but not free; during a long drain a few updates a second are plenty for a status bar.
        now = time.monotonic()
        if now - self._counts_published >= COUNTS_EVERY_S:
            self._counts_published = now
            self._spawn(self.publish_counts)

    async def _write_back(self, back: WriteBack, *, raise_interruption: bool = True) -> None:
        await self.store.finish(
            back.outcomes,
            records=back.records,
            sessions=back.sessions,
            workers=back.workers,
            server_ids=back.server_ids,
            session_patches=back.session_patches,
            record_patches=back.record_patches,
        )
        if back.outcomes and any(not isinstance(outcome, ob.Retry) for outcome in back.outcomes.values()):
            self.hub.update(last_contact_at=self.clock.now())
        if back.interruption is not None and raise_interruption:
            raise back.interruption

    async def _with_void_target(self, entry: OutboxItem) -> OutboxItem:
        """A void of a record made offline learns the record's server id once that record is done."""
        if entry.kind is not EntryKind.VOID_RECORD or entry.payload.get("record_id"):
            return entry
        target = await self.store.read(ob.by_idem_key, EntryKind.CREATE_RECORD, entry.payload["target_event_id"])
        if target is None or not target.result:
            return entry
        return dataclasses.replace(entry, payload={**entry.payload, "record_id": target.result.get("record_id")})

    # ------------------------------------------------------------------------------------------ refreshing
    async def _refresh_if_due(self, forced: bool) -> None:
        if not self.refresh_enabled:
            return
        now = self.clock.now()
        if (
            not forced
            and self._last_refresh is not None
            and now - self._last_refresh < timedelta(seconds=self.refresh_every_s)
        ):
            return
        self.hub.update(state=ConnectionState.SYNCING)
        try:
            await self.refresher.refresh_core()
        except ApiError as error:
            if is_transient(error) or error.status_code == 401:
                raise interruption(error) from error
            # A data set the account may not read, say: the rest of sync is fine.
            log.warning("cache refresh incomplete: %s", error)
        self._last_refresh = now

    def _spawn(self, work: Callable[[], Awaitable[object]]) -> None:
        """Run `work()` in the background; its coroutine is made only once the task runs, so a task cancelled
        before it started leaves nothing un-awaited behind."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no running loop (called from a script): nothing to update
            return
        task = loop.create_task(_ending_quietly_on_shutdown(work))
        self._background.add(task)
        task.add_done_callback(self._background.discard)


async def _ending_quietly_on_shutdown(work: Callable[[], Awaitable[object]]) -> None:
    """A background job (counting the outbox, say) that finds the store closed just ends: it was not needed."""
    with contextlib.suppress(ShuttingDown):
        await work()
