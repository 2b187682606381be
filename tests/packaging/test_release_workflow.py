"""The release workflow is valid for GitHub (offline, vendored schema) and builds every platform on a tag."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from .support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def test_the_release_workflow_matches_githubs_schema() -> None:
    check = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run(
        [str(check), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_version_tag_builds_tests_smoke_tests_and_publishes_on_every_platform() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    build = workflow["jobs"]["build"]
    assert {entry["os"] for entry in build["strategy"]["matrix"]["include"]} == {
        "windows-latest",
        "macos-latest",
        "ubuntu-latest",
    }
    commands = "\n".join(step.get("run", "") for step in build["steps"])
    for expected in ("python -m pytest", "packaging/build.py --smoke", "--nsis", "packaging/macos/make_dmg.sh"):
        assert expected in commands
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in build["steps"])
    assert workflow["jobs"]["publish"]["needs"] == "build"


def test_every_installer_bundles_the_one_python_the_readme_names_and_the_project_accepts() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    (bundled,) = {str(entry["python"]) for entry in build["strategy"]["matrix"]["include"]}
    setup = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    low, high = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", requires).groups()  # type: ignore[union-attr]
    major, minor = bundled.split(".")
    assert major == "3"
    assert int(low) <= int(minor) < int(high)
    assert f"The installers bundle CPython {bundled}" in (ROOT / "README.md").read_text(encoding="utf-8")
