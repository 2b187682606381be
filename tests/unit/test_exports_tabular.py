from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from hydrodesk.exports.tabular import write_table

HEADERS = ["Worker", "Worker ID", "Units", "Pay"]
ROWS = [
    ["José Núñez", "JN0315", 42, 231.0],
    ['=HYPERLINK("http://x")', "AA0101", -3, -16.5],
]


def test_csv_keeps_accents_and_negative_numbers_and_defuses_formulas(tmp_path: Path) -> None:
    target = tmp_path / "payroll.csv"
    assert write_table(target, HEADERS, ROWS) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet programs need the BOM to read UTF-8
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == HEADERS
    assert rows[1] == ["José Núñez", "JN0315", "42", "231.0"]
    assert rows[2][0].startswith("'=")
    assert rows[2][2] == "-3"


def test_xlsx_keeps_numbers_numeric_and_text_as_text(tmp_path: Path) -> None:
    target = tmp_path / "payroll.xlsx"
    stamp = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)
    assert write_table(target, [*HEADERS, "When"], [[*row, stamp] for row in ROWS], sheet="Day: 2025/10/19") == 2
    sheet = load_workbook(target).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [*HEADERS, "When"]
    assert values[1][:4] == ["José Núñez", "JN0315", 42, 231.0]
    assert values[2][0].startswith("'=")
    assert values[2][2] == -3
    assert values[1][4] == datetime(2025, 10, 19, 14, 30)
    assert sheet.title == "Day_ 2025_10_19"
    assert sheet["A1"].font.bold
