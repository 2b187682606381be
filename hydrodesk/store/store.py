"""The Store: one profile's local database behind async methods, for the sync engine and the UI.

    store = await Store.open(profile_database(app_paths.data_dir, profile.name))
    await store.enqueue(entry)                      # durable before it returns
    rows = await store.read(views.sessions, project_id="proj_123")
    await store.close()

Opening takes an OS lock on the profile (one HydroDesk per profile), migrates the file to the current schema, and
returns entries a crash left `sending` to the queue. All work runs on the store's database thread; the event loop
(the GUI's, under qasync) only awaits it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection

from hydrodesk.domain.outbox import EntryKind, EntryState, Plan
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.telemetry_rollups import RollupHistory, RollupRow
from hydrodesk.domain.timestamps import now_utc, utc_text
from hydrodesk.store import cache, cache_clear, damage, rollups, views
from hydrodesk.store import outbox as ob
from hydrodesk.store.checkpointer import CHECK_EVERY_S, WalCheckpointer
from hydrodesk.store.database import Database
from hydrodesk.store.executor import DatabaseThread
from hydrodesk.store.group_commit import GroupCommitter
from hydrodesk.store.lock import ProfileLock
from hydrodesk.store.migrate import MigrationOutcome, upgrade
from hydrodesk.store.outbox import NewEntry, OutboxItem, Outcome
from hydrodesk.store.sqlite_errors import DiskFull, is_damage, is_disk_full

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

SERIES_DOCUMENT = "telemetry-series"  # per project: the series its telemetry history holds


class Store:
    def __init__(self, db: Database, thread: DatabaseThread, lock: ProfileLock, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._thread = thread
        self._lock = lock
        self._clock = clock
        self._grouped = GroupCommitter(db, thread)
        self._checkpointer: WalCheckpointer | None = None  # started once the file is open and migrated
        self.migration: MigrationOutcome | None = None
        self.recovered = 0  # entries found `sending` at open (the last run ended while sending them)
        self.restored = (0, 0, 0)  # outbox entries saved from a damaged file: (pending, sent, refused)
        self.damage: damage.DamageReport | None = None  # the file was damaged and replaced at this open
        self._closed = False

    # ------------------------------------------------------------------------------------------ life
    @classmethod
    async def open(
        cls, path: Path, *, clock: Callable[[], datetime] = now_utc, checkpoint_every_s: float = CHECK_EVERY_S
    ) -> Store:
        """Open (creating, migrating or repairing as needed) the profile database at `path`.

        `checkpoint_every_s`: how often the background thread folds the WAL into the file (see checkpointer.py).
        """
        thread = DatabaseThread()
        try:
            store = await thread.call(cls._open_on_thread, path, thread, clock)
        except BaseException:
            thread.shutdown()
            raise
        store._checkpointer = WalCheckpointer(store.path, every_s=checkpoint_every_s)
        store._checkpointer.start()
        return store

    @classmethod
    def _open_on_thread(cls, path: Path, thread: DatabaseThread, clock: Callable[[], datetime]) -> Store:
        lock = ProfileLock(path)
        lock.acquire()
        try:
            reason = damage.find_damage(path)
            if reason is not None:
                return cls._replace_damaged(path, reason, thread, lock, clock)
            try:
                return cls._open_file(path, thread, lock, clock)
            except Exception as error:
                if not is_damage(error):  # damage the quick checks at open did not see, met by the migration
                    raise
                return cls._replace_damaged(path, str(error), thread, lock, clock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_file(
        cls,
        path: Path,
        thread: DatabaseThread,
        lock: ProfileLock,
        clock: Callable[[], datetime],
        salvaged: damage.Salvage | None = None,
    ) -> Store:
        db = Database(path)
        try:
            store = cls(db, thread, lock, clock)
            store.migration = upgrade(db)
            if salvaged is not None:
                store.restored = db.write(lambda conn: damage.restore(conn, salvaged))
            store.recovered = db.write(lambda conn: ob.recover_interrupted(conn, utc_text(clock())))
            if store.recovered:
                log.info("%d outbox entries were being sent when HydroDesk last stopped; queued again", store.recovered)
            return store
        except BaseException:
            db.close()
            raise

    @classmethod
    def _replace_damaged(
        cls, path: Path, reason: str, thread: DatabaseThread, lock: ProfileLock, clock: Callable[[], datetime]
    ) -> Store:
        """Set the damaged file aside, open a fresh one in its place holding what could be read of the outbox;
        the cache fills again from the server on the next sync (a new file has no refresh marks)."""
        journal_lost = reason == damage.JOURNAL_DAMAGE
        set_aside = damage.set_aside(path, clock())
        salvaged = damage.salvage(set_aside)
        store = cls._open_file(path, thread, lock, clock, salvaged)
        pending, sent, refused = store.restored
        store.damage = damage.DamageReport(
            reason=reason,
            set_aside=set_aside,
            kept_pending=pending,
            kept_sent=sent,
            unreadable=salvaged.unreadable_entries + refused,
            journal_lost=journal_lost,
        )
        log.warning(  # handled: the user is told (a warning, not an error the app failed to deal with)
            "the local database %s was damaged (%s); set aside as %s; %d pending outbox entries kept, "
            "%d could not be read; the cache is fetched again",
            path.name,
            reason,
            set_aside.name,
            pending,
            store.damage.unreadable,
        )
        return store

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self._thread.call_last(self._close_on_thread)

    def _close_on_thread(self) -> None:
        try:
            if self._checkpointer is not None:
                self._checkpointer.stop()
            self._db.checkpoint()
        except Exception as error:
            if not is_disk_full(error):
                raise
            # Folding the journal in needs room the disk does not have; the journal keeps every commit and
            # SQLite reads it at the next open, so closing is still safe.
            log.warning("the local database was closed without folding in its journal: %s", error)
        finally:
            self._db.close()
            self._lock.release()

    def abandon(self) -> None:
        """Let go of the file as a crash would: no checkpoint, nothing flushed beyond what was committed.

        For tests that simulate a killed process within one process; a real app calls close().
        """
        self._closed = True
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self._thread.call_blocking_last(self._db.close)
        self._lock.release()

    @contextlib.contextmanager
    def _noting_damage(self) -> Iterator[None]:
        """Damage met while running (in cache pages the checks at open do not read): the next open checks the
        whole file and, when SQLite confirms it, replaces it as at open."""
        try:
            yield
        except Exception as error:
            if is_damage(error):
                log.error("the local database %s is damaged (%s); it is repaired at the next start", self.path, error)
                damage.note_damage(self.path)
            raise

    @property
    def path(self) -> Path:
        return self._db.path

    def now(self) -> str:
        return utc_text(self._clock())

    # ------------------------------------------------------------------------------------------ generic access
    async def read(self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a query function (from hydrodesk.store.cache or .views) on the database thread."""
        with self._noting_damage():
            return await self._thread.call(self._db.read, lambda conn: work(conn, *args, **kwargs))

    async def write(self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a cache-writing function in a fast transaction (for data the server can send again)."""
        with self._noting_damage():
            return await self._thread.call(self._db.write, lambda conn: work(conn, *args, **kwargs), durable=False)

    async def write_durably(
        self, work: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        with self._noting_damage():
            return await self._thread.call(self._db.write, lambda conn: work(conn, *args, **kwargs), durable=True)

    async def clear_cache(self) -> int:
        """Empty the cache of server data (never the outbox) and shrink the file; returns the rows removed."""
        removed = await self.write_durably(cache_clear.clear_cache)
        await self._thread.call(self._db.vacuum)
        log.info("cache cleared: %d rows removed; the outbox was kept", removed)
        return removed

    # ------------------------------------------------------------------------------------------ outbox: adding
    async def enqueue(self, entry: NewEntry) -> OutboxItem:
        """Store a change the user made; when this returns it survives a crash or a power cut.

        Changes enqueued at the same moment share one commit (group commit); each still returns only once its
        commit is on disk. Raises DiskFull when there is no room for it (nothing saved before is touched).
        """
        return await self.enqueue_soon(entry)

    def enqueue_soon(self, entry: NewEntry) -> Coroutine[Any, Any, OutboxItem]:
        """`enqueue`, with the commit under way before this returns: await the result as from `enqueue`. (A
        coroutine starts only when the loop first runs it; a busy GUI thread can make that tens of ms later.)"""
        return self._saved(self._grouped.write_soon(lambda conn: ob.add(conn, entry)))

    async def _saved(self, saving: Awaitable[T]) -> T:
        with self._noting_damage(), _refusing_when_full():
            return await saving

    async def enqueue_many(self, entries: Sequence[NewEntry]) -> list[OutboxItem]:
        """Several changes in one durable commit (all or none)."""
        with self._noting_damage(), _refusing_when_full():
            return await self._grouped.write(lambda conn: [ob.add(conn, entry) for entry in entries])

    # ------------------------------------------------------------------------------------------ outbox: reading
    async def outbox_items(
        self,
        *,
        states: Iterable[EntryState] | None = None,
        kinds: Iterable[EntryKind] | None = None,
        group: str | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[OutboxItem]:
        """Entries for the outbox view, e.g. `states=ATTENTION_STATES` for what needs the user."""
        states = None if states is None else list(states)
        kinds = None if kinds is None else list(kinds)
        return await self.read(
            ob.items, states=states, kinds=kinds, group=group, limit=limit, newest_first=newest_first
        )

    async def outbox_entry(self, entry_id: str) -> OutboxItem | None:
        return await self.read(ob.get, entry_id)

    async def outbox_counts(self) -> dict[EntryState, int]:
        return await self.read(ob.counts)

    async def people_names(self) -> dict[str, str]:
        """The names of the company's people known here, by account id (hydrodesk.domain.people)."""
        return await self.read(cache.people)

    # ------------------------------------------------------------------------------------------ outbox: sending
    async def prepare_round(self, auth0_id: str) -> Plan:
        return await self.write_durably(ob.prepare_round, auth0_id, self.now())

    async def begin_sending(self, entry_ids: Sequence[str]) -> list[OutboxItem]:
        # Not fsynced: should a crash lose the mark, the entry is simply queued, and resending it is safe.
        return await self.write(ob.begin_sending, entry_ids, self.now())

    async def begin_sending_records(self, entry_ids: Sequence[str]) -> ob.RecordBatch:
        """`begin_sending` for a bulk batch of record creates: their ids and request bodies, ready for the wire."""
        return await self.write(ob.begin_sending_records, entry_ids, self.now())

    async def finish(
        self,
        outcomes: Mapping[str, Outcome],
        *,
        records: Sequence[Mapping[str, Any]] = (),
        sessions: Sequence[SessionData] = (),
        workers: Sequence[Mapping[str, Any]] = (),
        server_ids: Sequence[tuple[str, str]] = (),
        session_patches: Sequence[tuple[str, Mapping[str, Any]]] = (),
        record_patches: Sequence[tuple[str, Mapping[str, Any]]] = (),
    ) -> None:
        """Note what the server said about entries being sent, and cache what it returned, in one commit.

        `server_ids` are (local id, server id) pairs for sessions opened offline: entries waiting for them are
        rewritten to the server's id in the same transaction.
        """
        now = self.now()

        def work(conn: Connection) -> None:
            ob.finish(conn, outcomes, now)
            cache.save_records(conn, records, now)
            cache.save_sessions(conn, sessions, now)
            cache.save_workers(conn, workers, now)
            for session_id, changes in session_patches:
                cache.patch_session(conn, session_id, changes)
            for record_id, changes in record_patches:
                cache.patch_record(conn, record_id, changes)
            for local_id, server_id in server_ids:
                ob.assign_server_id(conn, local_id, server_id, "session", now)

        await self.write_durably(work)

    # ------------------------------------------------------------------------------------------ the user's choices
    async def retry(self, entry_ids: Iterable[str]) -> list[str]:
        """Send stopped entries again unchanged; returns every entry queued again (with ones they held up)."""
        return await self.write_durably(ob.retry, list(entry_ids), self.now())

    async def discard(self, entry_ids: Iterable[str], reason: str) -> None:
        """Give up on entries; they stay in the outbox as history with the user's reason."""
        await self.write_durably(ob.discard, list(entry_ids), reason, self.now())

    async def edit(self, entry_id: str, changes: Mapping[str, Any]) -> OutboxItem:
        return await self.write_durably(ob.edit, entry_id, dict(changes), self.now())

    async def move_records(self, entry_ids: Iterable[str], session_id: str) -> None:
        await self.write_durably(ob.move_records, list(entry_ids), session_id, self.now())

    # ------------------------------------------------------------------------------------------ views
    async def company_names(self) -> dict[str, str]:
        return await self.read(cache.company_names)

    async def projects(self) -> list[dict[str, Any]]:
        return await self.read(cache.projects)

    async def sectors(self, project_id: str) -> list[dict[str, Any]]:
        return await self.read(cache.sectors, project_id)

    async def sessions(self, **filters: Any) -> list[views.SessionRow]:
        return await self.read(views.sessions, **filters)

    async def workers(self, *, query: str | None = None, status: str | None = None) -> list[views.Row]:
        return await self.read(views.workers, query=query, status=status)

    async def session_records(self, session_ref: str) -> list[dict[str, Any]]:
        return await self.read(lambda conn: cache.session_records(conn, views.resolve_session(conn, session_ref)))

    async def session_tally(self, session_ref: str) -> list[WorkerTally]:
        return await self.read(views.session_tally, session_ref)

    async def session_changes(self, session_ref: str) -> list[OutboxItem]:
        """Updates, extensions and a close of the session still on their way (or stopped)."""
        return await self.read(views.session_changes, session_ref)

    async def resolve_session(self, session_ref: str) -> str:
        return await self.read(views.resolve_session, session_ref)

    # ------------------------------------------------------------------------------------------ telemetry rollups
    # The Store is the office's RollupSink: the live telemetry's minute rollups outlive the session.
    async def save_rollups(self, rows: Sequence[RollupRow]) -> None:
        # A fast (not fsynced) write: rollups are a history for charts, not the user's work.
        await self.write(rollups.save, list(rows))

    async def load_rollups(self, series: SeriesKey, since: float, until: float | None = None) -> list[RollupRow]:
        """Rows of one series with since <= minute (< until), oldest first."""
        return await self.read(rollups.load, series, since, until)

    # ... and its HistorySink: the server's telemetry history fills the minutes the office did not see.
    async def merge_history(self, batch: Sequence[tuple[SeriesKey, RollupHistory]]) -> int:
        return await self.write(rollups.merge, list(batch))

    async def remember_series(self, project_id: str, series: Sequence[SeriesKey]) -> None:
        listed = [[key.device_id, key.metric] for key in series]
        await self.write(cache.save_document, SERIES_DOCUMENT, project_id, listed, self.now())

    async def known_series(self, project_id: str) -> list[SeriesKey]:
        stored = await self.read(cache.document, SERIES_DOCUMENT, project_id)
        return [] if stored is None else [SeriesKey(device_id, metric) for device_id, metric in stored[0]]


@contextlib.contextmanager
def _refusing_when_full() -> Iterator[None]:
    """A write the disk had no room for was rolled back whole: say so in a way the UI can tell the user."""
    try:
        yield
    except Exception as error:
        if not is_disk_full(error):
            raise
        log.warning("an outbox entry was refused: no room on the disk (%s)", error)
        raise DiskFull(str(getattr(error, "orig", None) or error)) from error
