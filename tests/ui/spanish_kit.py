"""What a Spanish-speaking user reads on screen, checked against the catalogue's English sources: any visible text
that is an English source whose Spanish differs was left untranslated."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from hydrodesk.resources import resource_path

TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%[0-9n]")


def normalized(text: str) -> str:
    """As a person reads it: no mnemonic ampersands, no markup, single spaces."""
    plain = TAG.sub(" ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(plain.split())


@cache
def english_only() -> frozenset[str]:
    """The catalogue's English sources that read differently in Spanish (words alike in both, such as "Sector" or
    "Total", are left out: seeing them proves nothing)."""
    found = set()
    root = ET.parse(resource_path("translations", "hydrodesk_es.ts")).getroot()
    for message in root.iter("message"):
        source = normalized(message.findtext("source") or "")
        translation = normalized(message.findtext("translation") or "")
        if len(source) >= 4 and translation and translation != source and not PLACEHOLDER.search(source):
            found.add(source)
    return frozenset(found)


def _texts_of(widget: QWidget) -> list[str]:
    texts = [widget.toolTip(), widget.windowTitle() if widget.isWindow() else ""]
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QTabWidget):
        texts += [widget.tabText(index) for index in range(widget.count())]
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(index) for index in range(widget.count())]
    elif isinstance(widget, QMenuBar):
        texts += _menu_texts(widget.actions())
    elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
        model = widget.model()
        texts += [
            str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            for column in range(model.columnCount(QModelIndex()))
        ]
    return texts


def _menu_texts(actions: list[QAction]) -> list[str]:
    texts = []
    for action in actions:
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [menu.title(), *_menu_texts(menu.actions())]
    return texts


def english_left(root: QWidget) -> list[str]:
    """The visible texts under `root` (its menus too) that are untranslated English, with where they are."""
    left = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        where = widget.objectName() or type(widget).__name__
        for text in _texts_of(widget):
            if text and normalized(text) in english_only():
                left.append(f"{where}: {normalized(text)!r}")
    return left
