"""Qt's own messages (its warnings, a plugin's complaint, the reason of a fatal error) into HydroDesk's log, so they
reach the log file (a Windows GUI app has no stderr) and pass through the same redaction as every other line."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,  # Qt aborts right after: the log has the reason first
}


# Said by the offscreen platform (CI, screenshots, the frozen app's smoke test) each time a shown window's minimum
# size changes, as the window's parts are added after its first paint: it has no window manager to tell. Not a fault.
_PLATFORM_CHATTER = ("This plugin does not support propagateSizeHints()",)


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message in _PLATFORM_CHATTER else _LEVELS.get(kind, logging.WARNING)
    if log.isEnabledFor(level):
        where = f" ({context.category})" if context.category and context.category != "default" else ""
        log.log(level, "%s%s", message, where)


def route_qt_messages_to_log() -> Callable[..., Any] | None:
    """Install the handler; returns the one it replaced (for restore_qt_messages)."""
    return qInstallMessageHandler(_to_log)


def restore_qt_messages(previous: Callable[..., Any] | None = None) -> None:
    qInstallMessageHandler(previous)
