"""Forms stacked one under another (a dialog's main fields, then its "Advanced" ones) with one column of labels.

Each QFormLayout sizes its label column to its own widest label (and a nested one takes its gap from its parent),
so two forms in one dialog start their fields at two different places and the dialog reads ragged. Giving every
label the widest one's width, and every form one gap, lines them up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget


def share_label_column(*forms: QFormLayout) -> None:
    """Every label of `forms` as wide as the widest, and one gap after it: their fields start at one x. Call once
    the forms are in their places (a form nested in a layout takes its gap from it) and their rows added."""
    gap = max(form.horizontalSpacing() for form in forms)
    for form in forms:
        form.setHorizontalSpacing(gap)
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = None if item is None else item.widget()
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
