"""The toolbar's account button: who is signed in, and a menu to sign out, switch user or profile, edit profiles.

Signed out, it says "Sign in to Hydrobit" and its menu offers the sign-in dialog and the saved profiles. It only
shows what it is told and says through signals what the user picked; the session controller does the signing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


@dataclass(frozen=True)
class ProfileChoice:
    """A way to sign in the menu offers: a saved profile, or the demo farm."""

    key: str  # what `profile_chosen` carries back
    label: str
    current: bool = False


ProfileSource = Callable[[], list[ProfileChoice]]


class AccountButton(QToolButton):
    sign_in_requested = Signal()  # the sign-in dialog: a new account, or a fresh token
    sign_out_requested = Signal()
    profile_chosen = Signal(str)  # a ProfileChoice's key
    switch_user_requested = Signal()  # another person signs in on the same profile
    profiles_requested = Signal()  # the profiles page (create, edit, remove)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AccountButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self.account_menu = QMenu(self)
        self.account_menu.setObjectName("AccountMenu")
        # Built when it opens: the saved profiles may have changed since (a sign-in saves one).
        self.account_menu.aboutToShow.connect(self.rebuild_menu)
        self.setMenu(self.account_menu)
        self._profiles: ProfileSource = list
        self._name: str | None = None
        self._account = ""
        self._user_id = ""
        self.show_signed_out()

    @property
    def signed_in(self) -> bool:
        return self._name is not None

    def set_profile_source(self, profiles: ProfileSource) -> None:
        """Where the menu's profiles come from (the session controller's saved profiles and the demo)."""
        self._profiles = profiles

    def show_signed_in(self, name: str, account: str, user_id: str) -> None:
        self._name, self._account, self._user_id = name, account, user_id
        self.setText(name)
        self.setToolTip(
            self.tr("Signed in as {name} ({user}) · {account}").format(name=name, user=user_id, account=account)
        )
        self.setAccessibleName(self.tr("Account: {name}").format(name=name))

    def show_signed_out(self) -> None:
        self._name, self._account, self._user_id = None, "", ""
        self.setText(self.tr("Sign in to Hydrobit"))
        self.setToolTip(self.tr("Sign in to a Hydrobit account, or pick a saved profile"))
        self.setAccessibleName(self.tr("Sign in to Hydrobit"))

    # ------------------------------------------------------------------------------------------ menu
    def rebuild_menu(self) -> None:
        menu = self.account_menu
        menu.clear()
        choices = self._profiles()
        if self._name is None:
            menu.addAction(self.tr("Sign in to Hydrobit…"), self.sign_in_requested.emit)
            if choices:
                menu.addSection(self.tr("Saved profiles"))
                self._add_choices(menu, choices)
            menu.addSeparator()
            menu.addAction(self.tr("Profiles…"), self.profiles_requested.emit)
            return
        header = menu.addAction(self.tr("{account} · {user}").format(account=self._account, user=self._user_id))
        header.setEnabled(False)
        menu.addSeparator()
        switch = menu.addMenu(self.tr("Switch profile"))
        switch.setObjectName("SwitchProfileMenu")
        self._add_choices(switch, choices)
        if choices:
            switch.addSeparator()
        switch.addAction(self.tr("Another account…"), self.sign_in_requested.emit)
        switch_user = menu.addAction(self.tr("Switch user…"), self.switch_user_requested.emit)
        switch_user.setObjectName("SwitchUser")
        menu.addAction(self.tr("Profiles…"), self.profiles_requested.emit)
        menu.addSeparator()
        sign_out = menu.addAction(self.tr("Sign out"), self.sign_out_requested.emit)
        sign_out.setObjectName("SignOut")

    def _add_choices(self, menu: QMenu, choices: list[ProfileChoice]) -> None:
        for choice in choices:
            action = QAction(choice.label, menu)
            action.setData(choice.key)
            action.setCheckable(True)
            action.setChecked(choice.current)
            # The current one is where you are: choosing it again would only sign in again.
            action.setEnabled(not choice.current)
            action.triggered.connect(lambda _checked=False, key=choice.key: self.profile_chosen.emit(key))
            menu.addAction(action)
