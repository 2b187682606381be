"""The agronomist's panes under load: weather charts zoomed, the scouting heatmap from 100,000 records, the map.

Runs the three parts one after the other in this process (each part measures its own baseline side by side, as
its docstring says) and prints ONE JSON line with every figure:

- `bench/agronomy_weather.py`: a year of 5-minute readings for 8 series, zoomed in and out
  (`weather_points`, `weather_zoom_ms_p99`; target p99 <= 50 ms per repaint);
- `bench/agronomy_phyto.py`: 100,000 phytosanitary records summarised into the heatmap from the office's cache vs
  the same aggregation in raw sqlite3 (`phyto_records`, `heatmap_ms`, `sqlite_phyto_ms`, `ratio_vs_sqlite`;
  target ratio <= 1.5);
- `bench/agronomy_map.py`: 200 sectors drawn (`map_sectors`, `map_render_ms`).

    python bench/agronomy.py
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = ("agronomy_weather", "agronomy_phyto", "agronomy_map")


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    figures: dict[str, Any] = {}
    for name in PARTS:
        figures.update(load(name).measure())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
