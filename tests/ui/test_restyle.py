"""Restyling after a change the style sheet selects on (hydrodesk.ui.widgets.restyle): a shown widget takes the new
look at once, one still being built takes it when first shown, and an unchanged value costs no polish."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.widgets.restyle import repolish, set_style_property

SHEET = 'QLabel[tone="warn"] { color: #c00000; font-weight: bold; } QLabel[tone="ok"] { color: #008000; }'


class PolishCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish:
            self.count += 1
        return False


def text_color(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def labelled(qtbot: QtBot, sheet: str = SHEET) -> tuple[QWidget, QLabel]:
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(sheet)
    label = QLabel("Offline", host)
    QVBoxLayout(host).addWidget(label)
    return host, label


def test_a_shown_widget_takes_its_new_tone_at_once(qtbot: QtBot) -> None:
    host, label = labelled(qtbot)
    set_style_property(label, "tone", "warn")
    host.show()
    qtbot.waitExposed(host)
    assert (text_color(label), label.font().bold()) == ("#c00000", True)
    set_style_property(label, "tone", "ok")
    assert (text_color(label), label.font().bold()) == ("#008000", False)
    set_style_property(label, "tone", "warn")
    assert (text_color(label), label.font().bold()) == ("#c00000", True)


def test_a_widget_still_being_built_takes_its_tone_when_first_shown(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(SHEET)
    label = QLabel("Offline")  # no parent yet: nothing has polished it
    set_style_property(label, "tone", "ok")
    QVBoxLayout(host).addWidget(label)
    host.show()
    qtbot.waitExposed(host)
    assert text_color(label) == "#008000"


def test_an_unchanged_tone_costs_no_polish_and_a_renamed_widget_is_restyled(qtbot: QtBot) -> None:
    host, label = labelled(qtbot, SHEET + " QLabel#Alert { color: #0000c0; }")
    host.show()
    qtbot.waitExposed(host)
    counter = PolishCounter()
    label.installEventFilter(counter)
    set_style_property(label, "tone", "ok")
    set_style_property(label, "tone", "ok")  # the busy morning's hundredth scan: no restyle
    assert counter.count == 1
    label.setObjectName("Alert")
    repolish(label)
    assert counter.count == 2
    assert text_color(label) == "#0000c0"
