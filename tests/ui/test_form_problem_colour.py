"""What is wrong with a sign-in or a profile is written in the theme's error colour, as under any form field. Both
lines used a fixed red of their own, the light theme's at that, which sat dim on the dark and outdoor themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.settings import Profile, SettingsStore, UserSettings
from hydrodesk.ui.settings.profiles_page import ProfilesPage
from hydrodesk.ui.sign_in import SignInDialog
from hydrodesk.ui.theme import ThemeManager
from tests.keyring_support import MemoryKeyring


def error_colour(qapp: QApplication, theme: str) -> QColor:
    """Apply `theme` to the whole application, as Settings does; its error colour."""
    themes = ThemeManager(qapp, theme)
    themes.apply(theme)
    return QColor(themes.current.tokens["error"])


def text_colour(qtbot: QtBot, owner: QWidget, label: QLabel) -> QColor:
    qtbot.addWidget(owner)
    owner.show()
    qtbot.waitExposed(owner)
    assert label.isVisible()
    assert label.text()
    return label.palette().color(QPalette.ColorRole.WindowText)


@pytest.mark.parametrize("theme", ["light", "dark", "outdoor"])
def test_the_sign_in_dialog_says_what_is_wrong_in_the_themes_error_colour(
    qtbot: QtBot, qapp: QApplication, memory_keyring: MemoryKeyring, theme: str
) -> None:
    expected = error_colour(qapp, theme)
    dialog = SignInDialog(lambda profile, secrets: None)
    dialog.base_url_edit.setText("ftp://nowhere")
    dialog.try_accept()
    assert text_colour(qtbot, dialog, dialog.error_label) == expected


@pytest.mark.parametrize("theme", ["light", "dark", "outdoor"])
def test_the_profiles_page_says_what_is_wrong_in_the_themes_error_colour(
    qtbot: QtBot, qapp: QApplication, memory_keyring: MemoryKeyring, tmp_path: Path, theme: str
) -> None:
    expected = error_colour(qapp, theme)
    store = SettingsStore(tmp_path / "settings.json")
    store.save(UserSettings().with_profile(Profile(name="Rancho", base_url="https://api.hydrobit.ag")))
    page = ProfilesPage(store, current_profile=None)
    page.base_url_edit.setText("ftp://nowhere")
    assert page.apply() is False
    assert text_colour(qtbot, page, page.error_label) == expected
