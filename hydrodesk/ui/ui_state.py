"""Where the window was and how it was arranged: UI state, kept apart from the user's settings.

Window geometry and state (maximized, the navigator's width), each pane's splitters, the last pane, the theme and
the navigator's selection; and the Settings dialog's preferences (language, update feed, irrigation limits). One
file per user (in the user's configuration folder), whichever profile signs in.

An INI file beside settings.json (not the OS registry), so tests and portable installs can point it anywhere.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from hydrodesk.domain.irrigation_limits import IrrigationLimits

DEFAULT_UPDATE_FEED = "https://api.github.com/repos/hydrobit/hydrodesk/releases/latest"
# The limits a person sets in Settings > Irrigation (the others are protocol timings, not the office's choice).
IRRIGATION_LIMIT_FIELDS = (
    "max_open_valves",
    "min_line_pressure_bar",
    "max_line_pressure_bar",
    "alarm_hold_s",
    "confirm_within_s",
)


class UiState:
    def __init__(self, path: Path) -> None:
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def _text(self, key: str) -> str | None:
        value = self._settings.value(key)
        return str(value) if value not in (None, "") else None

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def splitter(self, pane: str, name: str) -> QByteArray | None:
        """How the user left a pane's splitter (QSplitter.saveState), or None."""
        return self._bytes(f"splitters/{pane}.{name}")

    def save_splitter(self, pane: str, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"splitters/{pane}.{name}", state)

    def hidden_columns(self, pane: str, table: str) -> list[int] | None:
        """The columns the user hid in a pane's table, or None when the user never chose."""
        value = self._settings.value(f"tables/{pane}.{table}.hidden")
        if value is None:
            return None
        items = value if isinstance(value, list) else [value] if value != "" else []
        return [int(item) for item in items if str(item).isdigit()]

    def save_hidden_columns(self, pane: str, table: str, columns: list[int]) -> None:
        # An explicit "none" (an empty string) tells "shows everything" from "never chose".
        self._settings.setValue(f"tables/{pane}.{table}.hidden", [str(c) for c in columns] if columns else "")

    @property
    def last_pane(self) -> str | None:
        return self._text("window/last_pane")

    @last_pane.setter
    def last_pane(self, name: str) -> None:
        self._settings.setValue("window/last_pane", name)

    @property
    def theme(self) -> str:
        return self._text("window/theme") or "system"

    @theme.setter
    def theme(self, choice: str) -> None:
        self._settings.setValue("window/theme", choice)

    @property
    def selection(self) -> tuple[str | None, str | None]:
        """The project and sector last selected in the navigator."""
        return self._text("navigator/project"), self._text("navigator/sector")

    @selection.setter
    def selection(self, value: tuple[str | None, str | None]) -> None:
        self._settings.setValue("navigator/project", value[0] or "")
        self._settings.setValue("navigator/sector", value[1] or "")

    def enter_action(self, session_id: str) -> str | None:
        """What Enter after a worker does in this tally session ("record" or "ask_units"), if the user chose."""
        return self._text(f"tallies/enter/{session_id}")

    def set_enter_action(self, session_id: str, action: str) -> None:
        self._settings.setValue(f"tallies/enter/{session_id}", action)

    def forget_enter_action(self, session_id: str) -> None:
        self._settings.remove(f"tallies/enter/{session_id}")

    def enter_action_sessions(self) -> list[str]:
        """The sessions with a saved Enter choice."""
        self._settings.beginGroup("tallies/enter")
        try:
            return list(self._settings.childKeys())
        finally:
            self._settings.endGroup()

    # ---------------------------------------------------------------------------------- preferences (Settings dialog)
    # Kept here beside the theme, not in settings.json: they belong to the person at this computer, whichever
    # profile signs in, and need no schema version.

    @property
    def language(self) -> str | None:
        """The interface language the user chose ("en", "es"), or None to follow the system."""
        return self._text("preferences/language")

    @language.setter
    def language(self, code: str | None) -> None:
        self._settings.setValue("preferences/language", code or "")

    @property
    def update_feed_url(self) -> str:
        """Where Help > Check for Updates reads the latest release (a GitHub releases API URL by default)."""
        return self._text("preferences/update_feed_url") or DEFAULT_UPDATE_FEED

    @update_feed_url.setter
    def update_feed_url(self, url: str) -> None:
        self._settings.setValue(
            "preferences/update_feed_url", url.strip() if url.strip() != DEFAULT_UPDATE_FEED else ""
        )

    def irrigation_limits(self, project_id: str | None = None) -> IrrigationLimits:
        """A project's interlocks and alarm thresholds (each project has its own pumps and lines); where the
        project never had one set, the office-wide value saved before limits were per project; else the default.
        A value no longer valid falls back to the defaults."""
        from hydrodesk.domain.irrigation_limits import IrrigationLimits  # on use: the window's first paint is sooner

        defaults = IrrigationLimits()
        values: dict[str, float] = {}
        for name in IRRIGATION_LIMIT_FIELDS:
            text = self._text(f"irrigation/projects/{project_id}/{name}") if project_id else None
            if text is None:
                text = self._text(f"irrigation/{name}")
            if text is not None:
                try:
                    values[name] = float(text)
                except ValueError:
                    continue
        if "max_open_valves" in values:
            values["max_open_valves"] = int(values["max_open_valves"])
        try:
            return replace(defaults, **values)
        except (TypeError, ValueError):  # edited by hand into something the interlocks refuse
            return defaults

    def save_irrigation_limits(self, limits: IrrigationLimits, project_id: str | None = None) -> None:
        """Save `project_id`'s limits (None: the office-wide fallback for projects never set)."""
        prefix = f"irrigation/projects/{project_id}" if project_id else "irrigation"
        for name in IRRIGATION_LIMIT_FIELDS:
            self._settings.setValue(f"{prefix}/{name}", str(getattr(limits, name)))

    def sync(self) -> None:
        self._settings.sync()
