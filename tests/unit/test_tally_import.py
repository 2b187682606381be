"""Paper tally sheets: columns found by name, every row checked with a reason, ids that survive a re-import."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from hydrodesk.domain.tally_import import (
    ImportContext,
    IssueCode,
    KnownWorker,
    SheetError,
    SheetProblem,
    SheetRow,
    check_sheet,
    parse_sheet_time,
    sheet_rows,
    untimed_instant,
)
from hydrodesk.exports.tally_sheet import ReadProblem, SheetReadError, load_tally_sheet, write_template

MEXICO = "America/Mexico_City"  # UTC-6
DAY = date(2025, 10, 19)
WORKERS = [
    KnownWorker("JS0315", "John Smith"),
    KnownWorker("JN0402", "José Núñez"),
    KnownWorker("ML0101", "María López"),
    KnownWorker("ML0707", "María López"),  # a namesake: her name alone is not enough
    KnownWorker("AP0620", "Ana Pérez"),
]


def context(**changes: object) -> ImportContext:
    values: dict[str, object] = {
        "session_id": "6507f1e3c9d8e2a4b1f9c3d5",
        "project_id": "proj_123",
        "sector_id": "sector_001",
        "day": DAY,
        "timezone": MEXICO,
        "workers": WORKERS,
        "untimed_at": datetime(2025, 10, 19, 22, 0, tzinfo=UTC),
        "sampling_unit": "box",
    }
    values.update(changes)
    return ImportContext(**values)  # type: ignore[arg-type]


def row(number: int, worker_id: object = None, units: object = None, time_: object = None, name: object = None):
    return SheetRow(number=number, worker_id=worker_id, worker_name=name, units=units, time=time_)


def only_issue(plan, number: int) -> IssueCode:
    (rejected,) = [r for r in plan.rejected if r.number == number]
    assert len(rejected.issues) == 1, rejected.issues
    return rejected.issues[0].code


# ------------------------------------------------------------------------------------------------ columns
def test_columns_are_found_by_english_or_spanish_names_in_any_order() -> None:
    rows = sheet_rows([["Hora", "Unidades", "Trabajador"], ["08:30", "5", "José Núñez"]])
    assert rows == [SheetRow(number=2, worker_name="José Núñez", units="5", time="08:30")]


def test_blank_rows_are_skipped_but_row_numbers_stay_the_spreadsheets() -> None:
    rows = sheet_rows([[None, None], ["worker_id", "units"], ["", ""], ["JS0315", 4]])
    assert [r.number for r in rows] == [4]


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ([], SheetProblem.EMPTY),
        ([["worker_id", "units"]], SheetProblem.EMPTY),
        ([["name", "boxes"], ["x", 1]], SheetProblem.NO_UNITS_COLUMN),
        ([["units", "time"], [1, "08:00"]], SheetProblem.NO_WORKER_COLUMN),
    ],
)
def test_a_sheet_without_the_needed_columns_is_refused_whole(table, problem) -> None:
    with pytest.raises(SheetError) as raised:
        sheet_rows(table)
    assert raised.value.problem is problem


def test_a_huge_sheet_is_refused_with_the_limit_named() -> None:
    table = [["worker_id", "units"], *[["JS0315", 1]] * 11]
    with pytest.raises(SheetError, match="at most 10"):
        sheet_rows(table, max_rows=10)


# ------------------------------------------------------------------------------------------------ rows
def test_valid_rows_get_worker_units_and_the_local_time_as_utc() -> None:
    plan = check_sheet(
        [row(2, "js0315", "5", "08:30"), row(3, name="jose nunez", units=2.5, time_=time(14, 5))], context()
    )
    assert not plan.rejected
    first, second = plan.valid
    assert (first.worker_id, first.worker_name, first.units) == ("JS0315", "John Smith", 5.0)
    assert first.recorded_at == datetime(2025, 10, 19, 14, 30, tzinfo=UTC)
    assert second.worker_id == "JN0402"
    assert second.recorded_at == datetime(2025, 10, 19, 20, 5, tzinfo=UTC)
    assert plan.total_units == 7.5
    assert plan.workers == 2


def test_a_row_without_time_is_stamped_with_the_given_instant() -> None:
    plan = check_sheet([row(2, "AP0620", 3)], context())
    assert plan.valid[0].recorded_at == datetime(2025, 10, 19, 22, 0, tzinfo=UTC)
    assert plan.valid[0].time_given is False


def test_names_match_in_any_word_order_and_a_worker_id_in_the_name_column_works() -> None:
    plan = check_sheet([row(2, name="Smith, John", units=1), row(3, name="ap0620", units=1)], context())
    assert [v.worker_id for v in plan.valid] == ["JS0315", "AP0620"]


def test_an_unknown_worker_is_refused_with_suggestions() -> None:
    plan = check_sheet([row(2, "JS0316", 1), row(3, name="nunez", units=1)], context())
    by_number = {r.number: r for r in plan.rejected}
    assert by_number[2].issues[0].code is IssueCode.WORKER_UNKNOWN
    assert "John Smith (JS0315)" in by_number[2].issues[0].params["suggestions"]
    assert by_number[3].issues[0].params["suggestions"][0] == "José Núñez (JN0402)"
    assert "Row 3:" in by_number[3].message
    assert "Did you mean José Núñez (JN0402)" in by_number[3].message


def test_a_name_two_workers_share_asks_for_the_worker_id() -> None:
    plan = check_sheet([row(2, name="maria lopez", units=1)], context())
    issue = plan.rejected[0].issues[0]
    assert issue.code is IssueCode.WORKER_AMBIGUOUS
    assert issue.params["candidates"] == ["María López (ML0101)", "María López (ML0707)"]


def test_a_worker_id_whose_name_disagrees_with_the_name_column_is_refused() -> None:
    plan = check_sheet([row(2, "JS0315", 1, name="Ana Pérez"), row(3, "JS0315", 2, name="john SMITH")], context())
    assert only_issue(plan, 2) is IssueCode.WORKER_MISMATCH
    assert [v.number for v in plan.valid] == [3]


@pytest.mark.parametrize(
    ("units", "code"),
    [
        (None, IssueCode.UNITS_MISSING),
        ("  ", IssueCode.UNITS_MISSING),
        ("five", IssueCode.UNITS_NOT_NUMBER),
        (True, IssueCode.UNITS_NOT_NUMBER),
        ("nan", IssueCode.UNITS_NOT_NUMBER),
        (float("inf"), IssueCode.UNITS_NOT_NUMBER),
        ("1,000", IssueCode.UNITS_AMBIGUOUS),
        (-2, IssueCode.UNITS_NEGATIVE),
        ("0", IssueCode.UNITS_ZERO),
        (1500, IssueCode.UNITS_TOO_LARGE),
    ],
)
def test_units_that_are_not_a_plausible_count_are_refused(units, code) -> None:
    assert only_issue(check_sheet([row(2, "JS0315", units)], context()), 2) is code


@pytest.mark.parametrize(("text", "value"), [("12,5", 12.5), ("1,234.5", 1234.5), (" 7 ", 7.0), ("3.25", 3.25)])
def test_decimal_commas_and_thousands_separators_are_read(text, value) -> None:
    assert check_sheet([row(2, "JS0315", text)], context(max_units=5000)).valid[0].units == value


def test_the_plausible_limit_follows_the_sampling_unit() -> None:
    assert check_sheet([row(2, "JS0315", 1500)], context(sampling_unit="kg")).valid[0].units == 1500


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("8:30 pm", datetime(2025, 10, 20, 2, 30, tzinfo=UTC)),
        ("12:15 am", datetime(2025, 10, 19, 6, 15, tzinfo=UTC)),
        ("07h05", datetime(2025, 10, 19, 13, 5, tzinfo=UTC)),
        (0.5, datetime(2025, 10, 19, 18, 0, tzinfo=UTC)),  # a spreadsheet's fraction of a day
        ("2025-10-19 09:00", datetime(2025, 10, 19, 15, 0, tzinfo=UTC)),
        ("2025-10-19T15:00:00Z", datetime(2025, 10, 19, 15, 0, tzinfo=UTC)),
        (datetime(2025, 10, 19, 9, 0), datetime(2025, 10, 19, 15, 0, tzinfo=UTC)),
        ("", None),
    ],
)
def test_times_are_read_in_the_projects_timezone(cell, expected) -> None:
    assert parse_sheet_time(cell, DAY, MEXICO) == expected


@pytest.mark.parametrize("cell", ["25:00", "13:00 pm", "soon", "2025-10-19", "8"])
def test_unreadable_times_are_refused(cell) -> None:
    assert only_issue(check_sheet([row(2, "JS0315", 1, cell)], context()), 2) is IssueCode.TIME_UNREADABLE


def test_a_time_on_another_day_is_refused_naming_both_days() -> None:
    plan = check_sheet([row(2, "JS0315", 1, "2025-10-20 07:00")], context())
    issue = plan.rejected[0].issues[0]
    assert issue.code is IssueCode.TIME_OUTSIDE_DAY
    assert issue.params == {"time": "2025-10-20 07:00", "day": "2025-10-19"}


def test_a_repeated_row_is_refused_naming_the_first() -> None:
    plan = check_sheet(
        [row(2, "JS0315", 3, "08:00"), row(3, "js0315", "3", "8:00"), row(4, "JS0315", 3, "09:00")], context()
    )
    assert [v.number for v in plan.valid] == [2, 4]
    assert plan.rejected[0].issues[0].params == {"other_row": 2}


def test_every_problem_of_a_row_is_reported_together() -> None:
    plan = check_sheet([row(2, "XX9999", "-1", "later")], context())
    codes = {issue.code for issue in plan.rejected[0].issues}
    assert codes == {IssueCode.WORKER_UNKNOWN, IssueCode.UNITS_NEGATIVE, IssueCode.TIME_UNREADABLE}


# ------------------------------------------------------------------------------------------------ ids
def test_the_same_rows_get_the_same_ids_whatever_the_order_or_the_session_id() -> None:
    rows = [row(2, "JS0315", 3, "08:00"), row(3, "AP0620", 1)]
    first = check_sheet(rows, context())
    again = check_sheet(list(reversed(rows)), context(session_id="local-abc", untimed_at=datetime.now(UTC)))
    assert {v.client_event_id for v in first.valid} == {v.client_event_id for v in again.valid}
    assert {v.idempotency_key for v in first.valid} == {v.idempotency_key for v in again.valid}
    assert all(v.client_event_id.startswith("evt_") and len(v.client_event_id) == 36 for v in first.valid)


def test_ids_differ_by_sector_day_worker_units_time_and_sheet_salt() -> None:
    base = check_sheet([row(2, "JS0315", 3, "08:00")], context()).valid[0].client_event_id
    variants = [
        check_sheet([row(2, "JS0315", 3, "08:00")], context(sector_id="sector_002")),
        check_sheet([row(2, "JS0315", 3, "08:00")], context(sheet_salt="another")),
        check_sheet([row(2, "JS0315", 4, "08:00")], context()),
        check_sheet([row(2, "JS0315", 3, "08:01")], context()),
        check_sheet([row(2, "AP0620", 3, "08:00")], context()),
    ]
    ids = {plan.valid[0].client_event_id for plan in variants}
    assert base not in ids
    assert len(ids) == len(variants)


def test_rows_the_session_already_holds_are_set_apart() -> None:
    plan = check_sheet([row(2, "JS0315", 3, "08:00"), row(3, "AP0620", 1)], context())
    known = {plan.valid[0].client_event_id, "evt_other"}
    split = plan.without_known(known)
    assert [v.number for v in split.valid] == [3]
    assert [v.number for v in split.already_imported] == [2]


def test_untimed_rows_are_stamped_within_the_sessions_day() -> None:
    opened = datetime(2025, 10, 19, 13, 0, tzinfo=UTC)
    same_day = datetime(2025, 10, 19, 20, 0, tzinfo=UTC)
    assert untimed_instant(same_day, DAY, MEXICO, opened) == same_day
    next_day = datetime(2025, 10, 21, 12, 0, tzinfo=UTC)
    assert untimed_instant(next_day, DAY, MEXICO, opened) == datetime(2025, 10, 20, 5, 59, tzinfo=UTC)


# ------------------------------------------------------------------------------------------------ files
def test_a_semicolon_csv_in_windows_1252_is_read(tmp_path: Path) -> None:
    path = tmp_path / "hoja.csv"
    path.write_bytes("nombre;unidades;hora\r\nJosé Núñez;4;07:15\r\n".encode("cp1252"))
    loaded = load_tally_sheet(path)
    assert loaded.rows == [SheetRow(number=2, worker_name="José Núñez", units="4", time="07:15")]
    assert check_sheet(loaded.rows, context()).valid[0].worker_id == "JN0402"


def test_an_xlsx_sheet_keeps_numbers_and_times_as_cells(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["worker_id", "units", "time"])
    sheet.append(["JS0315", 6, time(9, 45)])
    workbook.save(path)
    loaded = load_tally_sheet(path)
    assert loaded.rows[0].units == 6
    assert loaded.rows[0].time == time(9, 45)
    assert check_sheet(loaded.rows, context()).valid[0].recorded_at == datetime(2025, 10, 19, 15, 45, tzinfo=UTC)


def test_a_resaved_file_keeps_its_row_ids_but_not_its_fingerprint(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("worker_id,units,time\nJS0315,3,08:00\n", encoding="utf-8")
    second.write_text("worker_id,units,time\r\nJS0315,3.0,8:00\r\n", encoding="utf-8-sig")
    a, b = load_tally_sheet(first), load_tally_sheet(second)
    assert a.fingerprint != b.fingerprint
    ids = [check_sheet(s.rows, context()).valid[0].client_event_id for s in (a, b)]
    assert ids[0] == ids[1]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("sheet.xlsx", b"not a zip", ReadProblem.NOT_A_WORKBOOK),
        ("sheet.csv", b"\x00\x01binary", ReadProblem.NOT_TEXT),
        ("sheet.pdf", b"%PDF", ReadProblem.UNSUPPORTED),
    ],
)
def test_files_that_are_not_sheets_are_refused_plainly(tmp_path: Path, name, content, problem) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SheetReadError) as raised:
        load_tally_sheet(path)
    assert raised.value.problem is problem


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SheetReadError) as raised:
        load_tally_sheet(tmp_path / "gone.csv")
    assert raised.value.problem is ReadProblem.MISSING


@pytest.mark.parametrize("name", ["template.csv", "template.xlsx"])
def test_the_template_has_the_columns_the_importer_reads_and_no_rows(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_template(path)
    if name.endswith(".csv"):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            table = list(csv.reader(stream))
    else:
        table = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
    assert table[0] == ["worker_id", "worker_name", "units", "time"]
    with pytest.raises(SheetError) as raised:
        load_tally_sheet(path)
    assert raised.value.problem is SheetProblem.EMPTY
    # Filled in, it imports.
    if name.endswith(".csv"):
        path.write_text(path.read_text(encoding="utf-8-sig") + "JS0315,John Smith,2,07:30\n", encoding="utf-8")
        assert check_sheet(load_tally_sheet(path).rows, context()).valid[0].units == 2
