"""Primary buttons (Record, Open session…, Send) are drawn in the accent colour, and greyed like any button when
disabled. The accent outranked the style sheet's rule for disabled buttons, so a disabled Record in a colleague's
session still looked ready to press; and a dialog's confirm button, named after its QDialogButtonBox had polished
it, was drawn plain. The chosen segment of a disabled row (the Timeline's range before a sector is chosen) kept
the accent the same way. Read from the pixels the buttons paint."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.sessions.dialogs import ExtendSessionDialog
from hydrodesk.ui.theme import ThemeManager
from hydrodesk.ui.widgets.segmented import SegmentedButtons


def fill(button: QPushButton) -> QColor:
    """The button's background: a pixel inside its border, left of its text, half way down."""
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return QColor(image.pixel(4, image.height() // 2))


def theme_tokens(qapp: QApplication, theme: str) -> dict[str, str]:
    """Apply `theme` to the whole application, as Settings does; its colour tokens."""
    themes = ThemeManager(qapp, theme)
    themes.apply(theme)
    return themes.current.tokens


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)


@pytest.mark.parametrize("theme", ["light", "dark", "outdoor"])
def test_a_disabled_primary_button_is_greyed_like_any_disabled_button(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    tokens = theme_tokens(qapp, theme)
    row = QWidget()
    layout = QHBoxLayout(row)
    primary = QPushButton("Registrar")
    primary.setObjectName("PrimaryButton")
    plain = QPushButton("Anular")
    layout.addWidget(primary)
    layout.addWidget(plain)
    show(qtbot, row)
    accent = QColor(tokens["accent"])
    assert fill(primary) == accent  # enabled: the accent that marks the one action to take
    primary.setEnabled(False)
    plain.setEnabled(False)
    assert fill(primary) != accent
    assert fill(primary) == fill(plain)


def test_a_dialogs_confirm_button_is_drawn_as_the_primary_button(qtbot: QtBot, qapp: QApplication) -> None:
    tokens = theme_tokens(qapp, "light")
    dialog = ExtendSessionDialog(
        sector_name="Lote A-1", current_hours=10, opened_at=datetime(2026, 12, 5, 12, tzinfo=UTC), timezone="UTC"
    )
    show(qtbot, dialog)
    assert dialog.confirm_button.isEnabled()
    assert fill(dialog.confirm_button) == QColor(tokens["accent"])


@pytest.mark.parametrize("theme", ["light", "dark", "outdoor"])
def test_the_chosen_segment_of_a_disabled_row_is_greyed_not_accented(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    tokens = theme_tokens(qapp, theme)
    segments = SegmentedButtons()
    for choice, text in (("today", "Hoy"), ("yesterday", "Ayer"), ("week", "Esta semana")):
        segments.add(choice, text)
    segments.select("yesterday")
    show(qtbot, segments)
    chosen = segments.button("yesterday")
    assert fill(chosen) == QColor(tokens["accent_soft"])  # enabled: the choice in the accent
    segments.setEnabled(False)
    assert fill(chosen) != QColor(tokens["accent_soft"])
    assert fill(chosen) == QColor(tokens["header"])  # still told apart from the others, without the accent
