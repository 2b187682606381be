"""Payroll files: a session's or a project day's pay lines written as CSV or XLSX, with a totals row.

The column titles come from the caller (the UI translates them); the figures come from
hydrodesk.domain.day_report, so the file, the screen and the printed report add up the same way. In XLSX every
figure is a number, so the payroll office can sum and filter it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hydrodesk.domain.day_report import PayLine, pay_totals
from hydrodesk.exports.tabular import Cell, write_table


@dataclass(frozen=True)
class PayrollHeaders:
    """Column titles (and the totals row's label) in the user's language."""

    worker: str = "Worker"
    worker_id: str = "Worker ID"
    unit: str = "Unit"
    units: str = "Units"
    base_pay: str = "Base pay"
    bonus: str = "Bonus"
    pay: str = "Pay"
    pending_units: str = "Pending units"
    sectors: str = "Sectors"
    total: str = "TOTAL"


def payroll_table(
    lines: Sequence[PayLine], headers: PayrollHeaders | None = None, *, with_sectors: bool = False
) -> tuple[list[str], list[list[Cell]]]:
    """The header and rows a payroll file holds: one row per line, then the totals row."""
    headers = headers or PayrollHeaders()
    titles = [
        headers.worker,
        headers.worker_id,
        headers.unit,
        headers.units,
        headers.base_pay,
        headers.bonus,
        headers.pay,
        headers.pending_units,
    ]
    if with_sectors:
        titles.append(headers.sectors)
    rows: list[list[Cell]] = []
    for line in lines:
        row: list[Cell] = [
            line.worker_name,
            line.worker_id,
            line.sampling_unit,
            line.units,
            line.base_pay,
            line.bonus,
            line.pay,
            line.pending_units,
        ]
        if with_sectors:
            row.append(", ".join(line.sectors))
        rows.append(row)
    totals = pay_totals(lines)
    total_row: list[Cell] = [
        headers.total,
        "",
        totals.sampling_unit or "",
        totals.units,  # left empty when the lines mix boxes and kilograms
        totals.base_pay,
        totals.bonus,
        totals.pay,
        totals.pending_units,
    ]
    if with_sectors:
        total_row.append("")
    rows.append(total_row)
    return titles, rows


def write_payroll(
    path: Path,
    lines: Sequence[PayLine],
    headers: PayrollHeaders | None = None,
    *,
    with_sectors: bool = False,
    sheet: str = "Payroll",
) -> int:
    """Write the payroll to `path` (XLSX for .xlsx, else CSV); returns the number of worker lines written."""
    titles, rows = payroll_table(lines, headers, with_sectors=with_sectors)
    write_table(path, titles, rows, sheet=sheet)
    return len(lines)
