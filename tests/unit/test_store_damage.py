"""A damaged cache file opens with what could be saved of the outbox; a full disk refuses the new entry only.

Every kind of damage here is done to a real file the store wrote: cut to half, pages overwritten with garbage,
replaced by something that is not SQLite, a journal that is garbage. The full disk is SQLite's own: the file's
page limit (PRAGMA max_page_count) makes the next write fail with SQLITE_FULL, as a full disk does.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from hydrodesk.api.models import NewRecord, NewSession
from hydrodesk.domain.outbox import EntryState
from hydrodesk.store import damage
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import OutboxItem
from hydrodesk.store.sqlite_errors import DiskFull, is_damage, is_disk_full
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads
from tests.cache_damage_support import overwrite_middle_outbox_page

ME = "user_123456789"
NOW = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)
SEED = 1203


def record(number: int, session_id: str = "S1") -> ob.NewEntry:
    new = NewRecord(
        session_id=session_id,
        worker_id=f"W{number:04d}",
        worker_name="Worker with a name long enough to fill outbox pages " * 3,
        units=number,
        recorded_at_utc=NOW,
    )
    return payloads.record_entry(new, auth0_id=ME, now=NOW)


def opening() -> ob.NewEntry:
    new = NewSession(project_id="proj_123", sector_id="sector_002", sector_name="Lote A-2", opened_at=NOW)
    return payloads.open_session_entry(new, auth0_id=ME, now=NOW)


async def office_file(path: Path, entries: int = 60) -> list[OutboxItem]:
    """A cache with `entries` pending records, a project in its cache, closed cleanly."""
    store = await Store.open(path, clock=lambda: NOW)
    try:
        items = [await store.enqueue(record(number)) for number in range(entries)]
        # Then server data, as a sync brings it: it fills the second half of the file.
        filler = [(f"p{number}", "Norte", '{"notes": "%s"}' % ("x" * 2000), "2025") for number in range(entries * 3)]
        await store.write(lambda conn: conn.exec_driver_sql("INSERT INTO projects VALUES (?, ?, ?, ?)", filler))
    finally:
        await store.close()
    return items


def damaged_files(path: Path) -> list[Path]:
    found = path.parent.glob(f"{path.name}.damaged-*")
    return sorted(file for file in found if not file.name.endswith(("-wal", "-shm")))  # SQLite's own, beside it


async def reopen(path: Path) -> Store:
    return await Store.open(path, clock=lambda: NOW)


# ------------------------------------------------------------------------------------------------ damage
@pytest.mark.asyncio
async def test_a_file_cut_to_half_is_set_aside_and_a_fresh_cache_opens(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    await office_file(path)
    original = path.read_bytes()
    with path.open("r+b") as handle:
        handle.truncate(len(original) // 2)
    store = await reopen(path)
    try:
        report = store.damage
        assert report is not None
        assert "malformed" in report.reason
        assert report.set_aside == damaged_files(path)[0]
        assert report.set_aside.read_bytes() == original[: len(original) // 2]  # kept as it was, for support
        assert (report.kept_pending, report.unreadable) == (60, 0)  # the outbox was in the first half
        kept = await store.outbox_items()
        assert len(kept) == report.kept_pending
        assert await store.projects() == []  # the cache comes again from the server
        later = await store.enqueue(record(1000))  # and the fresh file takes new work
        assert later.seq > max((item.seq for item in kept), default=0)
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_garbage_over_an_outbox_page_loses_only_the_entries_on_that_page(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    items = await office_file(path)
    overwrite_middle_outbox_page(path, SEED)
    store = await reopen(path)
    try:
        report = store.damage
        assert report is not None
        assert 0 < report.unreadable < 20
        assert report.kept_pending == 60 - report.unreadable
        kept = {item.entry_id: item for item in await store.outbox_items()}
        assert len(kept) == report.kept_pending
        for item in items:  # each entry kept is the same entry: ids, keys and payload unchanged
            if item.entry_id in kept:
                assert kept[item.entry_id] == item
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_a_file_that_is_not_sqlite_is_set_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    path.write_bytes(b"this is a spreadsheet someone saved over the cache\n" * 200)
    store = await reopen(path)
    try:
        report = store.damage
        assert report is not None
        assert report.reason == "file is not a database"
        assert (report.kept_pending, report.unreadable) == (0, 0)
        assert report.set_aside.read_bytes().startswith(b"this is a spreadsheet")
        assert await store.outbox_counts() == {state: 0 for state in EntryState}
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_a_garbage_journal_is_reported_and_the_main_file_keeps_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    await office_file(path, entries=10)
    journal = path.with_name(path.name + "-wal")
    journal.write_bytes(os.urandom(8192))  # SQLite alone would ignore it without a word
    store = await reopen(path)
    try:
        report = store.damage
        assert report is not None
        assert report.journal_lost
        assert report.kept_pending == 10
        assert report.set_aside.with_name(report.set_aside.name + "-wal").exists()
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_entries_sent_already_come_back_as_sent_and_the_damage_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path, clock=lambda: NOW)
    sent = await store.enqueue(record(1))
    waiting = await store.enqueue(record(2))
    await store.begin_sending([sent.entry_id])
    await store.finish({sent.entry_id: ob.Delivered({"record_id": "r1"})})
    await store.begin_sending([waiting.entry_id])  # the app stops while sending it
    await store.close()
    with path.open("r+b") as handle:  # the file loses its last page
        handle.truncate(path.stat().st_size - 4096)
    store = await reopen(path)
    try:
        assert store.damage is not None
        assert (store.damage.kept_pending, store.damage.kept_sent) == (1, 1)
        delivered = await store.outbox_entry(sent.entry_id)
        assert delivered is not None
        assert delivered.state is EntryState.DONE  # not sent a second time
        again = await store.outbox_entry(waiting.entry_id)
        assert again is not None
        assert again.state is EntryState.QUEUED
        assert again.idem_key == waiting.idem_key
    finally:
        await store.close()
    store = await reopen(path)
    try:
        assert store.damage is None  # said once: the new file is sound
        assert len(damaged_files(path)) == 1
    finally:
        await store.close()


def test_a_sound_file_is_not_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    assert damage.find_damage(path) is None
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO outbox VALUES (1)")
        # A valid journal with a commit not yet folded in is sound too.
        assert path.with_name(path.name + "-wal").stat().st_size > 0
        assert damage.find_damage(path) is None


# ------------------------------------------------------------------------------------------------ full disk
@pytest.mark.asyncio
async def test_a_full_disk_refuses_the_new_entry_and_keeps_every_earlier_one(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: NOW)
    try:
        earlier = [await store.enqueue(record(number)) for number in range(5)]
        pages = await store.read(lambda conn: conn.exec_driver_sql("PRAGMA page_count").scalar())
        await store.read(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count={pages}").scalar())
        refused, full = 0, None
        for number in range(5, 200):  # fill what room is left on the last pages until SQLite says "full"
            try:
                await store.enqueue(record(number))
            except DiskFull as error:
                refused, full = number, error
                break
        assert full is not None, "the file never filled up"
        assert "disk is full" in str(full)
        assert await store.outbox_entry(earlier[0].entry_id) == earlier[0]
        assert len(await store.outbox_items()) == refused  # everything before the refused one, nothing of it
        await store.read(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count={pages + 100}").scalar())
        again = await store.enqueue(record(refused))  # room again: the same entry is taken
        assert again.payload["units"] == refused
        assert len(await store.outbox_items()) == refused + 1
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_an_entry_whose_dependency_was_lost_stops_for_the_user_instead_of_waiting_forever(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path, clock=lambda: NOW)
    try:
        opener = await store.enqueue(opening())
        inside = await store.enqueue(record(1, session_id=opener.idem_key))  # waits for the offline session
    finally:
        await store.close()
    assert inside.depends_on == (opener.entry_id,)
    found = damage.salvage(path)
    found.rows["outbox"] = [row for row in found.rows["outbox"] if opener.entry_id not in row]  # "unreadable"
    fresh = await Store.open(tmp_path / "fresh.sqlite3", clock=lambda: NOW)
    try:
        pending, _sent, _refused = await fresh.write_durably(damage.restore, found)
        assert pending == 1
        stopped = await fresh.outbox_entry(inside.entry_id)
        assert stopped is not None
        assert stopped.state is EntryState.CONFLICT
        assert stopped.blocked_by == opener.entry_id
        assert stopped.reason == damage.ORPHAN_REASON
        assert await fresh.retry([inside.entry_id]) == [inside.entry_id]  # the user may send it as it is
        assert (await fresh.prepare_round(ME)).records[0].entry_id == inside.entry_id
    finally:
        await fresh.close()


@pytest.mark.asyncio
@pytest.mark.expect_errors("is damaged", logger="hydrodesk.store.store")
async def test_damage_met_in_the_cache_while_running_is_repaired_at_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    await office_file(path)
    with path.open("r+b") as handle:  # garbage over the last page: cached projects, not the outbox
        handle.seek(path.stat().st_size - 4096)
        handle.write(b"\xff" * 4096)
    store = await reopen(path)
    try:
        assert store.damage is None  # the checks at open read only the tables of local work
        with pytest.raises(DatabaseError, match="malformed"):
            await store.projects()
    finally:
        await store.close()
    store = await reopen(path)
    try:
        assert store.damage is not None  # this time the whole file was checked
        assert (store.damage.kept_pending, store.damage.unreadable) == (60, 0)
        assert await store.projects() == []
    finally:
        await store.close()
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".damage-seen")]


def test_what_counts_as_damage_and_as_a_full_disk() -> None:
    def sqlite_error(code: int, text: str) -> sqlite3.Error:
        error = sqlite3.OperationalError(text)
        error.sqlite_errorcode = code
        return error

    full = sqlite_error(13, "database or disk is full")
    assert is_disk_full(full)
    assert is_disk_full(OperationalError("INSERT", {}, full))  # as SQLAlchemy hands it on
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_damage(sqlite_error(11 | (3 << 8), "database disk image is malformed"))  # an extended code
    assert not is_damage(sqlite_error(5, "database is locked"))
    assert not is_disk_full(sqlite_error(5, "database is locked"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
