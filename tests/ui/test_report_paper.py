"""The printed day report as a payroll clerk reads it: every ID and amount whole on one line, in one language.

Each report is written to a real PDF and read back with poppler's `pdftotext -layout` (Debian's poppler-utils), which
keeps a table row on one text line: a worker ID or an amount broken across lines would show up as two fragments.
(HydroDesk prints nothing else yet: payroll goes out as CSV/XLSX, and there is no scouting report.)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtWidgets import QApplication

from hydrodesk.domain.day_report import DayReport, build_day_report
from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.resources import resource_path
from hydrodesk.ui.formats import money_text, number_text
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.tallies.report_layout import FONT_SIZES_PT
from hydrodesk.ui.tallies.report_pdf import report_document, write_report_pdf

from .paper_support import pdf_text, whole

FIRST_NAMES = ("María Guadalupe", "José Antonio", "Juan Carlos", "Ana", "Francisco Javier", "Rosa Elena")
LAST_NAMES = ("Hernández de la Cruz Villaseñor", "Núñez", "Ramírez Castañeda", "Olvera-Santisteban", "Pérez")
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


def session_row(price: float, bonus: int) -> dict[str, object]:
    return {
        "session_id": "6507f1e3c9d8e2a4b1f9c3d5",
        "project_id": "proj_456",
        "sector_id": "sector_101",
        "sector_name": "Parcela Norte",
        "owner_auth0_id": "user_123456789",
        "timezone": "America/Lima",
        "day": "2026-12-02T00:00:00.000Z",
        "status": "closed",
        "opened_at": "2026-12-02T12:00:00.000Z",
        "closed_at": "2026-12-02T22:30:00.000Z",
        "sampling_unit": "kg",
        "price_per_unit": price,
        # A whole number, as JSON gives it.
        "bonus": {"type": "flat", "value": bonus, "note": "Bono por jornada completa"},
    }


def day_of(workers: int, *, price: float = 1234.5, bonus: int = 100_000, units: float = 100.0) -> DayReport:
    """`workers` workers with long names; with the defaults every pay is a six-digit amount (100.000-999.999)."""
    tallies = [
        WorkerTally(
            f"{'AMJRFE'[i % 6]}{'HNROP'[i % 5]}{(101 + i * 37) % 1231:04d}",
            f"{FIRST_NAMES[i % 6]} {LAST_NAMES[i % 5]}",
            units + i * 9.25,
            2.0 if i % 9 == 0 else 0.0,  # some entries still in the outbox: marked "*"
            0,
            5,
            1 if i % 9 == 0 else 0,
        )
        for i in range(workers)
    ]
    return build_day_report(
        session_row(price, bonus),
        tallies,
        company="Agrícola San Pedro de los Altos del Norte",
        project="Finca El Mirador",
        supervisor="María Guadalupe López Santisteban",
        now=datetime(2026, 12, 2, 23, 0, tzinfo=UTC),
    )


@pytest.fixture(params=["es", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    installed = install_language(qapp, request.param)
    yield request.param
    uninstall_language(qapp, installed)


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    installed = install_language(qapp, "es")
    yield
    uninstall_language(qapp, installed)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_worker_id_and_amount_prints_whole_on_its_workers_line(language: str, paper: str, tmp_path: Path) -> None:
    report = day_of(60)
    assert all(100_000 <= line.pay < 1_000_000 for line in report.lines)  # six-digit amounts
    path = tmp_path / f"day-{language}-{paper}.pdf"
    assert write_report_pdf(report, path, paper) >= 2
    lines = pdf_text(path).splitlines()

    for line in report.lines:
        figures = [line.worker_id, number_text(line.units), money_text(line.base_pay), money_text(line.bonus)]
        figures.append(money_text(line.pay))
        row = [text for text in lines if all(whole(figure).search(text) for figure in figures)]
        assert row, f"{line.worker_id}'s ID and amounts are not whole on one line"
    totals = report.totals
    for figure in (money_text(totals.base_pay), money_text(totals.bonus), money_text(totals.pay)):
        assert sum(len(whole(figure).findall(text)) for text in lines) >= 2, figure  # the summary and the total row
    headers = ["Unidades", "Bono", "Pago", "Firma"] if language == "es" else ["Units", "Bonus", "Pay", "Signature"]
    for title in headers:
        assert any(whole(title).search(text) for text in lines), title


def day_report_vocabulary() -> tuple[set[str], set[str]]:
    """The report's own English words, and the Spanish words of their translations (from the translation file)."""
    english: set[str] = set()
    spanish: set[str] = set()
    for context in ET.parse(resource_path("translations", "hydrodesk_es.ts")).getroot().iter("context"):
        if context.findtext("name") != "DayReport":
            continue
        for message in context.iter("message"):
            english |= words(re.sub(r"\{\w+\}", " ", message.findtext("source") or ""))
            spanish |= words(re.sub(r"\{\w+\}", " ", message.findtext("translation") or ""))
    return english, spanish


def words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"[^\W\d_]{2,}", text)}


def test_the_spanish_report_is_spanish_throughout_and_names_the_company(spanish: None, tmp_path: Path) -> None:
    report = day_of(60)
    path = tmp_path / "reporte.pdf"
    pages = write_report_pdf(report, path)
    text = pdf_text(path)

    english, translated = day_report_vocabulary()
    only_english = english - translated  # "Sector", "Supervisor", "total" are Spanish too
    assert {"harvest", "report", "worker", "signature", "page", "printed"} <= only_english
    assert sorted(words(text) & only_english) == []
    assert text.lstrip().startswith("Reporte de cosecha del día")
    assert re.search(r"^\s*Totales\s", text, re.MULTILINE)  # the totals row
    assert f"Página {pages} de {pages}" in text
    assert "Agrícola San Pedro de los Altos del Norte" in text


def written_on(paper: str, tmp_path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(tmp_path / f"probe-{paper}.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4 if paper == "a4" else QPageSize.PageSizeId.Letter))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    return writer


@pytest.mark.parametrize("workers", [1, 25])
def test_a_common_day_prints_at_full_size_on_portrait_paper(language: str, workers: int, tmp_path: Path) -> None:
    writer = written_on("a4", tmp_path)
    document = report_document(day_of(workers, price=5.5, bonus=10, units=40), writer)
    assert document.defaultFont().pointSizeF() == FONT_SIZES_PT[0]
    assert writer.pageLayout().orientation() is QPageLayout.Orientation.Portrait


def test_a_table_too_wide_for_the_page_turns_it_rather_than_break_a_number(spanish: None, tmp_path: Path) -> None:
    # Nine-digit amounts: on portrait paper the signature column would have no room left at a readable size.
    report = day_of(12, price=987_654.32, bonus=999_999, units=150)
    writer = written_on("letter", tmp_path)
    document = report_document(report, writer)
    assert writer.pageLayout().orientation() is QPageLayout.Orientation.Landscape
    assert document.defaultFont().pointSizeF() >= 8.0

    path = tmp_path / "wide.pdf"
    write_report_pdf(report, path, "letter")
    width, height = (float(value) for value in MEDIA_BOX.search(path.read_bytes()).groups())
    assert (round(width), round(height)) == (792, 612)  # Letter, landscape
    lines = pdf_text(path).splitlines()
    for line in report.lines:
        assert any(whole(line.worker_id).search(text) and whole(money_text(line.pay)).search(text) for text in lines)
