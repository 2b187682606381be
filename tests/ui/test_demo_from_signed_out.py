"""An office trying HydroDesk out has installed it and double-clicked the icon: no command line to type --demo on.
The signed-out page offers the demo farm beside "Sign in…", and one click opens it (its own simulator, started
then)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hydrodesk.demo import DemoFarm

from .conftest import WindowKit, run_async
from .live_support import session_controller


def test_the_signed_out_page_opens_the_demo_farm_in_one_click(
    qtbot: QtBot, make_window: Callable[[], WindowKit], sim_template: Path, tmp_path: Path
) -> None:
    farm = tmp_path / "demo-farm"
    shutil.copytree(sim_template, farm)
    made: list[DemoFarm] = []

    def make_demo() -> DemoFarm:
        made.append(DemoFarm(farm))
        return made[-1]

    kit = make_window()
    kit.window.show()
    controller = session_controller(kit, tmp_path, demo_factory=make_demo)
    page = kit.window.state_page
    try:
        assert page.title_label.text() == "Not signed in"
        assert "--demo" not in page.message_label.text()  # nothing to type: a button
        assert page.action_button.text() == "Sign in…"
        assert page.second_action_button.isVisible()
        assert page.second_action_button.text() == "Explore the demo farm"
        assert made == []  # nothing of the demo is started before it is asked for

        with qtbot.waitSignal(kit.window.load_finished, timeout=60_000) as loaded:
            qtbot.mouseClick(page.second_action_button, Qt.MouseButton.LeftButton)
        assert loaded.args == [True]
        assert len(made) == 1
        assert made[0].running is not None
        assert kit.window.showing_data
        assert kit.window.account_button.text() == "María López"  # the demo user
        # From now on the account menu can come back to it, as in a --demo run.
        assert [choice.label for choice in controller.profile_choices()] == ["Demo farm"]
    finally:
        run_async(qtbot, controller.aclose(), timeout_ms=30_000)
    assert made[0].running is None  # stopped with the session, as --demo's is at quit


def test_without_a_demo_to_offer_the_button_does_nothing_rather_than_fail(
    qtbot: QtBot, make_window: Callable[[], WindowKit], tmp_path: Path
) -> None:
    """Tests and embedders build a controller without a demo factory: the click must not raise."""
    kit = make_window()
    kit.window.show()
    controller = session_controller(kit, tmp_path)
    with qtbot.assertNotEmitted(kit.window.load_finished, wait=100):
        qtbot.mouseClick(kit.window.state_page.second_action_button, Qt.MouseButton.LeftButton)
    assert controller.profile_choices() == []
    assert kit.window.state_page.title_label.text() == "Not signed in"
