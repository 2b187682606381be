"""A crash report: what failed, where, on which versions, and the log lines before it, with secrets redacted.

Written as a plain text file in the log folder (support asks for the folder, or the user pastes the text); Qt-free,
so the UI's crash guard (hydrodesk.ui.crash_guard) only decides when to write one and how to show it.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from hydrodesk.diagnostics.redact import redact
from hydrodesk.diagnostics.version import running_version

REPORT_PREFIX = "crash-"
# The folder keeps the newest reports only: a crash repeating for days must not fill the disk.
KEEP_REPORTS = 50


@dataclass(frozen=True)
class CrashReport:
    origin: str  # where it was raised, in English for support: "a Qt slot", "background task 'reload-farm'", ...
    exception_type: str
    message: str  # the exception's own text, redacted
    traceback_text: str  # redacted
    signature: str  # the same failure at the same place: what throttling compares
    happened_at: datetime
    environment: Mapping[str, str] = field(default_factory=dict)
    recent_log: Sequence[str] = ()

    def text(self) -> str:
        """The whole report, as saved and as copied."""
        lines = [
            f"HydroDesk crash report, {self.happened_at.isoformat(timespec='seconds')}",
            f"Where: {self.origin}",
            f"What: {self.exception_type}: {self.message}",
            "",
            *(f"{name}: {value}" for name, value in self.environment.items()),
            "",
            self.traceback_text.rstrip(),
            "",
            f"Last {len(self.recent_log)} log lines:" if self.recent_log else "No log lines were recorded.",
            *self.recent_log,
        ]
        # Redacted once more as a whole: the log lines already were, the environment and the origin cost nothing.
        return redact("\n".join(lines)) + "\n"

    def save(self, folder: Path) -> Path:
        """Write the report into `folder` (created if needed); the oldest reports beyond KEEP_REPORTS go."""
        folder.mkdir(parents=True, exist_ok=True)
        stamp = self.happened_at.strftime("%Y%m%d-%H%M%S")
        path = folder / f"{REPORT_PREFIX}{stamp}.txt"
        number = 1
        while path.exists():
            number += 1
            path = folder / f"{REPORT_PREFIX}{stamp}-{number}.txt"
        path.write_text(self.text(), encoding="utf-8")
        _prune(folder)
        return path


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Versions and system: what support asks first. `extra` adds the UI's own (Qt, PySide6)."""
    found = {
        "HydroDesk": running_version(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "OS": platform.platform(),
        "Frozen": "yes" if getattr(sys, "frozen", False) else "no",
        "Process": str(os.getpid()),
    }
    found.update(extra or {})
    return found


def build_report(
    error: BaseException,
    *,
    origin: str,
    traceback_object: TracebackType | None = None,
    environment: Mapping[str, str] | None = None,
    recent_log: Sequence[str] = (),
    now: datetime | None = None,
) -> CrashReport:
    tb = traceback_object if traceback_object is not None else error.__traceback__
    text = "".join(traceback.format_exception(type(error), error, tb))
    return CrashReport(
        origin=origin,
        exception_type=type(error).__qualname__,
        message=redact(str(error)),
        traceback_text=redact(text),
        signature=_signature(error, tb),
        happened_at=now or datetime.now(UTC),
        environment=dict(environment or {}),
        recent_log=tuple(redact(line) for line in recent_log),
    )


def _signature(error: BaseException, tb: TracebackType | None) -> str:
    """The exception's type and the line that raised it: a repeat of the same bug, whatever its message."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__module__}.{type(error).__qualname__}@{where}"


def _prune(folder: Path) -> None:
    reports = sorted(folder.glob(f"{REPORT_PREFIX}*.txt"), key=lambda path: path.stat().st_mtime)
    for old in reports[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)
