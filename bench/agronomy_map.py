"""The sector map at farm scale: 200 sectors (irregular synthetic polygons) and 800 scouting points, drawn
offscreen by the real Map pane. Prints ONE JSON line.

1. `map_first_paint_ms`: from handing the pane a project of 200 sectors (projection, one path item and label per
   sector, fit) and its scouting records (verdicts per sector, a dot per point) to the first full picture of the
   map rendered into an image.
2. `map_render_ms` / `map_render_ms_p99`: a full repaint of the map (every sector, label, dot, the scale bar and
   the north arrow) into a 1366×768-class image, median and p99 of `--repaints` runs after a warm-up.
3. `map_recolour_ms`: switching the layer (scouting verdict -> one pest's incidence): every sector's verdict
   recomputed from the records and re-filled, every dot redrawn; median.

Target: map_render_ms_p99 <= 50 (a pan or zoom must not stall).

    python bench/agronomy_map.py [--sectors 200] [--repaints 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QMainWindow

PESTS = [("aphids", "Aphids (Pulgón)"), ("thrips", "Thrips (Trips)"), ("botrytis", "Botrytis (Moho gris)")]
POINTS_PER_SECTOR = 4
ORIGIN = (-71.55, -33.45)  # lon, lat: central Chile
SPACING_DEG = 0.003


def polygon(rng: random.Random, lon: float, lat: float, radius: float) -> dict[str, Any]:
    """An irregular 9-sided field around (lon, lat): real blocks are not squares."""
    ring = []
    for corner in range(9):
        angle = 2 * math.pi * corner / 9
        reach = radius * rng.uniform(0.7, 1.0)
        ring.append([round(lon + reach * math.cos(angle), 7), round(lat + reach * math.sin(angle), 7)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def synthetic_farm(sectors: int, seed: int = 7) -> tuple[Any, list[dict[str, Any]]]:
    from hydrodesk.api.models import Project

    rng = random.Random(seed)
    columns = math.ceil(math.sqrt(sectors * 2))
    items, records = [], []
    now = datetime.now(UTC)
    for index in range(sectors):
        lon = ORIGIN[0] + (index % columns) * SPACING_DEG
        lat = ORIGIN[1] - (index // columns) * SPACING_DEG
        sector_id = f"sector_{index:04d}"
        items.append(
            {
                "sectorId": sector_id,
                "sector_name": f"Cuartel {index + 1}",
                "area_ha": 4.0,
                "boundary": polygon(rng, lon, lat, SPACING_DEG * 0.45),
            }
        )
        for point in range(POINTS_PER_SECTOR):
            records.append(
                {
                    "record_id": f"rec_{index}_{point}",
                    "created_at": (now - timedelta(hours=rng.randint(1, 200))).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "user_name": "Rosa Hernández",
                    "project_id": "proj_bench",
                    "sector_id": sector_id,
                    "latitude": lat + rng.uniform(-0.3, 0.3) * SPACING_DEG,
                    "longitude": lon + rng.uniform(-0.3, 0.3) * SPACING_DEG,
                    "responses": [
                        {
                            "response_id": f"r_{index}_{point}_{key}",
                            "variable_name": key,
                            "name": label,
                            "value_number": rng.choice([0, 0, 0, 2, 7, 15]),
                            "severity": rng.randint(0, 3),
                        }
                        for key, label in PESTS
                    ],
                }
            )
    project = Project.model_validate(
        {
            "projectId": "proj_bench",
            "companyId": "comp_bench",
            "name": "Fundo de prueba",
            "timezone": "America/Santiago",
            "settings": {"samplingUnit": "bandeja", "pricePerUnit": 1.0},
            "sectors": items,
        }
    )
    return project, records


def build_pane() -> tuple[QMainWindow, Any]:
    from hydrodesk.ui.connection import ConnectionMonitor
    from hydrodesk.ui.panes.base import PaneContext
    from hydrodesk.ui.panes.map import MapPane
    from hydrodesk.ui.tasks import BackgroundTasks
    from hydrodesk.ui.theme import ThemeManager

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme = ThemeManager(app, "light").apply("light")
    context = PaneContext(
        monitor=ConnectionMonitor(), tasks=BackgroundTasks(), client=lambda: None, theme=lambda: theme
    )
    window = QMainWindow()
    pane = MapPane(context, window)
    window.setCentralWidget(pane)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    return window, pane


def render(pane: Any, image: QImage) -> None:
    painter = QPainter(image)
    pane.view.render(painter)
    painter.end()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def measure(sectors: int = 200, repaints: int = 60) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    # The pane starts its (never awaited here) loads on the thread's event loop, as the app's qasync loop would
    # take them. After another part's asyncio.run() the thread has none until one is set.
    asyncio.set_event_loop(asyncio.new_event_loop())
    from hydrodesk.ui.panes.base import Selection

    project, records = synthetic_farm(sectors)
    window, pane = build_pane()
    started = time.perf_counter()
    pane.set_selection(Selection(project))
    pane._apply(pane._generation, "scouting", {"records": records}, None, "")  # what a load from the cache does
    app.processEvents()  # the map page laid out at the window's size
    image = QImage(pane.view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    render(pane, image)
    first_paint_ms = (time.perf_counter() - started) * 1000

    for _ in range(5):  # warm-up: glyph caches, path caches
        render(pane, image)
    times = []
    for _ in range(repaints):
        started = time.perf_counter()
        render(pane, image)
        times.append((time.perf_counter() - started) * 1000)

    recolours = []
    for layer in ("pest", "scouting") * 5:
        started = time.perf_counter()
        pane.layer_combo.setCurrentIndex(pane.layer_combo.findData(layer))
        recolours.append((time.perf_counter() - started) * 1000)
    figures = {
        "map_sectors": len(pane._items),
        "map_dots": len(pane._dots),
        "map_first_paint_ms": round(first_paint_ms, 1),
        "map_render_ms": round(statistics.median(times), 2),
        "map_render_ms_p99": round(percentile(times, 0.99), 2),
        "map_recolour_ms": round(statistics.median(recolours), 2),
        "image": f"{image.width()}x{image.height()}",
    }
    window.close()
    app.processEvents()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sectors", type=int, default=200)
    parser.add_argument("--repaints", type=int, default=60)
    args = parser.parse_args()
    print(json.dumps(measure(args.sectors, args.repaints)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
