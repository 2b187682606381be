"""Signing in to a real account (the simulator stands in for Hydrobit): the dialog, the profile, the keychain."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.domain.outbox import EntryState
from hydrodesk.settings import Profile, Secrets, SecretStore, SettingsStore, UserSettings
from hydrodesk.store.paths import user_database
from hydrodesk.store.store import Store
from hydrodesk.ui.account_button import AccountButton
from hydrodesk.ui.connection import ConnectionState
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.session import SessionController
from hydrodesk.ui.sign_in import SignInDialog
from tests.keyring_support import MemoryKeyring

from .conftest import DEMO_USER, WindowKit, run_async
from .office_kit import DOCUMENTED_SESSION


def controller_for(kit: WindowKit, settings_path: Path, profile: str | None = None) -> SessionController:
    return SessionController(
        kit.window,
        kit.monitor,
        kit.tasks,
        settings=SettingsStore(settings_path),
        secrets=SecretStore(),
        requested_profile=profile,
    )


def close(qtbot: QtBot, controller: SessionController) -> None:
    run_async(qtbot, controller.aclose())


def test_first_sign_in_saves_a_profile_and_keychain_entries_then_loads_the_farm(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    kit = make_window()
    kit.window.show()
    settings_path = tmp_path / "settings.json"
    controller = controller_for(kit, settings_path)
    controller.start()
    qtbot.waitUntil(lambda: controller._dialog is not None and controller._dialog.isVisible())
    dialog = controller._dialog
    assert isinstance(dialog, SignInDialog)

    token, api_key = sim.token(DEMO_USER), sim.api_key("read:weather")
    dialog.name_edit.setText("Rancho")
    dialog.base_url_edit.setText(sim.base_url)
    dialog.iot_url_edit.clear()
    qtbot.keyClicks(dialog.token_edit, token)
    assert dialog.auth0_edit.text() == DEMO_USER  # read from the token's subject
    dialog.api_key_edit.setText(api_key)
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000) as loaded:
        dialog.sign_in_button.click()
    assert loaded.args == [True]
    assert kit.monitor.state is ConnectionState.ONLINE
    assert kit.window.navigator.model.find("proj_123", "sector_001").isValid()

    on_disk = settings_path.read_text(encoding="utf-8")
    assert json.loads(on_disk)["profiles"][0]["name"] == "Rancho"
    assert token not in on_disk
    assert api_key not in on_disk
    assert set(memory_keyring.entries.values()) == {token, api_key}
    close(qtbot, controller)

    # Next start: the saved profile and the keychain sign in without asking.
    again = make_window()
    second = controller_for(again, settings_path)
    with qtbot.waitSignal(again.window.load_finished, timeout=15_000) as loaded_again:
        second.start()
    assert loaded_again.args == [True]
    assert second._dialog is None
    assert again.window.account_button.text() == "María López"
    close(qtbot, second)


def test_a_profile_without_keychain_entries_asks_to_sign_in_again(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    settings_path = tmp_path / "settings.json"
    profile = Profile(name="Rancho", base_url=sim.base_url, auth0_id=DEMO_USER)
    SettingsStore(settings_path).save(UserSettings().with_profile(profile))
    kit = make_window()
    kit.window.show()
    controller = controller_for(kit, settings_path, profile="Rancho")
    controller.start()
    page = kit.window.state_page
    qtbot.waitUntil(lambda: page.title_label.text() == "Sign in again")
    assert "“Rancho”" in page.message_label.text()
    assert kit.monitor.state is ConnectionState.SIGNED_OUT
    close(qtbot, controller)


def test_an_unknown_profile_opens_the_dialog_to_create_it(
    qtbot: QtBot, make_window: Callable[[], WindowKit], memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    kit = make_window()
    kit.window.show()
    controller = controller_for(kit, tmp_path / "settings.json", profile="Lima")
    controller.start()
    qtbot.waitUntil(lambda: controller._dialog is not None and controller._dialog.isVisible())
    assert controller._dialog is not None
    assert controller._dialog.name_edit.text() == "Lima"
    assert "no profile called “Lima”" in controller._dialog.note_label.text()
    controller._dialog.reject()
    close(qtbot, controller)


def test_the_dialog_explains_what_is_wrong(qtbot: QtBot, memory_keyring: MemoryKeyring) -> None:
    saved: list[Profile] = []
    dialog = SignInDialog(lambda profile, secrets: saved.append(profile))
    qtbot.addWidget(dialog)
    dialog.base_url_edit.setText("http://api.example.com")
    dialog.auth0_edit.setText("user_1")
    dialog.token_edit.setText("not-a-token")
    dialog.api_key_edit.setText("nodot")
    dialog.try_accept()
    errors = dialog.error_label.text().splitlines()
    assert errors == [
        "The server address must use https:// (plain http is only allowed on this computer).",
        "The access token does not look like a JWT: it has three parts separated by dots.",
        "The API key does not look right: it has the form keyId.token.",
    ]
    assert saved == []
    assert dialog.result() == 0


def test_without_a_keychain_the_sign_in_is_kept_for_the_session_only_and_the_window_says_so(
    qtbot: QtBot, no_keyring: None, tmp_path: Path, make_window: Callable[[], WindowKit], sim: Any
) -> None:
    kit = make_window()
    controller = controller_for(kit, tmp_path / "settings.json")
    dialog = controller.open_sign_in()
    dialog.base_url_edit.setText(sim.base_url)
    dialog.iot_url_edit.clear()
    dialog.auth0_edit.setText(DEMO_USER)
    token = sim.token(DEMO_USER)
    dialog.token_edit.setText(token)
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000):
        dialog.try_accept()
    assert "no system keychain" in kit.window.statusBar().currentMessage()
    on_disk = (tmp_path / "settings.json").read_text(encoding="utf-8")
    assert token not in on_disk  # the profile is saved, its token only in memory
    close(qtbot, controller)


def test_the_account_menu_signs_out_keeping_the_outbox_and_switches_profile(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    settings_path, data_dir = tmp_path / "settings.json", tmp_path / "data"
    store = SettingsStore(settings_path)
    for name in ("Rancho", "Finca"):
        store.save(store.load().with_profile(Profile(name=name, base_url=sim.base_url, auth0_id=DEMO_USER)))
        SecretStore().save(name, Secrets(bearer_token=sim.token(DEMO_USER)))
    kit = make_window()
    kit.window.show()
    controller = SessionController(
        kit.window,
        kit.monitor,
        kit.tasks,
        settings=store,
        secrets=SecretStore(),
        requested_profile="Rancho",
        data_dir=data_dir,
    )
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000):
        controller.start()
    button = kit.window.account_button
    assert button.text() == "María López"
    assert "Rancho" in button.toolTip()
    assert menu_entries(button) == [
        f"Rancho · {DEMO_USER}",
        "Switch profile ▸ Finca",
        "Switch profile ▸ Rancho (current)",
        "Switch profile ▸ Another account…",
        "Switch user…",
        "Profiles…",
        "Sign out",
    ]

    # A change the server refuses waits in the outbox for the user's decision...
    office = controller.office
    assert office is not None
    run_async(qtbot, office.actions.record_units(DOCUMENTED_SESSION, "ZZ9999", "Nadie Nadie", 4))
    status = kit.window.status
    qtbot.waitUntil(lambda: status.sync_status is not None and status.sync_status.needs_attention == 1, timeout=10_000)

    # ...so signing out asks first, then ends the session and forgets this profile's token, not the change.
    question = controller.request_sign_out()
    assert question is not None
    assert question.text() == "Sign out with 1 change not yet on the server?"
    sign_out = next(b for b in question.buttons() if b.text() == "Sign out")
    sign_out.click()
    qtbot.waitUntil(lambda: kit.window.statusBar().currentMessage().startswith("Signed out."), timeout=10_000)
    assert kit.window.state_page.title_label.text() == "Not signed in"
    assert controller.office is None
    assert button.text() == "Sign in to Hydrobit"
    assert not kit.window.sign_out_action.isEnabled()
    assert not kit.window.refresh_action.isEnabled()
    assert SecretStore().load("Rancho") == Secrets()
    assert SecretStore().load("Finca").complete
    kept = run_async(qtbot, outbox_counts(user_database(data_dir, "Rancho", DEMO_USER)))
    assert kept.get(EntryState.FAILED) == 1

    # Signed out, the menu offers the saved profiles: picking one signs in with it.
    assert menu_entries(button) == ["Sign in to Hydrobit…", "Saved profiles", "Finca", "Rancho", "Profiles…"]
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000) as loaded:
        assert pick(button, "Finca")
    assert loaded.args == [True]
    assert kit.window.refresh_action.isEnabled()
    assert button.text() == "María López"
    assert "Finca" in button.toolTip()
    assert store.load().default_profile == "Finca"  # the next start signs in with it
    close(qtbot, controller)


def menu_entries(button: AccountButton) -> list[str]:
    """The account menu as the user reads it once opened: sub-menu entries as "Menu ▸ entry"."""
    button.rebuild_menu()
    entries: list[str] = []
    for action in button.account_menu.actions():
        inner = action.menu()
        for candidate, prefix in [(a, f"{action.text()} ▸ ") for a in inner.actions()] if inner else [(action, "")]:
            if candidate.text():
                current = " (current)" if candidate.isChecked() else ""
                entries.append(prefix + candidate.text() + current)
    return entries


def pick(button: AccountButton, text: str) -> bool:
    """Trigger the enabled menu entry (at the top level or in a sub-menu) with this text."""
    button.rebuild_menu()
    for action in button.account_menu.actions():
        inner = action.menu()
        for candidate in inner.actions() if inner else [action]:
            if candidate.text() == text and candidate.isEnabled():
                candidate.trigger()
                return True
    return False


async def outbox_counts(database: Path) -> dict[EntryState, int]:
    store = await Store.open(database)
    try:
        return await store.outbox_counts()
    finally:
        await store.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_main_and_the_advanced_fields_start_in_one_column(
    qtbot: QtBot, qapp: QApplication, memory_keyring: MemoryKeyring, language: str
) -> None:
    """Two forms, one above the other: each sized its labels to its own widest, and in Spanish the advanced fields
    started 56 px left of the ones above them."""
    installed = install_language(qapp, language)
    try:
        dialog = SignInDialog(lambda profile, secrets: None)
        qtbot.addWidget(dialog)
        dialog.advanced_toggle.setChecked(True)
        dialog.show()
        qtbot.waitExposed(dialog)

        def left(field: QWidget) -> int:
            return field.mapTo(dialog, QPoint(0, 0)).x()

        assert {left(field) for field in (dialog.name_edit, dialog.api_key_edit, dialog.token_edit)} == {
            left(dialog.name_edit)
        }
    finally:
        uninstall_language(qapp, installed)
