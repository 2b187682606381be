"""The Settings dialog's Profiles page: the saved Hydrobit accounts, created, edited, switched to and removed.

A profile's name is fixed once saved: its keychain entries and its users' databases on this computer are filed
under it, so renaming would strand them. Removing a profile forgets its addresses and its keychain entries, never its
data: changes not yet sent stay on this computer, and a profile created again with the same name finds them.

`ProfilesPage.apply()` saves what was edited and returns False (with the reason shown under the form) when it is not
valid; until the Settings dialog hosts the page, `ProfilesDialog` shows it from the account menu.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.settings import (
    DEFAULT_OIDC_CLIENT_ID,
    ApiKeyHeader,
    Profile,
    ProfileProblem,
    SecretStore,
    SettingsError,
    SettingsStore,
    UserSettings,
)
from hydrodesk.ui.profile_fields import ca_bundle_row, problem_text

NEW_PROFILE_BASE_URL = "https://api.hydrobit.ag"
NEW_PROFILE_IOT_URL = "https://iot.hydrobit.ag"


class ProfilesPage(QWidget):
    switch_requested = Signal(str)  # sign in with this saved profile

    def __init__(
        self,
        settings: SettingsStore,
        secrets: SecretStore | None = None,
        *,
        current_profile: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ProfilesPage")
        self._settings_store = settings
        self._secrets = secrets or SecretStore()
        self._current = current_profile
        self._saved = UserSettings()
        self._editing: str | None = None  # the saved profile shown in the form; None: a new one

        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("ProfileList")
        self.profile_list.setMinimumWidth(180)
        self.profile_list.currentItemChanged.connect(self._show_selected)
        self.new_button = QPushButton(self.tr("&New"), self)
        self.new_button.clicked.connect(self.new_profile)
        self.remove_button = QPushButton(self.tr("&Remove…"), self)
        self.remove_button.clicked.connect(self.ask_remove)
        self.switch_button = QPushButton(self.tr("&Sign in with this profile"), self)
        self.switch_button.clicked.connect(self._request_switch)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        left.addLayout(list_buttons)
        left.addWidget(self.switch_button)

        self.name_edit = QLineEdit(self)
        self.base_url_edit = QLineEdit(self)
        self.iot_url_edit = QLineEdit(self)
        self.iot_url_edit.setPlaceholderText(self.tr("Same as the server, if left empty"))
        self.issuer_edit = QLineEdit(self)
        self.issuer_edit.setPlaceholderText(self.tr("Empty: tokens are pasted"))
        self.client_id_edit = QLineEdit(self)
        self.api_key_header_combo = QComboBox(self)
        self.api_key_header_combo.addItem(self.tr("x-api-key header"), ApiKeyHeader.X_API_KEY)
        self.api_key_header_combo.addItem(self.tr("Authorization: Bearer keyId.token"), ApiKeyHeader.BEARER)
        self.ca_edit = QLineEdit(self)
        ca_row = ca_bundle_row(self, self.ca_edit)
        self.user_label = QLabel(self)
        self.user_label.setObjectName("Muted")
        self.user_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Profile name"), self.name_edit)
        form.addRow(self.tr("Server address"), self.base_url_edit)
        form.addRow(self.tr("IoT server address"), self.iot_url_edit)
        form.addRow(self.tr("Sign-in service (issuer)"), self.issuer_edit)
        form.addRow(self.tr("Client ID"), self.client_id_edit)
        form.addRow(self.tr("Send the API key as"), self.api_key_header_combo)
        form.addRow(self.tr("CA bundle"), ca_row)
        form.addRow(self.tr("Last signed in"), self.user_label)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("FieldProblem")  # in the theme's error colour
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.empty_label = QLabel(self.tr("No profiles yet. Press New to add your Hydrobit account."), self)
        self.empty_label.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.empty_label)
        right.addLayout(form)
        right.addWidget(self.error_label)
        right.addStretch(1)

        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.reload()

    def page_title(self) -> str:
        return self.tr("Profiles")

    # ------------------------------------------------------------------------------------------ list
    def reload(self, select: str | None = None) -> None:
        try:
            self._saved = self._settings_store.load()
        except SettingsError as error:
            self._show_error(str(error))
            return
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for name in sorted(self._saved.profiles, key=str.casefold):
            label = name
            if name == self._saved.default_profile:
                label = self.tr("{name} (default)").format(name=name)
            item = QListWidgetItem(label, self.profile_list)
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.profile_list.blockSignals(False)
        wanted = select or self._editing or self._current or self._saved.default_profile
        row = next(
            (i for i in range(self.profile_list.count()) if self._name_at(i) == wanted),
            0 if self.profile_list.count() else -1,
        )
        if row >= 0:
            self.profile_list.setCurrentRow(row)
            self._show_selected(self.profile_list.currentItem(), None)
        else:
            self.new_profile()
        self.empty_label.setVisible(not self._saved.profiles)

    def _name_at(self, row: int) -> str:
        item = self.profile_list.item(row)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _show_selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        profile = self._saved.profiles.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if profile is not None:
            self._show_profile(profile, editing=profile.name)

    def new_profile(self) -> None:
        self.profile_list.clearSelection()
        self._show_profile(Profile(name="", base_url=NEW_PROFILE_BASE_URL, iot_url=NEW_PROFILE_IOT_URL), editing=None)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_profile(self, profile: Profile, *, editing: str | None) -> None:
        self._editing = editing
        self.name_edit.setText(profile.name)
        # A saved profile keeps its name: its keychain entries and its data on this computer are filed under it.
        self.name_edit.setReadOnly(editing is not None)
        self.name_edit.setToolTip(
            self.tr(
                "A saved profile's name cannot change: its sign-in and its data on this computer are kept under it."
            )
            if editing is not None
            else ""
        )
        self.base_url_edit.setText(profile.base_url)
        self.iot_url_edit.setText(profile.iot_url)
        self.issuer_edit.setText(profile.oidc_issuer)
        self.client_id_edit.setText(profile.oidc_client_id)
        self.api_key_header_combo.setCurrentIndex(self.api_key_header_combo.findData(profile.api_key_header))
        self.ca_edit.setText(profile.ca_bundle or "")
        self.user_label.setText(profile.auth0_id or self.tr("nobody yet"))
        self.remove_button.setEnabled(editing is not None)
        self.switch_button.setEnabled(editing is not None and editing != self._current)
        self.error_label.setVisible(False)

    # ------------------------------------------------------------------------------------------ values
    def edited_profile(self) -> Profile:
        base = self._saved.profiles.get(self._editing or "")
        return Profile(
            name=self.name_edit.text().strip(),
            base_url=self.base_url_edit.text().strip().rstrip("/"),
            iot_url=self.iot_url_edit.text().strip().rstrip("/"),
            auth0_id=base.auth0_id if base is not None else "",
            ca_bundle=self.ca_edit.text().strip() or None,
            oidc_issuer=self.issuer_edit.text().strip().rstrip("/"),
            oidc_client_id=self.client_id_edit.text().strip() or DEFAULT_OIDC_CLIENT_ID,
            api_key_header=self.api_key_header_combo.currentData() or ApiKeyHeader.X_API_KEY,
        )

    def problems(self) -> list[str]:
        profile = self.edited_profile()
        # The user id is filled in by signing in, not typed here.
        found = [problem for problem in profile.problems() if problem is not ProfileProblem.MISSING_AUTH0_ID]
        messages = [problem_text(problem) for problem in found]
        if self._editing is None and profile.name in self._saved.profiles:
            messages.append(self.tr("There is already a profile called “{name}”.").format(name=profile.name))
        return messages

    def apply(self) -> bool:
        """Save the profile in the form. False, with the reason under the form, when it is not valid."""
        problems = self.problems()
        if problems:
            self._show_error("\n".join(problems))
            return False
        profile = self.edited_profile()
        try:
            settings = self._settings_store.load()
            make_default = settings.default_profile in (None, profile.name)
            updated = settings.with_profile(profile, make_default=make_default)
            if not make_default:
                updated = replace(updated, default_profile=settings.default_profile)
            self._settings_store.save(updated)
        except (SettingsError, OSError) as error:
            self._show_error(self.tr("The profile could not be saved: {reason}").format(reason=error))
            return False
        self.error_label.setVisible(False)
        self._editing = profile.name
        self.reload(select=profile.name)
        return True

    # ------------------------------------------------------------------------------------------ remove, switch
    def ask_remove(self) -> QMessageBox | None:
        name = self._editing
        if name is None:
            return None
        box = QMessageBox(self)
        box.setObjectName("RemoveProfileQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove profile"))
        box.setText(self.tr("Remove the profile “{name}”?").format(name=name))
        box.setInformativeText(
            self.tr(
                "Its addresses and its sign-in are forgotten. Its data and any changes not yet sent stay on this "
                "computer: a profile created again with the same name finds them."
            )
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.remove(name) if button is remove else None)
        # Deleted once it has finished, not on close: the answer rebuilds the list while the box is still closing.
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def remove(self, name: str) -> bool:
        if name == self._current:
            self._show_error(self.tr("Sign out or switch to another profile before removing this one."))
            return False
        try:
            self._settings_store.save(self._settings_store.load().without_profile(name))
        except (SettingsError, OSError) as error:
            self._show_error(self.tr("The profile could not be removed: {reason}").format(reason=error))
            return False
        with contextlib.suppress(SettingsError):  # no keychain: nothing of this profile was ever kept in one
            self._secrets.delete(name)
        self._editing = None
        self.reload()
        return True

    def _request_switch(self) -> None:
        if self._editing is not None and self.apply():
            self.switch_requested.emit(self._editing)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)
