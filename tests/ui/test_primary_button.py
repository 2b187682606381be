"""A disabled primary button (Record, Open session…, Send) is greyed like any disabled button. The accent colour
of the primary buttons outranked the style sheet's rule for disabled ones, so a disabled Record in a colleague's
session still looked ready to press. Read from the pixels the buttons paint, in every theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.theme import ThemeManager


def fill(button: QPushButton) -> QColor:
    """The button's background: a pixel inside its border, left of its text, half way down."""
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return QColor(image.pixel(4, image.height() // 2))


@pytest.mark.parametrize("theme", ["light", "dark", "outdoor"])
def test_a_disabled_primary_button_is_greyed_like_any_disabled_button(
    qtbot: QtBot, qapp: QApplication, theme: str
) -> None:
    themes = ThemeManager(qapp, theme)
    themes.apply(theme)
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    primary = QPushButton("Registrar")
    primary.setObjectName("PrimaryButton")
    plain = QPushButton("Anular")
    layout.addWidget(primary)
    layout.addWidget(plain)
    row.show()
    qtbot.waitExposed(row)
    accent = QColor(themes.current.tokens["accent"])
    assert fill(primary) == accent  # enabled: the accent that marks the one action to take
    primary.setEnabled(False)
    plain.setEnabled(False)
    assert fill(primary) != accent
    assert fill(primary) == fill(plain)
