"""The import preview's tables (rows ready to record, rows refused and why) and the wording of every refusal.

Thin adapters over hydrodesk.domain.tally_import's ValidRow and RejectedRow; the domain names each problem with a
code and its figures, and `issue_text` says it in the user's language.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QObject

from hydrodesk.domain.tally_import import IssueCode, RejectedRow, RowIssue, SheetProblem, ValidRow
from hydrodesk.ui.formats import number_text, time_text
from hydrodesk.ui.models.rows import Column, RowsTableModel

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def _or(names: list[str]) -> str:
    return translate("TallyImport", " or ").join(names)


def issue_text(issue: RowIssue) -> str:
    """One refusal in plain words, saying what to change."""
    p = issue.params
    match issue.code:
        case IssueCode.WORKER_MISSING:
            return translate("TallyImport", "No worker: give a worker_id or the worker's name.")
        case IssueCode.WORKER_UNKNOWN:
            if p.get("suggestions"):
                return translate("TallyImport", "No worker “{text}” on the roster. Did you mean {names}?").format(
                    text=p["text"], names=_or(list(p["suggestions"]))
                )
            return translate(
                "TallyImport", "No worker “{text}” on the roster; check the spelling or add the worker."
            ).format(text=p["text"])
        case IssueCode.WORKER_AMBIGUOUS:
            return translate("TallyImport", "“{text}” could be {names}: write the worker_id instead.").format(
                text=p["text"], names=_or(list(p["candidates"]))
            )
        case IssueCode.WORKER_MISMATCH:
            return translate("TallyImport", "{worker_id} is {expected}, not {given}: check which one is meant.").format(
                worker_id=p["worker_id"], expected=p["expected"], given=p["given"]
            )
        case IssueCode.UNITS_MISSING:
            return translate("TallyImport", "No units given.")
        case IssueCode.UNITS_NOT_NUMBER:
            return translate("TallyImport", "Units “{text}” is not a number.").format(text=p["text"])
        case IssueCode.UNITS_AMBIGUOUS:
            return translate(
                "TallyImport", "Units “{text}” can be read two ways: write the number without a thousands separator."
            ).format(text=p["text"])
        case IssueCode.UNITS_NEGATIVE:
            return translate(
                "TallyImport", "Units cannot be negative ({units}); void the entry in the tally instead."
            ).format(units=number_text(p["units"]))
        case IssueCode.UNITS_ZERO:
            return translate("TallyImport", "0 units: nothing to record. Leave the row out.")
        case IssueCode.UNITS_TOO_LARGE:
            return translate(
                "TallyImport", "{units} {unit} in one row is more than the {limit} that is plausible."
            ).format(units=number_text(p["units"]), unit=p["unit"], limit=number_text(p["limit"]))
        case IssueCode.TIME_UNREADABLE:
            return translate("TallyImport", "Time “{text}” cannot be read: write it like 14:30 or 2:30 pm.").format(
                text=p["text"]
            )
        case IssueCode.TIME_OUTSIDE_DAY:
            return translate("TallyImport", "Time {time} is not on the session's day ({day}).").format(
                time=p["time"], day=p["day"]
            )
        case IssueCode.DUPLICATE_ROW:
            return translate(
                "TallyImport",
                "Repeats row {row} (same worker, units and time). If it is a second delivery, give it its own time.",
            ).format(row=p["other_row"])
    return str(issue.code)


def sheet_problem_text(problem: SheetProblem, params: dict[str, object]) -> str:
    match problem:
        case SheetProblem.EMPTY:
            return translate("TallyImport", "The sheet has no rows to import.")
        case SheetProblem.NO_WORKER_COLUMN:
            return translate(
                "TallyImport",
                "No worker column was found. The first row should name the columns, such as worker_id, units "
                "and time (it reads: {header}). Download the template to see the layout.",
            ).format(header=params.get("header") or "—")
        case SheetProblem.NO_UNITS_COLUMN:
            return translate(
                "TallyImport",
                "No units column was found. The first row should name the columns, such as worker_id, units "
                "and time (it reads: {header}). Download the template to see the layout.",
            ).format(header=params.get("header") or "—")
        case SheetProblem.TOO_MANY_ROWS:
            return translate(
                "TallyImport", "The sheet has {rows} rows; split it into sheets of at most {limit}."
            ).format(rows=params.get("rows"), limit=params.get("limit"))
    return str(problem)


class ValidRowsModel(RowsTableModel):
    """Rows ready to record (or already recorded): row number, worker, units, time in the project's timezone."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: str(row.number), parent=parent)
        self._zone: ZoneInfo | None = None
        self.columns = [
            Column(self.tr("Row"), lambda row: str(row.number), sort=lambda row: row.number, numeric=True),
            Column(self.tr("Worker"), lambda row: row.worker_name),
            Column(self.tr("Worker ID"), lambda row: row.worker_id),
            Column(self.tr("Units"), lambda row: number_text(row.units), sort=lambda row: row.units, numeric=True),
            Column(self.tr("Time"), self._time_text, sort=lambda row: row.recorded_at.timestamp()),
        ]

    def set_timezone(self, zone: ZoneInfo | None) -> None:
        self._zone = zone

    def _time_text(self, row: ValidRow) -> str:
        if not row.time_given:
            return self.tr("now (no time given)")
        return time_text(row.recorded_at, self._zone)


class RejectedRowsModel(RowsTableModel):
    """Rows refused: what the row says, and every reason it cannot be imported."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(key=lambda row: str(row.number), parent=parent)
        self.columns = [
            Column(self.tr("Row"), lambda row: str(row.number), sort=lambda row: row.number, numeric=True),
            Column(self.tr("Worker"), lambda row: row.worker_text),
            Column(self.tr("Units"), lambda row: row.units_text),
            Column(self.tr("Time"), lambda row: row.time_text),
            Column(self.tr("Problem"), self.problem_text, tooltip=self.problem_text),
        ]

    @staticmethod
    def problem_text(row: RejectedRow) -> str:
        return " ".join(issue_text(issue) for issue in row.issues)
