"""How the sessions pane writes durations, prices and bonuses (days, times and numbers: hydrodesk.ui.formats)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from hydrodesk.domain.session_board import has_bonus
from hydrodesk.domain.sessions import Bonus
from hydrodesk.ui.formats import money_text, number_text, unit_word


def duration_text(span: timedelta) -> str:
    """`7 h 20 min`, `45 min`, `2 h` (never negative; rounded down to the minute)."""
    minutes = max(int(span.total_seconds() // 60), 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return QCoreApplication.translate("SessionText", "{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return QCoreApplication.translate("SessionText", "{hours} h").format(hours=hours)
    return QCoreApplication.translate("SessionText", "{minutes} min").format(minutes=rest)


def price_text(price: float, unit: str) -> str:
    return QCoreApplication.translate("SessionText", "{price} / {unit}").format(
        price=money_text(price), unit=unit_word(unit, 1)
    )


def bonus_text(bonus: Bonus | None) -> str:
    if not has_bonus(bonus):
        return QCoreApplication.translate("SessionText", "No bonus")
    assert bonus is not None
    if bonus.type == "percent":
        return QCoreApplication.translate("SessionText", "+{value} %").format(value=number_text(bonus.value))
    return QCoreApplication.translate("SessionText", "+{value} flat").format(value=money_text(bonus.value))
