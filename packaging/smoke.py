"""Smoke-test an installed or frozen HydroDesk: open the demo farm, take a screenshot, quit, check the picture.

    python packaging/smoke.py dist/HydroDesk/HydroDesk          # the PyInstaller bundle
    python packaging/smoke.py /path/to/venv/bin/hydrodesk        # a wheel installed into a venv

The app runs with a throwaway home (its settings, demo farm and cache land in a temporary folder), offscreen, and
must exit 0 having written a 1366x768 screenshot of a drawn window. It opens the Telemetry pane, the one that needs
the most (pyqtgraph, the simulator's MQTT broker, live data). Unless --no-log-check is given (a windowed Windows app
has no stderr), its log must also say that the demo farm loaded, with no error, so the screenshot shows real data.
Used by tests/packaging, packaging/build.py --smoke, .ci/run and the release workflow: one check everywhere.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

SIZE = (1366, 768)
LOADED = "taking the screenshot now that the farm has loaded"


class SmokeFailure(RuntimeError):
    pass


def throwaway_home(root: Path) -> dict[str, str]:
    """Environment variables that send every per-user folder (all platforms) under `root`."""
    env = {
        "HOME": root / "home",
        "USERPROFILE": root / "home",
        "APPDATA": root / "appdata",
        "LOCALAPPDATA": root / "localappdata",
        "XDG_DATA_HOME": root / "data",
        "XDG_CONFIG_HOME": root / "config",
        "XDG_CACHE_HOME": root / "cache",
        "XDG_STATE_HOME": root / "state",
    }
    for folder in env.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {name: str(folder) for name, folder in env.items()}


def distinct_colours(path: Path) -> tuple[tuple[int, int], int]:
    """The image's size and how many colours a sparse grid of its pixels has (a blank window has one or two)."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    if image.isNull():
        raise SmokeFailure(f"{path} is not an image")
    step = 8
    colours = {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    return (image.width(), image.height()), len(colours)


def installed_only(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment without PYTHONPATH: a developer's, naming a checkout, would run that checkout's hydrodesk in
    place of the one the wheel or the bundle installed."""
    return {name: value for name, value in environ.items() if name != "PYTHONPATH"}


def run_demo(
    command: list[str], screenshot: Path, *, quit_after: float, check_log: bool, timeout: float
) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="hydrodesk-smoke-") as home:
        program = Path(command[0])
        if program.exists():  # a relative path still names it from the temporary folder the app runs in
            command = [str(program.resolve()), *command[1:]]
        env = {**installed_only(os.environ), **throwaway_home(Path(home)), "QT_QPA_PLATFORM": "offscreen"}
        # Run the app from a neutral folder, so that a checkout's hydrodesk/ cannot stand in for the installed one.
        done = subprocess.run(
            [
                *command,
                "--demo",
                # Telemetry: the pane that needs the most (pyqtgraph, the simulator's MQTT broker, live data).
                "--pane",
                "telemetry",
                "--lang",
                "es",
                "--log-level",
                "INFO",
                "--screenshot",
                str(screenshot),
                "--quit-after",
                str(quit_after),
            ],
            cwd=home,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        raise SmokeFailure(f"exit code {done.returncode}\n{done.stderr[-4000:]}")
    if check_log and LOADED not in done.stderr:
        raise SmokeFailure(f"the demo farm did not load before --quit-after\n{done.stderr[-4000:]}")
    if "Traceback" in done.stderr or " ERROR " in done.stderr:
        raise SmokeFailure(f"the app logged an error\n{done.stderr[-4000:]}")
    if not screenshot.is_file():
        raise SmokeFailure(f"no screenshot at {screenshot}\n{done.stderr[-4000:]}")
    size, colours = distinct_colours(screenshot)
    if size != SIZE:
        raise SmokeFailure(f"the screenshot is {size[0]}x{size[1]}, not {SIZE[0]}x{SIZE[1]}")
    if colours <= 20:
        raise SmokeFailure(f"the screenshot has {colours} colours: a blank window, not a drawn one")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="+", help="the HydroDesk executable (and any leading arguments)")
    parser.add_argument("--screenshot", type=Path, help="where to keep the screenshot (default: a temporary file)")
    parser.add_argument("--quit-after", type=float, default=25.0, help="seconds the app runs (default 25)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--no-log-check", action="store_true", help="do not read the app's log (Windows GUI)")
    options = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hydrodesk-shot-") as scratch:
        screenshot = options.screenshot or Path(scratch) / "smoke.png"
        try:
            run_demo(
                options.command,
                screenshot.resolve(),
                quit_after=options.quit_after,
                check_log=not options.no_log_check,
                timeout=options.timeout,
            )
        except (SmokeFailure, subprocess.TimeoutExpired, OSError) as failure:
            print(f"smoke test FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"smoke test passed: {' '.join(options.command)} drew the demo farm ({time.monotonic() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
