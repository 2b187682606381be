"""The command line kept stable for docs and smoke tests: what it accepts and how it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from hydrodesk.app import parse_options
from hydrodesk.ui.panes import pane_names


def test_every_stable_option_is_understood(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    options, _ = parse_options(
        [
            "--demo",
            "--pane",
            "overview",
            "--lang",
            "es",
            "--theme",
            "dark",
            "--screenshot",
            str(shot),
            "--quit-after",
            "2.5",
        ]
    )
    assert options.demo
    assert options.pane == "overview"
    assert options.language == "es"
    assert options.theme == "dark"
    assert options.screenshot == shot
    assert options.quit_after == 2.5
    assert options.profile is None


def test_defaults_leave_the_language_to_the_system_and_the_theme_to_last_time() -> None:
    options, _ = parse_options(["--profile", "Rancho"])
    assert options.profile == "Rancho"
    assert options.language == ""
    assert options.theme is None
    assert not options.demo


def test_a_pane_that_does_not_exist_is_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_options(["--pane", "no-such-pane"])
    assert exited.value.code == 2
    names = ", ".join(pane_names())
    assert names.startswith("overview")
    assert f"there is no pane called 'no-such-pane'; the panes are: {names}" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["--demo", "--profile", "Rancho"],
        ["--quit-after", "0"],
        ["--quit-after", "soon"],
        ["--lang", "fr"],
        ["--theme", "blue"],
    ],
)
def test_nonsense_is_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_options(argv)
    assert exited.value.code == 2
    assert "usage: hydrodesk" in capsys.readouterr().err
