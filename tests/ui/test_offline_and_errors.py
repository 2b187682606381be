"""When the server is gone or refuses us, the window says so in plain words and says what to do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from hydrodesk.ui.connection import ConnectionState

from .conftest import DEMO_USER, WindowKit


def load(qtbot: QtBot, kit: WindowKit) -> bool:
    with qtbot.waitSignal(kit.window.load_finished, timeout=15_000) as finished:
        kit.window.request_reload()
    return bool(finished.args[0])


def test_a_stopped_simulator_shows_the_offline_state(
    qtbot: QtBot, make_window: Callable[[], WindowKit], fresh_sim: Any
) -> None:
    token = fresh_sim.token(DEMO_USER)
    base_url = fresh_sim.base_url
    fresh_sim.stop()
    kit = make_window()
    kit.window.show()
    kit.attach(base_url, token)

    assert load(qtbot, kit) is False
    page = kit.window.state_page
    assert not kit.window.showing_data
    assert page.title_label.text() == "Cannot reach the Hydrobit server"
    assert page.message_label.text() == (
        f"Cannot reach the Hydrobit server at {base_url}. Check the connection and press F5 to retry."
    )
    assert kit.monitor.state is ConnectionState.OFFLINE
    assert kit.window.status.connection_label.text().endswith("Offline")
    assert kit.window.navigator.model.rowCount() == 0


def test_losing_the_server_keeps_the_farm_on_screen_and_says_it_is_offline(
    qtbot: QtBot, make_window: Callable[[], WindowKit], fresh_sim: Any
) -> None:
    kit = make_window()
    kit.window.show()
    kit.attach(fresh_sim.base_url, fresh_sim.token(DEMO_USER))
    assert load(qtbot, kit) is True
    assert kit.monitor.state is ConnectionState.ONLINE

    fresh_sim.stop()
    assert load(qtbot, kit) is False
    assert kit.window.showing_data  # what was loaded stays visible...
    assert kit.window.navigator.model.find("proj_123").isValid()
    assert kit.window.banner.isVisible()  # ...marked as possibly out of date
    assert "Cannot reach the Hydrobit server at" in kit.window.banner.text()
    assert "press F5 to retry" in kit.window.banner.text()
    assert kit.monitor.state is ConnectionState.OFFLINE


def test_a_rejected_token_asks_to_sign_in_again(qtbot: QtBot, make_window: Callable[[], WindowKit], sim: Any) -> None:
    kit = make_window()
    kit.window.show()
    kit.attach(sim.base_url, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.bm90LXNpZ25lZC1ieS10aGUtc2VydmVy")
    assert load(qtbot, kit) is False
    page = kit.window.state_page
    assert page.title_label.text() == "Your sign-in has expired"
    assert page.message_label.text().startswith("Your session has expired. Sign in again.")
    assert kit.monitor.state is ConnectionState.SIGNED_OUT
    assert kit.window.status.connection_label.text().endswith("Signed out")


def test_a_signed_out_window_offers_to_sign_in(qtbot: QtBot, make_window: Callable[[], WindowKit]) -> None:
    kit = make_window()
    kit.window.show()
    page = kit.window.state_page
    assert page.title_label.text() == "Not signed in"
    assert "demo farm" in page.message_label.text()
    assert page.action_button.isVisible()
    with qtbot.waitSignal(kit.window.sign_in_requested):
        page.action_button.click()
    with qtbot.waitSignal(kit.window.demo_requested):
        page.second_action_button.click()
    assert not kit.window.export_action.isEnabled()  # nothing to export yet
    assert not kit.window.refresh_action.isEnabled()  # nor to reload (F5 did nothing, from a live-looking button)
