"""Helpers for walking the main window by keyboard at 1366×768 and checking what a person would see.

`press` types keys where the focus is; `tab_chain` follows Tab round the window; `clipped_text` lists every visible
label, button or table cell whose text does not fit the room it was given (the "Abierta hasta las 1…" of issue 8).
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from hydrodesk.ui.main_window import MainWindow
from hydrodesk.ui.widgets.data_table import DataTable

SCREEN = (1366, 768)
WAIT_MS = 20_000


def at_laptop_size(qtbot: QtBot, window: MainWindow) -> None:
    """The window as it is on a 1366×768 laptop, maximized (the test screen is smaller, so size it by hand)."""
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(*SCREEN)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.size().width() == SCREEN[0] and window.isActiveWindow())


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot: QtBot, keys: str | QKeySequence, target: QWidget | None = None) -> None:
    """Type `keys` ("Ctrl+N") into the focused widget, as the user does."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    combination = sequence[0]
    where = target or focus() or QApplication.activeWindow()
    assert where is not None, "nothing has the keyboard focus"
    qtbot.keyClick(where, combination.key(), combination.keyboardModifiers())


def type_text(qtbot: QtBot, text: str) -> None:
    """Type ASCII text where the focus is (QTest cannot type other characters: it asserts)."""
    assert text.isascii(), text
    where = focus()
    assert where is not None
    qtbot.keyClicks(where, text)


def tab_until(qtbot: QtBot, wanted: Callable[[QWidget], bool], limit: int = 80) -> QWidget:
    """Press Tab until the focus is on a widget `wanted` accepts; fails if Tab never gets there."""
    for _ in range(limit):
        current = focus()
        if current is not None and wanted(current):
            return current
        press(qtbot, "Tab")
    raise AssertionError(f"Tab never reached the widget wanted (stopped on {focus()!r})")


def inside(widget: QWidget | None, ancestor: QWidget) -> bool:
    while widget is not None:
        if widget is ancestor:
            return True
        widget = widget.parentWidget()
    return False


def in_table(table: DataTable) -> Callable[[QWidget], bool]:
    return lambda widget: widget is table.view


def tab_chain(qtbot: QtBot, start: QWidget, limit: int = 120) -> list[QWidget]:
    """The widgets Tab visits from `start` until it comes back to it."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focus() is start)
    chain = [start]
    for _ in range(limit):
        press(qtbot, "Tab")
        current = focus()
        assert current is not None, "Tab left the window with no focus at all"
        if current is start:
            return chain
        chain.append(current)
    last = [widget.objectName() or type(widget).__name__ for widget in chain[-5:]]
    raise AssertionError(f"Tab never came back to where it started: a focus trap after {last}")


def name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    label = widget.objectName() or widget.accessibleName() or text
    return f"{type(widget).__name__} {label!r} in {type(widget.parentWidget()).__name__}"


def reading_order_breaks(chain: list[QWidget], pane: QWidget) -> list[str]:
    """Tab steps inside `pane` that go back up: to a widget above the last one in the same column (the tools at the
    top of a pane visited after everything below them)."""
    breaks = []
    for before, after in itertools.pairwise(chain):
        if not (inside(before, pane) and inside(after, pane)):
            continue
        a = before.mapTo(pane, before.rect().topLeft()), before.width()
        b = after.mapTo(pane, after.rect().topLeft()), after.width()
        same_column = a[0].x() < b[0].x() + b[1] and b[0].x() < a[0].x() + a[1]
        if same_column and b[0].y() < a[0].y() - 4:
            breaks.append(f"{name(before)} at {a[0].toTuple()} → {name(after)} at {b[0].toTuple()}")
    return breaks


def modal_dialog(qtbot: QtBot, kind: type[QDialog] = QDialog) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=WAIT_MS)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    return dialog


def escape_from(qtbot: QtBot, dialog: QDialog, back_to: QWidget) -> None:
    """Esc closes the dialog and the focus goes back to where it was before it opened."""
    press(qtbot, "Escape", dialog.focusWidget() or dialog)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: focus() is back_to, timeout=WAIT_MS)


# ------------------------------------------------------------------------------------------------ what is cut
def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isVisible() and widget.width() > 0


def clipped_widgets(root: QWidget) -> list[str]:
    """Every label or button under `root` whose text needs more room than it has."""
    cut = []
    for label in root.findChildren(QLabel):
        if not _shown(label, root) or not label.text() or label.textFormat() == Qt.TextFormat.RichText:
            continue
        if label.wordWrap():
            if label.heightForWidth(label.contentsRect().width()) > label.contentsRect().height() + 1:
                room = label.contentsRect()
                cut.append(
                    f"label {label.text()!r}: {label.heightForWidth(room.width())} px of wrapped text in "
                    f"{room.height()}"
                )
        elif label.minimumSizeHint().width() > label.width() + 1:
            cut.append(f"label {label.text()!r}: {label.minimumSizeHint().width()} px of text in {label.width()}")
    for button in root.findChildren(QAbstractButton):
        if _shown(button, root) and button.text() and button.sizeHint().width() > button.width() + 1:
            cut.append(f"button {button.text()!r}: needs {button.sizeHint().width()} px, has {button.width()}")
    for combo in root.findChildren(QComboBox):
        if _shown(combo, root) and combo.currentText():
            needed = combo.fontMetrics().horizontalAdvance(combo.currentText())
            if needed > combo.width() - 24:  # the arrow and the frame
                cut.append(f"combo {combo.currentText()!r}: {needed} px of text in {combo.width()}")
    return cut


def clipped_cells(view: QTableView, free_text: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """Every header or cell on screen whose text is cut short (elided), and a view that scrolls sideways. Cells of
    `free_text` columns may be cut (a note of any length): they are left to the caller."""
    cut = []
    model = view.model()
    header = view.horizontalHeader()
    if view.horizontalScrollBar().maximum() > 0:
        columns = [
            f"{model.headerData(c, Qt.Orientation.Horizontal)}={header.sectionSize(c)}"
            for c in range(header.count())
            if not header.isSectionHidden(c)
        ]
        cut.append(
            f"the table scrolls sideways by {view.horizontalScrollBar().maximum()} px "
            f"({view.viewport().width()} px for {', '.join(columns)})"
        )
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)
    header_metrics = QFontMetrics(bold)
    bottom = view.rowAt(view.viewport().height() - 1)  # the rows a person sees (the last one maybe in part)
    bottom = model.rowCount(QModelIndex()) - 1 if bottom < 0 else bottom
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        width = header.sectionSize(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if header_metrics.horizontalAdvance(title) + 12 > width:  # 6 px of padding each side (base.qss)
            cut.append(f"header {title!r}: {width} px")
        for row in range(max(0, view.rowAt(0)), min(model.rowCount(QModelIndex()), 1 + bottom)):
            index = model.index(row, column)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            # The cell is drawn inside the grid line: its text needs its size hint and that pixel.
            if text and column not in free_text and view.sizeHintForIndex(index).width() + 1 > width:
                cut.append(f"{title!r} row {row}: {text!r} needs {view.sizeHintForIndex(index).width()} px of {width}")
    return cut


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a text ("&Abrir…" → "a"), or None."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def mnemonic_clashes(window: QMainWindow, pane: QWidget) -> list[str]:
    """Alt+letters used twice at once: by two of the pane's buttons or labels, or by one and a menu (Qt then only
    moves the focus between them and nothing is pressed)."""
    owners: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        if (letter := mnemonic(action.text())) is not None:
            owners.setdefault(letter, []).append(f"menu {action.text()!r}")
    for button in pane.findChildren(QAbstractButton):
        if button.isVisible() and (letter := mnemonic(button.text())) is not None:
            owners.setdefault(letter, []).append(f"button {button.text()!r}")
    for label in pane.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and (letter := mnemonic(label.text())) is not None:
            owners.setdefault(letter, []).append(f"label {label.text()!r}")
    return [f"Alt+{letter.upper()}: {', '.join(names)}" for letter, names in owners.items() if len(names) > 1]


def clipped_tree_items(tree: QTreeView) -> list[str]:
    """The tree's names that do not fit its width (the navigator showed "Rancho San Pe…")."""
    cut = []
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(tree.model().rowCount(parent)):
            index = tree.model().index(row, 0, parent)
            pending.append(index)
            rect = tree.visualRect(index)
            if rect.isValid() and rect.left() + tree.sizeHintForIndex(index).width() > tree.viewport().width():
                cut.append(f"{index.data()!r}: ends at {rect.left() + tree.sizeHintForIndex(index).width()} px")
    return cut


def visible_rows(view: QTableView) -> int:
    """How many rows are wholly on screen."""
    height = view.viewport().height()
    row_height = view.verticalHeader().defaultSectionSize()
    return min(view.model().rowCount(QModelIndex()), height // row_height)


def one_line(label: QLabel) -> bool:
    return label.height() < 2 * label.fontMetrics().lineSpacing()


def screenshot(window: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    assert window.grab().save(str(path), "PNG")
    return path


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext (poppler-utils) is needed to read the PDF back"
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
