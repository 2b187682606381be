"""Tab in reading order where creation order says otherwise (a pane's heading tools made after its body)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets under `root` that Tab can stop at, in the order Tab visits them now. A compound widget (a date
    edit, an editable combo box) stands for the inner widget it hands its focus to, as setTabOrder() wants."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget not in chain:
        if root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not _inner(widget):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _inner(widget: QWidget) -> bool:
    """True for the editor inside a spin box, a date edit or a combo box: the box stands for it."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox) or (parent is not None and parent.focusProxy() is widget)


def move_before(widgets: Sequence[QWidget], anchor: QWidget, root: QWidget) -> None:
    """Make Tab visit `widgets`, in this order, just before `anchor`; the rest of `root`'s order stays as it was."""
    current = focus_chain(root)
    chain = [widget for widget in current if widget not in widgets]
    if not current or anchor not in chain:
        return
    at = chain.index(anchor)
    # From the widget Tab visits just before the first one of `root` (the order is a ring: this is where Tab enters
    # it); setTabOrder() ignores a widget that takes no focus, so that one is skipped.
    entry = current[0].previousInFocusChain()
    while entry.focusPolicy() == Qt.FocusPolicy.NoFocus or entry in widgets:
        entry = entry.previousInFocusChain()
    ordered = [*([] if entry in chain else [entry]), *chain[:at], *widgets, *chain[at:]]
    for first, second in itertools.pairwise(ordered):
        QWidget.setTabOrder(first, second)
