"""Sign in to a real Hydrobit account: server addresses, then the company's sign-in service or a pasted token.

With an OIDC issuer in the profile, "Sign in with browser or code" shows a code to approve on any device (or opens
this computer's browser); the tokens it brings are saved like pasted ones. Administrators can still paste a JWT
under "Advanced". The dialog saves the profile plus keychain entries through a callback; it is opened with
`open()`, never `exec()`, so it does not nest an event loop inside the asyncio loop.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.settings import (
    DEFAULT_OIDC_CLIENT_ID,
    ApiKeyHeader,
    KeychainUnavailable,
    Profile,
    ProfileProblem,
    Secrets,
    SettingsError,
)
from hydrodesk.ui.oidc_panel import OidcSignInPanel, Spawn
from hydrodesk.ui.profile_fields import ca_bundle_row, problem_text
from hydrodesk.ui.widgets.form_columns import share_label_column
from hydrodesk.ui.widgets.restyle import repolish

if TYPE_CHECKING:
    from hydrodesk.api.oidc import OidcClient, TokenSet

DEFAULT_BASE_URL = "https://api.hydrobit.ag"
DEFAULT_IOT_URL = "https://iot.hydrobit.ag"

SaveAccount = Callable[[Profile, Secrets], None]


def _spawn_on_loop(coroutine: Any) -> asyncio.Task[Any]:
    return asyncio.get_event_loop().create_task(coroutine)


class SignInDialog(QDialog):
    def __init__(
        self,
        save_account: SaveAccount,
        *,
        profile: Profile | None = None,
        note: str = "",
        spawn: Spawn | None = None,
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
                "Sign in with your company's Hydrobit account. HydroDesk keeps your sign-in in this computer's "
                "system keychain, never in a file."
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
        self.issuer_edit = QLineEdit(self)
        self.issuer_edit.setObjectName("OidcIssuer")
        self.issuer_edit.setPlaceholderText(self.tr("https://… (your company's sign-in service)"))
        self.issuer_edit.textChanged.connect(self._update_buttons)
        self.client_id_edit = QLineEdit(self)
        self.client_id_edit.setObjectName("OidcClientId")
        self.api_key_header_combo = QComboBox(self)
        self.api_key_header_combo.setObjectName("ApiKeyHeader")
        self.api_key_header_combo.addItem(self.tr("x-api-key header"), ApiKeyHeader.X_API_KEY)
        self.api_key_header_combo.addItem(self.tr("Authorization: Bearer keyId.token"), ApiKeyHeader.BEARER)
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
        ca_row = ca_bundle_row(self, self.ca_edit)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Profile name"), self.name_edit)
        form.addRow(self.tr("Server address"), self.base_url_edit)
        form.addRow(self.tr("IoT server address"), self.iot_url_edit)
        form.addRow(self.tr("Sign-in service (issuer)"), self.issuer_edit)
        form.addRow(self.tr("API key"), self.api_key_edit)

        # For administrators and unusual set-ups: a pasted token, the client id, how the key is sent, a private CA.
        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("AdvancedToggle")
        self.advanced_toggle.setText(self.tr("&Advanced"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.toggled.connect(self._show_advanced)
        self.advanced = QWidget(self)
        advanced_form = QFormLayout(self.advanced)
        advanced_form.setContentsMargins(0, 0, 0, 0)
        advanced_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        advanced_form.addRow(self.tr("User ID (auth0Id)"), self.auth0_edit)
        advanced_form.addRow(self.tr("Access token (JWT)"), self.token_edit)
        advanced_form.addRow(self.tr("Client ID"), self.client_id_edit)
        advanced_form.addRow(self.tr("Send the API key as"), self.api_key_header_combo)
        advanced_form.addRow(self.tr("CA bundle"), ca_row)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("FieldProblem")  # in the theme's error colour
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)

        # On a row of its own: the way most people sign in, and a long label in Spanish.
        self.code_button = QPushButton(self.tr("Sign in with &browser or code"), self)
        self.code_button.setObjectName("SignInWithCode")
        self.code_button.setAutoDefault(False)
        self.code_button.clicked.connect(self.start_device_sign_in)
        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in with token"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)

        self.browser_button = QPushButton(self.tr("Use this computer's browser instead"), self)
        self.browser_button.setObjectName("SignInWithBrowser")
        self.browser_button.setFlat(True)
        self.browser_button.clicked.connect(self.start_browser_sign_in)

        form_page = QWidget(self)
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(12)
        form_layout.addWidget(intro)
        form_layout.addWidget(self.note_label)
        form_layout.addLayout(form)
        form_layout.addWidget(self.code_button)
        form_layout.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        form_layout.addWidget(self.advanced)
        form_layout.addWidget(self.error_label)
        form_layout.addWidget(self.buttons)
        share_label_column(form, advanced_form)

        self.oidc_panel = OidcSignInPanel(spawn or _spawn_on_loop, self)
        self.oidc_panel.signed_in.connect(self._on_oidc_tokens)
        self.oidc_panel.failed.connect(self._on_oidc_failed)
        # Bound methods, not lambdas holding self: no reference cycle of Qt wrappers for the collector to break.
        self.oidc_panel.cancelled.connect(self._back_to_form)
        code_page = QWidget(self)
        code_layout = QVBoxLayout(code_page)
        code_layout.setContentsMargins(0, 0, 0, 0)
        code_layout.addWidget(self.oidc_panel, 1)
        code_layout.addWidget(self.browser_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(form_page)
        self.pages.addWidget(code_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        initial = profile or Profile(name="Hydrobit", base_url=DEFAULT_BASE_URL, iot_url=DEFAULT_IOT_URL)
        self.name_edit.setText(initial.name)
        self.base_url_edit.setText(initial.base_url)
        self.iot_url_edit.setText(initial.iot_url)
        self.issuer_edit.setText(initial.oidc_issuer)
        self.client_id_edit.setText(initial.oidc_client_id)
        self.api_key_header_combo.setCurrentIndex(self.api_key_header_combo.findData(initial.api_key_header))
        self.auth0_edit.setText(initial.auth0_id)
        self.ca_edit.setText(initial.ca_bundle or "")
        # A profile without a sign-in service pastes tokens: open the section where they go.
        self.advanced_toggle.setChecked(not initial.uses_oidc)
        self._show_advanced(not initial.uses_oidc)
        self._update_buttons()
        (self.code_button if initial.uses_oidc else self.token_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------------------------------ values
    def entered_profile(self) -> Profile:
        return Profile(
            name=self.name_edit.text().strip(),
            base_url=self.base_url_edit.text().strip().rstrip("/"),
            iot_url=self.iot_url_edit.text().strip().rstrip("/"),
            auth0_id=self.auth0_edit.text().strip(),
            ca_bundle=self.ca_edit.text().strip() or None,
            oidc_issuer=self.issuer_edit.text().strip().rstrip("/"),
            oidc_client_id=self.client_id_edit.text().strip() or DEFAULT_OIDC_CLIENT_ID,
            api_key_header=self.api_key_header_combo.currentData() or ApiKeyHeader.X_API_KEY,
        )

    def entered_secrets(self) -> Secrets:
        return Secrets(
            bearer_token=self.token_edit.text().strip() or None, api_key=self.api_key_edit.text().strip() or None
        )

    def problems(self) -> list[str]:
        """Everything wrong with what was entered for signing in with a pasted token, each saying how to fix it."""
        profile, secrets = self.entered_profile(), self.entered_secrets()
        if profile.uses_oidc and not profile.auth0_id:
            # A pasted token on a profile with a sign-in service still needs to know whose it is.
            profile = replace(profile, oidc_issuer="")
        messages = [self._problem_text(problem) for problem in profile.problems()]
        if not secrets.bearer_token:
            messages.append(self.tr("Paste your access token (JWT)."))
        elif secrets.bearer_token.count(".") != 2:
            messages.append(self.tr("The access token does not look like a JWT: it has three parts separated by dots."))
        return messages + self._api_key_problems(secrets)

    def _api_key_problems(self, secrets: Secrets) -> list[str]:
        if secrets.api_key and "." not in secrets.api_key:
            return [self.tr("The API key does not look right: it has the form keyId.token.")]
        return []

    def oidc_problems(self) -> list[str]:
        """What stops signing in through the sign-in service."""
        profile = self.entered_profile()
        if not profile.uses_oidc:
            return [self.tr("Enter the address of your company's sign-in service, or paste a token under Advanced.")]
        messages = [self._problem_text(problem) for problem in profile.problems()]
        return messages + self._api_key_problems(self.entered_secrets())

    def _problem_text(self, problem: ProfileProblem) -> str:
        return problem_text(problem)

    # ------------------------------------------------------------------------------------------ actions
    def try_accept(self) -> None:
        problems = self.problems()
        if problems:
            self._show_error("\n".join(problems))
            return
        self._save(self.entered_profile(), self.entered_secrets())

    def _save(self, profile: Profile, secrets: Secrets) -> None:
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

    # ------------------------------------------------------------------------------------------ sign-in service
    def start_device_sign_in(self) -> None:
        """Show a code to approve on any device, and wait for the approval."""
        oidc = self._oidc_client()
        if oidc is not None:
            self.pages.setCurrentIndex(1)
            self.oidc_panel.start_device_flow(oidc)

    def start_browser_sign_in(self) -> None:
        """Sign in in this computer's browser (the code is handed back on a loopback address)."""
        oidc = self._oidc_client()
        if oidc is not None:
            self.pages.setCurrentIndex(1)
            self.oidc_panel.start_browser_flow(oidc)

    def _oidc_client(self) -> OidcClient | None:
        from hydrodesk.api.oidc import OidcClient

        problems = self.oidc_problems()
        if problems:
            self.pages.setCurrentIndex(0)
            self._show_error("\n".join(problems))
            return None
        self.error_label.setVisible(False)
        profile = self.entered_profile()
        verify: bool | ssl.SSLContext = True
        if profile.ca_bundle:
            verify = ssl.create_default_context(cafile=profile.ca_bundle)
        return OidcClient(profile.oidc_issuer, profile.oidc_client_id, verify=verify)

    def _on_oidc_tokens(self, tokens: TokenSet) -> None:
        from hydrodesk.api.auth import Credentials

        subject = Credentials(auth0_id="", bearer_token=tokens.access_token).claims.get("sub")
        profile = replace(self.entered_profile(), auth0_id=subject if isinstance(subject, str) else "")
        secrets = Secrets(
            bearer_token=tokens.access_token,
            api_key=self.api_key_edit.text().strip() or None,
            refresh_token=tokens.refresh_token,
        )
        self.pages.setCurrentIndex(0)
        self._save(profile, secrets)

    def _back_to_form(self) -> None:
        self.pages.setCurrentIndex(0)

    def _on_oidc_failed(self, message: str) -> None:
        self.pages.setCurrentIndex(0)
        self._show_error(message)

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _update_buttons(self) -> None:
        uses_oidc = bool(self.issuer_edit.text().strip())
        self.code_button.setEnabled(uses_oidc)
        # The primary action is the one this profile signs in with (Enter presses it).
        self.code_button.setDefault(uses_oidc)
        self.sign_in_button.setDefault(not uses_oidc)
        self.sign_in_button.setAutoDefault(not uses_oidc)
        self.code_button.setObjectName("PrimaryButton" if uses_oidc else "SignInWithCode")
        self.sign_in_button.setObjectName("SignInWithToken" if uses_oidc else "PrimaryButton")
        for button in (self.code_button, self.sign_in_button):
            repolish(button)

    def reject(self) -> None:
        if self.oidc_panel.busy:
            self.oidc_panel.cancel()
        super().reject()

    def _fill_user_from_token(self, token: str) -> None:
        if self.auth0_edit.text().strip():
            return
        from hydrodesk.api.auth import Credentials

        subject = Credentials(auth0_id="", bearer_token=token.strip()).claims.get("sub")
        if isinstance(subject, str):
            self.auth0_edit.setText(subject)
