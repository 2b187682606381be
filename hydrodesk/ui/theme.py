"""Light, dark and high-contrast outdoor themes: the Fusion style, a palette and a style sheet, all read from
resources/themes (a theme's own `<name>.qss`, when there is one, goes on top of base.qss)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from hydrodesk.resources import resource_path

_TOKEN = re.compile(r"@([a-z_]+)")

STYLE = "Fusion"
STYLE_ARGUMENTS = ["-style", STYLE]
"""Choose the style when the QApplication is made (its command line). Setting it later with setStyle() makes
PySide6 set up Python's wrapper of QStyle, some twenty enums, about 10 ms before the window's first paint."""


@dataclass(frozen=True)
class Theme:
    name: str  # "light", "dark" or "outdoor" (a light theme: code that asks "dark?" treats it as light)
    palette: QPalette
    style_sheet: str
    tokens: dict[str, str]

    def color(self, token: str) -> QColor:
        return QColor(self.tokens[token])


@cache
def load_theme(name: str) -> Theme:
    spec = json.loads(resource_path("themes", f"{name}.json").read_text(encoding="utf-8"))
    palette = QPalette()
    for role_name, color in spec["palette"].items():
        palette.setColor(QPalette.ColorRole[role_name], QColor(color))
    for role_name, color in spec.get("disabled", {}).items():
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole[role_name], QColor(color))
    tokens: dict[str, str] = spec["tokens"]
    sheet = resource_path("themes", "base.qss").read_text(encoding="utf-8")
    own = resource_path("themes", f"{name}.qss")
    if own.is_file():
        sheet += "\n" + own.read_text(encoding="utf-8")
    # The colours, and where the sheet's own images are (its check marks).
    values = {**tokens, "themes_folder": resource_path("themes").as_posix()}
    sheet = _TOKEN.sub(lambda match: values[match.group(1)], sheet)
    return Theme(name=name, palette=palette, style_sheet=sheet, tokens=tokens)


def resolve_theme_name(choice: str) -> str:
    """`system` follows the desktop's light or dark preference; an unknown preference means light."""
    if choice in ("light", "dark", "outdoor"):
        return choice
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


class ThemeManager(QObject):
    """Applies the chosen theme to the application and re-applies `system` when the desktop switches."""

    theme_changed = Signal(object)  # Theme

    def __init__(
        self, app: QApplication, choice: str = "system", parent: QObject | None = None, *, style_chosen: bool = False
    ) -> None:
        """`style_chosen`: the app was made with STYLE_ARGUMENTS, so the style is already Fusion."""
        super().__init__(parent)
        self._app = app
        self._choice = choice
        self._current: Theme | None = None
        if not style_chosen:
            app.setStyle(STYLE)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    @property
    def choice(self) -> str:
        return self._choice

    @property
    def current(self) -> Theme:
        if self._current is None:
            self.apply(self._choice)
        assert self._current is not None
        return self._current

    def apply(self, choice: str) -> Theme:
        self._choice = choice
        theme = load_theme(resolve_theme_name(choice))
        if theme is not self._current:
            self._current = theme
            self._app.setPalette(theme.palette)
            self._app.setStyleSheet(theme.style_sheet)
            self.theme_changed.emit(theme)
        return theme

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._choice == "system":
            self.apply("system")
