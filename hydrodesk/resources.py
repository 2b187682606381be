"""Where HydroDesk's resources (themes, icons, translations, the OpenAPI document) are, however it was installed.

The folder is `resources/` at the top of the repository. The wheel and the PyInstaller bundle carry it inside the
package as `hydrodesk/_resources` (pyproject's force-include; packaging/hydrodesk.spec), and PyInstaller gives
frozen modules a `__file__` inside the bundle, so one rule serves all three: `_resources` beside this module when it
is there (a wheel, a frozen app), else `resources/` beside the package (a checkout, an editable install).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED = PACKAGE_DIR / "_resources"
CHECKOUT = PACKAGE_DIR.parent / "resources"


@cache
def resources_dir() -> Path:
    return BUNDLED if BUNDLED.is_dir() else CHECKOUT


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
