"""How a verdict looks and reads: its cell colour in the light and dark themes, and its translated name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from hydrodesk.domain.phyto_verdicts import Verdict

# Soft fills that keep the theme's text readable on them; paper (the PDF report) uses the light ones.
_FILLS = {
    "light": {Verdict.OKAY: "#d3ecdf", Verdict.ATTENTION: "#f8e3a6", Verdict.ALERT: "#f4b9b0"},
    "dark": {Verdict.OKAY: "#1e4a3b", Verdict.ATTENTION: "#6a5316", Verdict.ALERT: "#7d2f27"},
}
# Strong line colours for charts and the report's sparklines.
STRONG = {Verdict.OKAY: "#1f9d55", Verdict.ATTENTION: "#c98a06", Verdict.ALERT: "#c0392b", Verdict.NO_DATA: "#8a958f"}


def fill(verdict: Verdict, theme_name: str = "light") -> QColor | None:
    """The cell colour; None for no data (the table's own background)."""
    colour = _FILLS.get(theme_name, _FILLS["light"]).get(verdict)
    return QColor(colour) if colour else None


def verdict_text(verdict: Verdict) -> str:
    translate = QCoreApplication.translate
    return {
        Verdict.NO_DATA: translate("Verdict", "Not scouted"),
        Verdict.OKAY: translate("Verdict", "Okay"),
        Verdict.ATTENTION: translate("Verdict", "Attention"),
        Verdict.ALERT: translate("Verdict", "Alert"),
    }[verdict]
