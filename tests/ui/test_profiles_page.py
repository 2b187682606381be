"""The Profiles page: the saved accounts listed, created, edited, switched to and removed, with clear messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from hydrodesk.settings import ApiKeyHeader, Profile, Secrets, SecretStore, SettingsStore, UserSettings
from hydrodesk.ui.settings.dialog import SettingsDialog
from hydrodesk.ui.settings.profiles_page import ProfilesPage
from tests.keyring_support import MemoryKeyring

from .conftest import WindowKit, run_async
from .test_sign_in import pick


def row_of(page: ProfilesPage, name: str) -> int:
    return next(
        i for i in range(page.profile_list.count()) if page.profile_list.item(i).data(Qt.ItemDataRole.UserRole) == name
    )


def _store(tmp_path: Path) -> SettingsStore:
    store = SettingsStore(tmp_path / "settings.json")
    settings = UserSettings().with_profile(Profile(name="Rancho", base_url="https://api.hydrobit.ag", auth0_id="u1"))
    store.save(settings.with_profile(Profile(name="Finca", base_url="https://api.hydrobit.ag"), make_default=False))
    store.save(store.load().with_profile(store.load().profiles["Rancho"]))  # Rancho is the default
    return store


def test_lists_edits_and_validates_profiles(qtbot: QtBot, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    store = _store(tmp_path)
    page = ProfilesPage(store, current_profile="Rancho")
    qtbot.addWidget(page)
    assert page.page_title() == "Profiles"
    labels = [page.profile_list.item(i).text() for i in range(page.profile_list.count())]
    assert labels == ["Finca", "Rancho (default)"]
    assert page.name_edit.text() == "Rancho"
    assert page.name_edit.isReadOnly()  # its data on this computer is filed under the name
    assert not page.switch_button.isEnabled()  # already signed in with it

    page.issuer_edit.setText("http://idp.example.com")
    page.base_url_edit.setText("ftp://nowhere")
    assert page.apply() is False
    assert page.error_label.text().splitlines() == [
        "The server address must start with https://.",
        "The sign-in issuer address must use https:// (plain http is only allowed on this computer).",
    ]
    assert store.load().profiles["Rancho"].oidc_issuer == ""  # nothing saved

    page.base_url_edit.setText("https://api.hydrobit.ag")
    page.issuer_edit.setText("https://hydrobit.eu.auth0.com")
    page.api_key_header_combo.setCurrentIndex(page.api_key_header_combo.findData(ApiKeyHeader.BEARER))
    assert page.apply() is True
    saved = store.load()
    assert saved.profiles["Rancho"].oidc_issuer == "https://hydrobit.eu.auth0.com"
    assert saved.profiles["Rancho"].api_key_header is ApiKeyHeader.BEARER
    assert saved.profiles["Rancho"].auth0_id == "u1"  # the last user is kept
    assert saved.default_profile == "Rancho"
    assert not page.error_label.isVisible()


def test_creates_and_removes_profiles(qtbot: QtBot, memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    store = _store(tmp_path)
    SecretStore().save("Finca", Secrets(bearer_token="a.b.c"))
    page = ProfilesPage(store, current_profile="Rancho")
    qtbot.addWidget(page)
    page.show()
    page.new_button.click()
    assert page.name_edit.text() == ""
    assert not page.name_edit.isReadOnly()
    page.name_edit.setText("Finca")
    assert page.apply() is False
    assert page.error_label.text() == "There is already a profile called “Finca”."
    page.name_edit.setText("Lima")
    assert page.apply() is True
    assert set(store.load().profiles) == {"Finca", "Lima", "Rancho"}
    assert store.load().default_profile == "Rancho"  # a new profile does not take over the next start

    assert page.remove("Rancho") is False  # the one signed in
    assert "Sign out" in page.error_label.text()
    finca = row_of(page, "Finca")
    page.profile_list.setCurrentRow(finca)
    question = page.ask_remove()
    assert question is not None
    assert question.text() == "Remove the profile “Finca”?"
    next(b for b in question.buttons() if b.text() == "Remove").click()
    assert page.remove("Finca")
    assert set(store.load().profiles) == {"Lima", "Rancho"}
    assert SecretStore().load("Finca") == Secrets()


def test_the_account_menu_opens_profiles_and_switches(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    from hydrodesk.ui.session import SessionController

    store = SettingsStore(tmp_path / "settings.json")
    for name in ("Rancho", "Finca"):
        store.save(store.load().with_profile(Profile(name=name, base_url=sim.base_url, auth0_id="user_123456789")))
        SecretStore().save(name, Secrets(bearer_token=sim.token()))
    kit = make_window()
    kit.window.show()
    controller = SessionController(
        kit.window, kit.monitor, kit.tasks, settings=store, secrets=SecretStore(), requested_profile="Rancho"
    )
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000):
        controller.start()
    assert pick(kit.window.account_button, "Profiles…")
    dialog = kit.window.findChild(SettingsDialog)  # Settings, open on its Profiles page
    assert dialog is not None
    page = dialog.stack.currentWidget()
    assert isinstance(page, ProfilesPage)
    finca = row_of(page, "Finca")
    page.profile_list.setCurrentRow(finca)
    assert page.switch_button.isEnabled()
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000):
        page.switch_button.click()
    assert "Finca" in kit.window.account_button.toolTip()
    assert not isValid(dialog) or not dialog.isVisible()  # switching closed Settings
    run_async(qtbot, controller.aclose())
