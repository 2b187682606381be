"""The Windows installer script compiles (Debian's makensis) with every warning an error, carrying its payload."""

from __future__ import annotations

from pathlib import Path

import hydrodesk

from .support import packaging_script


def test_the_nsis_script_compiles_with_a_stand_in_payload(tmp_path: Path) -> None:
    # A stand-in for the PyInstaller folder: the script only needs its shape (the exe and _internal/).
    payload = tmp_path / "HydroDesk"
    (payload / "_internal").mkdir(parents=True)
    (payload / "HydroDesk.exe").write_bytes(b"stand-in")
    (payload / "_internal" / "marker.txt").write_text("payload marker", encoding="utf-8")
    build = packaging_script("build")

    installer = build.compile_installer(
        payload, "HydroDesk.exe", tmp_path / "HydroDesk-installer.exe", compressor="zlib"
    )

    data = installer.read_bytes()
    assert data[:2] == b"MZ"  # a Windows executable
    # The version resource carries the one version, in both installer languages' string tables.
    utf16 = hydrodesk.__version__.encode("utf-16-le")
    assert data.count("ProductVersion".encode("utf-16-le")) >= 2
    assert utf16 in data
