"""`hydrodesk --demo --pane weather` from the outside: the demo farm's weather and soil series for the week are
fetched, drawn and kept in the office's cache, and the screenshot is taken once they are on screen."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from .test_demo_app import distinct_colours, processes_mentioning, run_demo, seeded_demo_farm, user_home

__all__ = ["user_home"]  # the fixture, used by name

LIGHT_SERIES_COLOURS = ("#1f77b4", "#d62728", "#2ca02c")  # the first series of each plot (live_chart's palette)


def pixels_of(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb() & 0xFFFFFF
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixel(x, y) & 0xFFFFFF == wanted
    )


def test_the_demo_weather_pane_shows_the_weeks_readings(
    user_home: dict[str, str], sim_template: Path, tmp_path: Path
) -> None:
    demo_farm = seeded_demo_farm(user_home, sim_template)
    screenshot = tmp_path / "weather.png"
    done = run_demo(
        user_home,
        *("--lang", "es", "--pane", "weather", "--screenshot", str(screenshot)),
        # The farm loads in about 6 s on a quiet machine, the week of readings in 3 more: a limit, not a wait.
        *("--quit-after", "60"),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "taking the screenshot now that the farm has loaded" in done.stderr
    image = QImage(str(screenshot))
    assert (image.width(), image.height()) == (1366, 768)
    assert distinct_colours(image) > 20
    # Curves drawn in each plot's first colour: charts with data, not an empty or error page.
    assert all(pixels_of(image, colour) > 100 for colour in LIGHT_SERIES_COLOURS)
    assert processes_mentioning(str(demo_farm)) == []
    (cache_file,) = (demo_farm.parent / "profiles").glob("demo-farm-*.sqlite3")
    with contextlib.closing(sqlite3.connect(cache_file)) as cache:
        weather = cache.execute("SELECT COUNT(*) FROM weather_points WHERE resolution = 'raw'").fetchone()[0]
        plant = cache.execute("SELECT COUNT(*) FROM plant_points WHERE resolution = 'raw'").fetchone()[0]
        covered = cache.execute("SELECT COUNT(*) FROM documents WHERE kind = 'weather_coverage'").fetchone()[0]
    assert weather > 5 * 96
    assert plant > 5 * 96
    assert covered == 1
