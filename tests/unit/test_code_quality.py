"""The codebase's own rules, checked with every test run: lint, formatting, types, and the layer contracts."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_finds_no_lint_errors() -> None:
    done = run(str(BIN / "ruff"), "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_formatted() -> None:
    done = run(str(BIN / "ruff"), "format", "--check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_layers_hold_and_only_the_ui_imports_qt() -> None:
    done = run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def _mypy_cache() -> Path:
    # Kept between runs so a re-run checks only what changed (about 60 s cold on 2 cores, a few seconds warm):
    # in the environment when it is ours to write (a virtualenv), else in the temporary directory.
    prefix = Path(sys.prefix)
    base = prefix if prefix != Path(sys.base_prefix) and os.access(prefix, os.W_OK) else Path(tempfile.gettempdir())
    return base / "hydrodesk-mypy-cache"


# A cold run (no cache yet) on a busy 2-core machine takes longer than the suite's 120 s per-test limit.
@pytest.mark.timeout(600)
def test_types_check() -> None:
    """mypy as configured in pyproject.toml ([tool.mypy]): strict on domain, api, store, sync and mqtt."""
    done = run(sys.executable, "-m", "mypy", "--cache-dir", str(_mypy_cache()))
    assert done.returncode == 0, done.stdout + done.stderr
