"""Restyling a widget after a change its style sheet selects on: a dynamic property (`QLabel[tone="warn"]`) or its
object name (`#PrimaryButton`).

Qt reads those when it polishes a widget, so a widget already polished must be polished again to show the change;
one not polished yet (still being built) is polished with the new value when it is first shown.

The polish is asked for with a Polish event, which the widget answers by calling its style's polish() in C++.
Calling `widget.style().polish(widget)` from Python would do the same, but the first call makes PySide6 set up its
wrapper of QStyle (some twenty Python enums, about 10 ms), and the window's first paint restyles its status bar and
its signed-out page. No unpolish() first: the style sheet style's polish() drops the widget's cached rules itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QWidget


def repolish(widget: QWidget) -> None:
    """Polish `widget` again if it has been polished, so its style sheet rules apply to what changed."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.Polish))


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set the dynamic property `name` that the style sheet selects on, and restyle `widget` when it changed."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)


def set_style_name(widget: QWidget, name: str) -> None:
    """Give `widget` the object name the style sheet selects on (`#PrimaryButton`), and restyle it when it is
    polished already: a button a QDialogButtonBox made is polished as it is added, so a name given after
    `addButton()` never showed (every dialog's confirm button was drawn as a plain one)."""
    if widget.objectName() != name:
        widget.setObjectName(name)
        repolish(widget)
