"""The profile database file: private, WAL, durable where it matters, one instance at a time, migrated on open."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from hydrodesk.domain.outbox import EntryState
from hydrodesk.store import migrate
from hydrodesk.store import outbox as ob
from hydrodesk.store.database import Database
from hydrodesk.store.lock import ProfileLock, StoreInUse
from hydrodesk.store.migrate import CacheTooNew, alembic_config, head_revision
from hydrodesk.store.paths import profile_database
from hydrodesk.store.schema import metadata
from hydrodesk.store.store import Store


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def first_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_base()  # type: ignore[return-value]


@pytest.mark.asyncio
async def test_a_new_profile_file_is_private_in_wal_mode_and_at_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "profiles" / "farm.sqlite3"
    store = await Store.open(path)
    try:
        assert store.migration is not None
        assert store.migration.before is None
        assert store.migration.after == head_revision()
        assert await store.read(lambda conn: conn.exec_driver_sql("PRAGMA journal_mode").scalar()) == "wal"
        await store.outbox_counts()  # the WAL file exists once something was written
        for file in (path, path.with_name(path.name + "-wal")):
            assert mode_of(file) == 0o600, file
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_a_file_left_readable_by_others_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    path.touch(mode=0o644)
    path.chmod(0o644)
    store = await Store.open(path)
    await store.close()
    assert mode_of(path) == 0o600


def test_durable_transactions_fsync_and_cache_refreshes_do_not(tmp_path: Path) -> None:
    db = Database(tmp_path / "farm.sqlite3")
    try:

        def level(conn: object) -> int:
            return conn.exec_driver_sql("PRAGMA synchronous").scalar()  # type: ignore[attr-defined]

        assert db.write(level, durable=True) == 2  # FULL
        assert db.write(level, durable=False) == 1  # NORMAL
        assert db.write(level, durable=True) == 2
    finally:
        db.close()


@pytest.mark.asyncio
async def test_one_hydrodesk_at_a_time_per_profile(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path)
    with pytest.raises(StoreInUse, match="in use"):
        await Store.open(path)
    await store.close()
    again = await Store.open(path)  # closing let go of it
    await again.close()


@pytest.mark.asyncio
async def test_asking_whether_a_hydrodesk_holds_a_cache_takes_nothing_from_it(tmp_path: Path) -> None:
    """Asked before the first window, so a start with nobody to ask skips the local-socket question."""
    path = tmp_path / "farm.sqlite3"
    assert not ProfileLock.is_held(path)
    assert not path.with_name(path.name + ".lock").exists()  # asking made no file
    store = await Store.open(path)
    try:
        assert ProfileLock.is_held(path)
        assert ProfileLock.is_held(path)  # the first question did not drop the holder's lock
        with pytest.raises(StoreInUse):
            await Store.open(path)
    finally:
        await store.close()
    assert not ProfileLock.is_held(path)
    again = await Store.open(path)  # nor did it leave the lock taken
    await again.close()


def test_the_migrations_create_exactly_the_tables_the_models_describe(tmp_path: Path) -> None:
    db = Database(tmp_path / "farm.sqlite3")
    try:
        migrate.upgrade(db)
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
        assert differences == []
    finally:
        db.close()


@pytest.mark.asyncio
async def test_a_cache_from_the_first_schema_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    """A cache file made by the first release, with a pending record and a cached project, opened by this code."""
    path = tmp_path / "old.sqlite3"
    db = Database(path)
    migrate.upgrade(db, first_revision())
    db.close()
    with contextlib.closing(sqlite3.connect(path)) as old, old:  # rows written as revision 0001 knew them, by hand
        old.execute(
            "INSERT INTO outbox (entry_id, kind, entity_key, idem_key, auth0_id, payload, depends_on, state, attempts,"
            " created_at, updated_at, history) VALUES ('e1', 'record.create', 'session:S1', 'evt_1', 'user_1',"
            ' \'{"session_id": "S1", "worker_id": "JS0315", "worker_name": "John", "units": 2,'
            ' "recorded_at_utc": "2025-10-19T14:30:00.000Z", "client_event_id": "evt_1"}\', \'[]\', \'queued\', 0,'
            " '2025-10-19T14:30:00.000Z', '2025-10-19T14:30:00.000Z', '[]')"
        )
        old.execute(
            "INSERT INTO projects (project_id, name, data, fetched_at) VALUES ('proj_1', 'Rancho',"
            ' \'{"project_id": "proj_1", "name": "Rancho"}\', \'2025-10-19T14:30:00.000Z\')'
        )
    store = await Store.open(path)
    try:
        assert store.migration is not None
        assert store.migration.after == head_revision()
        (entry,) = await store.outbox_items()
        assert (entry.idem_key, entry.state, entry.payload["units"]) == ("evt_1", EntryState.QUEUED, 2)
        assert [project["name"] for project in await store.projects()] == ["Rancho"]
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_an_upgrade_keeps_a_copy_and_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The upgrade machinery, with a second revision added for the test: data kept, a backup beside it."""
    current = head_revision()
    migrations = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9001_test_column.py").write_text(
        '"""Test revision."""\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        f"revision = '9001'\ndown_revision = '{current}'\nbranch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade():\n    with op.batch_alter_table('outbox') as batch:\n"
        "        batch.add_column(sa.Column('note', sa.String(), nullable=True))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path)
    item = await store.enqueue(
        ob.NewEntry(
            kind=ob.EntryKind.CLOSE_SESSION,
            group="session:S1",
            idem_key="close-1",
            payload={"session_id": "S1", "close": {}},
            auth0_id="user_1",
            created_at=store.now(),
        )
    )
    await store.close()

    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations)
    upgraded = await Store.open(path)
    try:
        assert upgraded.migration is not None
        assert (upgraded.migration.before, upgraded.migration.after) == (current, "9001")
        assert (await upgraded.outbox_entry(item.entry_id)) == item
        columns = await upgraded.read(
            lambda conn: [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(outbox)")]
        )
        assert "note" in columns
        backup = upgraded.migration.backup
        assert backup is not None
        assert mode_of(backup) == 0o600
        with contextlib.closing(sqlite3.connect(backup)) as copy:
            assert copy.execute("SELECT idem_key FROM outbox").fetchall() == [("close-1",)]
    finally:
        await upgraded.close()


@pytest.mark.asyncio
async def test_a_cache_from_a_newer_hydrodesk_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path)
    await store.close()
    with contextlib.closing(sqlite3.connect(path)) as newer, newer:
        newer.execute("UPDATE alembic_version SET version_num = '7777_from_the_future'")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(CacheTooNew, match="newer version of HydroDesk"):
        await Store.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    again = None
    with pytest.raises(CacheTooNew):
        again = await Store.open(path)  # the lock was released: the refusal repeats rather than "in use"
    assert again is None


def test_each_profile_has_a_file_of_its_own_with_a_name_every_os_accepts(tmp_path: Path) -> None:
    north = profile_database(tmp_path, "Finca Norte / Lote 3")
    same_letters = profile_database(tmp_path, "finca-norte-lote-3")
    assert north.parent == tmp_path / "profiles"
    assert north.name.startswith("finca-norte-lote-3-")
    assert north.suffix == ".sqlite3"
    assert north != same_letters
    assert profile_database(tmp_path, "Finca Norte / Lote 3") == north
    assert profile_database(tmp_path, "Ñuñoa").name.startswith("nunoa-")
    with pytest.raises(ValueError, match="needs a name"):
        profile_database(tmp_path, "  ")
