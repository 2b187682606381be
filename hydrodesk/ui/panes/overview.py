"""The overview of the selected project or sector: what it grows, the time there, session defaults, its sectors."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, QModelIndex, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from hydrodesk.ui import formats
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.models.sectors import SectorsTableModel
from hydrodesk.ui.panes.base import PANE_MARGINS, Pane, PaneContext, Selection
from hydrodesk.ui.theme import Theme
from hydrodesk.ui.widgets.card import Card
from hydrodesk.ui.widgets.data_table import DataTable

CLOCK_INTERVAL_MS = 15_000


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
        layout.addWidget(self.sectors_label)
        layout.addWidget(self.sectors_table, 1)

        # The local time at the farm moves on while the window is open.
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._update_clock)
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
            return
        if previous_project is None or previous_project != project:
            self.sectors_model.set_sectors(project.sectors)
        self._show_heading()
        self._update_clock()
        self._show_crop()
        self._show_session_defaults()
        self._update_sector_label()
        self.sectors_table.select_source_row(self.sectors_model.row_of(sector.sector_id) if sector else -1)

    def apply_theme(self, theme: Theme) -> None:
        color = theme.tokens["icon"]
        self.sectors_table.set_icons(themed_icon("search", color), themed_icon("export", color))

    def help_text(self) -> str:
        return self.tr(
            "The project or sector chosen in the navigator: its local time in the farm's timezone, its crop, the pay "
            "a new session starts with and how long a session may stay open. The table lists its sectors; pick one "
            "in the navigator to see it alone."
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
        self.crop_card.set_content(crop or unknown, self.tr("Variety: {variety}").format(variety=variety or unknown))

    def _show_session_defaults(self) -> None:
        project = self._selection.project
        assert project is not None
        settings = project.settings
        price = formats.money_text(settings.price_per_unit)
        self.pay_card.set_content(
            self.tr("{price} per {unit}").format(price=price, unit=settings.sampling_unit), self._bonus_text()
        )
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

    # ------------------------------------------------------------------------------------------ reactions
    def _on_table_row_changed(self, index: QModelIndex) -> None:
        sector = self.sectors_model.sector_at(index.row()) if index.isValid() else None
        project = self._selection.project
        current = self._selection.sector
        if project is not None and sector is not None and (current is None or current.sector_id != sector.sector_id):
            self.sector_activated.emit(project.project_id, sector.sector_id)
