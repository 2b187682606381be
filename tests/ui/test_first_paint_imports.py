"""The window paints before HydroDesk imports what its first paint does not need (hydrodesk/app.py): the database,
the network, the charts and the tables come after, so a farm office sees the window sooner (bench/startup.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

LATER = ("sqlalchemy", "alembic", "httpx", "pydantic", "numpy", "pyqtgraph", "paho", "keyring", "qasync", "asyncio")
LATER_OURS = ("hydrodesk.store", "hydrodesk.api", "hydrodesk.sync.office", "hydrodesk.ui.widgets.data_table")


def test_the_first_paint_imports_no_database_network_chart_or_table(tmp_path: Path) -> None:
    env = dict(os.environ, HYDRODESK_FIRST_PAINT_PROBE="1", QT_QPA_PLATFORM="offscreen")
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)  # signed out, nothing remembered: a first start
    done = subprocess.run(
        [sys.executable, "-m", "hydrodesk", "--lang", "en"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))
    modules = set(report["modules"])
    assert "hydrodesk.ui.main_window" in modules  # the probe saw the real window
    packages = {name.partition(".")[0] for name in modules}
    assert sorted(packages.intersection(LATER)) == []
    assert sorted(name for name in modules if name.startswith(LATER_OURS)) == []
