"""A saved Hydrobit account as a session source: the profile from settings.json, its secrets from the keychain
(renewed first when its sign-in goes through the company's sign-in service)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hydrodesk.settings import Profile, Secrets, SecretStore
from hydrodesk.ui.launch import Connection, ProgressCallback, StartupPhase


class MissingSecrets(Exception):
    """The profile exists but the keychain holds no token for it (deleted, or another computer)."""


class ProfileSource:
    """A saved Hydrobit account: the profile from settings.json, its secrets from the keychain."""

    def __init__(self, profile: Profile, store: SecretStore, known_secrets: Secrets | None = None) -> None:
        self.profile = profile
        self._store = store
        self._known = known_secrets
        self.secrets: Secrets | None = None  # what it signed in with (an OIDC sign-in renews them)

    async def connect(self, progress: ProgressCallback) -> Connection:
        from hydrodesk.api.auth import Credentials
        from hydrodesk.api.config import ApiConfig, ApiKeyScheme

        secrets = self._known
        if secrets is None:
            progress(StartupPhase.READING_KEYCHAIN)
            # A keychain may block while it asks the user to unlock it: keep that off the GUI thread.
            secrets = await asyncio.to_thread(self._store.load, self.profile.name)
        if not secrets.complete:
            raise MissingSecrets(self.profile.name)
        progress(StartupPhase.CONNECTING)
        from hydrodesk.api.oidc import RefreshRefused
        from hydrodesk.ui.kept_sign_in import fresh_secrets

        try:
            secrets = await fresh_secrets(self.profile, secrets, self._store)
        except RefreshRefused:
            raise MissingSecrets(self.profile.name) from None
        self.secrets = secrets
        config = ApiConfig(
            base_url=self.profile.base_url,
            iot_url=self.profile.effective_iot_url,
            ca_bundle=Path(self.profile.ca_bundle) if self.profile.ca_bundle else None,
            api_key_scheme=ApiKeyScheme(self.profile.api_key_header.value),
        )
        credentials = Credentials(self.profile.auth0_id, secrets.bearer_token, secrets.api_key)
        return Connection(label=self.profile.name, config=config, credentials=credentials)

    async def close(self) -> None:
        """Nothing to release: a profile starts no process."""
