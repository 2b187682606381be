"""The scouting pane against the simulator: its heatmap equals the server's summary (for a range longer than the
API's 180 days too), its trend points equal the raw records, a changed threshold recolours every pane at once and is
kept, the records export and the report prints, and after a restart with the server gone the last fetched scouting
is still there with its age."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import Project
from hydrodesk.domain.phyto_range import DayRange, Preset, local_day, preset_range
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict
from hydrodesk.domain.timestamps import now_utc
from hydrodesk.store.paths import profile_database
from hydrodesk.store.phyto import load_thresholds
from hydrodesk.sync.farm_cache import remember_company, remember_farm
from hydrodesk.sync.office import Office
from hydrodesk.ui.connection import ConnectionMonitor
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.phyto import PhytoPane
from hydrodesk.ui.phyto.heatmap_model import SEVERITY, VERDICT_ROLE
from hydrodesk.ui.phyto.threshold_dialog import ThresholdDialog
from hydrodesk.ui.phyto.trend_chart import day_stamp
from hydrodesk.ui.tasks import BackgroundTasks
from hydrodesk.ui.theme import load_theme

from .conftest import DEMO_USER, run_async
from .keyboard_kit import pdf_text
from .office_kit import open_fast_office

WAIT_MS = 20_000
HOT_SPOT, HOT_SPOT_NAME = "sector_003", "Lote B-1"
MEXICO = "America/Mexico_City"


@dataclass
class Scouting:
    qtbot: QtBot
    client: HydrobitClient
    office: Office
    projects: list[Project]
    tasks: BackgroundTasks
    panes: list[PhytoPane]

    def pane(self, selection: Selection | None = None) -> PhytoPane:
        context = PaneContext(
            monitor=ConnectionMonitor(),
            tasks=self.tasks,
            client=lambda: self.client,
            theme=lambda: load_theme("light"),
            office=lambda: self.office,
        )
        pane = PhytoPane(context)
        self.qtbot.addWidget(pane)
        if selection is not None:
            pane.set_selection(selection)
        pane.resize(1200, 700)
        pane.show()
        wait_fetched(self.qtbot, pane, 1)
        self.panes.append(pane)
        return pane

    def project(self, project_id: str) -> Project:
        return next(project for project in self.projects if project.project_id == project_id)


def wait_fetched(qtbot: QtBot, pane: PhytoPane, count: int) -> None:
    qtbot.waitUntil(lambda: pane.fetches_done >= count, timeout=WAIT_MS)


def open_scouting(
    qtbot: QtBot, base_url: str, sim: Any, database: Path, projects: list[Project] | None = None
) -> Scouting:
    client = HydrobitClient(
        ApiConfig.single_origin(base_url, timeout=5.0, connect_timeout=1.0),
        Credentials(DEMO_USER, bearer_token=sim.token(DEMO_USER), api_key=sim.api_key("read:phytosanitary")),
    )
    office = run_async(qtbot, open_fast_office(database, client))
    if projects is None:  # online: the farm and the company saved as the window saves them after a load
        projects = run_async(qtbot, client.list_projects())
        run_async(qtbot, remember_farm(office.store, projects))
        run_async(qtbot, remember_company(office.store, run_async(qtbot, client.get_my_company())))
    return Scouting(qtbot, client, office, projects, BackgroundTasks(), [])


def close_scouting(scouting: Scouting) -> None:
    run_async(scouting.qtbot, scouting.tasks.cancel_all())
    run_async(scouting.qtbot, scouting.office.close())
    run_async(scouting.qtbot, scouting.client.aclose())


@pytest.fixture
def scouting(qtbot: QtBot, qloop: object, qapp: QApplication, sim: Any, tmp_path: Path) -> Iterator[Scouting]:
    opened = open_scouting(qtbot, sim.base_url, sim, profile_database(tmp_path, "farm"))
    yield opened
    close_scouting(opened)


def heatmap_cells(pane: PhytoPane) -> dict[tuple[str, str], tuple[str, Verdict]]:
    """(sector name, column title as one line) -> (text shown, verdict), read from the model as the view shows it."""
    model = pane.heatmap_model
    found = {}
    for row in range(model.rowCount()):
        sector = model.index(row, 0).data()
        for column in range(1, model.columnCount()):
            title = " ".join(str(model.headerData(column, Qt.Orientation.Horizontal)).split())
            index = model.index(row, column)
            found[(sector, title)] = (index.data(), index.data(VERDICT_ROLE))
    return found


def percent(value: float) -> str:
    from PySide6.QtCore import QLocale

    return f"{QLocale().toString(value, 'f', 1)} %"


def assert_heatmap_equals_summary(pane: PhytoPane, summary: Any, measure: str = "incidence") -> None:
    cells = heatmap_cells(pane)
    assert summary.sectors, "the simulator has scouting in this range"
    for sector in summary.sectors:
        for pest in sector.pests_diseases:
            value = pest.incidence if measure == "incidence" else pest.severity
            assert cells[(sector.sector_name, pest.pest_disease_name)][0] == percent(value), (sector, pest)
        value = sector.incidence if measure == "incidence" else sector.severity
        assert cells[(sector.sector_name, "Any pest")][0] == percent(value)


# ------------------------------------------------------------------------------------------------ the tests
def test_the_heatmap_equals_the_servers_summary_and_aphids_are_in_alert_over_the_last_week(
    qtbot: QtBot, scouting: Scouting, tmp_path: Path
) -> None:
    pane = scouting.pane(Selection(scouting.project("proj_123")))
    days = preset_range(Preset.LAST_7_DAYS, local_day(now_utc(), MEXICO))
    assert pane.current_range() == days  # at first; "this month" began empty on each 1st
    summary = run_async(qtbot, scouting.client.phytosanitary_summary(days.start, days.end, project_id="proj_123"))
    assert_heatmap_equals_summary(pane, summary)

    # The demo's promise: a sector in Alert for aphids, and sectors in Alert come first.
    model = pane.heatmap_model
    row = model.row_of(HOT_SPOT)
    assert model.index(row, model.column_of("aphids")).data(VERDICT_ROLE) is Verdict.ALERT
    verdicts = [model.verdict_at(r, 1).rank for r in range(model.rowCount())]
    assert verdicts == sorted(verdicts, reverse=True)
    assert model.verdict_at(0, 1) is Verdict.ALERT

    # Severity instead of incidence (Ctrl+I): the same cells, the other figure.
    pane.toggle_measure()
    assert pane.heatmap_model.measure == SEVERITY
    assert_heatmap_equals_summary(pane, summary, "severity")

    # A range longer than the API allows is fetched in pieces and merged: 200 days hold the whole seeded season,
    # so they show what the server's longest summary (180 days) shows.
    today = days.end
    pane.toggle_measure()
    pane.set_range(DayRange(today - timedelta(days=199), today))
    wait_fetched(qtbot, pane, 2)
    longest = run_async(
        qtbot, scouting.client.phytosanitary_summary(today - timedelta(days=180), today, project_id="proj_123")
    )
    assert_heatmap_equals_summary(pane, longest)

    # The records: one row per observed pest, exported as shown.
    records = pane.records_model.rows
    assert {row.sector for row in records} >= {HOT_SPOT_NAME}
    exported = tmp_path / "scouting.csv"
    assert pane.records_table.export_to_file(exported) == len(records)
    with exported.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle))) == len(records) + 1

    # The printed report names the sectors, their verdicts and the thresholds used.
    pdf = tmp_path / "report.pdf"
    assert pane.write_report(pdf) >= 1
    text = pdf_text(pdf)
    for words in ("Scouting report", HOT_SPOT_NAME, "Alert", "Aphids", "Action thresholds used"):
        assert words in text, words


def test_trend_points_equal_the_records_of_each_scouting_day(qtbot: QtBot, scouting: Scouting) -> None:
    pane = scouting.pane(Selection(scouting.project("proj_123")))
    pane.choose_preset(Preset.LAST_7_DAYS)
    wait_fetched(qtbot, pane, 2)
    model = pane.heatmap_model
    # Enter on the hot spot's aphid cell opens its trend (and filters the records to the sector).
    pane.heatmap_view.setFocus()
    pane.heatmap_view.setCurrentIndex(model.index(model.row_of(HOT_SPOT), model.column_of("aphids")))
    qtbot.keyClick(pane.heatmap_view, Qt.Key.Key_Return)
    assert pane.pest_combo.currentData() == "aphids"
    assert pane.records_table.filter_edit.text() == HOT_SPOT_NAME
    assert {pane.records_table.proxy.index(r, 2).data() for r in range(pane.records_table.proxy.rowCount())} == {
        HOT_SPOT_NAME
    }
    xs, incidence, severity = pane.chart.plotted(HOT_SPOT)
    assert len(pane.chart.lines) > 1  # the project's other sectors overlaid
    # The key is above the chart, not on it (a legend in the plot hid the first days' points): each line's colour
    # and sector, the hot spot first and bold, then the threshold.
    assert not any(isinstance(item, pg.LegendItem) for item in pane.chart.scene().items())
    key = pane.trend_note.text()
    assert key.index(f"<b>{HOT_SPOT_NAME}</b>") < min(key.index(entry.name) for entry in pane.chart.key[1:])
    for entry in pane.chart.key:
        assert f'<span style="color:{entry.colour}">' in key
    assert key.endswith("alert threshold")

    days = pane.current_range()
    reply = run_async(qtbot, scouting.client.phytosanitary_company_records(days.start, days.end))
    per_day: dict[date, list[tuple[float, float]]] = defaultdict(list)
    for record in reply.records:
        if record.sector_id != HOT_SPOT:
            continue
        aphids = next(item for item in record.responses if item.variable_name == "aphids")
        per_day[local_day(record.record_time or record.created_at, MEXICO)].append(
            (aphids.value_number or 0, aphids.severity or 0)
        )
    expected_days = sorted(day for day in per_day if day in days)
    assert len(expected_days) >= 6  # the hot spot is walked every day
    assert xs == [day_stamp(day, MEXICO) for day in expected_days]
    for day, shown_incidence, shown_severity in zip(expected_days, incidence, severity, strict=True):
        points = per_day[day]
        grades = [grade for count, grade in points if count > 0]
        assert shown_incidence == round(100 * len(grades) / len(points), 1)
        assert shown_severity == (round(100 * sum(grades) / len(grades) / 4, 1) if grades else 0.0)


def test_a_changed_threshold_recolours_every_pane_at_once_and_is_kept(qtbot: QtBot, scouting: Scouting) -> None:
    selection = Selection(scouting.project("proj_123"))
    pane = scouting.pane(selection)
    other = scouting.pane(selection)  # another view of the same company (the sector map, later)

    def thrips(view: PhytoPane) -> list[Verdict]:
        model = view.heatmap_model
        column = model.column_of("thrips")
        return [model.index(row, column).data(VERDICT_ROLE) for row in range(model.rowCount())]

    before = thrips(pane)
    calm = [row for row, verdict in enumerate(before) if verdict in (Verdict.OKAY, Verdict.ATTENTION)]
    assert calm, before
    model = pane.heatmap_model
    calm_index = model.index(calm[0], model.column_of("thrips"))
    calm_sector = model.heatmap.sectors[calm[0]].sector_id
    calm_fill = calm_index.data(Qt.ItemDataRole.BackgroundRole)

    dialog = pane.edit_thresholds()
    assert isinstance(dialog, ThresholdDialog)
    qtbot.waitUntil(dialog.isVisible)
    # Attention above alert is refused in words, and cannot be saved.
    dialog.spins[("thrips", "alert_incidence")].setValue(0)
    assert dialog.problems()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.spins[("thrips", "attention_incidence")].setValue(0)
    assert dialog.problems() == []
    dialog.accept()

    # Any thrips at all is now an Alert, in both panes at once; the calm sector's cell changes colour.
    def all_alert(view: PhytoPane) -> bool:
        return all(verdict in (Verdict.ALERT, Verdict.NO_DATA) for verdict in thrips(view))

    qtbot.waitUntil(lambda: all_alert(pane) and all_alert(other), timeout=WAIT_MS)
    model = pane.heatmap_model
    now = model.index(model.row_of(calm_sector), model.column_of("thrips"))
    assert now.data(VERDICT_ROLE) is Verdict.ALERT
    assert now.data(Qt.ItemDataRole.BackgroundRole) != calm_fill
    book = run_async(qtbot, scouting.office.store.read(load_thresholds, "comp_12345"))
    assert book.for_pest("thrips").alert_incidence == 0
    assert set(book.chosen) == {"thrips"}  # the other pests keep following the defaults

    # Restoring the defaults brings the old colours back.
    dialog = pane.edit_thresholds()
    assert dialog is not None
    dialog.restore_defaults()
    assert dialog.book() == ThresholdBook()
    dialog.accept()
    qtbot.waitUntil(lambda: sorted(thrips(pane), key=lambda v: v.rank) == sorted(before, key=lambda v: v.rank))
    qtbot.waitUntil(lambda: thrips(other) == thrips(pane), timeout=WAIT_MS)


def test_the_last_fetched_scouting_is_browsable_after_a_restart_without_the_server(
    qtbot: QtBot, qloop: object, fresh_sim: Any, tmp_path: Path
) -> None:
    database = profile_database(tmp_path, "farm")
    first = open_scouting(qtbot, fresh_sim.base_url, fresh_sim, database)
    try:
        pane = first.pane(Selection(first.project("proj_123")))
        online = heatmap_cells(pane)
        assert any(verdict is Verdict.ALERT for _, verdict in online.values())
        rows = pane.records_model.rowCount()
        projects = first.projects
    finally:
        close_scouting(first)
    fresh_sim.stop()

    # The window would take the projects from its cached farm.
    restarted = open_scouting(qtbot, fresh_sim.base_url, fresh_sim, database, projects)
    try:
        pane = restarted.pane(Selection(restarted.project("proj_123")))
        assert heatmap_cells(pane) == online
        assert pane.records_model.rowCount() == rows
        subtitle = pane.subtitle_label.text()
        assert "fetched" in subtitle
        assert "showing saved data" in subtitle
        assert pane.splitter.isVisible()
        assert not pane.state_page.isVisible()
    finally:
        close_scouting(restarted)


def test_the_company_root_shows_every_scouted_sector_of_the_company(qtbot: QtBot, scouting: Scouting) -> None:
    pane = scouting.pane(Selection())  # the navigator's company row: no project
    days = pane.current_range()
    assert days == preset_range(Preset.LAST_7_DAYS, local_day(now_utc(), MEXICO))  # the company's clock
    pane.choose_preset(Preset.LAST_90_DAYS)
    wait_fetched(qtbot, pane, 2)
    days = pane.current_range()
    summary = run_async(qtbot, scouting.client.phytosanitary_summary(days.start, days.end, company_id="comp_12345"))
    assert pane.heatmap_model.rowCount() == summary.total_sectors == 8  # both projects' sectors
    assert_heatmap_equals_summary(pane, summary)
    assert "Whole company" in pane.subtitle_label.text()

    # A first day typed in the date field: a custom range (no preset lit), fetched once typing stops.
    earlier = days.start - timedelta(days=3)
    pane.from_edit.setDate(QDate(earlier.year, earlier.month, earlier.day))
    wait_fetched(qtbot, pane, 3)
    assert pane.presets.current is None
    assert pane.current_range() == DayRange(earlier, days.end)
