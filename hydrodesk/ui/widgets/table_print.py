"""Print a table exactly as it is shown: the rows the filter left, in the shown order, the shown columns.

The table becomes an HTML table in a QTextDocument (header repeated on every page). A number, an ID, a date or a
time never wraps: broken over two lines it is misread on paper. When the rows do not fit the page's width on one
line each, the page turns to landscape; then headers and cells of words may wrap between words (a number stays with
its unit); then the font gets smaller, down to MIN_POINT_SIZE.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QMarginsF, QModelIndex, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QTableView

from hydrodesk.ui.table_export import shown_columns

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

MARGIN_MM = 12.0
POINT_SIZE = 9.0
MIN_POINT_SIZE = 6.0
CELL_PADDING_PT = 3.0  # each side of a cell, the document's cellpadding
PDF_RESOLUTION = 300


@dataclass(frozen=True)
class PrintedTable:
    """What a printout shows: a heading, the column headers and the cells as the view displays them."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    right_aligned: list[bool]  # numbers, right-aligned on screen, stay right-aligned on paper

    @property
    def row_count(self) -> int:
        return len(self.rows)


def shown_table(view: QTableView, title: str) -> PrintedTable:
    """The view's rows as it shows them (its proxy's order and filter), the columns as the user arranged them."""
    model = view.model()
    columns = shown_columns(view)
    headers = [_text(model.headerData(column, Qt.Orientation.Horizontal)) for column in columns]
    rows: list[list[str]] = []
    right = [False] * len(columns)
    for row in range(model.rowCount(QModelIndex())):
        cells = []
        for position, column in enumerate(columns):
            index = model.index(row, column)
            cells.append(_text(index.data(Qt.ItemDataRole.DisplayRole)))
            alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
            if alignment is not None and int(_flag(alignment)) & int(Qt.AlignmentFlag.AlignRight):
                right[position] = True
        rows.append(cells)
    return PrintedTable(title=title, headers=headers, rows=rows, right_aligned=right)


def _flag(alignment: object) -> int:
    return int(alignment.value) if hasattr(alignment, "value") else int(alignment)  # type: ignore[call-overload]  # an int or a flag


def _text(value: object) -> str:
    return "" if value is None else str(value)


# ------------------------------------------------------------------------------------------------ layout
@dataclass(frozen=True)
class PageChoice:
    orientation: QPageLayout.Orientation
    point_size: float
    wrap: bool  # headers and text cells may wrap between words (numbers and IDs never do)
    widths: tuple[float, ...] = ()  # with `wrap`: each column's share of the page's width, in percent


_LETTER = re.compile(r"[^\W\d_]")
_BREAK = re.compile(r" (?!\d)(?<!\d )")  # a space with no digit either side: "11 h" and "5,50 / box" stay whole


def may_wrap(text: str, right_aligned: bool) -> bool:
    """A cell that may break between words: words, not a number, an ID, a date or a time."""
    return not right_aligned and " " in text and _LETTER.search(text) is not None


def unbreakable(text: str) -> list[str]:
    """The pieces of a wrapping cell that stay on one line (a number stays with its unit)."""
    return [piece for piece in _BREAK.split(text) if piece]


def column_widths(table: PrintedTable, font: QFont, *, wrap: bool) -> list[float]:
    """Each column's width in points: its widest cell and header on one line, or, with `wrap`, the widest piece
    that may not break (a whole number, an ID, a header's word), plus the cell padding and border."""
    bold = QFont(font)
    bold.setBold(True)
    plain, heavy = QFontMetricsF(font), QFontMetricsF(bold)
    scale = 72.0 / plain.fontDpi()  # metrics are in device pixels of the font's dpi; the page is in points
    widths = []
    for column, header in enumerate(table.headers):
        pieces = header.split() if wrap else [header]
        widest = max((heavy.horizontalAdvance(piece) for piece in pieces), default=0.0)
        for row in table.rows:
            text = row[column]
            shown = unbreakable(text) if wrap and may_wrap(text, table.right_aligned[column]) else [text]
            widest = max(widest, *(plain.horizontalAdvance(piece) for piece in shown))
        widths.append(widest * scale + 2 * CELL_PADDING_PT + 2)  # +2: the cell's border
    return widths


def natural_widths(table: PrintedTable, font: QFont) -> list[float]:
    """Each column's width when nothing wraps."""
    return column_widths(table, font, wrap=False)


def choose_page(table: PrintedTable, page_size: QPageSize, font: QFont) -> PageChoice:
    """Portrait at the normal size if the table fits on one line a row, else landscape; else headers and words may
    wrap; else a smaller font, down to MIN_POINT_SIZE. A number never wraps whatever the choice."""
    portrait = page_size.size(QPageSize.Unit.Point)
    landscape = _usable(portrait.height())
    for orientation, width in (
        (QPageLayout.Orientation.Portrait, _usable(portrait.width())),
        (QPageLayout.Orientation.Landscape, landscape),
    ):
        if sum(column_widths(table, _sized(font, POINT_SIZE), wrap=False)) <= width:
            return PageChoice(orientation, POINT_SIZE, wrap=False)
    size = POINT_SIZE
    while sum(column_widths(table, _sized(font, size), wrap=True)) > landscape and size > MIN_POINT_SIZE:
        size = max(MIN_POINT_SIZE, size - 0.5)
    shares = _shares(
        column_widths(table, _sized(font, size), wrap=True),
        column_widths(table, _sized(font, size), wrap=False),
        landscape,
    )
    return PageChoice(QPageLayout.Orientation.Landscape, size, wrap=True, widths=shares)


def _shares(least: list[float], natural: list[float], room: float) -> tuple[float, ...]:
    """Column widths in percent of `room`: each column its least width, and what is left shared in proportion to
    what each would need to be on one line. (A text document left to itself squeezes columns inside words.)"""
    spare = max(0.0, room - sum(least))
    wish = [max(0.0, n - m) for m, n in zip(least, natural, strict=True)]
    total = sum(wish) or 1.0
    widths = [m + spare * w / total for m, w in zip(least, wish, strict=True)]
    scale = 100.0 / max(sum(widths), room)
    return tuple(width * scale for width in widths)


def _usable(page_width_pt: float) -> float:
    # 3 % kept back: the document's own rounding of borders and padding on the device
    return (page_width_pt - 2 * MARGIN_MM * 72.0 / 25.4) * 0.97


def _sized(font: QFont, points: float) -> QFont:
    sized = QFont(font)
    sized.setPointSizeF(points)
    return sized


# ------------------------------------------------------------------------------------------------ document
def table_html(table: PrintedTable, wrap: bool = False, widths: tuple[float, ...] = ()) -> str:
    printed = QLocale().toString(QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat)
    if table.row_count == 1:
        count = translate("TablePrint", "1 row")
    else:
        count = translate("TablePrint", "{count} rows").format(count=QLocale().toString(table.row_count))
    caption = translate("TablePrint", "{rows} · printed {when} by HydroDesk").format(rows=count, when=printed)

    def cell(text: str, column: int) -> str:
        align = "right" if table.right_aligned[column] else "left"
        if wrap and may_wrap(text, table.right_aligned[column]):
            # Breaks only where unbreakable() allows: the other spaces become non-breaking ones.
            shown = " ".join(html.escape(piece).replace(" ", "&nbsp;") for piece in unbreakable(text))
            return f'<td align="{align}">{shown}</td>'
        return f'<td align="{align}" style="white-space:nowrap;">{html.escape(text)}</td>'

    def header(text: str, column: int) -> str:
        align = "right" if table.right_aligned[column] else "left"
        style = "" if wrap else ' style="white-space:nowrap;"'
        width = f' width="{widths[column]:.2f}%"' if widths else ""
        return f'<th align="{align}"{width}{style}>{html.escape(text)}</th>'

    table_width = ' width="100%"' if widths else ""
    head = "".join(header(text, column) for column, text in enumerate(table.headers))
    body = "".join(f"<tr>{''.join(cell(text, column) for column, text in enumerate(row))}</tr>" for row in table.rows)
    return (
        "<html><body>"
        f'<p style="font-size:13pt; font-weight:600; margin-bottom:0;">{html.escape(table.title)}</p>'
        f'<p style="color:#555555; margin-top:2px;">{html.escape(caption)}</p>'
        f'<table cellspacing="0" cellpadding="{CELL_PADDING_PT:g}" border="1"{table_width}'
        ' style="border-color:#b8c4be;">'
        f'<thead><tr style="background:#e8eeeb;">{head}</tr></thead><tbody>{body}</tbody></table>'
        "</body></html>"
    )


def table_document(table: PrintedTable, device: QPagedPaintDevice, page_size: QPageSize) -> QTextDocument:
    """The table laid out for `device`: its page turned and its font sized so that no number wraps."""
    font = QFont()
    choice = choose_page(table, page_size, font)
    device.setPageLayout(
        QPageLayout(
            page_size,
            choice.orientation,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(_sized(font, choice.point_size))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, table.title)
    document.setHtml(table_html(table, choice.wrap, choice.widths))
    # Laid out on pages of the device's printable size, in the document's own (screen) units; print_() scales
    # each page onto the device. Left to lay itself out at the printer's resolution, the document ignored the
    # column widths and squeezed text columns to a letter a line.
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchX() if screen is not None else 96.0
    page = device.pageLayout().paintRect(QPageLayout.Unit.Point).size()
    document.setPageSize(QSizeF(page.width() * dpi / 72.0, page.height() * dpi / 72.0))
    return document


def default_page_size() -> QPageSize:
    """Letter where the user's locale uses it (the Americas), A4 elsewhere."""
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Chile}
    letter |= {QLocale.Country.Colombia, QLocale.Country.Venezuela, QLocale.Country.Philippines}
    return QPageSize(QPageSize.PageSizeId.Letter if QLocale().territory() in letter else QPageSize.PageSizeId.A4)


def write_table_pdf(table: PrintedTable, path: Path, page_size: QPageSize | None = None) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(table.title)
    writer.setCreator("HydroDesk")
    document = table_document(table, writer, page_size or default_page_size())
    document.print_(writer)
    del writer  # the file is complete once the writer is gone


def print_table(table: PrintedTable, printer: QPrinter) -> None:
    document = table_document(table, printer, printer.pageLayout().pageSize())
    document.print_(printer)
