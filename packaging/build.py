"""Build HydroDesk's one-folder app with PyInstaller, and optionally smoke-test it and compile its installer.

    .venv/bin/pip install -e '.[packaging]' && .venv/bin/python packaging/build.py [--smoke] [--nsis]

Produces dist/HydroDesk/ (HydroDesk.exe on Windows, HydroDesk on Linux, and dist/HydroDesk.app on macOS).
--smoke  runs the frozen app on the demo farm and checks its screenshot (packaging/smoke.py).
--nsis   compiles packaging/windows/hydrodesk.nsi with makensis into dist/HydroDesk-VERSION-setup.exe; on Linux
         (Debian's `nsis` package) the Linux bundle stands in for the Windows one, so a broken script fails here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from version import version, windows_version  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "HydroDesk"


def executable() -> Path:
    return APP_DIR / ("HydroDesk.exe" if sys.platform == "win32" else "HydroDesk")


def folder_size(folder: Path) -> int:
    return sum(entry.stat().st_size for entry in folder.rglob("*") if entry.is_file() and not entry.is_symlink())


def build_bundle() -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(HERE / "hydrodesk.spec"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
        ],
        cwd=ROOT,
        check=True,
    )
    return time.monotonic() - started


def strip_libpython() -> None:
    """Linux: drop the debug symbols some Python builds leave in libpython (about 18 MB).

    Only libpython: PyInstaller's own strip=True also strips numpy's OpenBLAS, which then fails to load."""
    strip = shutil.which("strip")
    if sys.platform.startswith("linux") and strip:
        for library in (APP_DIR / "_internal").glob("libpython3*.so*"):
            subprocess.run([strip, "--strip-debug", str(library)], check=True)


def smoke() -> bool:
    command = [sys.executable, str(HERE / "smoke.py"), str(executable())]
    if sys.platform == "win32":
        command.append("--no-log-check")  # a windowed Windows app has no stderr to read
    return subprocess.run(command, check=False).returncode == 0


def makensis() -> str:
    found = shutil.which("makensis")
    if found is None:
        raise SystemExit("makensis not found: apt-get install nsis (Debian/Ubuntu) or choco install nsis (Windows)")
    return found


def compile_installer(
    app_dir: Path = APP_DIR, exe_name: str | None = None, out: Path | None = None, compressor: str | None = None
) -> Path:
    """makensis on packaging/windows/hydrodesk.nsi with the bundle in `app_dir` as the payload."""
    installer = out or DIST / f"HydroDesk-{version()}-setup.exe"
    defines = {
        "VERSION": version(),
        "VERSION_WIN": windows_version(),
        "APP_DIR": str(app_dir),
        "EXE_NAME": exe_name or executable().name,
        "OUT_FILE": str(installer),
        "ICON": str(HERE / "icons" / "hydrodesk.ico"),
    }
    if compressor:
        defines["COMPRESSOR"] = compressor
    subprocess.run(
        [
            makensis(),
            "-V2",
            "-WX",  # warnings are errors: a script that only warns today breaks on the next NSIS
            *(f"-D{name}={value}" for name, value in defines.items()),
            str(HERE / "windows" / "hydrodesk.nsi"),
        ],
        check=True,
    )
    return installer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="run the frozen app's smoke test after building")
    parser.add_argument("--nsis", action="store_true", help="compile the NSIS installer after building")
    parser.add_argument(
        "--nsis-compressor", help="none (CI's quick check), zlib or lzma (default: solid LZMA, the smallest download)"
    )
    parser.add_argument("--no-build", action="store_true", help="use the bundle already in dist/")
    options = parser.parse_args(argv)
    os.chdir(ROOT)
    if not options.no_build:
        seconds = build_bundle()
        strip_libpython()
        print(f"built {APP_DIR} in {seconds:.0f} s: {folder_size(APP_DIR) / 2**20:.0f} MiB (HydroDesk {version()})")
    if not executable().exists():
        raise SystemExit(f"no bundle at {APP_DIR}: run packaging/build.py without --no-build first")
    if options.smoke and not smoke():
        return 1
    if options.nsis:
        started = time.monotonic()
        installer = compile_installer(compressor=options.nsis_compressor)
        print(f"compiled {installer} in {time.monotonic() - started:.0f} s: {installer.stat().st_size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
