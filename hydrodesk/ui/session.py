"""Getting signed in: from the demo farm or a saved profile, through the sign-in dialog when needed.

The SessionController owns the one API client of the running app and the source it came from, and closes both
on shutdown (the demo source stops its simulator there).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from hydrodesk.settings import (
    KeychainUnavailable,
    Profile,
    Secrets,
    SecretStore,
    SettingsError,
    SettingsStore,
)
from hydrodesk.ui.connection import ConnectionMonitor, ConnectionState
from hydrodesk.ui.launch import Connection, ProgressCallback, SessionSource, StartupPhase
from hydrodesk.ui.sign_in import SignInDialog
from hydrodesk.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class MissingSecrets(Exception):
    """The profile exists but the keychain holds no token for it (deleted, or another computer)."""


class ProfileSource:
    """A saved Hydrobit account: the profile from settings.json, its secrets from the keychain."""

    def __init__(self, profile: Profile, store: SecretStore, known_secrets: Secrets | None = None) -> None:
        self.profile = profile
        self._store = store
        self._known = known_secrets

    async def connect(self, progress: ProgressCallback) -> Connection:
        from hydrodesk.api.auth import Credentials
        from hydrodesk.api.config import ApiConfig

        secrets = self._known
        if secrets is None:
            progress(StartupPhase.READING_KEYCHAIN)
            # A keychain may block while it asks the user to unlock it: keep that off the GUI thread.
            secrets = await asyncio.to_thread(self._store.load, self.profile.name)
        if not secrets.complete:
            raise MissingSecrets(self.profile.name)
        progress(StartupPhase.CONNECTING)
        config = ApiConfig(
            base_url=self.profile.base_url,
            iot_url=self.profile.effective_iot_url,
            ca_bundle=Path(self.profile.ca_bundle) if self.profile.ca_bundle else None,
        )
        credentials = Credentials(self.profile.auth0_id, secrets.bearer_token, secrets.api_key)
        return Connection(label=self.profile.name, config=config, credentials=credentials)

    async def close(self) -> None:
        """Nothing to release: a profile starts no process."""


class SessionController(QObject):
    def __init__(
        self,
        window: MainWindow,
        monitor: ConnectionMonitor,
        tasks: BackgroundTasks,
        *,
        settings: SettingsStore,
        secrets: SecretStore,
        demo: SessionSource | None = None,
        requested_profile: str | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._monitor = monitor
        self._tasks = tasks
        self._settings = settings
        self._secrets = secrets
        self._demo = demo
        self._requested_profile = requested_profile
        self._source: SessionSource | None = None
        self._client: HydrobitClient | None = None
        self._dialog: SignInDialog | None = None
        window.sign_in_requested.connect(self.open_sign_in)

    @property
    def client(self) -> HydrobitClient | None:
        return self._client

    def start(self) -> None:
        self._tasks.spawn(self._start(), name="sign-in")

    async def _start(self) -> None:
        if self._demo is not None:
            await self.connect(self._demo)
            return
        try:
            settings = self._settings.load()
        except SettingsError as error:
            self._window.show_state(
                title=self.tr("The settings could not be read"), message=str(error), icon="error", tone="error"
            )
            return
        profile = settings.profile(self._requested_profile)
        if profile is not None:
            await self.connect(ProfileSource(profile, self._secrets))
            return
        note = ""
        if self._requested_profile:
            note = self.tr("There is no profile called “{name}” yet: fill in the account to create it.").format(
                name=self._requested_profile
            )
        self.open_sign_in(name=self._requested_profile, note=note)

    # ------------------------------------------------------------------------------------------ sign-in
    def open_sign_in(self, name: str | None = None, note: str = "") -> SignInDialog:
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return self._dialog
        profile = None
        try:
            profile = self._settings.load().profile(name)
        except SettingsError:
            log.warning("settings unreadable; the sign-in dialog starts empty")
        if profile is None and name:
            profile = Profile(name=name, base_url="https://api.hydrobit.ag", iot_url="https://iot.hydrobit.ag")
        dialog = SignInDialog(self._save_account, profile=profile, note=note, parent=self._window)
        dialog.accepted.connect(lambda: self._on_signed_in(dialog))
        dialog.finished.connect(self._forget_dialog)
        self._dialog = dialog
        # open(), not exec(): a nested event loop inside the asyncio loop would re-enter running tasks.
        dialog.open()
        return dialog

    def _forget_dialog(self, _result: int) -> None:
        if self._dialog is not None:
            self._dialog.deleteLater()
        self._dialog = None

    def _save_account(self, profile: Profile, secrets: Secrets) -> None:
        # Secrets first: if the keychain refuses, no half-made profile is left in the settings file.
        self._secrets.save(profile.name, secrets)
        self._settings.save(self._settings.load().with_profile(profile))

    def _on_signed_in(self, dialog: SignInDialog) -> None:
        assert dialog.profile is not None
        source = ProfileSource(dialog.profile, self._secrets, known_secrets=dialog.secrets)
        self._tasks.spawn(self.connect(source), name="sign-in")

    # ------------------------------------------------------------------------------------------ connect
    async def connect(self, source: SessionSource) -> bool:
        """Sign in through `source` and load the farm; on failure the window says why and what to do."""
        await self._release_current(keep=source)
        self._source = source
        self._monitor.set_state(ConnectionState.SIGNING_IN)
        self._report_progress(StartupPhase.CONNECTING)
        try:
            connection = await source.connect(self._report_progress)
        except KeychainUnavailable:
            self._monitor.set_state(ConnectionState.SIGNED_OUT)
            self._window.show_state(
                title=self.tr("No system keychain"),
                message=self.tr(
                    "HydroDesk keeps your token only in the system keychain, and none is available or it is locked. "
                    "Install or unlock one (GNOME Keyring or KWallet on Linux), then start HydroDesk again. "
                    "To explore without an account, run hydrodesk --demo."
                ),
                icon="signed-out",
                tone="error",
            )
            return False
        except MissingSecrets as missing:
            self._monitor.set_state(ConnectionState.SIGNED_OUT)
            self._window.show_state(
                title=self.tr("Sign in again"),
                message=self.tr("The system keychain holds no token for the profile “{name}”. Sign in again.").format(
                    name=str(missing)
                ),
                icon="signed-out",
                action=self.tr("Sign in…"),
                action_id="sign-in",
            )
            return False
        except ValueError as error:
            self._monitor.set_state(ConnectionState.SIGNED_OUT)
            self._window.show_state(
                title=self.tr("The account settings are not valid"),
                message=self.tr("{reason}. Fix it with File > Sign in to Hydrobit…").format(reason=error),
                icon="error",
                tone="error",
            )
            return False
        except Exception as error:  # the demo simulator failed to start, a child process died, ...
            log.exception("signing in failed")
            self._monitor.set_state(ConnectionState.SIGNED_OUT)
            self._window.show_state(
                title=self.tr("The farm could not be opened"),
                message=self.tr(
                    "HydroDesk could not start the session. Quit and start it again; if it keeps happening, "
                    "send the text below to your support contact."
                ),
                icon="error",
                tone="error",
                detail=_last_lines(str(error)),
            )
            return False
        from hydrodesk.api.client import HydrobitClient

        self._client = HydrobitClient(connection.config, connection.credentials)
        credentials = connection.credentials
        account = self.tr("Demo farm") if connection.demo else connection.label
        self._window.attach(
            self._client, account=account, user_name=credentials.display_name, user_id=credentials.auth0_id
        )
        return await self._window.reload()

    def _report_progress(self, phase: StartupPhase) -> None:
        title, message = {
            StartupPhase.STARTING_SIMULATOR: (
                self.tr("Starting the demo farm…"),
                self.tr(
                    "HydroDesk is starting its built-in Hydrobit simulator and field devices. This takes a few seconds."
                ),
            ),
            StartupPhase.ISSUING_CREDENTIALS: (
                self.tr("Signing in to the demo farm…"),
                self.tr("Getting an access token and an API key for the demo user."),
            ),
            StartupPhase.READING_KEYCHAIN: (
                self.tr("Reading your sign-in…"),
                self.tr("Your system keychain may ask you to unlock it."),
            ),
            StartupPhase.CONNECTING: (self.tr("Signing in…"), ""),
        }[phase]
        self._window.show_busy(title, message)
        self._window.statusBar().showMessage(title)

    async def _release_current(self, keep: SessionSource | None = None) -> None:
        client = self._window.detach() if self._client is not None else None
        self._client = None
        if client is not None:
            await client.aclose()
        if self._source is not None and self._source is not keep:
            await self._source.close()
        self._source = None

    async def aclose(self) -> None:
        """Close the API client, then whatever the session sources started (the demo's simulator)."""
        await self._release_current()
        if self._demo is not None:
            await self._demo.close()


def _last_lines(text: str, count: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-count:])
