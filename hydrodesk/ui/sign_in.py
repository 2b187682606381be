"""Sign in to a real Hydrobit account: server addresses, user id, and the token and API key the user pastes.

Hydrobit documents no login endpoint, so the user brings a JWT (and optionally a scoped API key) issued by their
administrator. The dialog saves them as a profile plus keychain entries through a callback; it is opened with
`open()`, never `exec()`, so it does not nest an event loop inside the asyncio loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.settings import KeychainUnavailable, Profile, ProfileProblem, Secrets, SettingsError

DEFAULT_BASE_URL = "https://api.hydrobit.ag"
DEFAULT_IOT_URL = "https://iot.hydrobit.ag"

SaveAccount = Callable[[Profile, Secrets], None]


class SignInDialog(QDialog):
    def __init__(
        self,
        save_account: SaveAccount,
        *,
        profile: Profile | None = None,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SignInDialog")
        self.setWindowTitle(self.tr("Sign in to Hydrobit"))
        self.setMinimumWidth(520)
        self._save_account = save_account
        self.profile: Profile | None = None
        self.secrets: Secrets | None = None

        intro = QLabel(
            self.tr(
                "Paste the access token (JWT) and, if you have one, the API key your Hydrobit administrator gave "
                "you. HydroDesk keeps them in this computer's system keychain, never in a file."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.note_label = QLabel(note, self)
        self.note_label.setWordWrap(True)
        self.note_label.setObjectName("Muted")
        self.note_label.setVisible(bool(note))

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("ProfileName")
        self.base_url_edit = QLineEdit(self)
        self.base_url_edit.setObjectName("BaseUrl")
        self.iot_url_edit = QLineEdit(self)
        self.iot_url_edit.setObjectName("IotUrl")
        self.iot_url_edit.setPlaceholderText(self.tr("Same as the server, if left empty"))
        self.auth0_edit = QLineEdit(self)
        self.auth0_edit.setObjectName("Auth0Id")
        self.auth0_edit.setPlaceholderText(self.tr("user_… (filled in from the token when left empty)"))
        self.token_edit = QLineEdit(self)
        self.token_edit.setObjectName("Token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("eyJ…"))
        self.token_edit.textChanged.connect(self._fill_user_from_token)
        self.api_key_edit = QLineEdit(self)
        self.api_key_edit.setObjectName("ApiKey")
        self.api_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_edit.setPlaceholderText(self.tr("Optional: needed for scouting, weather and irrigation data"))
        self.ca_edit = QLineEdit(self)
        self.ca_edit.setObjectName("CaBundle")
        self.ca_edit.setPlaceholderText(self.tr("Optional: a PEM file, for a company proxy's certificate"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.setContentsMargins(0, 0, 0, 0)
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(browse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Profile name"), self.name_edit)
        form.addRow(self.tr("Server address"), self.base_url_edit)
        form.addRow(self.tr("IoT server address"), self.iot_url_edit)
        form.addRow(self.tr("User ID (auth0Id)"), self.auth0_edit)
        form.addRow(self.tr("Access token (JWT)"), self.token_edit)
        form.addRow(self.tr("API key"), self.api_key_edit)
        form.addRow(self.tr("CA bundle"), ca_row)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("SignInError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setObjectName("PrimaryButton")
        self.sign_in_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.note_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        initial = profile or Profile(name="Hydrobit", base_url=DEFAULT_BASE_URL, iot_url=DEFAULT_IOT_URL)
        self.name_edit.setText(initial.name)
        self.base_url_edit.setText(initial.base_url)
        self.iot_url_edit.setText(initial.iot_url)
        self.auth0_edit.setText(initial.auth0_id)
        self.ca_edit.setText(initial.ca_bundle or "")
        self.token_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------------------------------ values
    def entered_profile(self) -> Profile:
        return Profile(
            name=self.name_edit.text().strip(),
            base_url=self.base_url_edit.text().strip().rstrip("/"),
            iot_url=self.iot_url_edit.text().strip().rstrip("/"),
            auth0_id=self.auth0_edit.text().strip(),
            ca_bundle=self.ca_edit.text().strip() or None,
        )

    def entered_secrets(self) -> Secrets:
        return Secrets(
            bearer_token=self.token_edit.text().strip() or None, api_key=self.api_key_edit.text().strip() or None
        )

    def problems(self) -> list[str]:
        """Everything wrong with what was entered, each as a sentence saying how to fix it."""
        profile, secrets = self.entered_profile(), self.entered_secrets()
        messages = [self._problem_text(problem) for problem in profile.problems()]
        if not secrets.bearer_token:
            messages.append(self.tr("Paste your access token (JWT)."))
        elif secrets.bearer_token.count(".") != 2:
            messages.append(self.tr("The access token does not look like a JWT: it has three parts separated by dots."))
        if secrets.api_key and "." not in secrets.api_key:
            messages.append(self.tr("The API key does not look right: it has the form keyId.token."))
        return messages

    def _problem_text(self, problem: ProfileProblem) -> str:
        return {
            ProfileProblem.MISSING_NAME: self.tr("Give the profile a name."),
            ProfileProblem.MISSING_BASE_URL: self.tr("Enter the server address, e.g. https://api.hydrobit.ag."),
            ProfileProblem.BAD_BASE_URL: self.tr("The server address must start with https://."),
            ProfileProblem.INSECURE_BASE_URL: self.tr(
                "The server address must use https:// (plain http is only allowed on this computer)."
            ),
            ProfileProblem.BAD_IOT_URL: self.tr("The IoT server address must start with https://."),
            ProfileProblem.INSECURE_IOT_URL: self.tr(
                "The IoT server address must use https:// (plain http is only allowed on this computer)."
            ),
            ProfileProblem.MISSING_AUTH0_ID: self.tr("Enter your user ID (auth0Id), or paste a token that has it."),
            ProfileProblem.CA_BUNDLE_NOT_FOUND: self.tr("The CA bundle file was not found."),
            ProfileProblem.BAD_ISSUER_URL: self.tr("The sign-in issuer address must start with https://."),
            ProfileProblem.INSECURE_ISSUER_URL: self.tr(
                "The sign-in issuer address must use https:// (plain http is only allowed on this computer)."
            ),
            ProfileProblem.MISSING_CLIENT_ID: self.tr("Enter the client ID your administrator gave you."),
        }[problem]

    # ------------------------------------------------------------------------------------------ actions
    def try_accept(self) -> None:
        problems = self.problems()
        if problems:
            self._show_error("\n".join(problems))
            return
        profile, secrets = self.entered_profile(), self.entered_secrets()
        try:
            self._save_account(profile, secrets)
        except KeychainUnavailable:
            self._show_error(
                self.tr(
                    "HydroDesk could not save your sign-in: it keeps tokens only in the system keychain, and the "
                    "keychain is missing or locked. Install or unlock it (GNOME Keyring or KWallet on Linux) and "
                    "try again, or use the demo farm (hydrodesk --demo)."
                )
            )
            return
        except (SettingsError, OSError, ValueError) as error:
            # The settings file could not be written (a full disk, a folder without permission, ...).
            self._show_error(self.tr("HydroDesk could not save the profile: {reason}").format(reason=error))
            return
        self.profile, self.secrets = profile, secrets
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def _fill_user_from_token(self, token: str) -> None:
        if self.auth0_edit.text().strip():
            return
        from hydrodesk.api.auth import Credentials

        subject = Credentials(auth0_id="", bearer_token=token.strip()).claims.get("sub")
        if isinstance(subject, str):
            self.auth0_edit.setText(subject)

    def _browse_ca_bundle(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a CA bundle"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Certificates (*.pem *.crt)"), self.tr("All files (*)")])
        current = self.ca_edit.text().strip()
        if current:
            dialog.setDirectory(str(Path(current).parent))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.ca_edit.setText)
        dialog.open()
