"""The printable day report of a session: farm, sector, supervisor, date, totals, per-worker pay and signatures.

The content comes from hydrodesk.domain.day_report; this module words it (translated), lays it out as HTML for a
QTextDocument, and either writes a PDF (QPdfWriter, A4 or Letter) or prints it through the print dialog (opened
with open(), never exec()). Entries not yet confirmed by Hydrobit are marked, so a sheet signed before sync says so.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QTime
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from hydrodesk.domain.day_report import DayReport, PayLine
from hydrodesk.ui.formats import day_text, money_text, number_text, time_format

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
MARGIN_MM = 15.0

# Where Letter paper is the norm; everywhere else gets A4.
LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.Venezuela,
        QLocale.Country.Philippines,
        QLocale.Country.Guatemala,
        QLocale.Country.CostaRica,
        QLocale.Country.Panama,
        QLocale.Country.ElSalvador,
        QLocale.Country.Honduras,
        QLocale.Country.Nicaragua,
        QLocale.Country.DominicanRepublic,
        QLocale.Country.PuertoRico,
    }
)
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def default_paper() -> str:
    """`letter` or `a4`, from the user's locale."""
    return "letter" if QLocale().territory() in LETTER_TERRITORIES else "a4"


# ------------------------------------------------------------------------------------------------ words
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _date_text(report: DayReport) -> str:
    return day_text(report.day)


def _clock(moment: datetime | None) -> str:
    """A time already at the farm (DayTerms.local), as every screen writes a time."""
    if moment is None:
        return "—"
    return QLocale().toString(QTime(moment.hour, moment.minute), time_format())


def _bonus_text(report: DayReport) -> str:
    bonus = report.terms.bonus
    if bonus is None:
        return translate("DayReport", "none")
    if bonus.type == "percent":
        text = translate("DayReport", "{value} % of the base pay").format(value=number_text(bonus.value))
    else:
        text = translate("DayReport", "{value} flat per worker").format(value=money_text(bonus.value))
    return f"{text} ({bonus.note})" if bonus.note else text


def _session_times(report: DayReport) -> str:
    terms = report.terms
    opened = _clock(terms.local(terms.opened_at))
    if terms.status == "closed":
        closed = _clock(terms.local(terms.closed_at))
        return translate("DayReport", "opened {opened}, closed {closed}").format(opened=opened, closed=closed)
    return translate("DayReport", "opened {opened}, still open when printed").format(opened=opened)


def report_title(report: DayReport) -> str:
    return translate("DayReport", "Harvest day report · {sector} · {day}").format(
        sector=report.sector, day=day_text(report.day)
    )


def report_html(report: DayReport) -> str:
    """The report as the HTML subset QTextDocument lays out (tables, inline styles, no CSS positioning)."""
    terms, totals = report.terms, report.totals
    unit = terms.sampling_unit
    facts = [
        (translate("DayReport", "Farm"), report.project),
        (translate("DayReport", "Company"), report.company),
        (translate("DayReport", "Sector"), report.sector),
        (translate("DayReport", "Date"), f"{_date_text(report)} ({terms.timezone})"),
        (translate("DayReport", "Supervisor"), report.supervisor),
        (translate("DayReport", "Session"), _session_times(report)),
        (
            translate("DayReport", "Price"),
            translate("DayReport", "{price} per {unit}").format(price=money_text(terms.price_per_unit), unit=unit),
        ),
        (translate("DayReport", "Bonus"), _bonus_text(report)),
    ]
    fact_rows = "".join(
        f'<tr><td style="color:#555555; padding-right:12px;">{_e(label)}</td><td><b>{_e(value)}</b></td></tr>'
        for label, value in facts
    )
    summary = [
        (translate("DayReport", "Units"), f"{number_text(totals.units or 0)} {unit}"),
        (translate("DayReport", "Workers"), str(totals.workers)),
        (translate("DayReport", "Base pay"), money_text(totals.base_pay)),
        (translate("DayReport", "Bonus"), money_text(totals.bonus)),
        (translate("DayReport", "Total pay"), money_text(totals.pay)),
    ]
    summary_cells = "".join(
        f'<td align="center" style="padding:6px;"><span style="color:#555555;">{_e(label)}</span><br/>'
        f'<span style="font-size:14pt;"><b>{_e(value)}</b></span></td>'
        for label, value in summary
    )
    notes = []
    if report.has_pending:
        notes.append(
            translate(
                "DayReport",
                "Entries marked * are saved in this office but not yet confirmed by Hydrobit ({count} entries); "
                "the figures may change once they are synced.",
            ).format(count=report.pending_entries)
        )
    if report.stopped_workers:
        notes.append(
            translate(
                "DayReport",
                "Some entries of {count} workers were refused by Hydrobit and are not counted here; "
                "see the outbox in HydroDesk.",
            ).format(count=report.stopped_workers)
        )
    notes_html = "".join(f'<p style="color:#8a5300;"><b>{_e(note)}</b></p>' for note in notes)
    headers = [
        "#",
        translate("DayReport", "Worker"),
        translate("DayReport", "Worker ID"),
        translate("DayReport", "Units"),
        translate("DayReport", "Base pay"),
        translate("DayReport", "Bonus"),
        translate("DayReport", "Pay"),
        translate("DayReport", "Signature"),
    ]
    numeric = {3, 4, 5, 6}
    widths = (5, 26, 10, 9, 10, 10, 11, 19)  # percent; the signature column leaves room to sign
    head = "".join(
        f'<th width="{width}%" align="{"right" if index in numeric else "left"}" style="background:#e8eeeb;">'
        f"{_e(title)}</th>"
        for index, (title, width) in enumerate(zip(headers, widths, strict=True))
    )
    body = "".join(_line_row(number, line) for number, line in enumerate(report.lines, start=1))
    if not report.lines:
        nothing = translate("DayReport", "No units were recorded in this session.")
        body = f'<tr><td colspan="8"><i>{_e(nothing)}</i></td></tr>'
    total_cells = [
        "",
        f"<b>{_e(translate('DayReport', 'Total'))}</b>",
        "",
        f"<b>{_e(number_text(totals.units or 0))}</b>",
        f"<b>{_e(money_text(totals.base_pay))}</b>",
        f"<b>{_e(money_text(totals.bonus))}</b>",
        f"<b>{_e(money_text(totals.pay))}</b>",
        "",
    ]
    total_row = "".join(
        f'<td align="{"right" if index in numeric else "left"}">{cell}</td>' for index, cell in enumerate(total_cells)
    )
    signatures = "".join(
        f'<td align="center" width="33%" style="padding-top:36px;">________________________<br/>{_e(role)}</td>'
        for role in (
            translate("DayReport", "Supervisor") + f" ({report.supervisor})",
            translate("DayReport", "Payroll"),
            translate("DayReport", "Worker representative"),
        )
    )
    generated = report.generated_at
    footer = translate("DayReport", "Printed {date} at {time} ({zone}) by HydroDesk. Session {session}.").format(
        date=day_text(generated.date(), weekday=False),
        time=_clock(generated),
        zone=terms.timezone,
        session=terms.session_id,
    )
    return (
        '<html><body style="font-family:sans-serif;">'
        f'<h2 style="margin-bottom:2px;">{_e(translate("DayReport", "Harvest day report"))}</h2>'
        f'<table cellspacing="0" cellpadding="2">{fact_rows}</table>'
        f'<table width="100%" cellspacing="0" cellpadding="4" border="1" style="border-color:#b8c4be;'
        f' margin-top:10px;"><tr>{summary_cells}</tr></table>'
        f"{notes_html}"
        f'<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-color:#b8c4be;'
        f' margin-top:10px;"><thead><tr>{head}</tr></thead><tbody>{body}<tr>{total_row}</tr></tbody></table>'
        f'<table width="100%" cellspacing="0" cellpadding="4" style="margin-top:24px;"><tr>{signatures}</tr></table>'
        f'<p style="color:#777777; font-size:8pt; margin-top:18px;">{_e(footer)}</p>'
        "</body></html>"
    )


def _line_row(number: int, line: PayLine) -> str:
    mark = " *" if line.has_pending else ""
    title = translate("DayReport", "pending") if line.has_pending else ""
    cells = [
        str(number),
        _e(line.worker_name) + (f' <i style="color:#8a5300;">({_e(title)})</i>' if title else ""),
        _e(line.worker_id),
        _e(number_text(line.units) + mark),
        _e(money_text(line.base_pay)),
        _e(money_text(line.bonus)),
        _e(money_text(line.pay)),
        "",
    ]
    aligned = (
        f'<td align="{"right" if index in (3, 4, 5, 6) else "left"}">{cell}</td>' for index, cell in enumerate(cells)
    )
    return f"<tr>{''.join(aligned)}</tr>"


def report_document(report: DayReport) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = QFont(document.defaultFont())
    font.setPointSizeF(9.0)
    document.setDefaultFont(font)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report_title(report))
    document.setHtml(report_html(report))
    return document


# ------------------------------------------------------------------------------------------------ output
def write_report_pdf(report: DayReport, path: Path, paper: str = "a4") -> int:
    """Write the report to `path` as a PDF on A4 or Letter paper; returns the number of pages.

    Qt documents and paint devices belong to the GUI thread, so this runs there (a day's report takes a moment).
    """
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(report_title(report))
    writer.setCreator("HydroDesk")
    document = report_document(report)
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    return pdf_page_count(path)


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(path: Path) -> int:
    """Pages in a PDF Qt wrote (its page objects are plain dictionaries, not compressed object streams)."""
    return len(_PAGE_OBJECT.findall(path.read_bytes()))


def open_print_dialog(report: DayReport, parent: QWidget, paper: str = "a4") -> QPrintDialog:
    """Show the system print dialog for the report (non-modal open()); printing starts when the user accepts."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    printer.setDocName(report_title(report))
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat:
        # No printer installed: Qt offers "Print to File (PDF)"; suggest a file name rather than a bare folder.
        printer.setOutputFileName(str(Path.home() / f"day-report-{report.day.isoformat()}.pdf"))
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("PrintReportDialog")
    dialog.setWindowTitle(translate("DayReport", "Print day report"))
    dialog.printer_for_report = printer  # type: ignore[attr-defined]  # kept alive as long as the dialog
    document = report_document(report)
    document.setParent(dialog)  # likewise

    def print_it() -> None:
        document.print_(printer)

    dialog.accepted.connect(print_it)
    QDialog.open(dialog)  # QPrintDialog.open() itself wants a receiver and a slot name; the plain one will do

    return dialog
