"""The PyInstaller spec is valid Python, names only files that exist, and gives the macOS bundle its Info.plist."""

from __future__ import annotations

import ast
import re

from .support import PACKAGING, ROOT

SPEC = PACKAGING / "hydrodesk.spec"


def test_the_spec_names_existing_files_and_fills_in_the_info_plist() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    # Every `ROOT / "a" / "b"` path the spec bundles is there (globs: their folder is).
    named = [
        ROOT.joinpath(*re.findall(r'"([^"]+)"', match.group(1)))
        for match in re.finditer(r'ROOT((?: / "[^"]+")+)', SPEC.read_text(encoding="utf-8"))
    ]
    assert len(named) >= 8  # main.py, resources, migrations
    for path in named:
        assert (path.parent if "*" in path.name else path).exists(), path
    for icon in ("hydrodesk.ico", "hydrodesk.icns"):
        assert (PACKAGING / "icons" / icon).is_file()
    (plist,) = [
        keyword.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "BUNDLE"
        for keyword in node.keywords
        if keyword.arg == "info_plist"
    ]
    assert isinstance(plist, ast.Dict)
    keys = {ast.literal_eval(key) for key in plist.keys if key is not None}
    assert {"CFBundleShortVersionString", "NSHighResolutionCapable", "LSMinimumSystemVersion"} <= keys
