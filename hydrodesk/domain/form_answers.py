"""Checking what a person typed into a form before it goes to the outbox: numbers and their ranges, a pest count and
its severity, coordinates, attached files.

Pure Python. Each check returns the clean value or raises AnswerRefused with a Problem (and the numbers the message
needs); the UI words it in the user's language. The rules are the server's (hydrodesk.sim.control.forms follows
them too), checked here first so nothing is queued that the server would refuse hours later.
"""

from __future__ import annotations

import base64
import math
from enum import StrEnum

MAX_SEVERITY = 4  # pest_disease severity grades run 0 (none) to 4 (very high)
MAX_PEST_COUNT = 100_000
MAX_TEXT = 2_000
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024  # one photo or recording; a record carries a few (the server takes ~40 MB)


class Problem(StrEnum):
    REQUIRED = "required"
    NOT_A_NUMBER = "not_a_number"
    NOT_WHOLE = "not_whole"
    BELOW_MIN = "below_min"
    ABOVE_MAX = "above_max"
    SEVERITY_NEEDED = "severity_needed"
    TOO_LONG = "too_long"
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    COORDINATES_PAIR = "coordinates_pair"
    FILE_EMPTY = "file_empty"
    FILE_TOO_LARGE = "file_too_large"
    FILE_WRONG_KIND = "file_wrong_kind"


class AnswerRefused(ValueError):
    """An answer the form cannot take; `limit` is the bound crossed (BELOW_MIN, ABOVE_MAX, TOO_LONG, FILE_TOO_LARGE)."""

    def __init__(self, problem: Problem, limit: float | None = None) -> None:
        super().__init__(f"{problem.value} ({limit})" if limit is not None else problem.value)
        self.problem = problem
        self.limit = limit


def parse_decimal(text: str, decimal_point: str = ".") -> float | None:
    """A number as a person types it: `12`, `12.5`, `12,5` (Spanish), ` 7 `; None when blank.

    The user's decimal point is tried first; a lone other separator is taken as a decimal point too, because a
    count or a reading is never typed with thousands separators in a scouting form."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if decimal_point != "." and decimal_point in cleaned:
        cleaned = cleaned.replace(".", "").replace(decimal_point, ".")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise AnswerRefused(Problem.NOT_A_NUMBER) from None
    if not math.isfinite(value):
        raise AnswerRefused(Problem.NOT_A_NUMBER)
    return value


def check_number(
    value: float | None,
    *,
    minimum: float | None,
    maximum: float | None,
    required: bool,
    whole: bool = False,
) -> float | int | None:
    if value is None:
        if required:
            raise AnswerRefused(Problem.REQUIRED)
        return None
    if whole and not float(value).is_integer():
        raise AnswerRefused(Problem.NOT_WHOLE)
    if minimum is not None and value < minimum:
        raise AnswerRefused(Problem.BELOW_MIN, minimum)
    if maximum is not None and value > maximum:
        raise AnswerRefused(Problem.ABOVE_MAX, maximum)
    return int(value) if float(value).is_integer() else value


def check_pest_count(
    count: float | None, severity: int | None, *, maximum: float | None, required: bool
) -> tuple[int | None, int | None]:
    """(count, severity) for a pest_disease field: a whole count, and a severity whenever the pest was seen.

    None severity with a zero count is a clean 0: nothing seen, nothing to grade."""
    clean = check_number(count, minimum=0, maximum=maximum or MAX_PEST_COUNT, required=required, whole=True)
    if clean is None:
        return None, None
    if severity is None:
        if clean > 0:
            raise AnswerRefused(Problem.SEVERITY_NEEDED)
        severity = 0
    return int(clean), severity


def check_text(text: str, *, required: bool, limit: int = MAX_TEXT) -> str | None:
    cleaned = text.strip()
    if not cleaned:
        if required:
            raise AnswerRefused(Problem.REQUIRED)
        return None
    if len(cleaned) > limit:
        raise AnswerRefused(Problem.TOO_LONG, limit)
    return cleaned


def check_coordinates(latitude: float | None, longitude: float | None) -> tuple[float, float] | None:
    """Both or neither; within the globe's ranges."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        raise AnswerRefused(Problem.COORDINATES_PAIR)
    if not -90 <= latitude <= 90:
        raise AnswerRefused(Problem.LATITUDE)
    if not -180 <= longitude <= 180:
        raise AnswerRefused(Problem.LONGITUDE)
    return latitude, longitude


# ------------------------------------------------------------------------------------------------ attachments
_AUDIO_TYPES = {
    "m4a": "audio/mp4",
    "mp4": "audio/mp4",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "wav": "audio/wav",
}
_IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def attachment_data_url(data: bytes, *, kind: str, file_name: str) -> str:
    """A photo/signature (JPEG or PNG, by content) or an audio recording (by extension) as a base64 data URL."""
    if not data:
        raise AnswerRefused(Problem.FILE_EMPTY)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AnswerRefused(Problem.FILE_TOO_LARGE, MAX_ATTACHMENT_BYTES)
    if kind == "audio":
        mime = _AUDIO_TYPES.get(file_name.rsplit(".", 1)[-1].casefold()) if "." in file_name else None
    else:
        mime = next((mime for magic, mime in _IMAGE_MAGIC if data.startswith(magic)), None)
    if mime is None:
        raise AnswerRefused(Problem.FILE_WRONG_KIND)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def audio_extensions() -> list[str]:
    return sorted(_AUDIO_TYPES)
