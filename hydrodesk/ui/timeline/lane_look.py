"""How the timeline's lanes look and what they say: their names and order, the words of an empty or a refused
lane, and the colours of lines, verdicts and valve commands in the light and dark themes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from hydrodesk.domain.phyto_verdicts import Verdict
from hydrodesk.ui.formats import unit_word

IRRIGATION, MOISTURE, WEATHER, SCOUTING, HARVEST = "irrigation", "moisture", "weather", "scouting", "harvest"
LANES = (IRRIGATION, MOISTURE, WEATHER, SCOUTING, HARVEST)
LANE_STRETCH = {IRRIGATION: 2, MOISTURE: 3, WEATHER: 3, SCOUTING: 2, HARVEST: 3}
LINE_COLORS = {
    "light": ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b"),
    "dark": ("#5fa8e8", "#5fd35f", "#b99cf0", "#d19a7a"),
}
RAIN_COLOR = {"light": "#1f77b4", "dark": "#5fa8e8"}
ET0_COLOR = {"light": "#ff7f0e", "dark": "#ffae52"}
PROGRAM_COLOR = {"light": "#17795f", "dark": "#3fb58f"}
MANUAL_COLOR = {"light": "#5b8def", "dark": "#7aa7ff"}
KEY_PAN = 0.1  # of the visible span per arrow key
KEY_ZOOM = 1.5
MIN_SPAN_S = 15 * 60.0  # zoomed in no further than a quarter of an hour


# lupdate finds translate("Context", "text") calls, so every string is written out that way.
translate = QCoreApplication.translate


def lane_title(lane: str) -> str:
    return {
        IRRIGATION: translate("TimelineChart", "Irrigation"),
        MOISTURE: translate("TimelineChart", "Moisture (%)"),
        WEATHER: translate("TimelineChart", "Rain, ET0 (mm)"),
        SCOUTING: translate("TimelineChart", "Scouting"),
        HARVEST: translate("TimelineChart", "Harvest (units/h)"),
    }[lane]


def harvest_title(unit: str | None) -> str:
    """The harvest lane's name in the sessions' unit ("Cosecha (kg/h)", "Cosecha (cajas/h)"); with sessions in
    different units, or none, the units' own word."""
    if not unit:
        return lane_title(HARVEST)
    return translate("TimelineChart", "Harvest ({unit}/h)").format(unit=unit_word(unit, 2))


def empty_text(lane: str) -> str:
    return {
        IRRIGATION: translate("TimelineChart", "No irrigation runs or valve commands in this sector on these days."),
        MOISTURE: translate("TimelineChart", "No soil moisture readings for this sector on these days."),
        WEATHER: translate("TimelineChart", "No rain or ET0 readings for this project on these days."),
        SCOUTING: translate("TimelineChart", "Nobody scouted this sector on these days."),
        HARVEST: translate("TimelineChart", "No harvest sessions in this sector on these days."),
    }[lane]


# The sources behind each lane (timeline_data's step names): a lane whose source was refused says so.
LANE_SOURCES = {
    IRRIGATION: ("valves", "irrigation", "commands"),
    MOISTURE: ("soil",),
    WEATHER: ("weather",),
    SCOUTING: ("scouting",),
    HARVEST: ("harvest",),
}


def denied_text() -> str:
    return translate(
        "TimelineChart", "This account may not read these data (its API key lacks the scope). Ask your administrator."
    )


def verdict_color(verdict: Verdict, tokens: dict[str, str]) -> QColor:
    """The verdict colours the scouting pane and the map use too: green, amber, red; grey for no data."""
    return QColor(
        tokens.get({Verdict.OKAY: "online", Verdict.ATTENTION: "busy", Verdict.ALERT: "error"}.get(verdict, "muted"))
        or "#888888"
    )


def status_color(status: str, tokens: dict[str, str]) -> QColor:
    token = {"confirmed": "online", "failed": "error", "expired": "error"}.get(status, "busy")
    return QColor(tokens.get(token, "#888888"))


def verdict_text(verdict: Verdict) -> str:
    return {
        Verdict.OKAY: translate("TimelineChart", "Okay"),
        Verdict.ATTENTION: translate("TimelineChart", "Attention"),
        Verdict.ALERT: translate("TimelineChart", "Alert"),
        Verdict.NO_DATA: translate("TimelineChart", "No data"),
    }[verdict]


def depth_text(depth: str) -> str:
    number = depth.removesuffix("cm")
    return translate("TimelineChart", "{depth} cm").format(depth=number) if number != depth else depth


def command_status_group(status: str) -> str:
    return {"confirmed": "confirmed", "failed": "failed", "expired": "failed"}.get(status, "waiting")


def status_groups(marks: object) -> list[str]:
    found = {command_status_group(mark.status) for mark in marks}  # type: ignore[attr-defined]
    return [group for group in ("confirmed", "waiting", "failed") if group in found]


def status_group_text(group: str) -> str:
    return {
        "confirmed": translate("TimelineChart", "Command confirmed"),
        "waiting": translate("TimelineChart", "Command on its way"),
        "failed": translate("TimelineChart", "Command failed"),
    }[group]
