"""Refresh the translation files after changing user-visible strings in hydrodesk/ui.

    python resources/translations/refresh.py

1. pyside6-lupdate collects every tr() / translate() / QT_TRANSLATE_NOOP string of hydrodesk/ui into
   hydrodesk_<lang>.ts, keeping the translations already there and marking new strings "unfinished";
2. translate the unfinished ones: in Qt Linguist (`pyside6-linguist resources/translations/hydrodesk_es.ts`), or
   list them with `refresh.py --unfinished es` and apply a JSON object {source: translation} with
   `refresh.py --apply es FILE.json` (every context holding that source text gets the translation);
3. run this script again: pyside6-lrelease compiles each .ts into the .qm the app loads.

tests/ui/test_translations.py fails while any string lacks a translation, so a forgotten step shows up in CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
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


def unfinished(language: str) -> list[str]:
    tree = ET.parse(HERE / f"hydrodesk_{language}.ts")
    found: list[str] = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is not None and translation.get("type") == "unfinished" and source not in found:
            found.append(source)
    return found


def apply(language: str, mapping: dict[str, str]) -> int:
    """Fill unfinished translations from `mapping`; returns how many messages were filled."""
    ts_file = HERE / f"hydrodesk_{language}.ts"
    tree = ET.parse(ts_file)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is not None and translation.get("type") == "unfinished" and source in mapping:
            translation.text = mapping[source]
            del translation.attrib["type"]
            filled += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> int:
    if sys.argv[1:2] == ["--unfinished"]:
        print(json.dumps({source: "" for source in unfinished(sys.argv[2])}, ensure_ascii=False, indent=1))
        return 0
    if sys.argv[1:2] == ["--apply"]:
        mapping = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
        print(f"filled {apply(sys.argv[2], mapping)} message(s)")
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
        # Compiled aside and renamed into place: a HydroDesk running from this tree has the old .qm mapped into
        # memory, and lrelease writing into that same file made it crash the next time it translated. The rename
        # leaves it the old file until it restarts.
        qm_file = ts_file.with_suffix(".qm")
        partial = qm_file.with_suffix(".qm.partial")
        try:
            subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(partial)], check=True)
            os.replace(partial, qm_file)
        finally:
            partial.unlink(missing_ok=True)  # what a failed lrelease left
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
