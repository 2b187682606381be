"""How each layer colours a sector, what its label's second line says, and the legend that explains it.

One fill per meaning, the same in light and dark themes (drawn semi-opaque over the map's background), chosen so
Alert red, Attention amber and Okay green read as a traffic light and the moisture ramp runs dry-warm to wet-blue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor

from hydrodesk.domain.map_layers import SectorScouting, moisture_band
from hydrodesk.domain.phyto_verdicts import Verdict
from hydrodesk.ui.formats import short_pest

NO_DATA = "#aab4af"
VERDICT_FILLS = {
    Verdict.ALERT: "#d64534",
    Verdict.ATTENTION: "#e8a33d",
    Verdict.OKAY: "#3f9e63",
    Verdict.NO_DATA: NO_DATA,
}
MOISTURE_FILLS = {
    "dry": "#c8553d",
    "low": "#e9b44c",
    "good": "#4caf6a",
    "moist": "#3a9fbf",
    "wet": "#2c5fa8",
    "no_data": NO_DATA,
}
IRRIGATION_FILLS = {
    "open": "#2f80d1",
    "closed": "#7f948a",
    "fault": "#d64534",
    "unknown": "#d9c36a",
    "no_valve": NO_DATA,
}
FILL_ALPHA = 190


@dataclass(frozen=True)
class SectorLook:
    fill: QColor
    detail: str  # the label's second line ("Alert · Aphids 32 %"); empty for none
    key: str  # what the colour means, for tests and tool tips ("alert", "dry", "open")


translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def _fill(hex_colour: str) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlpha(FILL_ALPHA)
    return colour


def percent_text(value: float) -> str:
    return translate("SectorMap", "{value} %").format(
        value=QLocale().toString(float(value), "f", 0 if value >= 10 or float(value).is_integer() else 1)
    )


def verdict_text(verdict: Verdict) -> str:
    return {
        Verdict.ALERT: translate("SectorMap", "Alert"),
        Verdict.ATTENTION: translate("SectorMap", "Attention"),
        Verdict.OKAY: translate("SectorMap", "Okay"),
        Verdict.NO_DATA: translate("SectorMap", "Not scouted"),
    }[verdict]


def scouting_look(found: SectorScouting | None, labels: Mapping[str, str]) -> SectorLook:
    """Verdict colour; the label names the pest behind it and its incidence, or its severity when that made the
    verdict ("Alert · Grey mould 6 %" read as an Alert for 6 %)."""
    if found is None:
        return SectorLook(_fill(VERDICT_FILLS[Verdict.NO_DATA]), verdict_text(Verdict.NO_DATA), Verdict.NO_DATA.value)
    detail = verdict_text(found.verdict)
    if found.pest is not None and found.incidence is not None:
        pest = short_pest(labels.get(found.pest, found.pest))
        if found.by_severity and found.severity is not None:
            measure = translate("SectorMap", "{pest}: severity {value}")
            detail = f"{detail} · " + measure.format(pest=pest, value=percent_text(found.severity))
        else:
            detail = f"{detail} · {pest} {percent_text(found.incidence)}"
    return SectorLook(_fill(VERDICT_FILLS[found.verdict]), detail, found.verdict.value)


def moisture_look(reading: tuple[float, str] | None) -> SectorLook:
    band = moisture_band(None if reading is None else reading[0])
    detail = translate("SectorMap", "No reading") if reading is None else percent_text(reading[0])
    return SectorLook(_fill(MOISTURE_FILLS[band]), detail, band)


def irrigation_text(state: str) -> str:
    return {
        "open": translate("SectorMap", "Open"),
        "closed": translate("SectorMap", "Closed"),
        "fault": translate("SectorMap", "Fault"),
        "unknown": translate("SectorMap", "State unknown"),
        "no_valve": translate("SectorMap", "No valve"),
    }[state]


def irrigation_look(state: str | None) -> SectorLook:
    key = state or "no_valve"
    return SectorLook(_fill(IRRIGATION_FILLS[key]), irrigation_text(key), key)


def legend_entries(layer: str) -> list[tuple[QColor, str]]:
    """(fill, meaning) rows of the legend for a layer."""
    if layer in ("scouting", "pest"):
        order = (Verdict.ALERT, Verdict.ATTENTION, Verdict.OKAY, Verdict.NO_DATA)
        return [(_fill(VERDICT_FILLS[verdict]), verdict_text(verdict)) for verdict in order]
    if layer == "moisture":
        texts = {
            "dry": translate("SectorMap", "Dry (under 18 %)"),
            "low": translate("SectorMap", "Low (18–24 %)"),
            "good": translate("SectorMap", "Good (24–32 %)"),
            "moist": translate("SectorMap", "Moist (32–40 %)"),
            "wet": translate("SectorMap", "Wet (40 % or more)"),
            "no_data": translate("SectorMap", "No reading"),
        }
        return [(_fill(MOISTURE_FILLS[key]), text) for key, text in texts.items()]
    return [
        (_fill(IRRIGATION_FILLS[key]), irrigation_text(key))
        for key in ("open", "closed", "fault", "unknown", "no_valve")
    ]
