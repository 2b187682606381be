"""User settings: account profiles, where files live, and the keychain that holds their secrets.

No Qt here: window geometry, splitter positions, the last pane and the theme are UI state, kept by hydrodesk.ui in
QSettings. This module keeps what a person chose on purpose (which Hydrobit servers, which user), in a versioned
JSON file. Secrets (the JWT and the API key) never touch that file or a log: they live only in the OS keychain,
reached through `keyring`.
"""

from __future__ import annotations

import ipaddress
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

KEYRING_SERVICE = "HydroDesk"
SCHEMA_VERSION = 2
DEFAULT_OIDC_CLIENT_ID = "hydrodesk"


class SettingsError(Exception):
    """The settings file cannot be read or written; the message says which file and what to do."""


class KeychainUnavailable(SettingsError):
    """There is no OS keychain to keep secrets in (typical of CI and headless Linux)."""


# ----------------------------------------------------------------------------------------------- profiles


class ProfileProblem(Enum):
    """Why a profile cannot be used. The UI turns each into a translated sentence."""

    MISSING_NAME = "missing-name"
    MISSING_BASE_URL = "missing-base-url"
    BAD_BASE_URL = "bad-base-url"
    INSECURE_BASE_URL = "insecure-base-url"
    BAD_IOT_URL = "bad-iot-url"
    INSECURE_IOT_URL = "insecure-iot-url"
    MISSING_AUTH0_ID = "missing-auth0-id"
    CA_BUNDLE_NOT_FOUND = "ca-bundle-not-found"
    BAD_ISSUER_URL = "bad-issuer-url"
    INSECURE_ISSUER_URL = "insecure-issuer-url"
    MISSING_CLIENT_ID = "missing-client-id"


class ApiKeyHeader(Enum):
    """How the profile's API key is sent: both are documented by Hydrobit (sets A and B of its pages)."""

    X_API_KEY = "x-api-key"  # x-api-key: keyId.token
    BEARER = "bearer"  # Authorization: Bearer keyId.token


@dataclass(frozen=True)
class Profile:
    """One Hydrobit account: which servers and which user. Its secrets are in the keychain under its name."""

    name: str
    base_url: str
    iot_url: str = ""
    auth0_id: str = ""  # the user signed in last on this profile (their outbox is the one opened)
    ca_bundle: str | None = None
    # Sign-in through the company's identity provider (Auth0): empty issuer means tokens are pasted.
    oidc_issuer: str = ""
    oidc_client_id: str = DEFAULT_OIDC_CLIENT_ID
    api_key_header: ApiKeyHeader = ApiKeyHeader.X_API_KEY

    @property
    def uses_oidc(self) -> bool:
        return bool(self.oidc_issuer.strip())

    @property
    def effective_iot_url(self) -> str:
        """The IoT server; a profile may leave it empty when one origin serves both."""
        return self.iot_url or self.base_url

    def problems(self) -> list[ProfileProblem]:
        found: list[ProfileProblem] = []
        if not self.name.strip():
            found.append(ProfileProblem.MISSING_NAME)
        if not self.base_url.strip():
            found.append(ProfileProblem.MISSING_BASE_URL)
        else:
            found += _url_problems(self.base_url, ProfileProblem.BAD_BASE_URL, ProfileProblem.INSECURE_BASE_URL)
        if self.iot_url.strip():
            found += _url_problems(self.iot_url, ProfileProblem.BAD_IOT_URL, ProfileProblem.INSECURE_IOT_URL)
        if self.uses_oidc:
            found += _url_problems(self.oidc_issuer, ProfileProblem.BAD_ISSUER_URL, ProfileProblem.INSECURE_ISSUER_URL)
            if not self.oidc_client_id.strip():
                found.append(ProfileProblem.MISSING_CLIENT_ID)
        elif not self.auth0_id.strip():
            # With an issuer, the user id comes from the sign-in itself.
            found.append(ProfileProblem.MISSING_AUTH0_ID)
        if self.ca_bundle and not Path(self.ca_bundle).is_file():
            found.append(ProfileProblem.CA_BUNDLE_NOT_FOUND)
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "base_url": self.base_url,
            "iot_url": self.iot_url,
            "auth0_id": self.auth0_id,
            "ca_bundle": self.ca_bundle,
            "oidc_issuer": self.oidc_issuer,
            "oidc_client_id": self.oidc_client_id,
            "api_key_header": self.api_key_header.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        return cls(
            name=str(data["name"]),
            base_url=str(data["base_url"]),
            iot_url=str(data.get("iot_url") or ""),
            auth0_id=str(data.get("auth0_id") or ""),
            ca_bundle=data.get("ca_bundle") or None,
            oidc_issuer=str(data.get("oidc_issuer") or ""),
            oidc_client_id=str(data.get("oidc_client_id") or DEFAULT_OIDC_CLIENT_ID),
            api_key_header=_api_key_header(data.get("api_key_header")),
        )


def _api_key_header(value: object) -> ApiKeyHeader:
    try:
        return ApiKeyHeader(value)
    except ValueError:
        return ApiKeyHeader.X_API_KEY


def _url_problems(url: str, bad: ProfileProblem, insecure: ProfileProblem) -> list[ProfileProblem]:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [bad]
    # Tokens travel with every request: plain http is allowed only where nothing leaves the machine.
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return [insecure]
    return []


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ----------------------------------------------------------------------------------------------- settings file


@dataclass(frozen=True)
class UserSettings:
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    default_profile: str | None = None

    def profile(self, name: str | None = None) -> Profile | None:
        """The named profile, or the default one when no name is given."""
        wanted = name if name is not None else self.default_profile
        return self.profiles.get(wanted) if wanted else None

    def with_profile(self, profile: Profile, *, make_default: bool = True) -> UserSettings:
        profiles = {**self.profiles, profile.name: profile}
        return replace(self, profiles=profiles, default_profile=profile.name if make_default else None)

    def without_profile(self, name: str) -> UserSettings:
        profiles = {key: value for key, value in self.profiles.items() if key != name}
        default = self.default_profile if self.default_profile != name else None
        return replace(self, profiles=profiles, default_profile=default)


# Each entry upgrades the JSON of one schema version to the next: {old_version: function}.
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds each profile's OIDC issuer, client id and API-key header; a version-1 profile pastes tokens
    and sends its key as x-api-key, which is what these defaults say."""
    profiles = [
        {"oidc_issuer": "", "oidc_client_id": DEFAULT_OIDC_CLIENT_ID, "api_key_header": "x-api-key", **profile}
        for profile in data.get("profiles", [])
        if isinstance(profile, dict)
    ]
    return {**data, "profiles": profiles, "schema_version": 2}


_MIGRATIONS: dict[int, Any] = {0: lambda data: {**data, "schema_version": 1}, 1: _v1_to_v2}


class SettingsStore:
    """Reads and writes the settings file, atomically, with its schema version."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> UserSettings:
        if not self.path.exists():
            return UserSettings()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SettingsError(
                f"The settings file {self.path} cannot be read ({error}). Fix or delete it and start again."
            ) from error
        if not isinstance(data, dict):
            raise SettingsError(f"The settings file {self.path} is not a JSON object. Fix or delete it.")
        version = data.get("schema_version", 0)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise SettingsError(
                f"The settings file {self.path} was written by a newer HydroDesk (schema {version}). "
                "Update HydroDesk to use it."
            )
        while version < SCHEMA_VERSION:
            data = _MIGRATIONS[version](data)
            version += 1
        try:
            profiles = {item["name"]: Profile.from_json(item) for item in data.get("profiles", [])}
        except (KeyError, TypeError) as error:
            raise SettingsError(f"A profile in {self.path} is incomplete ({error}). Fix or delete it.") from error
        default = data.get("default_profile")
        return UserSettings(profiles=profiles, default_profile=default if default in profiles else None)

    def save(self, settings: UserSettings) -> None:
        data = {
            "schema_version": SCHEMA_VERSION,
            "default_profile": settings.default_profile,
            "profiles": [profile.to_json() for profile in settings.profiles.values()],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Write a sibling file and rename it over the old one: a crash mid-write never leaves half a file.
        handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, indent=2, ensure_ascii=False)
                stream.write("\n")
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


# ----------------------------------------------------------------------------------------------- secrets


@dataclass(frozen=True)
class Secrets:
    """What signs a profile in. Never printed: both values are hidden from repr."""

    bearer_token: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)

    @property
    def complete(self) -> bool:
        # An OIDC sign-in can get a fresh access token from its refresh token without asking the user.
        return bool(self.bearer_token or self.refresh_token)


class SecretStore:
    """The OS keychain (Windows Credential Manager, macOS Keychain, Secret Service), through `keyring`."""

    _FIELDS = ("bearer_token", "api_key", "refresh_token")

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service
        # Where no keychain exists, secrets the user chose to keep for this session only: in memory, never a file.
        self._session: dict[str, Secrets] = {}

    def keep(self, profile_name: str, secrets: Secrets) -> bool:
        """Save in the keychain (True) or, where there is none, keep for this session only (False): the UI says
        so, and the user signs in again at the next start."""
        try:
            self.save(profile_name, secrets)
        except KeychainUnavailable:
            self._session[profile_name] = secrets
            return False
        self._session.pop(profile_name, None)
        return True

    def session_only(self, profile_name: str) -> bool:
        return profile_name in self._session

    def load(self, profile_name: str) -> Secrets:
        if profile_name in self._session:
            return self._session[profile_name]
        keyring = self._keyring()
        values = {name: self._call(keyring.get_password, self._entry(profile_name, name)) for name in self._FIELDS}
        return Secrets(**values)

    def save(self, profile_name: str, secrets: Secrets) -> None:
        keyring = self._keyring()
        for name in self._FIELDS:
            value = getattr(secrets, name)
            if value:
                self._call(keyring.set_password, self._entry(profile_name, name), value)
            else:
                self._delete(keyring, self._entry(profile_name, name))

    def delete(self, profile_name: str) -> None:
        if self._session.pop(profile_name, None) is not None:
            return
        keyring = self._keyring()
        for name in self._FIELDS:
            self._delete(keyring, self._entry(profile_name, name))

    def _entry(self, profile_name: str, name: str) -> str:
        return f"{profile_name}/{name}"

    def _keyring(self) -> Any:
        import keyring
        from keyring.backends import fail

        if isinstance(keyring.get_keyring(), fail.Keyring):
            raise KeychainUnavailable(
                "No system keychain is available, and HydroDesk keeps tokens only in the system keychain. "
                "Install and unlock one (on Linux: GNOME Keyring or KWallet with Secret Service), "
                "or run the demo with `hydrodesk --demo`."
            )
        return keyring

    def _call(self, function: Any, username: str, *args: str) -> Any:
        from keyring.errors import KeyringError

        try:
            return function(self.service, username, *args)
        except KeyringError as error:
            # The message names the entry, never its value.
            raise KeychainUnavailable(
                f"The system keychain refused access to {self.service}/{username} ({type(error).__name__}). "
                "Unlock the keychain and try again."
            ) from error

    def _delete(self, keyring: Any, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._call(keyring.delete_password, username)
        except KeychainUnavailable as error:
            if not isinstance(error.__cause__, PasswordDeleteError):
                raise
            # Nothing stored under that entry: deleting it is already done.
