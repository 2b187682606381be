"""packaging/macos/make_dmg.sh, run here with recording stand-ins for macOS's tools: signs and notarizes only when
the secrets are set, and always makes the versioned disk image with the app and a link to /Applications."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import hydrodesk

from .support import PACKAGING

RECORDER = """#!/bin/sh
echo "$(basename "$0") $*" >> "$TOOL_LOG"
if [ "$(basename "$0")" = hdiutil ]; then
  for last; do :; done
  ls "$(echo "$*" | sed 's/.*-srcfolder \\([^ ]*\\) .*/\\1/')" > "$last"
fi
"""


def run_script(tmp_path: Path, **secrets: str) -> tuple[subprocess.CompletedProcess[str], list[str], Path]:
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("hdiutil", "codesign", "xcrun", "security"):
        (tools / tool).write_text(RECORDER, encoding="utf-8")
        (tools / tool).chmod(0o755)
    dist = tmp_path / "dist"
    (dist / "HydroDesk.app" / "Contents" / "MacOS").mkdir(parents=True)
    log = tmp_path / "tools.log"
    log.touch()
    environment = {
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "DIST": str(dist),
        "PYTHON": sys.executable,
        "TOOL_LOG": str(log),
        **secrets,
    }
    done = subprocess.run(
        ["bash", str(PACKAGING / "macos" / "make_dmg.sh")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return done, log.read_text(encoding="utf-8").splitlines(), dist / f"HydroDesk-{hydrodesk.__version__}.dmg"


def test_without_secrets_the_image_is_made_unsigned(tmp_path: Path) -> None:
    done, calls, dmg = run_script(tmp_path)
    assert done.returncode == 0, done.stderr
    assert [call.split()[0] for call in calls] == ["hdiutil"]
    assert f"-volname HydroDesk {hydrodesk.__version__}" in calls[0]
    assert dmg.read_text().split() == ["Applications", "HydroDesk.app"]  # what the image's window shows


def test_with_the_secrets_the_app_is_signed_with_the_hardened_runtime_and_notarized(tmp_path: Path) -> None:
    done, calls, _ = run_script(
        tmp_path,
        MACOS_SIGNING_IDENTITY="Developer ID Application: Hydrobit (TEAM123)",
        APPLE_ID="release@hydrobit.ag",
        APPLE_TEAM_ID="TEAM123",
        APPLE_APP_PASSWORD="app-specific",
    )
    assert done.returncode == 0, done.stderr
    tools = [call.split()[0] for call in calls]
    assert tools == ["codesign", "codesign", "hdiutil", "codesign", "xcrun", "xcrun"]
    assert "--options runtime" in calls[0]
    assert "entitlements.plist" in calls[0]
    assert calls[4].startswith("xcrun notarytool submit")
    assert calls[4].endswith("--wait")
    assert calls[5].startswith("xcrun stapler staple")
