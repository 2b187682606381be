"""The overview of the selected project or sector: what it grows, the time there, session defaults, today at a
glance (the day's sessions, valves open now, open alarms), its sectors."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget
from shiboken6 import isValid

from hydrodesk.ui import formats
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.models.sectors import SectorsTableModel
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.sessions.summary import DaySummary
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.card import Card
from hydrodesk.ui.widgets.data_table import DataTable

if TYPE_CHECKING:
    from hydrodesk.api.models import Project, Sector
    from hydrodesk.sync.office import Office

CLOCK_INTERVAL_MS = 15_000  # the farm's clock and today's figures (local reads) move on while the pane is shown


class OverviewPane(Pane):
    def __init__(self, context: PaneContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._selection = Selection()

        self.title_label = QLabel(self)
        self.title_label.setObjectName("PageTitle")
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("PageSubtitle")

        self.clock_card = Card(self.tr("Local time"), self)
        self.crop_card = Card(self.tr("Crop"), self)
        self.pay_card = Card(self.tr("Session pay"), self)
        self.duration_card = Card(self.tr("Session length"), self)
        cards = QGridLayout()
        cards.setSpacing(12)
        for column, card in enumerate((self.clock_card, self.crop_card, self.pay_card, self.duration_card)):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)

        self.today_label = QLabel(self)
        self.today_label.setObjectName("SectionLabel")
        self.today = DaySummary(self)
        self.now_label = QLabel(self)
        self.now_label.setObjectName("Muted")
        self.now_label.setWordWrap(True)

        self.sectors_label = QLabel(self)
        self.sectors_label.setObjectName("SectionLabel")
        self.sectors_model = SectorsTableModel(self)
        self.sectors_table = DataTable(export_name=self.tr("sectors", "file name"), parent=self)
        self.sectors_table.set_source_model(self.sectors_model)
        self.sectors_table.current_row_changed.connect(self._on_table_row_changed)
        self.announce_exports(self.sectors_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PANE_MARGINS)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(12)
        layout.addLayout(cards)
        layout.addSpacing(10)
        layout.addWidget(self.today_label)
        layout.addWidget(self.today)
        layout.addWidget(self.now_label)
        layout.addSpacing(10)
        layout.addWidget(self.sectors_label)
        layout.addWidget(self.sectors_table, 1)

        # The local time at the farm moves on while the window is open.
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._update_clock)
        self._clock.timeout.connect(self._refresh_today)
        self._clock.start()
        self.apply_theme(context.theme())
        self.set_selection(Selection())

    # ------------------------------------------------------------------------------------------ Pane
    def set_selection(self, selection: Selection) -> None:
        previous_project = self._selection.project
        self._selection = selection
        project, sector = selection.project, selection.sector
        if project is None:
            self.title_label.setText(self.tr("No project selected"))
            self.subtitle_label.setText(self.tr("Choose a project or sector in the navigator."))
            self.sectors_model.set_sectors([])
            for card in (self.clock_card, self.crop_card, self.pay_card, self.duration_card):
                card.set_content("—")
            self._update_sector_label()
            self._refresh_today()
            return
        if previous_project is None or previous_project != project:
            self.sectors_model.set_sectors(project.sectors)
        self._show_heading()
        self._update_clock()
        self._show_crop()
        self._show_session_defaults()
        self._update_sector_label()
        self.sectors_table.select_source_row(self.sectors_model.row_of(sector.sector_id) if sector else -1)
        self._refresh_today()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_today()  # what happened while another pane was shown

    def apply_theme(self, theme: Theme) -> None:
        color = theme.tokens["icon"]
        self.sectors_table.set_icons(themed_icon("search", color), themed_icon("export", color))

    def help_text(self) -> str:
        return self.tr(
            "The project or sector chosen in the navigator: its local time in the farm's timezone, its crop, the pay "
            "a new session starts with and how long a session may stay open. Today: the day's sessions (units, "
            "workers, pay, open and closed), the valves open now as the field reports them and the open alarms. "
            "The table lists its sectors; pick one in the navigator to see it alone."
        )

    def focus_filter(self) -> bool:
        self.sectors_table.focus_filter()
        return True

    def export_table(self) -> bool:
        self.sectors_table.choose_export_file()
        return True

    # ------------------------------------------------------------------------------------------ content
    def _show_heading(self) -> None:
        project, sector = self._selection.project, self._selection.sector
        assert project is not None
        if sector is not None:
            self.title_label.setText(sector.sector_name)
            area = self._area_text(sector.area_ha)
            self.subtitle_label.setText(
                self.tr("Sector of {project} · {area} · {id}").format(
                    project=project.name, area=area, id=sector.sector_id
                )
            )
            return
        self.title_label.setText(project.name)
        total = sum(item.area_ha or 0.0 for item in project.sectors)
        count = len(project.sectors)
        sectors = self.tr("1 sector") if count == 1 else self.tr("{count} sectors").format(count=count)
        self.subtitle_label.setText(
            self.tr("Project · {sectors} · {area} · {id}").format(
                sectors=sectors, area=self._area_text(total), id=project.project_id
            )
        )

    def _show_crop(self) -> None:
        project, sector = self._selection.project, self._selection.sector
        assert project is not None
        crop = (sector.crop if sector else None) or project.crop
        variety = (sector.variety if sector else None) or project.variety
        unknown = self.tr("Not recorded")
        variety_text = self.tr("Variety: {variety}").format(variety=variety or unknown)
        self.crop_card.set_content(formats.crop_name(crop) or unknown, variety_text)

    def _show_session_defaults(self) -> None:
        project = self._selection.project
        assert project is not None
        settings = project.settings
        price = formats.money_text(settings.price_per_unit)
        unit = formats.unit_word(settings.sampling_unit, 1)
        self.pay_card.set_content(self.tr("{price} per {unit}").format(price=price, unit=unit), self._bonus_text())
        self.duration_card.set_content(
            self.tr("{hours} h").format(hours=settings.max_duration_hours),
            self.tr("Longest a production session stays open"),
        )

    def _bonus_text(self) -> str:
        project = self._selection.project
        assert project is not None
        bonus = project.settings.bonus
        if bonus is None:
            return self.tr("No bonus")
        if bonus.type == "percent":
            text = self.tr("Bonus: +{value} %").format(value=formats.number_text(bonus.value))
        else:
            text = self.tr("Bonus: +{value} flat").format(value=formats.money_text(bonus.value))
        return f"{text} ({bonus.note})" if bonus.note else text

    def _update_clock(self) -> None:
        project = self._selection.project
        if project is None:
            return
        zone = formats.farm_zone(project.timezone)
        if zone is None:
            self.clock_card.set_content("—", self.tr("Unknown time zone {zone}").format(zone=project.timezone))
            return
        now = datetime.now(zone)
        self.clock_card.set_content(
            formats.time_text(now, zone),
            f"{formats.day_text(now.date())} · {formats.zone_label(zone)} · {formats.utc_offset_text(now)}",
        )

    def _update_sector_label(self) -> None:
        count = self.sectors_model.rowCount()
        self.sectors_label.setText(self.tr("SECTORS ({count})").format(count=count))

    def _area_text(self, hectares: float | None) -> str:
        if hectares is None:
            return self.tr("area not recorded")
        return self.tr("{area} ha").format(area=QLocale().toString(hectares, "f", 2))

    # ------------------------------------------------------------------------------------------ today
    def _refresh_today(self) -> None:
        """Today's sessions from this computer's copy of the farm (so offline too), the valves and alarms from the
        live data; read again every CLOCK_INTERVAL_MS while the pane is shown."""
        project, office = self._selection.project, self.context.office()
        if project is None or office is None:
            self.today_label.setText(self.tr("TODAY"))
            self.today.show_rows([])
            self.now_label.setText(self.tr("Sign in and choose a project to see its day.") if office is None else "")
            return
        if self.isVisible():
            self.context.tasks.spawn_if_open(
                self._load_today(office, project, self._selection.sector), name="overview-today"
            )

    async def _load_today(self, office: Office, project: Project, sector: Sector | None) -> None:
        from hydrodesk.store.session_board import day_board
        from hydrodesk.ui.sessions.rows import build_rows

        zone = formats.farm_zone(project.timezone)
        now = datetime.now(zone) if zone is not None else datetime.now().astimezone()
        entries = await office.store.read(
            day_board,
            project_id=project.project_id,
            day=now.date().isoformat(),
            sector_id=None if sector is None else sector.sector_id,
        )
        if not isValid(self) or self._selection.project is not project or self._selection.sector is not sector:
            return  # another project or sector was chosen meanwhile
        self.today_label.setText(self.tr("TODAY · {day}").format(day=formats.day_text(now.date())).upper())
        self.today.show_rows(build_rows(entries, me=None, now=now))
        self.now_label.setText(self._now_text(project, sector))

    def _now_text(self, project: Project, sector: Sector | None) -> str:
        """The valves open now (as the field reports them) and the open alarms, of the project or sector."""
        from hydrodesk.domain.alarm_watch import observed_state  # the alarms' own reading of a valve's state

        alarms, live = self.context.alarms(), self.context.live()
        if alarms is None or not alarms.valves:
            return self.tr("Valves and alarms show once the live data has the farm's valves.")
        valves = [
            valve
            for valve in alarms.valves
            if valve.project_id == project.project_id and (sector is None or valve.sector_id == sector.sector_id)
        ]
        devices = {valve.device_id for valve in valves}
        opened = sum(
            observed_state(valve, live.devices.get(valve.device_id) if live is not None else None) == "open"
            for valve in valves
        )
        open_alarms = sum(1 for entry in alarms.open_alarms() if entry.device_id in devices)
        return self.tr("Now: valves open {opened} of {valves} · open alarms {alarms}").format(
            opened=QLocale().toString(opened),
            valves=QLocale().toString(len(valves)),
            alarms=QLocale().toString(open_alarms),
        )

    # ------------------------------------------------------------------------------------------ reactions
    def _on_table_row_changed(self, index: QModelIndex) -> None:
        sector = self.sectors_model.sector_at(index.row()) if index.isValid() else None
        project = self._selection.project
        current = self._selection.sector
        if project is not None and sector is not None and (current is None or current.sector_id != sector.sector_id):
            self.sector_activated.emit(project.project_id, sector.sector_id)
