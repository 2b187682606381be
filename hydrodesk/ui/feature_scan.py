"""Spare every import after Qt's the source scan PySide6 runs for its `__feature__` switches.

PySide6 wraps `__import__` to support `from __feature__ import snake_case, true_property`. After each new module
is imported, the wrapper records whether the module "uses PySide", and finds out by reading the module's whole
source file (`inspect.getsource`) and looking for the word "PySide6". Start-up imports about 130 modules after Qt
before the window is painted, and the rest of the app some 400 more on sign-in, each paying for a file read and a
line split (measured side by side: 2 % of the time to the first painted window on a quiet machine, 12 % on a
loaded one, where the reads wait for the disk; napari#8584 describes the same).

HydroDesk never opts into a feature, so what the scan decides makes no difference to it: every module gets Qt's
plain names either way. Saying "uses PySide, no feature" for every module without reading it is what PySide itself
records for a module that mentions PySide6, and it keeps the plain names even if a library someday opted in.
Private PySide API, so it is looked up carefully and left alone when a PySide release changes it
(tests/ui/test_feature_scan.py notices).
"""

from __future__ import annotations

import sys
from types import ModuleType


def _uses_pyside(_module: ModuleType) -> bool:
    return True


def skip_pyside_feature_scan() -> bool:
    """Import Qt and replace its per-import source scan; True if PySide's hook was found and replaced."""
    import PySide6.QtCore  # noqa: F401  (installs the import wrapper and the module whose scan is replaced)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]  # private PySide API (docstring)
    return True
