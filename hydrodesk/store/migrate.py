"""Bring a profile's database to the current schema when the store opens, without alembic.ini.

An older cache file is upgraded in place, never thrown away: it may hold outbox entries the server has not seen.
Before an upgrade touches a file that already has a schema, a copy is kept next to it (`<name>.before-<rev>`), so
a failed or regretted migration can be undone by hand. A file written by a newer HydroDesk (a revision this code
does not know) is refused rather than guessed at.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from hydrodesk.store.database import Database, create_private_file

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class CacheTooNew(RuntimeError):
    """The database was written by a newer HydroDesk; this version must not touch it."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of HydroDesk (schema {revision}); update HydroDesk to open it"
        )
        self.path = path
        self.revision = revision


@dataclass(frozen=True)
class MigrationOutcome:
    before: str | None  # None: a new, empty file
    after: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, target: str = "head") -> MigrationOutcome:
    """Migrate `db` to `target` (the newest schema by default); a no-op when it is there already."""
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    before = current_revision(db)
    wanted = scripts.get_current_head() if target == "head" else target
    if before is not None:
        try:
            scripts.get_revision(before)
        except CommandError:
            raise CacheTooNew(db.path, before) from None
    if before is not None and before == wanted:
        return MigrationOutcome(before=before, after=before, backup=None)
    backup = _backup(db, before) if before is not None else None
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    after = current_revision(db)
    assert after is not None
    log.info("local database %s migrated from %s to %s", db.path.name, before or "nothing", after)
    return MigrationOutcome(before=before, after=after, backup=backup)


def _backup(db: Database, revision: str) -> Path:
    """A consistent copy of the file (SQLite's online backup, which includes the WAL), private like the original."""
    target = db.path.with_name(f"{db.path.name}.before-{revision}")
    create_private_file(target)
    with contextlib.closing(sqlite3.connect(db.path)) as source, contextlib.closing(sqlite3.connect(target)) as copy:
        source.backup(copy)  # both closed however this ends, the source too when the copy cannot be opened
    return target


def make_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the newest schema (development only)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "scratch.sqlite3")
        try:
            upgrade(db)
            with db.engine.begin() as connection:
                config = alembic_config()
                config.attributes["connection"] = connection
                number = len(list(ScriptDirectory.from_config(config).walk_revisions())) + 1
                command.revision(config, message=message, autogenerate=True, rev_id=f"{number:04d}")
        finally:
            db.close()


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        raise SystemExit('usage: python -m hydrodesk.store.migrate revision "what changes"')
    make_revision(sys.argv[2])
