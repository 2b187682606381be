"""What every central-area pane is given and what it offers the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from hydrodesk.ui.export_feedback import export_failed_text, exported_text
from hydrodesk.ui.keys import KeyHelp, bound_keys

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient
    from hydrodesk.api.models import Project, Sector
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.connection import ConnectionMonitor
    from hydrodesk.ui.irrigation.alarms import AlarmCenter
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.tasks import BackgroundTasks
    from hydrodesk.ui.theme import Theme
    from hydrodesk.ui.ui_state import UiState
    from hydrodesk.ui.widgets.data_table import DataTable


@dataclass(frozen=True)
class Selection:
    """What the navigator has selected: a project, and maybe one of its sectors."""

    project: Project | None = None
    sector: Sector | None = None


@dataclass(frozen=True)
class PaneContext:
    """The services a pane may use. Panes make API calls through `monitor.call(...)` so the status bar stays true."""

    monitor: ConnectionMonitor
    tasks: BackgroundTasks
    client: Callable[[], HydrobitClient | None]  # the signed-in client, or None while signed out
    theme: Callable[[], Theme]
    # The session's live telemetry (MQTT), or None while signed out.
    live: Callable[[], LiveTelemetry | None] = field(default=lambda: None)
    # The signed-in office (local cache + outbox + sync engine), or None while signed out. Panes read through
    # `office.store` and change server state only through `office.actions`, so everything works offline.
    office: Callable[[], Office | None] = field(default=lambda: None)
    # The session's alarm service (watches the farm from sign-in on, keeps the journal), or None while signed out.
    alarms: Callable[[], AlarmCenter | None] = field(default=lambda: None)
    # Where the window keeps the user's arrangement and per-session choices between runs; None: kept in memory only.
    ui_state: UiState | None = None


# Every pane's outer margins: room to breathe without wasting a 1366×768 laptop's width.
PANE_MARGINS = (16, 14, 16, 12)


class Pane(QWidget):
    status_message = Signal(str)  # a short note for the status bar ("Exported 12 rows to …")
    sector_activated = Signal(str, str)  # project id, sector id: the pane asks the navigator to select it
    session_activated = Signal(str)  # a session id: the pane asks the window to show that session's tallies
    sector_opened = Signal(str, str)  # project id, sector id: the pane asks to open the sector's timeline
    session_open_requested = Signal(str, str)  # project id, sector id ("": none): open a new session there
    data_ready = Signal()  # a pane whose data comes after the farm loaded (live telemetry) has some to show

    def is_data_ready(self) -> bool:
        """False while the pane still waits for data beyond the farm (a screenshot waits for `data_ready`)."""
        return True

    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    # ------------------------------------------------------------------------------------------ keys and help
    def add_shortcut(
        self,
        keys: str | QKeySequence | QKeySequence.StandardKey,
        text: str,
        slot: Callable[[], object],
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QShortcut:
        """Bind `keys` to `slot` and describe them (`text`, translated) for the F1 sheet, in one place.

        Window-wide by default: a hidden pane's shortcuts are inactive, so they work wherever the focus is while
        the pane is on screen."""
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(context)
        shortcut.setWhatsThis(text)
        shortcut.activated.connect(slot)
        return shortcut

    def help_text(self) -> str:
        """Two to four sentences on how the pane works, for the F1 sheet (translated)."""
        return ""

    def widget_keys(self) -> list[KeyHelp]:
        """Keys the pane's widgets handle themselves (Enter on a row, Delete in a list): listed on the F1 sheet."""
        return []

    def key_help(self) -> list[KeyHelp]:
        """Every key this pane answers to: its live shortcuts, actions and buttons, then `widget_keys()`."""
        return [*bound_keys(self), *self.widget_keys()]

    def set_selection(self, selection: Selection) -> None:
        """The navigator's selection changed (or the data behind it was reloaded)."""

    def show_session(self, session_id: str) -> None:
        """Another pane asked to see this production session here (the tallies pane shows its entries)."""

    def set_live(self, live: LiveTelemetry | None) -> None:
        """The session's live telemetry started (a sign-in) or stopped (None: signed out)."""

    def apply_theme(self, theme: Theme) -> None:
        """The theme changed: re-colour icons or charts that do not follow the style sheet."""

    def focus_filter(self) -> bool:
        """Ctrl+F: put the cursor in this pane's filter box; False when the pane has none."""
        return False

    def export_table(self) -> bool:
        """File > Export table: offer to save this pane's table as CSV or XLSX; False when the pane has none."""
        return False

    async def refresh(self) -> None:
        """F5: reload whatever this pane fetches beyond the project list the window already reloaded."""

    def announce_exports(self, table: DataTable) -> None:
        """Say on the status bar where `table` was exported to, or why it could not be."""
        table.exported.connect(self.announce_export)
        table.export_failed.connect(self.announce_export_failure)

    def announce_export(self, path: str, rows: int) -> None:
        self.status_message.emit(exported_text(path, rows))

    def announce_export_failure(self, path: str, reason: str) -> None:
        self.status_message.emit(export_failed_text(path, reason))
