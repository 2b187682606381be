"""HydroDesk's version, read from its one source (hydrodesk/__init__.py) without importing the app.

    python packaging/version.py            # 0.1.0
    python packaging/version.py --windows  # 0.1.0.0 (the four numbers VIProductVersion and VSVersionInfo want)

pyproject.toml (hatch's version source), the About box, the PyInstaller bundle's metadata, the NSIS installer and
the macOS disk image all take it from the same line.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

INIT = Path(__file__).resolve().parent.parent / "hydrodesk" / "__init__.py"


def version() -> str:
    for node in ast.parse(INIT.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, str)
            return value
    raise LookupError(f"no __version__ in {INIT}")


def numeric_parts(text: str | None = None) -> tuple[int, int, int, int]:
    """The leading numbers of the version, padded to four: 1.2.3rc1 -> (1, 2, 3, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", re.split(r"[^\d.]", text or version())[0])][:4]
    return (*numbers, *([0] * (4 - len(numbers))))  # type: ignore[return-value]


def windows_version(text: str | None = None) -> str:
    return ".".join(str(part) for part in numeric_parts(text))


if __name__ == "__main__":
    print(windows_version() if "--windows" in sys.argv[1:] else version())
