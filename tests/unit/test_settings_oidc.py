"""Profiles that sign in through an OIDC issuer, settings files from before, and secrets where no keychain exists."""

from __future__ import annotations

import json
from pathlib import Path

from hydrodesk.settings import (
    SCHEMA_VERSION,
    ApiKeyHeader,
    Profile,
    ProfileProblem,
    Secrets,
    SecretStore,
    SettingsStore,
    UserSettings,
)


def test_a_version_1_settings_file_still_loads_and_pastes_tokens(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    profile = {"name": "Rancho", "base_url": "https://api.hydrobit.ag", "auth0_id": "user_1", "ca_bundle": None}
    path.write_text(json.dumps({"schema_version": 1, "default_profile": "Rancho", "profiles": [profile]}))
    loaded = SettingsStore(path).load().profile()
    assert loaded is not None
    assert loaded.oidc_issuer == ""
    assert not loaded.uses_oidc
    assert loaded.api_key_header is ApiKeyHeader.X_API_KEY


def test_oidc_profile_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    profile = Profile(
        name="Finca",
        base_url="https://api.hydrobit.ag",
        oidc_issuer="https://hydrobit.eu.auth0.com",
        oidc_client_id="desk-123",
        api_key_header=ApiKeyHeader.BEARER,
    )
    store.save(UserSettings().with_profile(profile))
    assert json.loads(store.path.read_text())["schema_version"] == SCHEMA_VERSION
    assert store.load().profile("Finca") == profile
    assert profile.problems() == []  # the user id comes from the sign-in


def test_oidc_profile_problems() -> None:
    profile = Profile(name="Finca", base_url="https://api.hydrobit.ag", oidc_issuer="http://idp.example.com")
    assert ProfileProblem.INSECURE_ISSUER_URL in profile.problems()
    blank_client = Profile(name="F", base_url="https://a.b", oidc_issuer="https://idp.example.com", oidc_client_id=" ")
    assert blank_client.problems() == [ProfileProblem.MISSING_CLIENT_ID]


def test_without_a_keychain_secrets_are_kept_for_the_session_only(no_keyring: None, tmp_path: Path) -> None:
    store = SecretStore()
    secrets = Secrets(bearer_token="a.b.c", refresh_token="refresh-me")
    assert store.keep("Finca", secrets) is False
    assert store.session_only("Finca")
    assert store.load("Finca") == secrets
    assert "refresh-me" not in repr(secrets)
    store.delete("Finca")
    assert not store.session_only("Finca")


def test_with_a_keychain_the_refresh_token_goes_there(memory_keyring) -> None:
    store = SecretStore()
    assert store.keep("Finca", Secrets(refresh_token="refresh-me")) is True
    assert SecretStore().load("Finca") == Secrets(refresh_token="refresh-me")
    assert Secrets(refresh_token="refresh-me").complete
