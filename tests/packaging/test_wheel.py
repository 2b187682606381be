"""The wheel, installed somewhere else, is a whole app: resources, migrations and the demo farm come with it.

The wheel is built offline from this checkout and installed, without its dependencies, into a fresh venv whose
third-party packages come from the test venv (a .pth line: nothing is downloaded). The checkout's hydrodesk must not
be what runs there, so the test first asks the new venv where hydrodesk and its resources are.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import hydrodesk

from .support import ROOT, packaging_script


def build(kind: str, out: Path) -> Path:
    """`pip wheel` for the wheel; hatchling's own hook for the sdist (pip builds no sdists)."""
    if kind == "wheel":
        command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-w", str(out)]
    else:
        command = [sys.executable, "-c", f"import hatchling.build as b; b.build_sdist({str(out)!r})"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=120)
    (artifact,) = out.glob("hydrodesk-*.whl" if kind == "wheel" else "hydrodesk-*.tar.gz")
    return artifact


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("wheel", tmp_path_factory.mktemp("wheel"))


def test_the_wheel_carries_resources_migrations_and_the_version(wheel: Path) -> None:
    assert wheel.name == f"hydrodesk-{hydrodesk.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for resource in (ROOT / "resources").rglob("*"):
        relative = resource.relative_to(ROOT / "resources").as_posix()
        if resource.is_file() and resource.suffix in {".svg", ".qss", ".json", ".qm", ".yaml"}:
            assert f"hydrodesk/_resources/{relative}" in names
    for migration in (ROOT / "hydrodesk" / "store" / "migrations").rglob("*"):
        if migration.is_file() and migration.suffix in {".py", ".mako"}:
            assert migration.relative_to(ROOT).as_posix() in names
    assert not any(
        name.startswith(("resources/", "tests/", "hydrodesk/_resources/translations/refresh")) for name in names
    )


def test_the_sdist_keeps_resources_at_the_top(tmp_path: Path) -> None:
    sdist = build("sdist", tmp_path)
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    top = f"hydrodesk-{hydrodesk.__version__}"
    assert f"{top}/resources/openapi/hydrobit-api.yaml" in names
    assert f"{top}/resources/translations/hydrodesk_es.qm" in names
    assert f"{top}/hydrodesk/store/migrations/script.py.mako" in names


def test_the_installed_wheel_runs_the_demo_farm(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    new_python = target / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    new_site = Path(
        subprocess.run(
            [new_python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(new_python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    # PySide6 and the rest from this venv, appended after the new venv's own site-packages: a plain path line, so
    # this venv's editable-install hook (a .pth of its own) is not run there.
    (new_site / "_test_venv_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    smoke = packaging_script("smoke")
    where = subprocess.run(
        [
            new_python,
            "-c",
            "import hydrodesk, hydrodesk.resources as r; print(hydrodesk.__file__); print(r.resources_dir())",
        ],
        cwd=tmp_path,
        env=smoke.installed_only(os.environ),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    assert Path(where[0]).is_relative_to(new_site)
    assert Path(where[1]) == new_site / "hydrodesk" / "_resources"

    screenshot = tmp_path / "wheel.png"
    executable = target / ("Scripts/hydrodesk.exe" if sys.platform == "win32" else "bin/hydrodesk")
    # The demo loads in about 10 s here (a fresh farm is seeded first); a busy machine needs the headroom. With a
    # screenshot the deadline is only a limit: the app quits once the picture is saved (25 s was short with two
    # suites running at once on two cores).
    done = smoke.run_demo([str(executable)], screenshot, quit_after=60, check_log=True, timeout=150)
    assert "demo simulator stopped (exit code 0)" in done.stderr, done.stderr[-3000:]
    assert screenshot.is_file()
