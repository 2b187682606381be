"""How HydroDesk writes days, times, numbers and money: one form everywhere, in the UI's locale.

- A day is the locale's medium form, with the weekday where there is room (`Wed, Dec 2, 2026`, `mié, 2 dic 2026`)
  and without it in table cells (`Dec 2, 2026`, `2 dic 2026`). Qt has no medium date format, so it is derived
  from the locale's long one: names abbreviated, connecting words such as Spanish "de" dropped (what CLDR's own
  medium forms do).
- A time is the locale's short time (`4:04 PM`, `16:04`), at the farm: in the project's timezone, which the screen
  names wherever farm time is shown (`zone_label`). Without a known farm, times are this computer's, and
  `zone_label(None)` says so.
- Numbers and money use the locale's separators (`1,234.50`, `1234,50`; CLDR's Spanish groups from 5 digits).

Every pane, dialog, model and the status bar writes through these functions, so the same moment reads the same
everywhere; a test checks both languages.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from hydrodesk.domain.timestamps import parse_utc_text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

Moment = datetime | float | str  # an aware datetime, seconds since the epoch, or a stored UTC text
Zone: TypeAlias = "ZoneInfo | str | None"  # a timezone, its IANA name, or None for this computer's


# ------------------------------------------------------------------------------------------------ zones
@cache  # a table's every time goes through here: the import and the lookup are paid once per zone
def farm_zone(name: str | None) -> ZoneInfo | None:
    """The project's timezone, or None when it is missing or unknown to this computer."""
    # Imported here: zoneinfo (and sysconfig, which it reads for the zone folders) cost some 2.5 ms, and the
    # window's first paint writes no farm time.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _resolve(zone: Zone) -> ZoneInfo | None:
    return farm_zone(zone) if isinstance(zone, str) else zone


def zone_label(zone: Zone) -> str:
    """How a timezone is named on screen: its IANA name (`America/Lima`), as the farm's settings write it."""
    known = _resolve(zone)
    if known is None:
        return QCoreApplication.translate("Formats", "this computer's time")
    return known.key


def at_farm(moment: Moment, zone: Zone) -> datetime:
    """The moment as the farm's clocks show it (this computer's clock when the zone is None).

    A naive datetime is taken as UTC: that is how HydroDesk stores and receives every time."""
    if isinstance(moment, str):
        moment = parse_utc_text(moment)
    elif isinstance(moment, (int, float)):
        moment = datetime.fromtimestamp(moment, UTC)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    known = _resolve(zone)
    return moment.astimezone(known) if known is not None else moment.astimezone()


def utc_offset_text(moment: datetime) -> str:
    """`UTC−05:00`, `UTC+01:00`, `UTC` for an aware moment (a true minus sign, as clocks print it)."""
    offset = moment.utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


# ------------------------------------------------------------------------------------------------ patterns
def day_format(*, weekday: bool = True) -> str:
    """The Qt date pattern of a day in the UI locale (for QDateEdit.setDisplayFormat too)."""
    long_form = QLocale().dateFormat(QLocale.FormatType.LongFormat)
    # Quoted literals are connecting words ('de'); CLDR's medium forms leave them out with abbreviated names.
    pattern = "".join(part for part in re.findall(r"'[^']*'|[^']+", long_form) if not part.startswith("'"))
    pattern = pattern.replace("dddd", "ddd").replace("MMMM", "MMM")
    if not weekday:
        pattern = re.sub(r"ddd[,.]?", "", pattern)
    return re.sub(r"\s+", " ", pattern).strip(" ,")


def time_format(*, seconds: bool = False) -> str:
    """The Qt time pattern of the UI locale's short time (`h:mm AP`, `H:mm`), optionally with seconds."""
    pattern = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    return pattern.replace("mm", "mm:ss", 1) if seconds else pattern


def moment_format(*, weekday: bool = False) -> str:
    """A day and a time together, joined the way the locale joins them (`Dec 2, 2026, 4:04 PM`)."""
    return f"{day_format(weekday=weekday)}{_joiner()}{time_format()}"


def _joiner() -> str:
    locale = QLocale()
    short = QLocale.FormatType.ShortFormat
    both, day, time = locale.dateTimeFormat(short), locale.dateFormat(short), locale.timeFormat(short)
    if both.startswith(day) and both.endswith(time) and len(both) > len(day) + len(time):
        return both[len(day) : len(both) - len(time)]
    return " "


# ------------------------------------------------------------------------------------------------ texts
def day_text(day: date, *, weekday: bool = True) -> str:
    """`Wed, Dec 2, 2026` / `mié, 2 dic 2026`; `weekday=False` for table cells: `Dec 2, 2026` / `2 dic 2026`."""
    return QLocale().toString(QDate(day.year, day.month, day.day), day_format(weekday=weekday))


def iso_day_text(text: str | None, *, weekday: bool = False) -> str:
    """A stored day (`2025-03-15`, or the day of a stored time) as `day_text` writes it; "" for none."""
    if not text:
        return ""
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return day_text(day, weekday=weekday)


def time_text(moment: Moment, zone: Zone, *, seconds: bool = False) -> str:
    """`4:04 PM` / `16:04` at the farm (with seconds where they tell entries apart)."""
    at = at_farm(moment, zone)
    return QLocale().toString(QTime(at.hour, at.minute, at.second), time_format(seconds=seconds))


def moment_text(moment: Moment, zone: Zone, *, weekday: bool = False) -> str:
    """`Dec 2, 2026, 4:04 PM` / `2 dic 2026, 16:04` at the farm."""
    at = at_farm(moment, zone)
    return f"{day_text(at.date(), weekday=weekday)}{_joiner()}{time_text(at, zone)}"


def recent_moment_text(moment: Moment, zone: Zone, *, now: datetime | None = None) -> str:
    """The time alone when it is today at the farm, the day and time otherwise (for "last synced" and the like)."""
    at = at_farm(moment, zone)
    today = at_farm(now if now is not None else datetime.now().astimezone(), zone).date()
    return time_text(at, zone) if at.date() == today else moment_text(at, zone)


def zoned_text(moment: Moment, zone: Zone, *, now: datetime | None = None) -> str:
    """`recent_moment_text` with the clock named: `4:04 PM (America/Lima)`, `16:04 (hora de este equipo)`."""
    return QCoreApplication.translate("Formats", "{time} ({zone})").format(
        time=recent_moment_text(moment, zone, now=now), zone=zone_label(zone)
    )


def number_text(value: float, decimals: int = 3) -> str:
    """Units as a person writes them: `12`, `12.5`, `4.25` (up to `decimals`, trailing zeros dropped)."""
    locale = QLocale()
    rounded = round(float(value), decimals)
    if rounded.is_integer():
        return locale.toString(int(rounded))
    text = locale.toString(rounded, "f", decimals)
    point = locale.decimalPoint()
    return text.rstrip("0").rstrip(point) if point in text else text


def unit_word(unit: str | None, amount: float) -> str:
    """A session's sampling unit in the user's language, singular or plural for `amount` ("caja", "cajas"); a unit
    HydroDesk does not know is written as the server has it."""
    translate = QCoreApplication.translate
    words = {
        "box": (translate("Formats", "box"), translate("Formats", "boxes")),
        "kg": (translate("Formats", "kg"), translate("Formats", "kg")),
        "ton": (translate("Formats", "ton"), translate("Formats", "tons")),
        "bucket": (translate("Formats", "bucket"), translate("Formats", "buckets")),
        "crate": (translate("Formats", "crate"), translate("Formats", "crates")),
        "bin": (translate("Formats", "bin"), translate("Formats", "bins")),
    }
    if not unit:
        return translate("Formats", "unit") if amount == 1 else translate("Formats", "units")
    one, many = words.get(unit.casefold(), (unit, unit))
    return one if amount == 1 else many


def counted(count: int, one: str, many: str, **values: object) -> str:
    """`one` for a count of one, else `many`; both translated where they are written (lupdate finds them there),
    each a whole sentence with {count} and the `values` filled in, so every language agrees its words with the
    count ("1 fila", "3 filas", "1 necesita atención")."""
    return (one if count == 1 else many).format(count=count, **values)


def amount_text(units: float, unit: str | None) -> str:
    """`340 cajas`, `1196,9 kg`, `1 unidad`."""
    return f"{number_text(units)} {unit_word(unit, units)}"


def money_text(value: float) -> str:
    """`1,234.50` / `1234,50`: two decimals, the locale's separators (the platform names no currency)."""
    return QLocale().toString(float(value), "f", 2)


# ------------------------------------------------------------------------------------------------ pest names
def _pest_parts(label: str) -> tuple[str, str | None]:
    """The forms name a pest in English with the local name in brackets ("Aphids (Pulgón)")."""
    english, _, local = label.partition(" (")
    return (english, local[:-1]) if local.endswith(")") else (label, None)


def crop_name(name: str | None) -> str:
    """A crop in the user's language when it is one of the common crops Hydrobit names in English ("Blueberry" is
    "Arándano" in a Spanish window); any other name as the farm wrote it."""
    if not name:
        return ""
    translate = QCoreApplication.translate  # lupdate finds translate("Crops", "text") calls
    known = {
        "avocado": translate("Crops", "Avocado"),
        "blackberry": translate("Crops", "Blackberry"),
        "blueberry": translate("Crops", "Blueberry"),
        "cherry": translate("Crops", "Cherry"),
        "grape": translate("Crops", "Grape"),
        "table grape": translate("Crops", "Table grape"),
        "lemon": translate("Crops", "Lemon"),
        "mango": translate("Crops", "Mango"),
        "orange": translate("Crops", "Orange"),
        "raspberry": translate("Crops", "Raspberry"),
        "strawberry": translate("Crops", "Strawberry"),
        "tomato": translate("Crops", "Tomato"),
        "pepper": translate("Crops", "Pepper"),
        "asparagus": translate("Crops", "Asparagus"),
        "walnut": translate("Crops", "Walnut"),
    }
    return known.get(name.strip().lower(), name)


def pest_name(label: str) -> str:
    """A pest as the office reads it: the local name alone when the interface speaks Spanish ("Pulgón"), the form's
    whole label otherwise."""
    _, local = _pest_parts(label)
    return local if local and QLocale().language() == QLocale.Language.Spanish else label


def short_pest(label: str) -> str:
    """One name only, for tight places (a map label): the local name in Spanish, the English one otherwise."""
    english, local = _pest_parts(label)
    return local if local and QLocale().language() == QLocale.Language.Spanish else english
