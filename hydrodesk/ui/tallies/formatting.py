"""How the Tallies pane writes units, money and times: in the user's locale, times in the project's timezone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QLocale, QTime

from hydrodesk.domain.timestamps import parse_utc_text


def units_text(value: float) -> str:
    """`12`, `3.5`, `4.25`: whole units without decimals, weighings with what they have (up to grams)."""
    rounded = round(value, 3)
    if rounded == int(rounded):
        return QLocale().toString(int(rounded))
    decimals = len(f"{rounded:.3f}".rstrip("0").split(".")[1])
    return QLocale().toString(rounded, "f", decimals)


def money_text(value: float) -> str:
    return QLocale().toString(float(value), "f", 2)  # float(): a bonus read from JSON may be a whole int


def zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time_text(utc_text: str | None, timezone: ZoneInfo | None) -> str:
    """`14:05:09` in the project's timezone (UTC when it is unknown); empty for no time."""
    if not utc_text:
        return ""
    moment: datetime = parse_utc_text(utc_text)
    if timezone is not None:
        moment = moment.astimezone(timezone)
    return QLocale().toString(QTime(moment.hour, moment.minute, moment.second), "HH:mm:ss")
