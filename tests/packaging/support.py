"""Load the scripts in packaging/ (a folder of scripts, not a package: `packaging` is PyPA's name) by their path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def packaging_script(name: str) -> ModuleType:
    # packaging/ on sys.path too, as when the scripts run: they import each other (build.py -> version.py).
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    spec = importlib.util.spec_from_file_location(f"hydrodesk_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
