"""Getting signed in: from the demo farm or a saved profile, through the sign-in dialog when needed.

The SessionController owns the one API client of the running app, the session's live telemetry (one MQTT
TelemetryHub, with IoT tokens from that client), the alarm service that watches it from sign-in to sign-out, and
the source they came from, and closes them in that order on shutdown: the alarms first (their last journal
writes), the hub (it still saves its rollups), then the client, then the source (the demo stops its simulator and
broker there).

Its parts: hydrodesk.ui.profile_source (a saved account as a session source), hydrodesk.ui.account_menu (the
account menu's answers and signing out), hydrodesk.ui.cache_refused (when the account's local cache will not open).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hydrodesk.settings import (
    KeychainUnavailable,
    Profile,
    Secrets,
    SecretStore,
    SettingsError,
    SettingsStore,
)
from hydrodesk.store.lock import StoreInUse
from hydrodesk.ui.account_menu import AccountMenu
from hydrodesk.ui.cache_refused import show_cache_refused
from hydrodesk.ui.connection import ConnectionMonitor, ConnectionState
from hydrodesk.ui.launch import Connection, SessionSource, StartupPhase
from hydrodesk.ui.profile_source import MissingSecrets, ProfileSource
from hydrodesk.ui.sign_in import SignInDialog
from hydrodesk.ui.sign_in_progress import SignInProgress
from hydrodesk.ui.tasks import BackgroundTasks

if TYPE_CHECKING:
    from hydrodesk.api.auth import Credentials
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.alarms.service import AlarmService
    from hydrodesk.ui.kept_sign_in import KeptSignIn
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.main_window import MainWindow
    from hydrodesk.ui.single_instance import WindowBeacon

log = logging.getLogger(__name__)


class SessionController(AccountMenu, QObject):
    # This account was open in an earlier HydroDesk, which came forward: this one has nothing left to do.
    handed_over = Signal()

    def __init__(
        self,
        window: MainWindow,
        monitor: ConnectionMonitor,
        tasks: BackgroundTasks,
        *,
        settings: SettingsStore,
        secrets: SecretStore,
        demo: SessionSource | None = None,
        demo_factory: Callable[[], SessionSource] | None = None,
        requested_profile: str | None = None,
        requested_pane: str | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._monitor = monitor
        self._tasks = tasks
        self._settings = settings
        self._secrets = secrets
        self._demo = demo
        self._demo_factory = demo_factory  # the demo farm when asked for in a run without --demo (open_demo)
        self._requested_profile = requested_profile
        self._requested_pane = requested_pane  # passed on to an earlier HydroDesk that has the account open
        self._beacon: WindowBeacon | None = None  # answers later HydroDesks started for the accounts open here
        self._source: SessionSource | None = None
        self._client: HydrobitClient | None = None
        self._live: LiveTelemetry | None = None
        self._alarms: AlarmService | None = None
        self._office: Office | None = None
        # Each profile's local cache and outbox live in a database file of its own under this folder.
        self._data_dir = data_dir
        self._dialog: SignInDialog | None = None
        self._kept: KeptSignIn | None = None  # an OIDC sign-in renewing itself
        self._progress = SignInProgress(window)
        window.sign_in_requested.connect(self.open_sign_in)
        window.demo_requested.connect(self.open_demo)
        window.sign_out_requested.connect(self.request_sign_out)
        window.reconnect_requested.connect(self._reconnect)
        window.profile_chosen.connect(self.switch_profile)
        window.account_button.set_profile_source(self.profile_choices)
        window.account_button.switch_user_requested.connect(self.switch_user)
        window.account_button.profiles_requested.connect(self.open_profiles)
        window.profiles_page_factory = self.make_profiles_page
        # A 401 pauses sync: ask the user to sign in again, then resume the same office (its outbox intact).
        window.sync.sign_in_needed.connect(self._on_sign_in_needed)

    @property
    def client(self) -> HydrobitClient | None:
        return self._client

    @property
    def live(self) -> LiveTelemetry | None:
        return self._live

    @property
    def alarms(self) -> AlarmService | None:
        return self._alarms

    @property
    def office(self) -> Office | None:
        return self._office

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
        dialog = SignInDialog(
            self._save_account, profile=profile, note=note, spawn=self._tasks.spawn, parent=self._window
        )
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

    def _save_account(self, profile: Profile, secrets: Secrets) -> bool:
        """Secrets to the keychain (or, where there is none, this session's memory), then the profile. True when
        the sign-in will still be there at the next start."""
        persisted = self._secrets.keep(profile.name, secrets)
        self._settings.save(self._settings.load().with_profile(profile))
        return persisted

    def _on_signed_in(self, dialog: SignInDialog) -> None:
        assert dialog.profile is not None
        source = ProfileSource(dialog.profile, self._secrets, known_secrets=dialog.secrets)
        if self._renews(source):
            self._tasks.spawn(self._renew(source), name="renew-sign-in")
            return
        self._tasks.spawn(self.connect(source), name="sign-in")

    # ------------------------------------------------------------------------------------------ sign in again
    def _on_sign_in_needed(self) -> None:
        """The server refused the session's credentials (sync is paused, nothing is lost): get new ones."""
        if self._office is None:
            return
        if self._source is not None and self._source is self._demo:
            # The demo issues its own tokens: renew without asking.
            self._tasks.spawn(self._renew(self._source), name="renew-sign-in")
            return
        if isinstance(self._source, ProfileSource) and self._source.profile.uses_oidc:
            self._on_renewal_refused()  # "sign in again" through the company's sign-in service, not a pasted token
            return
        name = self._source.profile.name if isinstance(self._source, ProfileSource) else None
        self.open_sign_in(
            name=name,
            note=self.tr(
                "The Hydrobit server no longer accepts your sign-in. Paste a fresh access token: the changes "
                "waiting on this computer are kept and sent once you are signed in."
            ),
        )

    def _renews(self, source: ProfileSource) -> bool:
        """Is this sign-in the same account on the same server as the open session (a fresh token, say)?"""
        current = self._source
        return (
            self._office is not None
            and isinstance(current, ProfileSource)
            and current.profile.name == source.profile.name
            and current.profile.base_url == source.profile.base_url
            and current.profile.auth0_id == source.profile.auth0_id
        )

    async def _renew(self, source: SessionSource) -> bool:
        """Hand the new credentials to the running office: the same client, cache and outbox carry on."""
        office = self._office
        if office is None:
            return await self.connect(source)
        connection = await source.connect(lambda _phase: None)
        if office is not self._office:
            return False  # signed out meanwhile
        self._source = source
        office.engine.credentials_renewed(connection.credentials)
        # A fresh OIDC sign-in renews itself from now on (the keeper of the old one ended with its refusal).
        kept, self._kept = self._kept, None
        if kept is not None:
            await kept.stop()
        if self._client is not None:
            self._keep_signed_in(source, self._client)
        log.info("signed in again; sync resumes with the outbox it kept")
        self._window.statusBar().showMessage(self.tr("Signed in again. Sending the changes waiting here…"), 8000)
        return await self._window.reload()

    # ------------------------------------------------------------------------------------------ connect
    async def connect(self, source: SessionSource) -> bool:
        """Sign in through `source` and load the farm; on failure the window says why and what to do."""
        try:
            return await self._connect(source)
        finally:
            self._progress.end()

    async def _connect(self, source: SessionSource) -> bool:
        await self._release_current(keep=source)
        self._source = source
        self._monitor.set_state(ConnectionState.SIGNING_IN)
        self._progress.report(StartupPhase.CONNECTING)
        try:
            connection = await source.connect(self._progress.report)
        except StoreInUse as error:  # the demo farm is open in another HydroDesk window on this computer
            self._monitor.set_state(ConnectionState.SIGNED_OUT)
            await self._cache_refused(error)
            return False
        except KeychainUnavailable:
            self._monitor.set_state(ConnectionState.SIGNED_OUT)
            self._window.show_state(
                title=self.tr("No system keychain"),
                message=self.tr(
                    "HydroDesk keeps your token only in the system keychain, and none is available or it is locked. "
                    "Install or unlock one (GNOME Keyring or KWallet on Linux), then start HydroDesk again. "
                    "Meanwhile, the demo farm needs no account."
                ),
                icon="signed-out",
                tone="error",
                second_action=self.tr("Explore the demo farm"),
                second_action_id="demo",
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
        from hydrodesk.ui.live.telemetry import LiveTelemetry

        self._client = HydrobitClient(connection.config, connection.credentials)
        self._keep_signed_in(source, self._client)
        try:
            self._office = await self._open_office(connection, self._client)
        except Exception as error:  # in use by another window, written by a newer HydroDesk, a disk that fails
            await self._drop_unopened_client()
            await self._cache_refused(error)
            return False
        self._answer_later_windows(connection.held_files, self._office)
        # One MQTT connection per signed-in session; it asks this client for IoT tokens and renews them itself.
        sink = None if self._office is None else self._office.store  # telemetry history outlives the session
        self._live = LiveTelemetry.for_client(self._client, sink=sink)
        self._live.start()
        credentials = connection.credentials
        self._alarms = await self._start_alarms(self._live, self._client, credentials.display_name)
        account = self.tr("Demo farm") if connection.demo else connection.label
        self._window.attach(
            self._client,
            account=account,
            user_name=credentials.display_name,
            user_id=credentials.auth0_id,
            live=self._live,
            office=self._office,
            alarms=self._alarms,
        )
        loaded = await self._window.reload()
        damage = None if self._office is None else self._office.store.damage
        if damage is not None:  # the cache file was replaced at this open: said once, over the loaded farm
            from hydrodesk.ui.cache_file_text import show_damage_notice

            show_damage_notice(self._window, damage)
        if isinstance(source, ProfileSource) and self._secrets.session_only(source.profile.name):
            self._window.statusBar().showMessage(
                self.tr(
                    "This computer has no system keychain: your sign-in is kept only until HydroDesk closes, "
                    "never in a file. You will sign in again at the next start."
                ),
                30000,
            )
        return loaded

    async def _start_alarms(self, live: LiveTelemetry, client: HydrobitClient, user_name: str) -> AlarmService:
        """The alarms watch the farm from now until sign-out, whatever pane is open; the journal of earlier runs
        comes back from the office's store."""
        from hydrodesk.ui.alarms.service import AlarmService

        limits = self._window.ui_state.irrigation_limits()
        alarms = AlarmService(live, client, self._office, limits=limits, user_name=user_name, parent=self)
        await alarms.start()
        return alarms

    def _keep_signed_in(self, source: SessionSource, client: HydrobitClient) -> None:
        """An OIDC profile renews its access token before it expires, without the user noticing."""
        if not isinstance(source, ProfileSource) or not source.profile.uses_oidc:
            return
        secrets = source.secrets
        if secrets is None or not secrets.refresh_token:
            return
        from hydrodesk.ui.kept_sign_in import KeptSignIn

        self._kept = KeptSignIn(
            source.profile,
            secrets,
            self._secrets,
            client,
            on_refused=self._on_renewal_refused,
            use_credentials=self._use_renewed_credentials,
        )
        self._kept.start()

    def _use_renewed_credentials(self, credentials: Credentials) -> None:
        if self._office is not None:
            self._office.engine.credentials_renewed(credentials)
        elif self._client is not None:
            self._client.replace_credentials(credentials)

    def _on_renewal_refused(self) -> None:
        """The issuer ended the sign-in (revoked, or expired for good): ask for a new one; the outbox is kept."""
        if self._office is None or not isinstance(self._source, ProfileSource):
            return
        self.open_sign_in(
            name=self._source.profile.name,
            note=self.tr(
                "Your sign-in has ended. Sign in again to keep working online: the changes waiting on this "
                "computer are kept and sent once you are signed in."
            ),
        )

    async def _open_office(self, connection: Connection, client: HydrobitClient) -> Office | None:
        """The profile's local cache, outbox and sync engine (None when this controller keeps no data folder)."""
        if self._data_dir is None:
            return None
        from hydrodesk.store.paths import account_database
        from hydrodesk.sync.office import Office

        database = account_database(
            self._data_dir,
            demo=connection.demo,
            profile_name=connection.label,
            auth0_id=connection.credentials.auth0_id,
            adopt_earlier=True,
        )
        return await Office.open(database, client, refresh_every_s=connection.refresh_every_s)

    async def _cache_refused(self, error: Exception) -> None:
        """The account's cache would not open. Held by an earlier HydroDesk that answers: it comes forward and this
        one closes (handed_over); otherwise the window says what happened and what to do."""
        if isinstance(error, StoreInUse):
            from hydrodesk.ui.single_instance import ask_to_come_forward

            if await ask_to_come_forward(error.path, self._requested_pane):
                self.handed_over.emit()
                return
        show_cache_refused(self._window, error)

    def _answer_later_windows(self, held_files: tuple[Path, ...], office: Office | None) -> None:
        locked_files = [*held_files, *([] if office is None else [office.store.path])]
        if not locked_files:
            return
        from hydrodesk.ui.single_instance import WindowBeacon

        if self._beacon is None:
            self._beacon = WindowBeacon(self._window)
        for locked in locked_files:
            self._beacon.listen(locked)

    async def _drop_unopened_client(self) -> None:
        """The local cache would not open: let go of the client made for it (the window never saw it), so that
        "Try again" starts afresh."""
        client, self._client = self._client, None
        kept, self._kept = self._kept, None
        if kept is not None:
            await kept.stop()
        if client is not None:
            await client.aclose()
        self._monitor.set_state(ConnectionState.SIGNED_OUT)

    def _reconnect(self) -> None:
        """The state page's "Try again" after the local cache would not open: the same account, from the start."""
        source = self._source
        if source is not None and self._client is None:
            self._tasks.spawn(self.connect(source), name="sign-in")

    async def _release_current(self, keep: SessionSource | None = None) -> None:
        client = self._window.detach() if self._client is not None else None
        self._client = None
        kept, self._kept = self._kept, None
        if kept is not None:
            await kept.stop()
        live, self._live = self._live, None
        office, self._office = self._office, None
        alarms, self._alarms = self._alarms, None
        if alarms is not None:
            try:
                await alarms.aclose()  # its last journal writes land before the database closes
            except Exception:
                log.exception("stopping the alarms failed")
            alarms.deleteLater()
        if live is not None:
            try:
                await live.stop()
            except Exception:
                log.exception("stopping the live telemetry failed")
            live.deleteLater()
        if office is not None:
            if self._beacon is not None:
                self._beacon.stop(office.store.path)
            # Stops syncing, then closes the database: the outbox stays on disk for the next sign-in.
            try:
                await office.close()
            except Exception:
                log.exception("closing the office database failed")
        if client is not None:
            await client.aclose()
        # The demo farm keeps running until the app quits (aclose), so the account menu can go back to it.
        if self._source is not None and self._source is not keep and self._source is not self._demo:
            await self._source.close()
        self._source = None

    async def aclose(self) -> None:
        """Stop the live telemetry, close the API client, then whatever the session sources started (the demo's
        simulator)."""
        await self._release_current()
        if self._beacon is not None:
            self._beacon.stop_all()
        if self._demo is not None:
            await self._demo.close()


def _last_lines(text: str, count: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-count:])
