"""Refresh the translation files after changing user-visible strings in hydrodesk/ui.

    python resources/translations/refresh.py

1. pyside6-lupdate collects every tr() / translate() / QT_TRANSLATE_NOOP string of hydrodesk/ui into
   hydrodesk_<lang>.ts, keeping the translations already there and marking new strings "unfinished";
2. translate the unfinished ones (Qt Linguist: `pyside6-linguist resources/translations/hydrodesk_es.ts`);
3. run this script again: pyside6-lrelease compiles each .ts into the .qm the app loads.

tests/ui/test_translations.py fails while any string lacks a translation, so a forgotten step shows up in CI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LANGUAGES = ("es",)


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv's bin/ or Scripts/)."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def ui_sources() -> list[str]:
    return sorted(str(path.relative_to(REPO)) for path in (REPO / "hydrodesk" / "ui").rglob("*.py"))


def main() -> int:
    for language in LANGUAGES:
        ts_file = HERE / f"hydrodesk_{language}.ts"
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *ui_sources(),
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                language,
                "-ts",
                str(ts_file),
            ],
            cwd=REPO,
            check=True,
        )
        subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
