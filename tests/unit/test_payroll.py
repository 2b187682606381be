"""Payroll files: pay per worker from each session's own terms, a day summed across sessions, totals that add up."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from hydrodesk.domain.day_report import SessionTerms, day_pay_lines, pay_totals, session_pay_lines
from hydrodesk.domain.sessions import Bonus
from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.exports.payroll import PayrollHeaders, payroll_table, write_payroll


def terms(sector: str = "Lote A-1", unit: str = "box", price: float = 5.5, bonus: Bonus | None = None) -> SessionTerms:
    return SessionTerms(
        session_id=f"s-{sector}",
        project_id="proj_123",
        sector_id=sector,
        sector_name=sector,
        day=date(2025, 10, 19),
        timezone="America/Mexico_City",
        status="open",
        owner_auth0_id="user_123456789",
        sampling_unit=unit,
        price_per_unit=price,
        bonus=bonus,
        opened_at=None,
        closed_at=None,
    )


def tally(worker_id: str, name: str, confirmed: float, pending: float = 0.0, records: int = 1) -> WorkerTally:
    return WorkerTally(worker_id, name, confirmed, pending, 0.0, records, 1 if pending else 0)


def test_session_lines_pay_units_times_price_plus_the_percent_bonus() -> None:
    lines = session_pay_lines(
        [tally("JS0315", "John Smith", 10, pending=2), tally("AP0620", "Ana Pérez", 0)],
        terms(bonus=Bonus("percent", 10)),
    )
    smith, perez = lines
    assert (smith.units, smith.pending_units, smith.base_pay, smith.bonus, smith.pay) == (12, 2, 66.0, 6.6, 72.6)
    assert (perez.units, perez.pay) == (0, 0)
    totals = pay_totals(lines)
    assert (totals.workers, totals.units, totals.pay, totals.bonus, totals.pending_units) == (1, 12, 72.6, 6.6, 2)


def test_a_day_sums_each_workers_sessions_at_each_sessions_own_price() -> None:
    morning = terms("Lote A-1", price=5.0, bonus=Bonus("flat", 20))
    afternoon = terms("Lote B-2", price=6.0)
    lines = day_pay_lines(
        [
            (morning, [tally("JS0315", "John Smith", 10), tally("AP0620", "Ana Pérez", 4)]),
            (afternoon, [tally("JS0315", "John Smith", 5)]),
        ]
    )
    assert [line.worker_name for line in lines] == ["Ana Pérez", "John Smith"]
    smith = lines[1]
    assert (smith.units, smith.base_pay, smith.bonus, smith.pay) == (15, 80.0, 20.0, 100.0)
    assert smith.sectors == ("Lote A-1", "Lote B-2")
    assert pay_totals(lines).pay == 100.0 + (4 * 5.0 + 20)  # Ana: 4 boxes and the flat bonus


def test_mixed_sampling_units_are_not_added_together() -> None:
    lines = day_pay_lines(
        [
            (terms("A", unit="box"), [tally("JS0315", "John Smith", 3)]),
            (terms("B", unit="kg"), [tally("JS0315", "John Smith", 40)]),
        ]
    )
    assert [(line.sampling_unit, line.units) for line in lines] == [("box", 3), ("kg", 40)]
    totals = pay_totals(lines)
    assert totals.units is None
    assert totals.sampling_unit is None


def test_the_table_ends_with_a_totals_row_in_the_callers_words() -> None:
    lines = session_pay_lines([tally("JS0315", "John Smith", 3)], terms())
    headers = PayrollHeaders(worker="Trabajador", total="TOTAL")
    titles, rows = payroll_table(lines, headers, with_sectors=True)
    assert titles[0] == "Trabajador"
    assert titles[-1] == "Sectors"
    assert rows == [
        ["John Smith", "JS0315", "box", 3, 16.5, 0.0, 16.5, 0.0, "Lote A-1"],
        ["TOTAL", "", "box", 3, 16.5, 0.0, 16.5, 0.0, ""],
    ]


def test_csv_and_xlsx_hold_the_same_figures(tmp_path: Path) -> None:
    lines = session_pay_lines(
        [tally("JS0315", "John Smith", 7), tally("JN0402", "José Núñez", 1.5)], terms(bonus=Bonus("percent", 5))
    )
    assert write_payroll(tmp_path / "p.csv", lines) == 2
    assert write_payroll(tmp_path / "p.xlsx", lines) == 2
    with (tmp_path / "p.csv").open(encoding="utf-8-sig", newline="") as stream:
        from_csv = list(csv.reader(stream))
    from_xlsx = [list(row) for row in load_workbook(tmp_path / "p.xlsx").active.iter_rows(values_only=True)]
    assert (
        from_csv[0]
        == from_xlsx[0]
        == ["Worker", "Worker ID", "Unit", "Units", "Base pay", "Bonus", "Pay", "Pending units"]
    )
    assert from_xlsx[2][:7] == ["José Núñez", "JN0402", "box", 1.5, 8.25, 0.41, 8.66]
    assert from_csv[2][:7] == ["José Núñez", "JN0402", "box", "1.5", "8.25", "0.41", "8.66"]
    total = from_xlsx[-1]
    assert total[6] == round(from_xlsx[1][6] + from_xlsx[2][6], 2)  # the XLSX total is a number that adds up
