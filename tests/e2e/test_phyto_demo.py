"""`hydrodesk --demo --pane phyto` from the outside: the demo farm's scouting fetched, cached and on screen."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from hydrodesk.domain.phyto_verdicts import Verdict
from hydrodesk.ui.phyto.verdicts import fill

from .test_demo_app import distinct_colours, seeded_demo_farm, user_home  # noqa: F401 - a fixture used below


def pixels_of(image: QImage, colour: QColor) -> int:
    step = 4
    wanted = colour.rgb()
    return sum(
        1 for x in range(0, image.width(), step) for y in range(0, image.height(), step) if image.pixel(x, y) == wanted
    )


def test_the_demo_shows_scouting_with_a_sector_in_alert(
    user_home: dict[str, str],  # noqa: F811 - the fixture imported above
    sim_template: Path,
    tmp_path: Path,
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "scouting.png"
    done = subprocess.run(
        [
            sys.executable, "-m", "hydrodesk", "--demo", "--pane", "phyto", "--lang", "es", "--log-level", "INFO",
            "--screenshot", str(screenshot), "--quit-after", "60",
        ],
        env={**os.environ, **user_home, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "taking the screenshot now that the farm has loaded" in done.stderr
    image = QImage(str(screenshot))
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20
    alert = fill(Verdict.ALERT)
    assert alert is not None
    assert pixels_of(image, alert) > 100  # heatmap cells in Alert, drawn
    # The fetched scouting is in the office's cache for the next start without a network.
    caches = list((demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3"))
    assert len(caches) == 1
    with contextlib.closing(sqlite3.connect(caches[0])) as cache:
        assert cache.execute("SELECT COUNT(*) FROM phyto_records").fetchone()[0] > 0
        assert cache.execute("SELECT COUNT(*) FROM documents WHERE kind = 'phyto-fetched'").fetchone()[0] == 1
