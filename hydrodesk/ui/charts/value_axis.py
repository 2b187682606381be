"""A value axis that writes its numbers with the user's decimal mark ("0,25 mm" in Spanish, "0.25 mm" in English).

pyqtgraph's AxisItem picks good tick values and decimals, then formats them with Python's `%` operator, which
knows only the C locale: a Spanish chart read "0.20, 0.15, 0.10" beside tables that say "0,20". This axis keeps
pyqtgraph's choice of ticks and decimals and swaps the marks for the locale's.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLocale


class LocaleValueAxis(pg.AxisItem):
    def __init__(self, orientation: str = "left") -> None:
        super().__init__(orientation=orientation)
        # An SI prefix ("k", "m") re-lays the axis label out as HTML at every zoom step; no chart here wants one.
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return localized(super().tickStrings(values, scale, spacing), QLocale())


def localized(labels: list[str], locale: QLocale) -> list[str]:
    """pyqtgraph's tick labels ("-0.5", "12.25", "1e+06") with `locale`'s decimal mark and minus sign."""
    point, minus = locale.decimalPoint(), locale.negativeSign()
    if (point, minus) == (".", "-"):
        return labels
    return [_localized(label, point, minus) for label in labels]


def _localized(label: str, point: str, minus: str) -> str:
    if "e" in label:  # "%g" notation for the very large or small: its exponent's sign is not a minus sign
        mantissa, exponent = label.split("e", 1)
        return _localized(mantissa, point, minus) + "e" + exponent
    sign = minus if label.startswith("-") else ""
    return sign + label.removeprefix("-").replace(".", point)
