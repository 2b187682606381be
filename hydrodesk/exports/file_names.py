"""The file names HydroDesk suggests in its save dialogs: plain letters, digits and hyphens.

    suggested_file_name(tr("day-report"), "Parcela Ñandú", "2026-12-02", suffix=".pdf")
    -> "reporte-del-dia-parcela-nandu-2026-12-02.pdf" when the UI speaks Spanish

The words come already translated (the UI runs them through tr()); accents are folded rather than dropped, so a
Spanish name stays readable, and anything else becomes a hyphen, so every file system and mail client takes it.
"""

from __future__ import annotations

import unicodedata


def suggested_file_name(*words: str | None, suffix: str) -> str:
    """The words (empty ones skipped) joined by hyphens, lower case, ASCII only, then `suffix` (".csv")."""
    text = "-".join(word for word in words if word).lower()
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # día -> dia, ñ -> n
    safe = "".join(char if char.isalnum() or char in "-." else "-" for char in folded)
    while "--" in safe:
        safe = safe.replace("--", "-")
    return (safe.strip("-.") or "hydrodesk") + suffix
