"""Start-up spares PySide's per-import source scan (hydrodesk/ui/feature_scan.py), and Qt keeps its plain names."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from hydrodesk.ui.feature_scan import skip_pyside_feature_scan


def test_a_module_imported_after_the_skip_is_not_read_and_keeps_qt_plain_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = sys.modules.get("shibokensupport.feature")
    assert feature is not None, "PySide6 moved its feature module: revisit hydrodesk/ui/feature_scan.py"
    # Restored after the test: monkeypatch remembers PySide's own scan before the skip replaces it.
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)
    read: list[str] = []
    real_getsource = inspect.getsource

    def counting_getsource(obj: object) -> str:
        read.append(getattr(obj, "__name__", repr(obj)))
        return real_getsource(obj)  # type: ignore[arg-type]

    monkeypatch.setattr(inspect, "getsource", counting_getsource)
    (tmp_path / "scan_probe_before.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    (tmp_path / "scan_probe_after.py").write_text(
        "from PySide6.QtCore import QObject\n\n"
        "probe = QObject()\nprobe.setObjectName('plain')\nname = probe.objectName()\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("scan_probe_before", "scan_probe_after"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        monkeypatch.delitem(feature.pyside_feature_dict, name, raising=False)

    __import__("scan_probe_before")  # the import statement's way in, which PySide wraps
    assert "scan_probe_before" in read  # PySide's own scan reads the source: what the skip saves

    assert skip_pyside_feature_scan() is True
    after = __import__("scan_probe_after")

    assert "scan_probe_after" not in read
    assert feature.pyside_feature_dict["scan_probe_after"] == 0  # "uses PySide, no feature": plain names
    assert after.name == "plain"  # camelCase methods, as everywhere in HydroDesk
