"""Paper tally sheets as files: read a CSV or XLSX sheet into rows to check, and write the blank template.

Reading is forgiving about the file (UTF-8 with or without a byte-order mark, or the Windows-1252 text Excel
writes on many Latin-American computers; comma, semicolon or tab separators; the first worksheet of a workbook),
and strict about nothing: every row goes to hydrodesk.domain.tally_import, which checks what it says.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from hydrodesk.domain.tally_import import TEMPLATE_HEADERS, Cell, SheetRow, file_salt, sheet_rows
from hydrodesk.exports.tabular import is_xlsx, write_table

MAX_FILE_BYTES = 20 * 1024 * 1024
SHEET_SUFFIXES = (".csv", ".txt", ".xlsx")


class ReadProblem(StrEnum):
    MISSING = "missing"
    TOO_LARGE = "too_large"
    NOT_A_WORKBOOK = "not_a_workbook"
    NOT_TEXT = "not_text"
    UNSUPPORTED = "unsupported"


class SheetReadError(ValueError):
    """The file cannot be read as a tally sheet at all; `problem` says why, `detail` is for the log."""

    def __init__(self, problem: ReadProblem, path: Path, detail: str = "") -> None:
        self.problem = problem
        self.path = path
        self.detail = detail
        super().__init__(f"{path.name}: {problem.value} {detail}".strip())


@dataclass(frozen=True)
class LoadedSheet:
    path: Path
    rows: list[SheetRow]
    fingerprint: str  # of the file's bytes (see tally_import: used only for "this is another sheet")


def load_tally_sheet(path: Path) -> LoadedSheet:
    """Read and split a sheet into data rows; SheetReadError for an unreadable file, SheetError for a bad layout.

    Blocking file I/O: call it off the GUI thread.
    """
    content = _read_bytes(path)
    table = read_xlsx(content, path) if is_xlsx(path) else read_csv(content, path)
    return LoadedSheet(path=path, rows=sheet_rows(table), fingerprint=file_salt(content))


def _read_bytes(path: Path) -> bytes:
    if path.suffix.lower() not in SHEET_SUFFIXES:
        raise SheetReadError(ReadProblem.UNSUPPORTED, path, path.suffix)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SheetReadError(ReadProblem.TOO_LARGE, path, f"{size} bytes")
        return path.read_bytes()
    except FileNotFoundError:
        raise SheetReadError(ReadProblem.MISSING, path) from None
    except OSError as error:
        raise SheetReadError(ReadProblem.MISSING, path, error.strerror or str(error)) from None


def read_csv(content: bytes, path: Path) -> list[list[Cell]]:
    text = _decode(content, path)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]


def _decode(content: bytes, path: Path) -> str:
    if b"\x00" in content[:4096]:
        raise SheetReadError(ReadProblem.NOT_TEXT, path, "binary content")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's "CSV" on a Spanish-language Windows writes the ANSI code page, where é and ñ are single bytes.
        return content.decode("cp1252", errors="replace")


def read_xlsx(content: bytes, path: Path) -> list[list[Cell]]:
    # Imported here: openpyxl takes a moment to import and most imports are CSV.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, XML errors... for a file that is not XLSX
        raise SheetReadError(ReadProblem.NOT_A_WORKBOOK, path, type(error).__name__) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def write_template(path: Path) -> int:
    """The blank sheet to fill in: the column names the importer reads, and no rows (nothing to import by mistake).

    The XLSX version formats the time column as text, so "08:30" stays as typed.
    """
    if not is_xlsx(path):
        return write_table(path, TEMPLATE_HEADERS, [])
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tally"
    sheet.append(list(TEMPLATE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (14, 28, 10, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in range(2, 1002):
        sheet.cell(row=row, column=4).number_format = "@"
    sheet.freeze_panes = "A2"
    workbook.save(path)
    return 0
