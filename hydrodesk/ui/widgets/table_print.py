"""Print a table exactly as it is shown: the rows the filter left, in the shown order, the shown columns.

The table becomes an HTML table in a QTextDocument (header repeated on every page). No cell ever wraps: a number,
an ID or a time broken over two lines is misread on paper. When the columns do not fit the page's width at the
normal size, the page turns to landscape, then the font gets smaller (down to MIN_POINT_SIZE); only a table wider
than that lets its widest text column wrap, at spaces, never inside a word.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QMarginsF, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
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
    return int(alignment.value) if hasattr(alignment, "value") else int(alignment)  # type: ignore[call-overload]


def _text(value: object) -> str:
    return "" if value is None else str(value)


# ------------------------------------------------------------------------------------------------ layout
@dataclass(frozen=True)
class PageChoice:
    orientation: QPageLayout.Orientation
    point_size: float
    wrap_column: int | None  # the one column allowed to wrap at spaces, when nothing else made the table fit


def natural_widths(table: PrintedTable, font: QFont) -> list[float]:
    """Each column's width in points when nothing wraps (its widest cell or header, plus the cell padding)."""
    bold = QFont(font)
    bold.setBold(True)
    plain_metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
    scale = 72.0 / plain_metrics.fontDpi()  # metrics are in device pixels of the font's dpi; the page is in points
    widths = []
    for column, header in enumerate(table.headers):
        widest = bold_metrics.horizontalAdvance(header)
        for row in table.rows:
            widest = max(widest, plain_metrics.horizontalAdvance(row[column]))
        widths.append(widest * scale + 2 * CELL_PADDING_PT + 2)  # +2: the cell's border
    return widths


def choose_page(table: PrintedTable, page_size: QPageSize, font: QFont) -> PageChoice:
    """Portrait at the normal size if it fits, else landscape, else a smaller font, else let one column wrap."""
    portrait = page_size.size(QPageSize.Unit.Point)
    for orientation, width in (
        (QPageLayout.Orientation.Portrait, portrait.width()),
        (QPageLayout.Orientation.Landscape, portrait.height()),
    ):
        if sum(natural_widths(table, _sized(font, POINT_SIZE))) <= _usable(width):
            return PageChoice(orientation, POINT_SIZE, None)
    landscape_width = _usable(portrait.height())
    size = POINT_SIZE
    while size > MIN_POINT_SIZE:
        size = max(MIN_POINT_SIZE, size - 0.5)
        widths = natural_widths(table, _sized(font, size))
        if sum(widths) <= landscape_width:
            return PageChoice(QPageLayout.Orientation.Landscape, size, None)
    widths = natural_widths(table, _sized(font, MIN_POINT_SIZE))
    return PageChoice(QPageLayout.Orientation.Landscape, MIN_POINT_SIZE, _widest_text_column(table, widths))


def _widest_text_column(table: PrintedTable, widths: list[float]) -> int | None:
    """The widest column that holds words (not a right-aligned number): the one that may wrap."""
    candidates = [
        column
        for column in range(len(widths))
        if not table.right_aligned[column] and any(" " in row[column] for row in table.rows)
    ]
    return max(candidates, key=lambda column: widths[column]) if candidates else None


def _usable(page_width_pt: float) -> float:
    # 3 % kept back: the document's own rounding of borders and padding on the device
    return (page_width_pt - 2 * MARGIN_MM * 72.0 / 25.4) * 0.97


def _sized(font: QFont, points: float) -> QFont:
    sized = QFont(font)
    sized.setPointSizeF(points)
    return sized


# ------------------------------------------------------------------------------------------------ document
def table_html(table: PrintedTable, wrap_column: int | None = None) -> str:
    printed = QLocale().toString(QDateTime.currentDateTime(), QLocale.FormatType.ShortFormat)
    if table.row_count == 1:
        count = translate("TablePrint", "1 row")
    else:
        count = translate("TablePrint", "{count} rows").format(count=QLocale().toString(table.row_count))
    caption = translate("TablePrint", "{rows} · printed {when} by HydroDesk").format(rows=count, when=printed)

    def cell(tag: str, text: str, column: int) -> str:
        align = "right" if table.right_aligned[column] else "left"
        wrap = "normal" if column == wrap_column else "nowrap"
        return f'<{tag} align="{align}" style="white-space:{wrap};">{html.escape(text)}</{tag}>'

    head = "".join(cell("th", header, column) for column, header in enumerate(table.headers))
    body = "".join(
        f"<tr>{''.join(cell('td', text, column) for column, text in enumerate(row))}</tr>" for row in table.rows
    )
    return (
        "<html><body>"
        f'<p style="font-size:13pt; font-weight:600; margin-bottom:0;">{html.escape(table.title)}</p>'
        f'<p style="color:#555555; margin-top:2px;">{html.escape(caption)}</p>'
        f'<table cellspacing="0" cellpadding="{CELL_PADDING_PT:g}" border="1" style="border-color:#b8c4be;">'
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
    document.setHtml(table_html(table, choice.wrap_column))
    return document  # no page size of its own: print_() lays it out on the device's page


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
