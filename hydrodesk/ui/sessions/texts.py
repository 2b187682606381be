"""How the sessions pane writes times, durations, money and settings: translated, in the project's timezone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from hydrodesk.domain.session_board import has_bonus
from hydrodesk.domain.sessions import Bonus


def zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(zone(timezone))


def time_text(moment: datetime, timezone: str) -> str:
    """`08:15` (the locale's short time) at the project."""
    at = local(moment, timezone)
    return QLocale().toString(QTime(at.hour, at.minute), QLocale.FormatType.ShortFormat)


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


def moment_text(moment: datetime, timezone: str) -> str:
    """`Sun 19 Oct 2025 08:15` at the project."""
    at = local(moment, timezone)
    return f"{day_text(at.date())} {time_text(moment, timezone)}"


def duration_text(span: timedelta) -> str:
    """`7 h 20 min`, `45 min`, `2 h` (never negative; rounded down to the minute)."""
    minutes = max(int(span.total_seconds() // 60), 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return QCoreApplication.translate("SessionText", "{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return QCoreApplication.translate("SessionText", "{hours} h").format(hours=hours)
    return QCoreApplication.translate("SessionText", "{minutes} min").format(minutes=rest)


def number_text(value: float) -> str:
    """Units as a person writes them: `12`, `12.5`, `12.25` (at most three decimals)."""
    locale = QLocale()
    if float(value).is_integer():
        return locale.toString(int(value))
    text = locale.toString(float(value), "f", 3)
    point = locale.decimalPoint()
    return text.rstrip("0").rstrip(point) if point in text else text


def money_text(value: float) -> str:
    return QLocale().toString(float(value), "f", 2)


def price_text(price: float, unit: str) -> str:
    return QCoreApplication.translate("SessionText", "{price} / {unit}").format(price=money_text(price), unit=unit)


def bonus_text(bonus: Bonus | None) -> str:
    if not has_bonus(bonus):
        return QCoreApplication.translate("SessionText", "No bonus")
    assert bonus is not None
    if bonus.type == "percent":
        return QCoreApplication.translate("SessionText", "+{value} %").format(value=number_text(bonus.value))
    return QCoreApplication.translate("SessionText", "+{value} flat").format(value=money_text(bonus.value))
