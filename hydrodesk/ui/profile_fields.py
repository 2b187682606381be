"""What the sign-in dialog and the profiles page share about a profile's fields: its problems
(hydrodesk.settings.ProfileProblem) as sentences that say how to fix them, and choosing a CA bundle file. Their
translations live under "SignInDialog", where they started."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from hydrodesk.settings import ProfileProblem


def problem_text(problem: ProfileProblem) -> str:
    # Spelled out as QCoreApplication.translate calls so lupdate finds every sentence.
    return {
        ProfileProblem.MISSING_NAME: QCoreApplication.translate("SignInDialog", "Give the profile a name."),
        ProfileProblem.MISSING_BASE_URL: QCoreApplication.translate(
            "SignInDialog", "Enter the server address, e.g. https://api.hydrobit.ag."
        ),
        ProfileProblem.BAD_BASE_URL: QCoreApplication.translate(
            "SignInDialog", "The server address must start with https://."
        ),
        ProfileProblem.INSECURE_BASE_URL: QCoreApplication.translate(
            "SignInDialog", "The server address must use https:// (plain http is only allowed on this computer)."
        ),
        ProfileProblem.BAD_IOT_URL: QCoreApplication.translate(
            "SignInDialog", "The IoT server address must start with https://."
        ),
        ProfileProblem.INSECURE_IOT_URL: QCoreApplication.translate(
            "SignInDialog", "The IoT server address must use https:// (plain http is only allowed on this computer)."
        ),
        ProfileProblem.MISSING_AUTH0_ID: QCoreApplication.translate(
            "SignInDialog", "Enter your user ID (auth0Id), or paste a token that has it."
        ),
        ProfileProblem.CA_BUNDLE_NOT_FOUND: QCoreApplication.translate(
            "SignInDialog", "The CA bundle file was not found."
        ),
        ProfileProblem.BAD_ISSUER_URL: QCoreApplication.translate(
            "SignInDialog", "The sign-in issuer address must start with https://."
        ),
        ProfileProblem.INSECURE_ISSUER_URL: QCoreApplication.translate(
            "SignInDialog",
            "The sign-in issuer address must use https:// (plain http is only allowed on this computer).",
        ),
        ProfileProblem.MISSING_CLIENT_ID: QCoreApplication.translate(
            "SignInDialog", "Enter the client ID your administrator gave you."
        ),
    }[problem]


def choose_ca_bundle(parent: QWidget, edit: QLineEdit) -> QFileDialog:
    """A file dialog (opened, not exec'd) that puts the chosen PEM file's path in `edit`."""
    dialog = QFileDialog(parent, QCoreApplication.translate("SignInDialog", "Choose a CA bundle"))
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(
        [
            QCoreApplication.translate("SignInDialog", "Certificates (*.pem *.crt)"),
            QCoreApplication.translate("SignInDialog", "All files (*)"),
        ]
    )
    current = edit.text().strip()
    if current:
        dialog.setDirectory(str(Path(current).parent))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(edit.setText)
    dialog.open()
    return dialog


def ca_bundle_row(parent: QWidget, edit: QLineEdit) -> QHBoxLayout:
    """The CA bundle field with its Browse… button, as the sign-in dialog and the Profiles page both show it."""
    edit.setPlaceholderText(
        QCoreApplication.translate("ProfileFields", "Optional: a PEM file, for a company proxy's certificate")
    )
    browse = QPushButton(QCoreApplication.translate("ProfileFields", "Browse…"), parent)
    browse.clicked.connect(lambda: choose_ca_bundle(parent, edit))
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row
