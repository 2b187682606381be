"""The release workflow is valid for GitHub (offline, vendored schema) and builds every platform on a tag."""

from __future__ import annotations

import subprocess
import sys
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
