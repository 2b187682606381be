"""The printable day report of a session: farm, sector, supervisor, date, totals, per-worker pay and signatures.

The content comes from hydrodesk.domain.day_report; this module words it (translated), lays it out as HTML for a
QTextDocument, and either writes a PDF (QPdfWriter, A4 or Letter) or prints it through the print dialog (opened
with open(), never exec()). Entries not yet confirmed by Hydrobit are marked, so a sheet signed before sync says so.

A worker ID or an amount is never broken across lines: the worker table's columns are sized from their content for
the very printer or PDF writer, and when the table does not fit the font gets smaller, then the page turns to
landscape (hydrodesk.ui.tallies.report_layout). Each page is numbered, with the report's title beside the number.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, QSizeF, Qt, QTime
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from hydrodesk.domain.day_report import DayReport, PayLine
from hydrodesk.ui.formats import amount_text, counted, day_text, money_text, number_text, time_format, unit_word
from hydrodesk.ui.tallies.report_layout import (
    CELL_BORDER_PX,
    CELL_PADDING_PX,
    FONT_SIZES_PT,
    NOWRAP,
    Column,
    attempts,
    column_widths,
    fits,
)

log = logging.getLogger(__name__)

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


# ------------------------------------------------------------------------------------------------ the worker table
@dataclass(frozen=True)
class _Cell:
    text: str  # what is measured
    html: str  # what is shown


def _plain(text: str) -> _Cell:
    return _Cell(text, _e(text))


def _bold(text: str) -> _Cell:
    return _Cell(text, f"<b>{_e(text)}</b>") if text else _plain(text)


NUMERIC_COLUMNS = frozenset({3, 4, 5, 6})
WHOLE_COLUMNS = frozenset({0, 2, 3, 4, 5, 6})  # the row number, the worker ID and the amounts: never broken
SIGNATURE_COLUMN = 7


def _headers() -> list[str]:
    return [
        "#",
        translate("DayReport", "Worker"),
        translate("DayReport", "Worker ID"),
        translate("DayReport", "Units"),
        translate("DayReport", "Base pay"),
        translate("DayReport", "Bonus"),
        translate("DayReport", "Pay"),
        translate("DayReport", "Signature"),
    ]


def _line_cells(number: int, line: PayLine) -> list[_Cell]:
    mark = " *" if line.has_pending else ""
    name = _plain(line.worker_name)
    if line.has_pending:
        note = "(" + translate("DayReport", "pending") + ")"
        name = _Cell(f"{line.worker_name} {note}", f'{name.html} <i style="color:#8a5300;">{_e(note)}</i>')
    return [
        _plain(str(number)),
        name,
        _plain(line.worker_id),
        _plain(number_text(line.units) + mark),
        _plain(money_text(line.base_pay)),
        _plain(money_text(line.bonus)),
        _plain(money_text(line.pay)),
        _plain(""),
    ]


def _total_cells(report: DayReport) -> list[_Cell]:
    totals = report.totals
    total = translate("DayReport", "Total")
    return [
        _plain(""),
        _bold(total),
        _plain(""),
        _bold(number_text(totals.units or 0)),
        _bold(money_text(totals.base_pay)),
        _bold(money_text(totals.bonus)),
        _bold(money_text(totals.pay)),
        _plain(""),
    ]


def pay_columns(report: DayReport) -> list[Column]:
    """The worker table's columns as plain text, for sizing them (report_layout.column_widths)."""
    rows = [_line_cells(number, line) for number, line in enumerate(report.lines, start=1)]
    rows.append(_total_cells(report))
    return [
        Column(
            title,
            tuple(row[index].text for row in rows),
            whole=index in WHOLE_COLUMNS,
            stretch=index == SIGNATURE_COLUMN,
        )
        for index, title in enumerate(_headers())
    ]


def _table_row(cells: list[_Cell], widths: Sequence[float] | None = None) -> str:
    out = []
    for index, cell in enumerate(cells):
        align = "right" if index in NUMERIC_COLUMNS else "left"
        style = NOWRAP if index in WHOLE_COLUMNS else ""
        out.append(f'<td align="{align}" style="{style}">{cell.html}</td>')
    return f"<tr>{''.join(out)}</tr>"


def _header_row(widths: Sequence[float] | None) -> str:
    # Titles may wrap between words ("Pago / base"), never inside one: their widest word counts in the widths.
    out = []
    for index, title in enumerate(_headers()):
        align = "right" if index in NUMERIC_COLUMNS else "left"
        width = "" if widths is None else f' width="{widths[index]:.3f}%"'
        out.append(f'<th{width} align="{align}" style="background:#e8eeeb;">{_e(title)}</th>')
    return f"<tr>{''.join(out)}</tr>"


def _worker_table(report: DayReport, widths: Sequence[float] | None) -> str:
    head = _header_row(widths)
    if report.lines:
        body = "".join(_table_row(_line_cells(number, line)) for number, line in enumerate(report.lines, start=1))
    else:
        nothing = translate("DayReport", "No units were recorded in this session.")
        body = f'<tr><td colspan="8"><i>{_e(nothing)}</i></td></tr>'
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{CELL_PADDING_PX}" border="{CELL_BORDER_PX}"'
        f' style="border-color:#b8c4be; margin-top:10px;"><thead>{head}</thead>'
        f"<tbody>{body}{_table_row(_total_cells(report))}</tbody></table>"
    )


# ------------------------------------------------------------------------------------------------ the page
def report_html(report: DayReport, widths: Sequence[float] | None = None, font_pt: float = 9.0) -> str:
    """The report as the HTML subset QTextDocument lays out (tables, inline styles, no CSS positioning).

    `widths`: the worker table's column widths in percent (report_layout.column_widths); None lets Qt choose.
    `font_pt`: the body text size, which the other sizes follow.
    """
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
            translate("DayReport", "{price} per {unit}").format(
                price=money_text(terms.price_per_unit), unit=unit_word(unit, 1)
            ),
        ),
        (translate("DayReport", "Bonus"), _bonus_text(report)),
    ]
    fact_rows = "".join(
        f'<tr><td style="color:#555555; padding-right:12px;">{_e(label)}</td><td><b>{_e(value)}</b></td></tr>'
        for label, value in facts
    )
    summary = [
        (translate("DayReport", "Units"), amount_text(totals.units or 0, unit)),
        (translate("DayReport", "Workers"), str(totals.workers)),
        (translate("DayReport", "Base pay"), money_text(totals.base_pay)),
        (translate("DayReport", "Bonus"), money_text(totals.bonus)),
        (translate("DayReport", "Total pay"), money_text(totals.pay)),
    ]
    figure_pt = font_pt * 14 / 9
    summary_cells = "".join(
        f'<td align="center" style="padding:6px;"><span style="color:#555555;">{_e(label)}</span><br/>'
        f'<span style="font-size:{figure_pt:.1f}pt; {NOWRAP}"><b>{_e(value)}</b></span></td>'
        for label, value in summary
    )
    notes = []
    if report.has_pending:
        notes.append(
            counted(
                report.pending_entries,
                translate(
                    "DayReport",
                    "Entries marked * are saved in this office but not yet confirmed by Hydrobit (1 entry); "
                    "the figures may change once it is synced.",
                ),
                translate(
                    "DayReport",
                    "Entries marked * are saved in this office but not yet confirmed by Hydrobit ({count} entries); "
                    "the figures may change once they are synced.",
                ),
            )
        )
    if report.stopped_workers:
        notes.append(
            counted(
                report.stopped_workers,
                translate(
                    "DayReport",
                    "Some entries of 1 worker were refused by Hydrobit and are not counted here; "
                    "see the outbox in HydroDesk.",
                ),
                translate(
                    "DayReport",
                    "Some entries of {count} workers were refused by Hydrobit and are not counted here; "
                    "see the outbox in HydroDesk.",
                ),
            )
        )
    notes_html = "".join(f'<p style="color:#8a5300;"><b>{_e(note)}</b></p>' for note in notes)
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
    # The words stay outside the f-strings: lupdate does not look inside them, and an unseen string stays English.
    title = translate("DayReport", "Harvest day report")
    return (
        "<html><body>"
        f'<h2 style="margin-bottom:2px;">{_e(title)}</h2>'
        f'<table cellspacing="0" cellpadding="2">{fact_rows}</table>'
        f'<table width="100%" cellspacing="0" cellpadding="4" border="1" style="border-color:#b8c4be;'
        f' margin-top:10px;"><tr>{summary_cells}</tr></table>'
        f"{notes_html}"
        f"{_worker_table(report, widths)}"
        f'<table width="100%" cellspacing="0" cellpadding="4" style="margin-top:24px;"><tr>{signatures}</tr></table>'
        f'<p style="color:#777777; font-size:{font_pt * 8 / 9:.1f}pt; margin-top:18px;">{_e(footer)}</p>'
        "</body></html>"
    )


def report_document(report: DayReport, device: QPagedPaintDevice) -> QTextDocument:
    """The report laid out for `device`'s paper, at the largest font and in the orientation where every ID and
    amount fits on one line (report_layout.attempts); the device is left in that orientation."""
    columns = pay_columns(report)
    document: QTextDocument | None = None
    for orientation, size in attempts(device.pageLayout().orientation()):
        device.setPageOrientation(orientation)
        font = body_font(size)
        widths = column_widths(columns, font, device)
        if widths is None:
            continue
        document = _laid_out(report, device, font, widths)
        if fits(document):
            return document
    # Nothing fits (names and amounts beyond any sheet): the smallest sheet, with Qt's widths; numbers stay whole.
    log.warning("the day report of %s does not fit the paper; printing it as small as it goes", report.sector)
    return document or _laid_out(report, device, body_font(FONT_SIZES_PT[-1]), None)


def body_font(size_pt: float) -> QFont:
    font = QFont(QGuiApplication.font())  # the system's UI font: a sans-serif that has the language's letters
    font.setPointSizeF(size_pt)
    return font


def _laid_out(
    report: DayReport, device: QPagedPaintDevice, font: QFont, widths: Sequence[float] | None
) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # measured and broken into pages as it will print
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    option = QTextOption(document.defaultTextOption())
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # text wraps between words, never inside one
    document.setDefaultTextOption(option)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, report_title(report))
    document.setPageSize(QSizeF(device.width(), device.height() - footer_height(device)))
    document.setHtml(report_html(report, widths, font.pointSizeF()))
    return document


def footer_height(device: QPaintDevice) -> float:
    return FOOTER_MM / 25.4 * device.logicalDpiY()


# ------------------------------------------------------------------------------------------------ output
FOOTER_MM = 7.0  # the band under each page for "Page 2 of 3"


def write_report_pdf(report: DayReport, path: Path, paper: str = "a4") -> int:
    """Write the report to `path` as a PDF on A4 or Letter paper; returns the number of pages.

    Runs on any thread: QPdfWriter, QPainter and QTextDocument paint off the GUI thread, and the tools call this
    from a worker so a large day's 300-dpi report does not freeze the window. It touches no widget.
    """
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(report_title(report))
    writer.setCreator("HydroDesk")
    print_report(report, writer)
    del writer  # the file is complete once the writer is gone
    return pdf_page_count(path)


def print_report(report: DayReport, device: QPagedPaintDevice) -> int:
    """Lay the report out for `device` and paint its pages, each with its number; returns the pages painted."""
    return paint_pages(report_document(report, device), device, report_title(report))


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, title: str) -> int:
    """Paint a laid-out document (page size set, room left for the footer) on `device`, each page with `title` and
    "Page n of m" at its foot, in black on white whatever the UI's theme; returns the pages painted."""
    pages = document.pageCount()
    page = document.pageSize()
    painter = QPainter()
    if not painter.begin(device):
        return 0
    try:
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(context.palette)
        palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)  # paper is white whatever the UI's theme
        context.palette = palette
        footer_font = body_font(FONT_SIZES_PT[-1])
        for index in range(pages):
            if index:
                device.newPage()
            area = QRectF(0, index * page.height(), page.width(), page.height())
            painter.save()
            painter.translate(0, -area.top())
            painter.setClipRect(area)
            context.clip = area
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#777777"))
            band = QRectF(0, page.height(), page.width(), footer_height(device))
            painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, title)
            number = translate("DayReport", "Page {page} of {pages}").format(page=index + 1, pages=pages)
            painter.drawText(band, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, number)
    finally:
        painter.end()
    return pages


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(path: Path) -> int:
    """Pages in a PDF Qt wrote (its page objects are plain dictionaries, not compressed object streams)."""
    return len(_PAGE_OBJECT.findall(path.read_bytes()))


def open_print_dialog(
    report: DayReport, parent: QWidget, paper: str = "a4", file_name: str | None = None
) -> QPrintDialog:
    """Show the system print dialog for the report (non-modal open()); printing starts when the user accepts.

    `file_name`: what "Print to file" suggests (in the UI's language), in the user's home folder.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    printer.setDocName(report_title(report))
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and file_name:
        # No printer installed: Qt offers "Print to File (PDF)"; suggest a file name rather than a bare folder.
        printer.setOutputFileName(str(Path.home() / file_name))
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("PrintReportDialog")
    dialog.setWindowTitle(translate("DayReport", "Print day report"))
    dialog.printer_for_report = printer  # type: ignore[attr-defined]  # kept alive as long as the dialog
    dialog.accepted.connect(lambda: print_report(report, printer))
    QDialog.open(dialog)  # QPrintDialog.open() itself wants a receiver and a slot name; the plain one will do

    return dialog
