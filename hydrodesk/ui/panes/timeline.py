"""Sector timeline: one sector's day or week on one time axis, the sector's home view.

Lanes, top to bottom: irrigation runs and the office's valve commands; soil moisture by depth; rain and ET0; the
scouting points coloured by verdict; harvest sessions and the units delivered per hour. A vertical cursor runs
through every lane and the readout says what each lane shows at that moment.

Cache first: what this computer holds for the days is drawn at once; the days never fetched (or fetched before
they had ended) are then fetched, with progress, and drawn again. Offline, the cached days stay on screen with
their age. pyqtgraph is imported with this module, which the main window imports only when the pane is shown.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.phyto_verdicts import ThresholdBook
from hydrodesk.domain.timeline import Timeline, Window
from hydrodesk.exports.file_names import suggested_file_name
from hydrodesk.ui import formats
from hydrodesk.ui.icons import svg_pixmap, themed_icon
from hydrodesk.ui.keys import KeyHelp
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.phyto.thresholds_hub import FollowedBook
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.timeline.choosing import PRESETS, SectorAndDaysChoice
from hydrodesk.ui.timeline.lanes import TimelineChart
from hydrodesk.ui.timeline.loading import STATE_PAGE, TimelineLoading
from hydrodesk.ui.timeline.readout import readout_html, readout_lines
from hydrodesk.ui.widgets.restyle import set_style_property
from hydrodesk.ui.widgets.segmented import SegmentedButtons
from hydrodesk.ui.widgets.state_page import StatePage

if TYPE_CHECKING:
    from hydrodesk.api.models import Project, Sector

log = logging.getLogger(__name__)

JUST_RELOADED_S = 3.0
NEAR_PX = 8  # a scouting point this many pixels from the cursor is the one under it


class TimelinePane(SectorAndDaysChoice, TimelineLoading, Pane):
    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()
        self._project: Project | None = None
        self._sector: Sector | None = None
        self._choices: list[tuple[Project, Sector]] = []  # what the sector box offers
        self._preset: str | None = "yesterday"
        self._window: Window | None = None
        self._timeline: Timeline | None = None
        self._load_number = 0
        self._reload_started = -1e9  # time.monotonic() when the last reload began
        self._loading = False
        self._ready = False
        self._tokens: dict[str, str] = {}
        self._denied: frozenset[str] = frozenset()  # the sources this account may not read (from the last fetch)
        # The scouting verdicts' thresholds: the defaults until the company's own are handed in.
        self.threshold_book = ThresholdBook()
        # The company's action thresholds, as the scouting pane keeps them; a change there recolours the dots here.
        self._followed_book = FollowedBook(self)
        self._followed_book.changed.connect(lambda: self.set_threshold_book(self._followed_book.book))

        # ---------------------------------------------------------------- heading
        self.title_label = QLabel(self.tr("Sector timeline"), self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")
        self.age_chip = QLabel(self)
        self.age_chip.setObjectName("Chip")
        self.age_chip.setVisible(False)
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        heading.addLayout(titles, 1)
        self.heading_row = heading
        self.banner = QLabel(self)
        self.banner.setObjectName("PaneBanner")
        self.banner.setProperty("tone", "warn")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        # ---------------------------------------------------------------- controls
        sector_label = QLabel(self.tr("&Sector"), self)
        sector_label.setObjectName("FieldName")
        self.sector_box = QComboBox(self)
        self.sector_box.setMinimumContentsLength(14)
        self.sector_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sector_box.setToolTip(self.tr("The sector whose timeline is shown"))
        self.sector_box.activated.connect(self._on_sector_chosen)
        sector_label.setBuddy(self.sector_box)
        self.preset_buttons = SegmentedButtons(self)
        self.preset_buttons.add("today", self.tr("Today"), self.tr("Show today at the farm"))
        self.preset_buttons.add("yesterday", self.tr("Yesterday"), self.tr("Show yesterday at the farm"))
        self.preset_buttons.add("this_week", self.tr("This week"), self.tr("Show this week, Monday to Sunday"))
        self.preset_buttons.add("last_week", self.tr("Last week"), self.tr("Show last week, Monday to Sunday"))
        self.preset_buttons.select("yesterday")
        self.preset_buttons.chosen.connect(self.choose_preset)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("Show the day or week before (Alt+Left)"))
        self.previous_button.setAccessibleName(self.tr("Previous"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Show the day or week after (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.range_label = QLabel(self)
        self.range_label.setObjectName("FieldName")
        self.export_button = QToolButton(self)
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Save the timeline: its events as CSV or Excel, or a picture"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        export_menu = QMenu(self.export_button)
        self.export_csv_action = QAction(self.tr("Events as CSV…"), self)
        self.export_xlsx_action = QAction(self.tr("Events as Excel…"), self)
        self.export_png_action = QAction(self.tr("Timeline as PNG picture…"), self)
        self.export_csv_action.triggered.connect(lambda: self.choose_export("csv"))
        self.export_xlsx_action.triggered.connect(lambda: self.choose_export("xlsx"))
        self.export_png_action.triggered.connect(lambda: self.choose_export("png"))
        export_menu.addActions([self.export_csv_action, self.export_xlsx_action, self.export_png_action])
        self.export_button.setMenu(export_menu)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        controls.addWidget(sector_label)
        controls.addWidget(self.sector_box)
        controls.addSpacing(6)
        controls.addWidget(self.preset_buttons)
        controls.addWidget(self.previous_button)
        controls.addWidget(self.next_button)
        controls.addWidget(self.range_label, 1)
        controls.addWidget(self.export_button)

        # In the heading beside the age, so the lanes do not jump down while days are fetched.
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setFixedWidth(300)
        self.progress.setFixedHeight(self.progress.fontMetrics().height() + 8)
        self.progress.setVisible(False)
        self.readout = QLabel(self)
        self.readout.setObjectName("Readout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setMinimumHeight(self.readout.fontMetrics().height() * 2 + 4)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        # ---------------------------------------------------------------- chart and states
        self.chart = TimelineChart(self)
        self.chart.cursor_moved.connect(self._on_cursor_moved)
        self.chart.cursor_left.connect(self._show_hint)
        chart_frame = QFrame(self)
        chart_frame.setObjectName("ChartFrame")
        chart_layout = QVBoxLayout(chart_frame)
        chart_layout.setContentsMargins(1, 1, 1, 6)
        chart_layout.addWidget(self.chart, 1)
        self.state_page = StatePage(self)
        self.state_page.action_button.clicked.connect(self._on_state_action)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(chart_frame)
        self.stack.addWidget(self.state_page)

        self.heading_row.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        self.heading_row.addWidget(self.age_chip, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(8)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addLayout(controls)
        layout.addWidget(self.readout)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.sector_box, self.preset_buttons.button(PRESETS[0]))
        self.setTabOrder(self.preset_buttons.button(PRESETS[-1]), self.previous_button)
        self.setTabOrder(self.previous_button, self.next_button)
        self.setTabOrder(self.next_button, self.export_button)
        self.setTabOrder(self.export_button, self.chart)

        for keys, text, slot in (
            ("Alt+Left", self.tr("Show the day or week before"), lambda: self.step(-1)),
            ("Alt+Right", self.tr("Show the day or week after"), lambda: self.step(1)),
            ("Alt+Home", self.tr("Show today"), lambda: self.choose_preset("today")),
            ("Alt+Y", self.tr("Show yesterday"), lambda: self.choose_preset("yesterday")),
            ("Alt+W", self.tr("Show this week"), lambda: self.choose_preset("this_week")),
            ("Ctrl+G", self.tr("Put the keyboard in the timeline (arrows move the cursor)"), self.chart.setFocus),
        ):
            self.add_shortcut(keys, text, slot)
        self.apply_theme(context.theme())
        self._show_hint()
        self._show_pick_sector()

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        self._selection = selection
        project, sector = selection.project, selection.sector
        previous = (self._project, self._sector)
        if sector is not None and project is not None:
            self._project, self._sector = project, sector
        elif project is not None and (self._project is None or self._project.project_id != project.project_id):
            self._project, self._sector = project, None  # another project: its sectors are offered
        elif project is None:
            self._project, self._sector = None, None
        self._fill_sector_box()
        if (self._project, self._sector) != previous or self._timeline is None:
            self._reset_window()
            self.reload_in_background()

    def help_text(self) -> str:
        return self.tr(
            "One sector's day or week on one time axis: irrigation runs and valve commands, soil moisture, rain "
            "and ET0, scouting points coloured by verdict, harvest sessions and units per hour. Point at any "
            "moment (or press Ctrl+G and use the arrows) to read every lane there; the wheel zooms and dragging "
            "pans. Days already on this computer show at once, offline too."
        )

    def widget_keys(self) -> list[KeyHelp]:
        return [
            KeyHelp(self.tr("Left, Right"), self.tr("In the timeline: move the cursor")),
            KeyHelp(self.tr("Shift+Left, Shift+Right"), self.tr("In the timeline: pan")),
            KeyHelp("+, −", self.tr("In the timeline: zoom in and out")),
            KeyHelp("0", self.tr("In the timeline: show the whole day or week")),
        ]

    def apply_theme(self, theme: Theme) -> None:
        tokens = dict(theme.tokens)
        tokens.setdefault("text", theme.palette.color(theme.palette.ColorRole.Text).name())
        self._tokens = tokens
        self.export_button.setIcon(themed_icon("export", tokens["icon"]))
        background = theme.palette.color(theme.palette.ColorRole.Base).name()
        self.chart.apply_theme(tokens, background, theme.name == "dark")

    def export_table(self) -> bool:
        self.choose_export("csv")
        return True

    def is_data_ready(self) -> bool:
        return self._ready or self._sector is None

    async def refresh(self) -> None:
        # The window sends F5 after every load of the farm, also the first, moments after the pane began its own
        # cache-first reload: only a refresh asked for later fetches every day again.
        await self.reload(force=time.monotonic() - self._reload_started > JUST_RELOADED_S)

    # ------------------------------------------------------------------------------------------ showing
    def _zone(self) -> str | None:
        return self._project.timezone if self._project is not None else None

    def _update_heading(self) -> None:
        if self._project is None:
            self.subtitle_label.setText(self.tr("Pick a project's sector in the navigator"))
            self.range_label.setText("")
            return
        zone = formats.zone_label(self._zone())
        if self._sector is None:
            self.subtitle_label.setText(self._project.name)
        else:
            self.subtitle_label.setText(
                self.tr("{sector} · {project} · times in {zone}").format(
                    sector=self._sector.sector_name, project=self._project.name, zone=zone
                )
            )
        self.range_label.setText(self._range_text())
        for widget in (self.preset_buttons, self.previous_button, self.next_button, self.export_button):
            widget.setEnabled(self._sector is not None)

    def _range_text(self) -> str:
        if self._window is None:
            return ""
        if self._window.days == 1:
            return formats.day_text(self._window.first)
        return self.tr("{first} – {last}").format(
            first=formats.day_text(self._window.first, weekday=False),
            last=formats.day_text(self._window.last, weekday=False),
        )

    def _show_pick_sector(self) -> None:
        self._update_heading()
        if self._project is None:
            title = self.tr("Pick a sector")
            message = self.tr("Choose a project's sector in the navigator to see its day on one time axis.")
        else:
            title = self.tr("Pick a sector of {project}").format(project=self._project.name)
            message = self.tr(
                "The timeline shows one sector. Choose one in the Sector box above (Alt+S) or in the navigator."
            )
        self.state_page.show_state(
            title=title, message=message, icon=svg_pixmap("sector", QSize(48, 48), self._tokens.get("muted", "#888"))
        )
        self.stack.setCurrentIndex(STATE_PAGE)
        self.age_chip.setVisible(False)
        self.banner.setVisible(False)
        self.readout.setText("")

    def _show_problem(self, message: str, *, tone: str = "error") -> None:
        self.state_page.show_state(
            title=self.tr("The timeline cannot be shown"),
            message=message,
            icon=svg_pixmap("error", QSize(48, 48), self._tokens.get("error", "#b03a2e")),
            tone=tone,
        )
        self.stack.setCurrentIndex(STATE_PAGE)

    def _show_progress(self, done: int, total: int, what: str) -> bool:
        texts = {
            "start": self.tr("Fetching the sector's days…"),
            "valves": self.tr("Fetching the valves…"),
            "irrigation": self.tr("Fetching the irrigation log…"),
            "soil": self.tr("Fetching soil moisture…"),
            "weather": self.tr("Fetching rain and ET0…"),
            "scouting": self.tr("Fetching scouting records…"),
            "commands": self.tr("Checking the valve commands…"),
            "harvest": self.tr("Fetching harvest sessions…"),
            "done": self.tr("Drawing…"),
        }
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(texts.get(what, what))
        self.progress.setVisible(True)
        return True

    def _show_age(self, since: str | None, *, fetched_now: bool) -> None:
        self.banner.setVisible(False)
        if fetched_now:
            self.age_chip.setText(self.tr("Up to date"))
            set_style_property(self.age_chip, "tone", "ok")
        elif since is not None:
            self.age_chip.setText(
                self.tr("From this computer, fetched {when}").format(when=formats.zoned_text(since, self._zone()))
            )
            set_style_property(self.age_chip, "tone", "neutral")
        else:
            self.age_chip.setText(self.tr("Some days not fetched yet"))
            set_style_property(self.age_chip, "tone", "warn")
        self.age_chip.setVisible(True)

    def _show_fetch_failed(self, message: str, since: str | None) -> None:
        if since is not None:
            text = self.tr("{message} Showing what this computer has, fetched {when}. Press F5 to try again.").format(
                message=message, when=formats.zoned_text(since, self._zone())
            )
        else:
            text = self.tr(
                "{message} Some of these days were never fetched, so lanes may be missing data. Press F5 to try again."
            ).format(message=message)
        self._show_age(since, fetched_now=False)
        self.banner.setText(text)
        self.banner.setVisible(True)
        self._fit_banner()
        if self._timeline is None or self._timeline.is_empty:
            self.state_page.show_state(
                title=self.tr("Nothing on this computer for these days"),
                message=text,
                icon=svg_pixmap("offline", QSize(48, 48), self._tokens.get("muted", "#888")),
                action=self.tr("Try again"),
            )
            self.stack.setCurrentIndex(STATE_PAGE)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_banner()

    def _fit_banner(self) -> None:
        """A wrapped label in a stacked widget is not given the height its width needs: ask for it."""
        if not self.banner.text():
            return
        width = self.banner.width() if self.banner.width() > 50 else self.width() - 40
        self.banner.setMinimumHeight(max(0, self.banner.heightForWidth(width)))

    def _on_state_action(self) -> None:
        self.context.tasks.spawn(self.reload(force=True), name="timeline-retry")

    def _show_hint(self) -> None:
        if self._timeline is None:
            self.readout.setText("")
            return
        self.readout.setText(
            self.tr("Point at the timeline (or press Ctrl+G, then the arrows) to read every lane at one moment.")
        )

    def _on_cursor_moved(self, ts: float) -> None:
        if self._timeline is None:
            return
        low, high = self.chart.visible_range()
        width = max(1, self.chart.width())
        near = (high - low) / width * NEAR_PX
        self.readout.setText(readout_html(readout_lines(self._timeline, ts, self._zone(), near)))

    # ------------------------------------------------------------------------------------------ export
    def choose_export(self, kind: str) -> None:
        if self._timeline is None or self._sector is None:
            self.status_message.emit(self.tr("Pick a sector first: there is no timeline to export."))
            return
        filters = {
            "csv": self.tr("CSV files (*.csv)"),
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "png": self.tr("PNG pictures (*.png)"),
        }
        dialog = QFileDialog(self, self.tr("Export the timeline"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(filters[kind])
        dialog.setDefaultSuffix(kind)
        name = self.tr("timeline", "file name") + f"-{self._sector.sector_name}"
        dialog.selectFile(suggested_file_name(name, time.strftime("%Y%m%d-%H%M"), suffix=f".{kind}"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.open()  # never exec(): no nested event loop inside the asyncio loop

    def export_to(self, path: Path) -> int:
        """The events as CSV/XLSX (by suffix) or the lanes as a PNG; returns the rows written (0 for a picture)."""
        from hydrodesk.ui.timeline.export import export_events, export_png

        if self._timeline is None or self._sector is None:
            return 0
        try:
            if path.suffix.lower() == ".png":
                export_png(self.chart, path)
                self.status_message.emit(self.tr("Saved the timeline to {path}").format(path=path))
                return 0
            rows = export_events(self._timeline, self._zone(), self._sector.sector_name, path)
        except OSError as error:
            self.status_message.emit(
                self.tr("Could not export to {path}: {reason}").format(path=path, reason=error.strerror or error)
            )
            return 0
        self.status_message.emit(
            formats.counted(
                rows, self.tr("Exported 1 event to {path}"), self.tr("Exported {count} events to {path}"), path=path
            )
        )
        return rows

    # ------------------------------------------------------------------------------------------ for tests
    @property
    def timeline(self) -> Timeline | None:
        return self._timeline

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def sector(self) -> Sector | None:
        return self._sector
