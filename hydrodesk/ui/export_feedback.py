"""What the status bar says after a table or chart export: one wording for every pane.

Each pane used to carry its own copy of these two sentences; now a pane calls `Pane.announce_exports(table)` for
its DataTables, or `Pane.announce_export(...)` / `Pane.announce_export_failure(...)` for exports of its own
(charts, readings).
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

# One translation context, whichever pane exported; a literal in each call, so lupdate finds the strings.
translate = QCoreApplication.translate


def exported_text(path: str, rows: int) -> str:
    if rows == 1:
        return translate("ExportFeedback", "Exported 1 row to {path}").format(path=path)
    return translate("ExportFeedback", "Exported {rows} rows to {path}").format(rows=rows, path=path)


def export_failed_text(path: str, reason: str) -> str:
    return translate("ExportFeedback", "Could not export to {path}: {reason}").format(path=path, reason=reason)


def write_error_text(error: OSError) -> str:
    """Why a file could not be written, in the user's words and language (the system's text is English)."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return translate("ExportFeedback", "the disk is full; free some space or choose another drive")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return translate(
            "ExportFeedback",
            "permission denied; choose another folder, or close the file if another program has it open",
        )
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return translate("ExportFeedback", "the folder does not exist any more; choose another one")
    return error.strerror or str(error)
