"""The log: a rotating file in the user's log folder (a Windows GUI app has no console), the same lines on stderr
at the level asked for (`--log-level`), and the last lines in memory for crash reports.

Every record is redacted (hydrodesk.diagnostics.redact) as it is CREATED, by a LogRecord factory: the message,
its arguments, the traceback and the stack are turned into redacted text before any logger, filter or handler
sees the record, whoever installed the handler (httpx's, paho's, a test's). The handlers installed here also carry
a redacting filter, for records made without the factory (logging.makeLogRecord).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hydrodesk.diagnostics.redact import redact

LOG_FILE_NAME = "hydrodesk.log"
FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"
# Ten files of 2 MB: weeks of an office's ordinary days, and a bounded folder.
MAX_BYTES = 2_000_000
BACKUP_COUNT = 9
RECENT_LINES = 200
# The file keeps INFO even when the console shows only warnings: what led up to a problem is what support needs.
FILE_LEVEL = logging.INFO
# One line per HTTP request would bury everything else; HydroDesk's transport logs each failed request itself.
_CHATTY = ("httpx", "httpcore")

_REDACTED = "_hydrodesk_redacted"


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """Replace the record's message, traceback and stack by their redacted text (once per record)."""
    if getattr(record, _REDACTED, False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: logging reports it when the record is formatted
        return record
    record.msg = redact(message)
    record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        # The text a Formatter would write (Formatter.formatException), redacted; without exc_info no handler can
        # format the raw traceback again.
        text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = redact(text)
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    setattr(record, _REDACTED, True)
    return record


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        scrub(record)
        return True


_factory_lock = threading.Lock()
_installed_factory: Callable[..., logging.LogRecord] | None = None


def install_redaction() -> None:
    """Redact every record as it is created, from now on (idempotent)."""
    global _installed_factory
    with _factory_lock:
        current = logging.getLogRecordFactory()
        if current is _installed_factory:
            return
        previous = current

        def redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return scrub(previous(*args, **kwargs))

        logging.setLogRecordFactory(redacting_factory)
        _installed_factory = redacting_factory


class RotatingLogFile(logging.FileHandler):
    """The log file, moved aside to `.1` … `.N` when it reaches `max_bytes` (the oldest goes).

    What logging.handlers.RotatingFileHandler does, without importing logging.handlers: its pickle, queue and
    socket imports cost about 17 ms before the window's first paint, which is what this module is loaded for.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUP_COUNT) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        # Called with the handler's lock held (Handler.handle), so rotation and writes never interleave.
        if self.stream is not None and self.stream.tell() >= self.max_bytes:
            self._rotate()
        super().emit(record)

    def _rotate(self) -> None:
        assert self.stream is not None  # emit() rotates only an open stream
        self.stream.close()
        base = Path(self.baseFilename)
        try:
            for number in range(self.backups - 1, 0, -1):
                older = base.with_name(f"{base.name}.{number}")
                if older.exists():
                    os.replace(older, base.with_name(f"{base.name}.{number + 1}"))
            os.replace(base, base.with_name(f"{base.name}.1"))
        except OSError as error:  # another HydroDesk holds the file (Windows): keep writing to it as it is
            sys.stderr.write(f"hydrodesk: could not rotate the log file {base} ({error})\n")
        self.stream = self._open()


class RecentLines(logging.Handler):
    """The last formatted lines, in memory: what a crash report shows of what happened just before."""

    def __init__(self, size: int = RECENT_LINES) -> None:
        super().__init__()
        self._lines: deque[str] = deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._lines.append(self.format(record))
        except Exception:
            self.handleError(record)

    def lines(self) -> list[str]:
        return list(self._lines)


@dataclass
class LogSetup:
    """What configure_logging installed: the file (None when the folder could not be written) and the last lines."""

    log_dir: Path
    log_file: Path | None
    recent: RecentLines
    handlers: list[logging.Handler]

    def close(self) -> None:
        """Remove and close the handlers (tests; the app keeps them until it exits)."""
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()


_current: LogSetup | None = None


def current_log_setup() -> LogSetup | None:
    """The running app's log setup (None when logging was never configured, as in most tests)."""
    return _current


def configure_logging(log_dir: Path, console_level: str | int = "WARNING", *, console: bool = True) -> LogSetup:
    """Install redaction, the rotating log file, the stderr handler and the in-memory last lines on the root logger.

    A folder that cannot be written costs the file, not the start: the reason goes to stderr."""
    global _current
    install_redaction()
    level = logging.getLevelName(str(console_level).upper()) if isinstance(console_level, str) else console_level
    if not isinstance(level, int):
        level = logging.WARNING
    formatter = logging.Formatter(FORMAT)
    redacting = RedactingFilter()
    handlers: list[logging.Handler] = []

    log_file: Path | None = log_dir / LOG_FILE_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = RotatingLogFile(log_dir / LOG_FILE_NAME)
        file_handler.setLevel(min(FILE_LEVEL, level))
        handlers.append(file_handler)
    except OSError as error:
        sys.stderr.write(f"hydrodesk: cannot write the log file in {log_dir} ({error}); logging to stderr only\n")
        log_file = None
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(level)
        handlers.append(stream)
    recent = RecentLines()
    recent.setLevel(min(FILE_LEVEL, level))
    handlers.append(recent)

    root = logging.getLogger()
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(redacting)
        root.addHandler(handler)
    root.setLevel(min(FILE_LEVEL, level))
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if level <= logging.DEBUG else logging.WARNING)
    logging.captureWarnings(True)
    if _current is not None:
        _current.close()
    _current = LogSetup(log_dir=log_dir, log_file=log_file, recent=recent, handlers=handlers)
    return _current
