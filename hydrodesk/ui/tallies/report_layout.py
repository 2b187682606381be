"""How a printed table fits its paper: column widths from the content, and a check that the laid-out page holds it.

A payroll sheet must never break a worker ID or an amount across lines ("100,0" / "0" reads as a number). So:
- cells that hold an ID or an amount are laid out on one line (`NOWRAP`), and their column is as wide as its widest
  cell and its title (which, short of room, wraps between words but never inside one);
- a text column (names) takes its natural width up to a share of the line, and wraps between words beyond it;
- the column that stretches (signature lines) takes what is left, and needs room to sign in;
- when that does not fit, the caller tries a smaller font or landscape paper (`attempts`), and keeps the first
  layout that `fits` — a check of the real layout, not of these estimates.

Widths are measured with the font and the paint device (printer or PDF writer) the document is laid out for, and
given to Qt as percentages of the line, so they hold whatever the device's resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPaintDevice, QTextDocument, QTextTable

NOWRAP = "white-space:nowrap;"  # Qt's rich text: the block's lines are never broken
FONT_SIZES_PT = (9.0, 8.5, 8.0, 7.5, 7.0)  # body text, largest first; below 7 pt a payslip is hard to read
COMFORTABLE_PT = 8.0  # the paper turns to landscape before the text gets smaller than this
SIGNATURE_MIN_MM = 30.0  # room to sign in
TEXT_SHARE_MAX = 0.32  # a name column wider than this share of the line wraps its names (between words)
CELL_PADDING_PX = 3  # the tables' cellpadding, in CSS pixels (1/96 inch)
CELL_BORDER_PX = 1
_CSS_DPI = 96.0
_MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Column:
    title: str
    cells: tuple[str, ...]  # the plain text of every cell below the title (body rows and the totals row)
    whole: bool = False  # an ID or an amount: one line, never broken
    stretch: bool = False  # takes the width the other columns leave


def attempts(orientation: QPageLayout.Orientation) -> list[tuple[QPageLayout.Orientation, float]]:
    """(orientation, body size) to try in turn: comfortable sizes on the paper as set, then on landscape, then the
    small sizes the same way. Paper set to landscape (in the print dialog) stays landscape."""
    turns = [orientation]
    if orientation is QPageLayout.Orientation.Portrait:
        turns.append(QPageLayout.Orientation.Landscape)
    comfortable = [size for size in FONT_SIZES_PT if size >= COMFORTABLE_PT]
    small = [size for size in FONT_SIZES_PT if size < COMFORTABLE_PT]
    return [(turn, size) for sizes in (comfortable, small) for turn in turns for size in sizes]


def column_widths(columns: Sequence[Column], font: QFont, device: QPaintDevice) -> list[float] | None:
    """Each column's width in percent of the line (device.width()), or None when the table cannot fit with this
    font on this device (the stretching column would get less than SIGNATURE_MIN_MM)."""
    bold = QFont(font)
    bold.setBold(True)  # titles and the totals row are bold: measure everything bold, it is never narrower
    metrics = QFontMetricsF(bold, device)
    scale = device.logicalDpiX() / _CSS_DPI
    overhead = 2 * (CELL_PADDING_PX + CELL_BORDER_PX) * scale + 1.0  # padding and borders around each cell's text
    line = float(device.width())

    def widest(texts: Sequence[str]) -> float:
        return max((metrics.horizontalAdvance(text) for text in texts if text), default=0.0)

    def words(text: str) -> list[str]:
        return text.split()

    widths: list[float] = []
    shrinkable: list[tuple[int, float]] = []  # (column, its narrowest width), in the order they give way
    text_columns: list[tuple[int, float]] = []
    for index, column in enumerate(columns):
        title_word = widest(words(column.title))
        if column.stretch:
            widths.append(0.0)
            continue
        if column.whole:  # its title on one line while there is room, between words when there is not
            narrowest = max(widest(column.cells), title_word) + overhead
            widths.append(max(narrowest, widest([column.title]) + overhead))
            shrinkable.append((index, narrowest))
        else:
            narrowest = max(title_word, *(widest(words(cell)) for cell in column.cells), 0.0) + overhead
            natural = max(widest(column.cells), widest([column.title])) + overhead
            widths.append(max(narrowest, min(natural, TEXT_SHARE_MAX * line)))
            text_columns.append((index, narrowest))
    shrinkable += text_columns  # titles wrap first (one row), then names (every row they are on grows)
    signature_min = SIGNATURE_MIN_MM / _MM_PER_INCH * device.logicalDpiX()
    stretching = [index for index, column in enumerate(columns) if column.stretch]
    needed = sum(widths) + signature_min * len(stretching)
    for index, narrowest in shrinkable:  # titles, then names, wrap more before the sheet gets smaller
        if needed <= line:
            break
        give = min(widths[index] - narrowest, needed - line)
        widths[index] -= give
        needed -= give
    if needed > line:
        return None
    rest = line - sum(widths)
    for index in stretching:
        widths[index] = rest / len(stretching)
    if not stretching:  # nothing stretches: the text columns share the rest
        for index, _ in text_columns:
            widths[index] += rest / max(1, len(text_columns))
    return [100.0 * width / line for width in widths]


def fits(document: QTextDocument) -> bool:
    """Whether every table of the laid-out document lies within its line width (no cell pushed past the margin)."""
    layout = document.documentLayout()
    line = document.pageSize().width() if document.pageSize().width() > 0 else document.textWidth()
    # A full-width table may come out a pixel wider than the line (its borders are rounded); a number pushed past
    # the margin is a whole character wider, so a tolerance of 0.2 % tells them apart.
    allowed = line * 1.002
    for frame in document.rootFrame().childFrames():
        # The width, not the right edge: a table's rectangle starts inside its own border.
        if isinstance(frame, QTextTable) and layout.frameBoundingRect(frame).width() > allowed:
            return False
    return True
