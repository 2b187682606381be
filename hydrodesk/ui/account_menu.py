"""The account menu's answers: which profiles to offer, switching profile or user, the Profiles page, and signing
out (after asking when changes still wait to be sent)."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from hydrodesk.settings import SettingsError
from hydrodesk.ui.account_button import ProfileChoice
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.profile_source import ProfileSource
from hydrodesk.ui.sign_in import SignInDialog

log = logging.getLogger("hydrodesk.ui.session")  # the name the log has always used for these lines

DEMO_CHOICE = ""  # the demo farm in the account menu (a saved profile's name is never empty)


class AccountMenu(Mixin):
    """A mixin of SessionController: what the account button's menu and the Profiles page ask of the session."""

    def profile_choices(self) -> list[ProfileChoice]:
        """What the account menu offers: the demo farm (in a demo run) and every saved profile."""
        source = self._source
        choices: list[ProfileChoice] = []
        if self._demo is not None:
            choices.append(ProfileChoice(DEMO_CHOICE, self.tr("Demo farm"), current=source is self._demo))
        try:
            profiles = sorted(self._settings.load().profiles)
        except SettingsError:
            profiles = []
        current = source.profile.name if isinstance(source, ProfileSource) else None
        choices += [ProfileChoice(name, name, current=name == current) for name in profiles]
        return choices

    def switch_profile(self, key: str) -> None:
        """Sign in with another saved profile (or the demo farm): the current office closes with its outbox kept
        on disk, and the chosen one becomes the profile the next start signs in with."""
        if key == DEMO_CHOICE and self._demo is not None:
            self._tasks.spawn(self.connect(self._demo), name="switch-profile")
            return
        try:
            settings = self._settings.load()
        except SettingsError as error:
            self._window.statusBar().showMessage(str(error), 8000)
            return
        profile = settings.profile(key)
        if profile is None:
            return
        try:
            self._settings.save(settings.with_profile(profile))
        except (SettingsError, OSError):
            log.warning("could not make %r the default profile", key)
        self._tasks.spawn(self.connect(ProfileSource(profile, self._secrets)), name="switch-profile")

    def open_demo(self) -> None:
        """The signed-out page's "Explore the demo farm": the demo farm, made on first use when HydroDesk was not
        started with --demo (an office trying HydroDesk out has no command line to type it on)."""
        if self._demo is None and self._demo_factory is not None:
            self._demo = self._demo_factory()
        if self._demo is not None:
            self.switch_profile(DEMO_CHOICE)

    def request_sign_out(self) -> QMessageBox | None:
        """Sign out, after asking when changes still wait to be sent (they stay on disk either way)."""
        if self._client is None:
            return None
        status = self._window.status.sync_status
        waiting = 0 if status is None else status.pending + status.needs_attention
        if waiting == 0:
            self._tasks.spawn(self.sign_out(), name="sign-out")
            return None
        box = QMessageBox(self._window)
        box.setObjectName("SignOutQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Sign out"))
        if waiting == 1:
            box.setText(self.tr("Sign out with 1 change not yet on the server?"))
        else:
            box.setText(self.tr("Sign out with {count} changes not yet on the server?").format(count=waiting))
        box.setInformativeText(
            self.tr(
                "They stay on this computer and are sent the next time this profile signs in. Signing out removes "
                "your access token from this computer: you will need it to sign in again."
            )
        )
        confirm = box.addButton(self.tr("Sign out"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(confirm)
        box.buttonClicked.connect(
            lambda button: self._tasks.spawn(self.sign_out(), name="sign-out") if button is confirm else None
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # open(), not exec(): a nested event loop inside the asyncio loop would re-enter running tasks.
        box.open()
        return box

    def open_profiles(self) -> QDialog:
        """The account menu's "Profiles…": the Settings dialog, on its Profiles page."""
        from hydrodesk.ui.settings.profiles_page import ProfilesPage

        dialog = self._window.open_settings()
        page = dialog.findChild(ProfilesPage)
        if page is not None:
            dialog.show_page(page.page_title())
        return dialog

    def make_profiles_page(self, parent: QWidget | None) -> QWidget:
        """The Settings dialog's Profiles page; "Sign in with this profile" closes the dialog and switches."""
        from hydrodesk.ui.settings.profiles_page import ProfilesPage

        current = self._source.profile.name if isinstance(self._source, ProfileSource) else None
        page = ProfilesPage(self._settings, self._secrets, current_profile=current, parent=parent)
        page.switch_requested.connect(self._switch_from_settings)
        return page

    def _switch_from_settings(self, name: str) -> None:
        dialog = self._window.settings_dialog
        if dialog is not None and isValid(dialog):
            dialog.close()
        self.switch_profile(name)

    def switch_user(self) -> SignInDialog | None:
        """Another person signs in on this profile: the current user is signed out (their pending changes stay
        on this computer, in their own outbox, for when they sign in again) and the sign-in dialog opens."""
        source = self._source
        if not isinstance(source, ProfileSource):
            return self.open_sign_in()
        name, previous = source.profile.name, self._window.account_button.text()
        dialog = self.open_sign_in(
            name=name,
            note=self.tr(
                "Sign in as another user of “{profile}”. The changes {user} has not sent yet stay on this computer "
                "and are sent when {user} signs in again; the next user does not see them."
            ).format(profile=name, user=previous),
        )
        self._tasks.spawn(self.sign_out(), name="switch-user")
        return dialog

    async def sign_out(self) -> None:
        """End the session: live data stopped, the office closed with its outbox kept on disk for this profile's
        next sign-in, and a saved profile's token removed from the keychain (the demo farm keeps running)."""
        source = self._source
        kept, self._kept = self._kept, None
        if kept is not None:
            # Stopped before the keychain is cleared, so no renewal can write the token back afterwards.
            await kept.stop()
            await kept.revoke()
        if isinstance(source, ProfileSource):
            # First: once the window says "signed out", the token is gone.
            try:
                await asyncio.to_thread(self._secrets.delete, source.profile.name)
            except SettingsError:
                log.warning("could not remove the token of %r from the keychain", source.profile.name)
        await self._release_current()
        log.info("signed out")
        self._window.statusBar().showMessage(
            self.tr("Signed out. Changes not yet sent stay on this computer until this profile signs in again."),
            8000,
        )
