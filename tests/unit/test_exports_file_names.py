"""Suggested file names: readable in the UI's language, and plain enough for any file system or mail client."""

from __future__ import annotations

from hydrodesk.exports.file_names import suggested_file_name


def test_words_are_joined_lower_case_with_accents_folded_not_dropped() -> None:
    assert suggested_file_name("reporte-del-día", "Parcela Ñandú", "2026-12-02", suffix=".pdf") == (
        "reporte-del-dia-parcela-nandu-2026-12-02.pdf"
    )
    assert suggested_file_name("nómina", "Lote A-1", "2025-10-19", suffix=".xlsx") == "nomina-lote-a-1-2025-10-19.xlsx"


def test_empty_words_are_skipped_and_anything_else_becomes_one_hyphen() -> None:
    assert suggested_file_name("payroll-day", None, "", "2025-10-19", suffix=".csv") == "payroll-day-2025-10-19.csv"
    assert suggested_file_name("Lote 3/4: \\norte*", suffix=".csv") == "lote-3-4-norte.csv"
    assert suggested_file_name("工作", suffix=".csv") == "hydrodesk.csv"  # nothing left to read: still a name
