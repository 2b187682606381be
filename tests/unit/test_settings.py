"""Settings: profiles in a versioned file, secrets only in the keychain (an in-memory one here, never the real one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hydrodesk.app_paths import AppPaths
from hydrodesk.settings import (
    SCHEMA_VERSION,
    KeychainUnavailable,
    Profile,
    ProfileProblem,
    Secrets,
    SecretStore,
    SettingsError,
    SettingsStore,
    UserSettings,
)
from tests.keyring_support import MemoryKeyring

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.c2lnbmF0dXJlLXNlY3JldA"
API_KEY = "key_1.s3cr3t-api-key-value"


def farm_profile(**changes: str | None) -> Profile:
    values: dict[str, str | None] = {
        "name": "Rancho",
        "base_url": "https://api.hydrobit.ag",
        "iot_url": "https://iot.hydrobit.ag",
        "auth0_id": "user_123456789",
    }
    values.update(changes)
    return Profile(**values)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------- profiles


def test_a_complete_https_profile_has_no_problems() -> None:
    assert farm_profile().problems() == []


def test_plain_http_is_refused_except_on_loopback() -> None:
    assert farm_profile(base_url="http://api.hydrobit.ag").problems() == [ProfileProblem.INSECURE_BASE_URL]
    assert farm_profile(iot_url="http://iot.example.com").problems() == [ProfileProblem.INSECURE_IOT_URL]
    assert farm_profile(base_url="http://127.0.0.1:8000", iot_url="").problems() == []
    assert farm_profile(base_url="http://localhost:8000", iot_url="").problems() == []


def test_missing_fields_and_garbage_urls_are_named() -> None:
    problems = Profile(name=" ", base_url="api.hydrobit.ag", auth0_id="").problems()
    assert problems == [ProfileProblem.MISSING_NAME, ProfileProblem.BAD_BASE_URL, ProfileProblem.MISSING_AUTH0_ID]
    assert Profile(name="x", base_url="", auth0_id="u").problems() == [ProfileProblem.MISSING_BASE_URL]


def test_a_ca_bundle_must_exist(tmp_path: Path) -> None:
    assert farm_profile(ca_bundle=str(tmp_path / "missing.pem")).problems() == [ProfileProblem.CA_BUNDLE_NOT_FOUND]
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    assert farm_profile(ca_bundle=str(bundle)).problems() == []


def test_the_iot_server_defaults_to_the_production_origin() -> None:
    assert farm_profile(iot_url="").effective_iot_url == "https://api.hydrobit.ag"
    assert farm_profile().effective_iot_url == "https://iot.hydrobit.ag"


# ----------------------------------------------------------------------------------------------- settings file


def test_settings_round_trip_with_schema_version(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "config" / "settings.json")
    assert store.load() == UserSettings()
    settings = UserSettings().with_profile(farm_profile()).with_profile(farm_profile(name="Lima"))
    store.save(settings)

    raw = json.loads(store.path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    loaded = store.load()
    assert loaded.default_profile == "Lima"
    assert loaded.profile() == farm_profile(name="Lima")
    assert loaded.profile("Rancho") == farm_profile()
    assert loaded.profile("nobody") is None


def test_removing_the_default_profile_clears_the_default() -> None:
    settings = UserSettings().with_profile(farm_profile()).without_profile("Rancho")
    assert settings.profiles == {}
    assert settings.default_profile is None


def test_a_newer_schema_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1, "profiles": []}))
    with pytest.raises(SettingsError, match="newer HydroDesk"):
        SettingsStore(path).load()


def test_a_broken_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    with pytest.raises(SettingsError, match=r"settings\.json"):
        SettingsStore(path).load()


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(UserSettings().with_profile(farm_profile()))
    store.save(UserSettings())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_paths_follow_the_platform_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths = AppPaths.for_user()
    assert paths.demo_farm_dir.is_relative_to(tmp_path / "data")
    assert paths.settings_file.is_relative_to(tmp_path / "config")
    assert paths.demo_farm_dir.name == "demo-farm"


# ----------------------------------------------------------------------------------------------- secrets


def test_secrets_live_in_the_keychain_not_in_the_settings_file(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(UserSettings().with_profile(farm_profile()))
    SecretStore().save("Rancho", Secrets(bearer_token=JWT, api_key=API_KEY))

    assert SecretStore().load("Rancho") == Secrets(bearer_token=JWT, api_key=API_KEY)
    assert set(memory_keyring.entries.values()) == {JWT, API_KEY}
    on_disk = store.path.read_text(encoding="utf-8")
    assert JWT not in on_disk
    assert API_KEY not in on_disk


def test_secrets_never_show_in_a_repr(memory_keyring: MemoryKeyring) -> None:
    secrets = Secrets(bearer_token=JWT, api_key=API_KEY)
    assert JWT not in repr(secrets)
    assert API_KEY not in repr(secrets)


def test_saving_without_an_api_key_removes_the_old_one(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    store.save("Rancho", Secrets(bearer_token=JWT, api_key=API_KEY))
    store.save("Rancho", Secrets(bearer_token="new-token"))
    assert store.load("Rancho") == Secrets(bearer_token="new-token", api_key=None)
    assert API_KEY not in memory_keyring.entries.values()


def test_deleting_a_profile_secrets_is_idempotent(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    store.save("Rancho", Secrets(bearer_token=JWT, api_key=API_KEY))
    store.delete("Rancho")
    store.delete("Rancho")
    assert memory_keyring.entries == {}
    assert not store.load("Rancho").complete


def test_profiles_do_not_share_secrets(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    store.save("Rancho", Secrets(bearer_token=JWT))
    assert store.load("Lima") == Secrets()


def test_without_a_keychain_real_profiles_fail_clearly(no_keyring: None) -> None:
    with pytest.raises(KeychainUnavailable, match="No system keychain") as raised:
        SecretStore().save("Rancho", Secrets(bearer_token=JWT))
    assert JWT not in str(raised.value)
    with pytest.raises(KeychainUnavailable, match="--demo"):
        SecretStore().load("Rancho")
