"""Where a profile's database lives: one file per user of a profile (one per profile before), under the folder
the caller names.

The caller passes the user data folder (hydrodesk.app_paths.AppPaths.data_dir, from platformdirs); this module
only turns a profile's name, which may hold any character, into a file name every OS accepts.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def profile_database(data_dir: Path, profile_name: str) -> Path:
    """`<data_dir>/profiles/<readable-slug>-<hash>.sqlite3`.

    The slug keeps the file recognisable to a person; the hash of the exact name keeps two profiles whose
    names differ only in accents, case or punctuation (`Finca Norte` and `finca-norte`) in files of their own.
    """
    if not profile_name.strip():
        raise ValueError("a profile needs a name")
    return data_dir / "profiles" / _file_name(profile_name, "profile")


def demo_farm_database(data_dir: Path) -> Path:
    """The demo farm's cache, apart from any real account's."""
    return profile_database(data_dir, "demo-farm")


def user_database_file(data_dir: Path, profile_name: str, auth0_id: str) -> Path:
    """Where `user_database` keeps this user's cache, without moving anything (a question, not an open)."""
    if not auth0_id.strip():
        raise ValueError("a user database needs the user's id")
    return profile_database(data_dir, profile_name).with_suffix("") / _file_name(auth0_id, "user")


def user_database(data_dir: Path, profile_name: str, auth0_id: str) -> Path:
    """`<data_dir>/profiles/<profile file stem>/<readable-user-slug>-<hash>.sqlite3`: each person signing in on a
    profile has a cache and an outbox of their own, so nobody sees or sends another's pending changes.

    A profile's database from before (one file per profile) becomes its user's on first use, when every change
    in its outbox is that user's (or it has none); otherwise it stays where it is for the user who made them."""
    target = user_database_file(data_dir, profile_name, auth0_id)
    shared = profile_database(data_dir, profile_name)
    if not target.exists() and shared.exists() and _only_owner_is(shared, auth0_id):
        target.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            source = shared.with_name(shared.name + suffix)
            if source.exists():
                source.rename(target.with_name(target.name + suffix))
    return target


def account_database(
    data_dir: Path, *, demo: bool, profile_name: str = "", auth0_id: str = "", adopt_earlier: bool = False
) -> Path:
    """The cache a signed-in account opens: the demo farm's own, apart from any real account's, or its user's on a
    real profile (so a second person signing in on it neither sees nor sends the first one's pending changes).
    `adopt_earlier`: a profile's database from before moves into place (`user_database`), as when the
    account signs in; without it nothing moves (asked before the first window, hydrodesk.ui.launch)."""
    if demo:
        return demo_farm_database(data_dir)
    if adopt_earlier:
        return user_database(data_dir, profile_name, auth0_id)
    return user_database_file(data_dir, profile_name, auth0_id)


def _file_name(name: str, fallback: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _UNSAFE.sub("-", ascii_name).strip("-.").lower()[:40] or fallback
    digest = _sha256_hex(name.encode())[:8]
    return f"{slug}-{digest}.sqlite3"


def _sha256_hex(data: bytes) -> str:
    """SHA-256 in hex by CPython's own implementation when it has one (3.12 and later: _sha2; 3.11: _sha256): the
    same digest as hashlib's, without loading OpenSSL, which took 5-10 ms of every start that asks where its cache
    is before the first window (hydrodesk.ui.runtime)."""
    for name in ("_sha2", "_sha256"):
        try:
            return str(importlib.import_module(name).sha256(data).hexdigest())
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _only_owner_is(database: Path, auth0_id: str) -> bool:
    """Does every outbox entry of this database belong to `auth0_id`? (Read-only; False when it can't be read.)"""
    import sqlite3  # here: asking where a cache is (before the first window) needs no database

    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            owners = {row[0] for row in conn.execute("SELECT DISTINCT auth0_id FROM outbox")}
    except sqlite3.Error:
        return False
    return owners <= {auth0_id}
