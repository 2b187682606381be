"""A day's paper tally sheet, checked row by row before any of it becomes a production record.

Pure Python, no I/O: hydrodesk.exports.tally_sheet reads the file into cells; this module finds the columns, checks
every row (who, how many, when, repeated or not) and gives each valid row the ids its record will carry. Its terms
(limits, header names, problems, inputs and outputs) are in hydrodesk.domain.tally_sheet_terms.

Re-importing a sheet must never count it twice. Each row's clientEventId is *derived* from what the row says and
where it belongs, not drawn at random: a hash of (project, sector, session day, worker, units, time). Importing the
same sheet again — or the same sheet re-saved, sorted, converted from XLSX to CSV, or with a rejected row fixed —
gives every unchanged row the id it had the first time, so the outbox refuses it locally and the server (which
files records by `client:{sessionId}:{workerId}:{clientEventId}`, and by idempotencyKey company-wide) answers
"already have it" even for an import made on another computer. The file's bytes are deliberately *not* part of the
id: they change with every re-save. Two rows of one sheet that say exactly the same thing are rejected as
duplicates (give the second its own time), so ids are unique within a sheet. The one case this merges wrongly is
a *second, different* sheet for the same sector and day with a row identical to one of the first (same worker,
units and time, or no time at all); the preview shows such rows as already imported, and the user can say "this
is another sheet", which mixes the file's own fingerprint (`sheet_salt`) into the ids.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from hydrodesk.domain.ids import CLIENT_EVENT_PREFIX
from hydrodesk.domain.tally_sheet_terms import (
    DEFAULT_MAX_UNITS,
    ID_SCHEME,
    MAX_SHEET_ROWS,
    MAX_SUGGESTIONS,
    MAX_UNITS_BY_SAMPLING_UNIT,
    TEMPLATE_HEADERS,
    TIME_HEADERS,
    UNITS_HEADERS,
    WORKER_ID_HEADERS,
    WORKER_NAME_HEADERS,
    Cell,
    Columns,
    ImportContext,
    ImportPlan,
    IssueCode,
    KnownWorker,
    RejectedRow,
    RowIssue,
    SheetError,
    SheetProblem,
    SheetRow,
    ValidRow,
    describe_issue,
    describe_sheet_problem,
)
from hydrodesk.domain.timestamps import utc_text
from hydrodesk.domain.workers import matches_query, search_key

# What callers import from here, the sheet's terms (hydrodesk.domain.tally_sheet_terms) included.
__all__ = [
    "DEFAULT_MAX_UNITS",
    "ID_SCHEME",
    "MAX_SHEET_ROWS",
    "MAX_SUGGESTIONS",
    "MAX_UNITS_BY_SAMPLING_UNIT",
    "TEMPLATE_HEADERS",
    "TIME_HEADERS",
    "UNITS_HEADERS",
    "WORKER_ID_HEADERS",
    "WORKER_NAME_HEADERS",
    "Cell",
    "Columns",
    "ImportContext",
    "ImportPlan",
    "IssueCode",
    "KnownWorker",
    "RejectedRow",
    "RowIssue",
    "SheetError",
    "SheetProblem",
    "SheetRow",
    "ValidRow",
    "WorkerDirectory",
    "cell_text",
    "check_sheet",
    "describe_issue",
    "describe_sheet_problem",
    "file_salt",
    "find_columns",
    "header_key",
    "parse_sheet_time",
    "parse_units",
    "sheet_event_ids",
    "sheet_rows",
    "untimed_instant",
]


# ------------------------------------------------------------------------------------------------ columns
def header_key(cell: Cell) -> str:
    return search_key(str(cell or "").replace("_", " ").replace("-", " "))


def find_columns(header: Sequence[Cell]) -> Columns:
    """Which column holds what, from the header row; SheetError when the worker or units column is missing."""
    keys = [header_key(cell) for cell in header]

    def first(names: frozenset[str]) -> int | None:
        return next((index for index, key in enumerate(keys) if key in names), None)

    worker_id, worker_name, units = first(WORKER_ID_HEADERS), first(WORKER_NAME_HEADERS), first(UNITS_HEADERS)
    shown = ", ".join(str(cell) for cell in header if cell not in (None, ""))
    if worker_id is None and worker_name is None:
        raise SheetError(SheetProblem.NO_WORKER_COLUMN, header=shown)
    if units is None:
        raise SheetError(SheetProblem.NO_UNITS_COLUMN, header=shown)
    return Columns(worker_id=worker_id, worker_name=worker_name, units=units, time=first(TIME_HEADERS))


def sheet_rows(table: Sequence[Sequence[Cell]], *, max_rows: int = MAX_SHEET_ROWS) -> list[SheetRow]:
    """The data rows of a table whose first non-blank row is the header; blank rows are skipped (numbers kept)."""
    numbered = [(number, row) for number, row in enumerate(table, start=1) if not _blank(row)]
    if not numbered:
        raise SheetError(SheetProblem.EMPTY)
    (_, header), data = numbered[0], numbered[1:]
    columns = find_columns(header)
    if not data:
        raise SheetError(SheetProblem.EMPTY)
    if len(data) > max_rows:
        raise SheetError(SheetProblem.TOO_MANY_ROWS, rows=len(data), limit=max_rows)

    def cell(row: Sequence[Cell], index: int | None) -> Cell:
        return row[index] if index is not None and index < len(row) else None

    return [
        SheetRow(
            number=number,
            worker_id=cell(row, columns.worker_id),
            worker_name=cell(row, columns.worker_name),
            units=cell(row, columns.units),
            time=cell(row, columns.time),
        )
        for number, row in data
    ]


def _blank(row: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


# ------------------------------------------------------------------------------------------------ workers
class WorkerDirectory:
    """Finds the worker a row means, by worker_id or by name (accents, case and word order ignored)."""

    def __init__(self, workers: Iterable[KnownWorker]) -> None:
        self._workers = list(workers)
        self._by_id = {worker.worker_id.casefold(): worker for worker in self._workers}
        self._by_name: dict[str, list[KnownWorker]] = {}
        self._by_words: dict[str, list[KnownWorker]] = {}
        for worker in self._workers:
            self._by_name.setdefault(search_key(worker.name), []).append(worker)
            self._by_words.setdefault(_word_key(worker.name), []).append(worker)

    def resolve(self, id_text: str, name_text: str) -> tuple[KnownWorker | None, RowIssue | None]:
        if not id_text and not name_text:
            return None, RowIssue(IssueCode.WORKER_MISSING)
        if id_text:
            worker = self._by_id.get(id_text.casefold())
            if worker is None:
                return None, self._unknown(id_text, name_text)
            if name_text and not self._same_name(worker, name_text) and name_text.casefold() != id_text.casefold():
                return None, RowIssue(
                    IssueCode.WORKER_MISMATCH,
                    {"worker_id": worker.worker_id, "expected": worker.name, "given": name_text},
                )
            return worker, None
        return self._by_name_text(name_text)

    def _by_name_text(self, text: str) -> tuple[KnownWorker | None, RowIssue | None]:
        by_id = self._by_id.get(text.casefold())
        if by_id is not None:  # a worker_id typed in the name column
            return by_id, None
        found = self._by_name.get(search_key(text)) or self._by_words.get(_word_key(text)) or []
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            return None, RowIssue(
                IssueCode.WORKER_AMBIGUOUS, {"text": text, "candidates": [worker.label for worker in found]}
            )
        return None, self._unknown(text, "")

    def _same_name(self, worker: KnownWorker, text: str) -> bool:
        return search_key(worker.name) == search_key(text) or _word_key(worker.name) == _word_key(text)

    def _unknown(self, text: str, other: str) -> RowIssue:
        return RowIssue(IssueCode.WORKER_UNKNOWN, {"text": text, "suggestions": self.suggestions(text, other)})

    def suggestions(self, *texts: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Workers the user may have meant, best first: those whose name or id contains the text, then look-alikes."""
        chosen: list[KnownWorker] = []
        for text in (text for text in texts if text and text.strip()):
            for worker in self._workers:
                if matches_query(text, worker.name, worker.worker_id) and worker not in chosen:
                    chosen.append(worker)
            keys = {search_key(worker.name): worker for worker in self._workers}
            keys.update({worker.worker_id.casefold(): worker for worker in self._workers})
            for close in difflib.get_close_matches(search_key(text), list(keys), n=limit, cutoff=0.6):
                if keys[close] not in chosen:
                    chosen.append(keys[close])
        return [worker.label for worker in chosen[:limit]]


def _word_key(text: str) -> str:
    return " ".join(sorted(search_key(text.replace(",", " ")).split()))


# ------------------------------------------------------------------------------------------------ cells
class _Bad(ValueError):
    def __init__(self, issue: RowIssue) -> None:
        self.issue = issue
        super().__init__(issue.code)


def cell_text(cell: Cell) -> str:
    """How a cell reads back to the user in a message."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, time):
        return cell.isoformat(timespec="minutes")
    return str(cell).strip()


_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")


def parse_units(cell: Cell) -> float:
    """A row's units as a number; _Bad names the problem (missing, not a number, or ambiguous like `1,000`)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        raise _Bad(RowIssue(IssueCode.UNITS_MISSING))
    if isinstance(cell, bool | datetime | date | time):
        raise _Bad(RowIssue(IssueCode.UNITS_NOT_NUMBER, {"text": cell_text(cell)}))
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = cell.strip().replace(" ", "").replace("\u00a0", "")
        if _PLAIN_NUMBER.match(text):
            value = float(text)
        elif _THOUSANDS.match(text):
            value = float(text.replace(",", ""))
        elif _DECIMAL_COMMA.match(text):
            if len(text.split(",")[1]) == 3:
                # "1,000": one thousand (English) or one (Spanish)? Guessing wrong would pay someone 1000×.
                raise _Bad(RowIssue(IssueCode.UNITS_AMBIGUOUS, {"text": cell.strip()}))
            value = float(text.replace(",", "."))
        else:
            raise _Bad(RowIssue(IssueCode.UNITS_NOT_NUMBER, {"text": cell.strip()}))
    if not math.isfinite(value):
        raise _Bad(RowIssue(IssueCode.UNITS_NOT_NUMBER, {"text": cell_text(cell)}))
    return round(value, 3) + 0.0


_CLOCK = re.compile(r"^(\d{1,2})(?:[:h.](\d{2}))(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?$", re.IGNORECASE)


def parse_sheet_time(cell: Cell, day: date, timezone: str) -> datetime | None:
    """The instant a row's time means (UTC), or None when the row gives none; _Bad when it cannot be read.

    A bare time of day (`08:30`, `8:30 pm`, an Excel time cell) is on the session's day in the project's timezone;
    a date and time without an offset is local to the project too; one with an offset (or `Z`) is that instant.
    """
    zone = ZoneInfo(timezone)
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, datetime):
        moment = cell if cell.tzinfo is not None else cell.replace(tzinfo=zone)
        return moment.astimezone(UTC)
    if isinstance(cell, time):
        return datetime.combine(day, cell.replace(tzinfo=None), tzinfo=zone).astimezone(UTC)
    if isinstance(cell, float | int) and not isinstance(cell, bool) and 0 <= cell < 1:
        # A spreadsheet time stored as a fraction of a day (0.5 = noon).
        seconds = round(float(cell) * 86_400)
        clock = time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
        return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)
    text = str(cell).strip()
    match = _CLOCK.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if match[4]:
            if not 1 <= hour <= 12:
                raise _Bad(RowIssue(IssueCode.TIME_UNREADABLE, {"text": text}))
            hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
        if hour > 23 or minute > 59 or second > 59:
            raise _Bad(RowIssue(IssueCode.TIME_UNREADABLE, {"text": text}))
        return datetime.combine(day, time(hour, minute, second), tzinfo=zone).astimezone(UTC)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _Bad(RowIssue(IssueCode.TIME_UNREADABLE, {"text": text})) from None
    if len(text) <= 10:  # a date alone says nothing about the time of day
        raise _Bad(RowIssue(IssueCode.TIME_UNREADABLE, {"text": text}))
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


# ------------------------------------------------------------------------------------------------ ids
def sheet_event_ids(
    *,
    project_id: str,
    sector_id: str,
    day: date,
    worker_id: str,
    units: float,
    moment: datetime | None,
    salt: str = "",
) -> tuple[str, str]:
    """(clientEventId, idempotencyKey) of an imported row: the same row of the same sector-day always gets the same."""
    material = "|".join(
        (
            ID_SCHEME,
            project_id,
            sector_id,
            day.isoformat(),
            worker_id.upper(),
            f"{units:.3f}",
            "-" if moment is None else utc_text(moment),
            salt,
        )
    )
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
    return CLIENT_EVENT_PREFIX + digest[:32], "hydrodesk-sheet-" + digest[32:64]


def file_salt(content: bytes) -> str:
    """A sheet's fingerprint, for ids that keep a second sheet apart from an identical-looking first."""
    return hashlib.sha256(content).hexdigest()[:16]


# ------------------------------------------------------------------------------------------------ checking
def check_sheet(rows: Sequence[SheetRow], context: ImportContext) -> ImportPlan:
    """Every row checked; the valid ones with their ids, the rest with every reason they were refused."""
    directory = WorkerDirectory(context.workers)
    valid: list[ValidRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[tuple[str, float, str], int] = {}
    limit = context.units_limit
    for row in rows:
        issues: list[RowIssue] = []
        id_text, name_text = cell_text(row.worker_id), cell_text(row.worker_name)
        worker, worker_issue = directory.resolve(id_text, name_text)
        if worker_issue is not None:
            issues.append(worker_issue)
        units: float | None = None
        try:
            units = parse_units(row.units)
        except _Bad as bad:
            issues.append(bad.issue)
        if units is not None:
            if units < 0:
                issues.append(RowIssue(IssueCode.UNITS_NEGATIVE, {"units": units}))
            elif units == 0:
                issues.append(RowIssue(IssueCode.UNITS_ZERO))
            elif units > limit:
                issues.append(
                    RowIssue(IssueCode.UNITS_TOO_LARGE, {"units": units, "limit": limit, "unit": context.sampling_unit})
                )
        moment: datetime | None = None
        try:
            moment = parse_sheet_time(row.time, context.day, context.timezone)
        except _Bad as bad:
            issues.append(bad.issue)
        if moment is not None:
            local = moment.astimezone(ZoneInfo(context.timezone))
            if local.date() != context.day:
                issues.append(
                    RowIssue(
                        IssueCode.TIME_OUTSIDE_DAY,
                        {"time": local.strftime("%Y-%m-%d %H:%M"), "day": context.day.isoformat()},
                    )
                )
        if not issues and worker is not None and units is not None:
            key = (worker.worker_id, units, "-" if moment is None else utc_text(moment))
            if key in seen:
                issues.append(RowIssue(IssueCode.DUPLICATE_ROW, {"other_row": seen[key]}))
            else:
                seen[key] = row.number
        if issues or worker is None or units is None:
            rejected.append(
                RejectedRow(
                    number=row.number,
                    worker_text=id_text or name_text,
                    units_text=cell_text(row.units),
                    time_text=cell_text(row.time),
                    issues=tuple(issues),
                )
            )
            continue
        event_id, idempotency_key = sheet_event_ids(
            project_id=context.project_id,
            sector_id=context.sector_id,
            day=context.day,
            worker_id=worker.worker_id,
            units=units,
            moment=moment,
            salt=context.sheet_salt,
        )
        valid.append(
            ValidRow(
                number=row.number,
                worker_id=worker.worker_id,
                worker_name=worker.name,
                units=units,
                recorded_at=moment or context.untimed_at.astimezone(UTC),
                time_given=moment is not None,
                client_event_id=event_id,
                idempotency_key=idempotency_key,
            )
        )
    return ImportPlan(valid=tuple(valid), rejected=tuple(rejected))


def untimed_instant(now: datetime, day: date, timezone: str, opened_at: datetime) -> datetime:
    """When to stamp rows that give no time: now if now is on the session's day, else the day's last minute
    (but never before the session opened)."""
    zone = ZoneInfo(timezone)
    if now.astimezone(zone).date() == day:
        return now.astimezone(UTC)
    end_of_day = datetime.combine(day, time(23, 59), tzinfo=zone).astimezone(UTC)
    start = opened_at.astimezone(UTC)
    return max(min(end_of_day, now.astimezone(UTC)), start)
