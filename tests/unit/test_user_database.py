"""Each user of a profile gets a database of their own; a profile's database from before goes to its user. Where
a start will open its cache is known before it signs in."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import pytest

from hydrodesk.settings import Profile, SettingsStore, UserSettings
from hydrodesk.store.paths import demo_farm_database, profile_database, user_database
from hydrodesk.ui.launch import LaunchOptions


def _old_profile_database(data_dir: Path, owners: list[str]) -> Path:
    path = profile_database(data_dir, "Finca")
    path.parent.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, auth0_id TEXT)")
        conn.executemany("INSERT INTO outbox (auth0_id) VALUES (?)", [(owner,) for owner in owners])
    return path


def test_users_of_one_profile_have_files_of_their_own(tmp_path: Path) -> None:
    first, second = user_database(tmp_path, "Finca", "auth0|a"), user_database(tmp_path, "Finca", "auth0|b")
    assert first != second
    assert first.parent == second.parent == profile_database(tmp_path, "Finca").with_suffix("")
    assert user_database(tmp_path, "Lima", "auth0|a").parent != first.parent
    with pytest.raises(ValueError, match="user"):
        user_database(tmp_path, "Finca", " ")


def test_the_old_profile_database_goes_to_the_user_whose_changes_it_holds(tmp_path: Path) -> None:
    old = _old_profile_database(tmp_path, ["auth0|a", "auth0|a"])
    # Someone else signing in first does not get it...
    other = user_database(tmp_path, "Finca", "auth0|b")
    assert old.exists()
    assert not other.exists()
    # ...its owner does, with everything in it.
    mine = user_database(tmp_path, "Finca", "auth0|a")
    assert not old.exists()
    with contextlib.closing(sqlite3.connect(mine)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone() == (2,)


def test_an_old_database_with_several_users_changes_is_left_alone(tmp_path: Path) -> None:
    old = _old_profile_database(tmp_path, ["auth0|a", "auth0|b"])
    assert not user_database(tmp_path, "Finca", "auth0|a").exists()
    assert old.exists()


def test_where_a_start_will_open_its_cache_is_known_before_signing_in_and_moves_nothing(tmp_path: Path) -> None:
    """Asked before the first window (one window per account, hydrodesk.ui.single_instance): the same file the
    signed-in session opens, and the old profile database stays where it is until that open."""
    settings_file = tmp_path / "config" / "settings.json"
    data = tmp_path / "data"
    assert LaunchOptions().cache_to_open(data, settings_file) is None  # a first start
    assert LaunchOptions(demo=True).cache_to_open(data, settings_file) == demo_farm_database(data)
    finca = Profile(name="Finca", base_url="https://api.example.com", auth0_id="auth0|a")
    lima = Profile(name="Lima", base_url="https://api.example.com")  # nobody has signed in on it yet
    store = SettingsStore(settings_file)
    store.save(UserSettings().with_profile(lima).with_profile(finca))  # Finca is the default
    old = _old_profile_database(data, ["auth0|a"])

    expected = LaunchOptions().cache_to_open(data, settings_file)

    assert old.exists()  # only asked, not opened
    assert expected == user_database(data, "Finca", "auth0|a")  # ...where signing in opens it
    assert LaunchOptions(profile="Lima").cache_to_open(data, settings_file) is None
    assert LaunchOptions(profile="Nowhere").cache_to_open(data, settings_file) is None
    settings_file.write_text("{ not json", encoding="utf-8")
    assert LaunchOptions().cache_to_open(data, settings_file) is None  # the window explains that one later


def test_cache_file_names_are_the_ones_earlier_versions_gave(tmp_path: Path) -> None:
    """The names hash the profile's (and user's) exact name with SHA-256 (CPython's own implementation, so that
    asking where a cache is loads no OpenSSL before the first window): a name computed differently would leave
    every office's cache behind, unfound."""
    assert demo_farm_database(tmp_path).name == "demo-farm-7224114f.sqlite3"  # as HydroDesk named it before
    for name in ("Finca Norte", "finca-norte", "Ñuñoa · Lote 3", "auth0|65f0c0ffee"):
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        assert profile_database(tmp_path, name).name.endswith(f"-{digest}.sqlite3"), name
