"""Write a table to CSV or XLSX, chosen by the file's suffix.

CSV is UTF-8 with a byte-order mark so spreadsheet programs read accented names correctly. XLSX keeps numbers as
numbers (a payroll column must add up in Excel), puts the header in bold, freezes it, and sizes the columns.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

Cell = str | int | float | date | datetime | None
XLSX_SUFFIXES = frozenset({".xlsx"})
_MAX_COLUMN_WIDTH = 60


def is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet: str = "Data") -> int:
    """Write `headers` and `rows` to `path` (XLSX for .xlsx, CSV otherwise); returns the number of rows written."""
    if is_xlsx(path):
        return _write_xlsx(path, headers, rows, sheet)
    return _write_csv(path, headers, rows)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if cell is None else _neutralised(cell) for cell in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], sheet: str) -> int:
    # Imported here: openpyxl takes ~0.2 s to import and most sessions never export.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=_sheet_title(sheet))
    widths = [len(str(header)) for header in headers]
    materialised = [list(row) for row in rows]
    for row in materialised:
        for index, cell in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], len(_shown(cell)))
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _MAX_COLUMN_WIDTH)
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(worksheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    worksheet.append(header_cells)
    for row in materialised:
        worksheet.append([_xlsx_value(cell) for cell in row])
    workbook.save(path)
    return len(materialised)


def _xlsx_value(cell: Cell) -> Cell:
    if isinstance(cell, datetime) and cell.tzinfo is not None:
        # Excel has no time zones: write the wall-clock time the user saw.
        return cell.replace(tzinfo=None)
    return _neutralised(cell)


def _neutralised(cell: Cell) -> Cell:
    """Text that a spreadsheet would run as a formula (a name or note typed as "=HYPERLINK(...)") stays text."""
    if isinstance(cell, str) and cell[:1] in ("=", "@", "+", "-") and not _is_number(cell):
        return "'" + cell
    return cell


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def _shown(cell: Cell) -> str:
    return "" if cell is None else str(cell)


def _sheet_title(name: str) -> str:
    cleaned = "".join("_" if char in "[]:*?/\\" else char for char in name).strip() or "Data"
    return cleaned[:31]
