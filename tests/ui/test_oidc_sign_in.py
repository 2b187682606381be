"""Signing in through the company's sign-in service (the simulator's OIDC issuer), as a person does it: the code in
the dialog, approved on the verification page while HydroDesk polls; the token renewed unnoticed; sign out and
switch user, each user with an outbox of their own."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from hydrodesk.domain.outbox import EntryState
from hydrodesk.settings import Profile, Secrets, SecretStore
from hydrodesk.store.paths import user_database
from hydrodesk.sync.status import ConnectionState as SyncState
from hydrodesk.ui.connection import ConnectionState
from hydrodesk.ui.session import SessionController
from hydrodesk.ui.sign_in import SignInDialog
from tests.conftest import DEMO_USER, OTHER_USER, Simulator
from tests.keyring_support import MemoryKeyring
from tests.oidc_support import approve, oidc_sim, play_browser

from .conftest import WindowKit, run_async
from .live_support import session_controller
from .office_kit import DOCUMENTED_SESSION
from .test_sign_in import outbox_counts, pick

__all__ = ["oidc_sim"]


def _controller(kit: WindowKit, tmp_path: Path) -> SessionController:
    return session_controller(kit, tmp_path)


def _fill_account(dialog: SignInDialog, sim: Simulator) -> None:
    dialog.name_edit.setText("Finca")
    dialog.base_url_edit.setText(sim.base_url)
    dialog.iot_url_edit.clear()
    dialog.issuer_edit.setText(sim.base_url)


def _sign_in_with_code(qtbot: QtBot, kit: WindowKit, dialog: SignInDialog, sim: Simulator, user: str) -> None:
    opened: list[str] = []
    dialog.oidc_panel.open_url = opened.append
    assert dialog.code_button.isEnabled()
    dialog.code_button.click()
    panel = dialog.oidc_panel
    qtbot.waitUntil(lambda: panel.code_label.text() != "", timeout=10_000)
    code = panel.code_label.text()
    assert panel.isVisible()
    assert panel.progress.isVisible()
    assert panel.url_label.text() == f"{sim.base_url}/activate"
    panel.open_button.click()
    assert opened == [f"{sim.base_url}/activate?user_code={code}"]
    # The person approves on the verification page while the dialog polls.
    with qtbot.waitSignal(kit.window.load_finished, timeout=20_000) as loaded:
        approve(sim, code, user)
    assert loaded.args == [True]


# Once the sign-in has ended, a sync round meeting the expired token asks again: the open dialog is raised, which
# the offscreen platform reports as unsupported.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_device_flow_signs_in_keeps_the_token_fresh_and_stores_nothing_in_files(
    qtbot: QtBot,
    make_window: Callable[[], WindowKit],
    oidc_sim: Simulator,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    kit = make_window()
    kit.window.show()
    controller = _controller(kit, tmp_path)
    dialog = controller.open_sign_in()
    _fill_account(dialog, oidc_sim)
    _sign_in_with_code(qtbot, kit, dialog, oidc_sim, DEMO_USER)
    assert kit.window.account_button.text() == "María López"
    assert kit.monitor.state is ConnectionState.ONLINE

    settings = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    profile = settings["profiles"][0]
    assert profile["oidc_issuer"] == oidc_sim.base_url
    assert profile["auth0_id"] == DEMO_USER
    stored = SecretStore().load("Finca")
    assert stored.refresh_token
    assert stored.bearer_token
    assert stored.refresh_token not in json.dumps(settings)

    # The access token lives 4 s: it is renewed before it expires, and sync carries on without a word to the user.
    client = controller.client
    assert client is not None
    first = client.credentials.bearer_token
    qtbot.waitUntil(lambda: client.credentials.bearer_token != first, timeout=8_000)
    qtbot.waitUntil(lambda: SecretStore().load("Finca").refresh_token != stored.refresh_token, timeout=5_000)
    assert controller._dialog is None
    assert run_async(qtbot, client.list_projects())

    # Signed out elsewhere (the refresh token revoked): the next renewal is refused, and HydroDesk asks the user to
    # sign in again, with the office and its outbox still open.
    office = controller.office
    assert office is not None
    kept = SecretStore().load("Finca")
    assert kept.refresh_token
    httpx.post(
        f"{oidc_sim.base_url}/oauth/revoke", data={"token": kept.refresh_token, "client_id": "hydrodesk"}, timeout=10
    )
    qtbot.waitUntil(lambda: controller._dialog is not None and controller._dialog.isVisible(), timeout=8_000)
    assert controller._dialog is not None
    assert controller._dialog.note_label.text().startswith("Your sign-in has ended.")
    assert controller.office is office

    # Signing in again carries on with the same office, and the new sign-in renews itself too.
    _sign_in_with_code(qtbot, kit, controller._dialog, oidc_sim, DEMO_USER)
    assert controller.office is office
    kept_again = controller._kept
    assert kept_again is not None
    assert kept_again.keeper.running
    renewed = client.credentials.bearer_token
    qtbot.waitUntil(lambda: client.credentials.bearer_token != renewed, timeout=8_000)
    run_async(qtbot, controller.aclose())


def test_cancel_stops_waiting_and_a_denied_code_says_so(
    qtbot: QtBot,
    make_window: Callable[[], WindowKit],
    oidc_sim: Simulator,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    kit = make_window()
    controller = _controller(kit, tmp_path)
    dialog = controller.open_sign_in()
    _fill_account(dialog, oidc_sim)
    dialog.code_button.click()
    panel = dialog.oidc_panel
    qtbot.waitUntil(lambda: panel.code_label.text() != "", timeout=10_000)
    panel.cancel_button.click()
    assert dialog.pages.currentIndex() == 0
    assert not panel.busy

    dialog.code_button.click()
    qtbot.waitUntil(lambda: panel.code_label.text() not in ("",), timeout=10_000)
    code = panel.code_label.text()
    httpx.post(
        f"{oidc_sim.base_url}/activate", data={"user_code": code, "user": DEMO_USER, "decision": "deny"}, timeout=10
    )
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert dialog.error_label.text() == "The sign-in was declined. Start again if that was a mistake."
    assert dialog.pages.currentIndex() == 0
    assert not (tmp_path / "settings.json").exists()
    dialog.reject()
    run_async(qtbot, controller.aclose())


def test_switch_user_keeps_each_users_pending_changes_apart(
    qtbot: QtBot,
    make_window: Callable[[], WindowKit],
    oidc_sim: Simulator,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    kit = make_window()
    kit.window.show()
    controller = _controller(kit, tmp_path)
    dialog = controller.open_sign_in()
    _fill_account(dialog, oidc_sim)
    _sign_in_with_code(qtbot, kit, dialog, oidc_sim, DEMO_USER)

    # María records a delivery while the office cannot send (sync stopped): it waits in her outbox.
    office = controller.office
    assert office is not None
    run_async(qtbot, office.engine.stop())
    item = run_async(
        qtbot, office.actions.record_units(DOCUMENTED_SESSION, "JS0315", "John Smith", 2, recorded_at=datetime.now(UTC))
    )

    marias_refresh = SecretStore().load("Finca").refresh_token
    assert marias_refresh

    # Carlos signs in on the same profile through "Switch user…".
    button = kit.window.account_button
    assert pick(button, "Switch user…")
    qtbot.waitUntil(lambda: controller._dialog is not None and controller._dialog.isVisible())
    qtbot.waitUntil(lambda: controller.office is None, timeout=10_000)
    switch = controller._dialog
    assert switch is not None
    assert "María López" in switch.note_label.text()
    _sign_in_with_code(qtbot, kit, switch, oidc_sim, OTHER_USER)
    assert button.text() == "Carlos Ramírez"
    # Signing María out told the issuer: her refresh token (and any renewed since) is no longer accepted.
    refused = httpx.post(
        f"{oidc_sim.base_url}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": marias_refresh, "client_id": "hydrodesk"},
        timeout=10,
    )
    assert refused.json()["error"] == "invalid_grant"
    status = kit.window.status
    qtbot.waitUntil(
        lambda: status.sync_status is not None and status.sync_status.state is SyncState.ONLINE, timeout=10_000
    )
    assert status.sync_status is not None
    assert status.sync_status.pending == 0  # he sees none of María's changes
    carlos_office = controller.office
    assert carlos_office is not None
    assert not any(run_async(qtbot, carlos_office.store.outbox_counts()).values())
    client = controller.client
    assert client is not None
    sent = run_async(qtbot, client.list_session_records(DOCUMENTED_SESSION))
    assert item.idem_key not in {record.client_event_id for record in sent}  # nor sends them

    # María signs back in: her change is there, and now it is sent.
    assert pick(button, "Switch user…")
    qtbot.waitUntil(lambda: controller._dialog is not None and controller._dialog.isVisible())
    qtbot.waitUntil(lambda: controller.office is None, timeout=10_000)
    again = controller._dialog
    assert again is not None
    counts = run_async(qtbot, outbox_counts(user_database(tmp_path / "data", "Finca", DEMO_USER)))
    assert counts.get(EntryState.QUEUED) == 1
    _sign_in_with_code(qtbot, kit, again, oidc_sim, DEMO_USER)
    client = controller.client
    assert client is not None

    def sent_now() -> bool:
        records = run_async(qtbot, client.list_session_records(DOCUMENTED_SESSION))
        return item.idem_key in {record.client_event_id for record in records}

    qtbot.waitUntil(sent_now, timeout=15_000)
    run_async(qtbot, controller.aclose())


def test_signing_in_with_this_computers_browser(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, oidc_sim: Simulator, memory_keyring: MemoryKeyring
) -> None:
    saved: list[tuple[Profile, Secrets]] = []
    dialog = SignInDialog(lambda profile, secrets: saved.append((profile, secrets)))
    qtbot.addWidget(dialog)
    _fill_account(dialog, oidc_sim)
    browsed: list[asyncio.Task[httpx.Response]] = []
    dialog.oidc_panel.open_url = lambda url: browsed.append(asyncio.ensure_future(play_browser(url, OTHER_USER)))
    dialog.code_button.click()
    qtbot.waitUntil(lambda: dialog.oidc_panel.code_label.text() != "", timeout=10_000)
    dialog.browser_button.click()  # changed their mind: this computer's browser instead of the code
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    profile, secrets = saved[0]
    assert profile.auth0_id == OTHER_USER
    assert secrets.refresh_token
    assert browsed[0].result().status_code == 200
