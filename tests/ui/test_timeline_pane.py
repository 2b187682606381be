"""The sector timeline against the simulator: its lanes hold what the server holds for the sector's day, its day is
the project's day, and after a restart with the network gone it is drawn from the cache with its age.

The expectations are fetched here straight from the simulator's HTTP API (not from the cache the pane reads), and
the scouting verdicts from the server's own incidence and severity summary of the day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models_iot import ValveCommand
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict, worst
from hydrodesk.domain.timeline import Window, preset_window
from hydrodesk.store import cache
from hydrodesk.ui.panes.timeline import TimelinePane
from hydrodesk.ui.timeline.lanes import HARVEST, IRRIGATION, SCOUTING, verdict_color

from .conftest import DEMO_USER, WindowKit, run_async
from .office_kit import OfficeKit, attach, load

PROJECT, SECTOR, TIMEZONE = "proj_123", "sector_001", "America/Mexico_City"
SCOPES = ("read:phytosanitary", "read:weather", "read:plant", "read:irrigation")
WAIT_MS = 30_000


def full_client(kit: OfficeKit, sim: Any, base_url: str | None = None) -> HydrobitClient:
    """A client as the app builds one: the bearer token and an API key for the IoT data."""
    config = ApiConfig.single_origin(base_url or sim.base_url, timeout=3.0, connect_timeout=1.0)
    credentials = Credentials(DEMO_USER, bearer_token=sim.token(DEMO_USER), api_key=sim.api_key(*SCOPES))
    client = HydrobitClient(config, credentials)
    kit.clients.append(client)
    return client


def shown_timeline(qtbot: QtBot, window: Any) -> TimelinePane:
    assert window.open_sector_timeline(PROJECT, SECTOR)
    pane = window.pane("timeline")
    assert isinstance(pane, TimelinePane)
    qtbot.waitUntil(lambda: pane.sector is not None and pane.sector.sector_id == SECTOR, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: pane.is_data_ready() and not pane.loading, timeout=WAIT_MS)
    return pane


@pytest.fixture
def offices(qtbot: QtBot) -> Iterator[OfficeKit]:
    with OfficeKit(qtbot) as kit:
        yield kit


def test_lanes_hold_what_the_simulator_holds_for_yesterday_on_the_farms_clock(
    qtbot: QtBot, make_window: Any, offices: OfficeKit, sim: Any, tmp_path: Path
) -> None:
    kit: WindowKit = make_window()
    kit.window.show()
    client = full_client(offices, sim)
    attach(kit, client, offices.office(tmp_path / "office.sqlite3", client))
    assert load(qtbot, kit)
    pane = shown_timeline(qtbot, kit.window)

    # The day shown is yesterday at the farm (Mexico City), from its midnight to the next.
    window = pane.days_shown
    assert window == preset_window("yesterday", datetime.now(UTC), TIMEZONE)
    midnight = datetime.combine(window.first, datetime.min.time(), ZoneInfo(TIMEZONE))
    assert window.start == midnight
    assert window.end == midnight + timedelta(days=1)
    low, high = pane.chart.visible_range()
    assert (round(low), round(high)) == (round(window.start.timestamp()), round(window.end.timestamp()))
    timeline = pane.timeline
    assert timeline is not None

    # 1. Irrigation runs: the sector's logged runs that overlap the day, from start to end, as bars.
    logs = run_async(qtbot, client.irrigation_logs(PROJECT, window.start - timedelta(hours=12), window.end))
    expected_runs = sorted(
        (log.started_at.timestamp(), log.ended_at.timestamp())
        for log in logs
        if log.sector_id == SECTOR and log.ended_at and log.ended_at > window.start and log.started_at < window.end
    )
    assert expected_runs, "the demo sector is watered every day"
    assert sorted((run.start, run.end) for run in timeline.runs) == expected_runs
    bars = pane.chart.items_of(IRRIGATION, pg.BarGraphItem)
    drawn = sorted(
        (x0, x0 + width) for bar in bars for x0, width in zip(bar.opts["x0"], bar.opts["width"], strict=True)
    )
    assert drawn == expected_runs

    # 5. Harvest: the sector's sessions of the day, and the units delivered in each of the farm's hours.
    sessions = run_async(
        qtbot, client.list_sessions(project_id=PROJECT, sector_id=SECTOR, from_day=window.first, to_day=window.first)
    ).items
    assert sessions, "the demo sector is harvested every workday"
    hourly: dict[float, float] = defaultdict(float)
    for session in sessions:
        for record in run_async(qtbot, client.list_session_records(session.session_id)):
            at = record.recorded_at_utc.astimezone(ZoneInfo(TIMEZONE))
            if window.contains(at):
                hourly[at.replace(minute=0, second=0, microsecond=0).timestamp()] += record.units
    assert {bar.start: bar.units for bar in timeline.hourly_units} == pytest.approx(dict(hourly))
    assert sorted(span.session_id for span in timeline.harvests) == sorted(s.session_id for s in sessions)
    unit_bars = [bar for bar in pane.chart.items_of(HARVEST, pg.BarGraphItem) if len(bar.opts["x0"]) == len(hourly)]
    assert any(sorted(bar.opts["height"]) == sorted(hourly.values()) for bar in unit_bars)
    assert {session.sampling_unit for session in sessions} == {"box"}
    assert pane.chart.lanes[HARVEST].plot.getAxis("left").labelText == "Harvest (boxes/h)"  # the sessions' unit

    # 4. Scouting: one mark per record of the sector that day, coloured by the verdict of what was found there
    #    (the server's incidence and severity of the day, judged by the default thresholds).
    records = run_async(
        qtbot, client.phytosanitary_company_records(window.first - timedelta(days=1), window.first + timedelta(days=1))
    ).records
    mine = [r for r in records if r.sector_id == SECTOR and window.contains(r.record_time or r.created_at)]
    assert mine, "the demo sector is scouted every day"
    summary = run_async(qtbot, client.phytosanitary_summary(window.first, window.first, sector_id=SECTOR))
    variable_of = {response.name: response.variable_name for r in mine for response in r.responses}
    book = ThresholdBook()
    pest_verdicts = {
        variable_of[pest.pest_disease_name]: book.verdict(
            variable_of[pest.pest_disease_name], pest.incidence, pest.severity
        )
        for sector in summary.sectors
        for pest in sector.pests_diseases
    }
    expected_marks: dict[str, Verdict] = {}
    for record in mine:
        present = [pest_verdicts[response.variable_name] for response in record.responses if response.value_number]
        expected_marks[record.record_id] = worst(present) if present else Verdict.OKAY
    assert {mark.record_id: mark.verdict for mark in timeline.scouting} == expected_marks
    tokens = kit.themes.current.tokens
    for scatter in pane.chart.items_of(SCOUTING, pg.ScatterPlotItem):
        for point in scatter.points():
            verdict = expected_marks[point.data()]
            assert QColor(point.brush().color()).name() == verdict_color(verdict, tokens).name()

    # Each lane's key names its series in a column right of the lanes, with no box of its own (boxes as wide as
    # each lane's words made a ragged column).
    keys = [lane.plot.legend for lane in pane.chart.lanes.values() if lane.plot.legend.items]
    assert len(keys) == len(pane.chart.lanes)
    assert {key.opts["pen"].style() for key in keys} == {Qt.PenStyle.NoPen}

    # 2 and 3. Soil moisture by depth and the project's rain and ET0 are there too, and the readout reads them.
    assert timeline.has_moisture
    assert timeline.has_weather
    pane.chart.set_cursor(timeline.scouting[0].at)
    assert timeline.scouting[0].scout in pane.readout.text()
    # Hovering a scouting point shows what was found there.
    scatter = pane.chart.items_of(SCOUTING, pg.ScatterPlotItem)[0]
    point = scatter.points()[0]
    tip = scatter.opts["tip"](x=point.pos().x(), y=point.pos().y(), data=point.data())
    mark = next(mark for mark in timeline.scouting if mark.record_id == point.data())
    assert mark.scout in tip
    assert all(finding.name in tip for finding in mark.findings)

    # Export: the events as CSV, one row per run, command, scouting point and session.
    target = tmp_path / "timeline.csv"
    rows = pane.export_to(target)
    assert rows == len(timeline.runs) + len(timeline.commands) + len(timeline.scouting) + len(timeline.harvests)
    assert target.read_text(encoding="utf-8-sig").count("\n") == rows + 1
    picture = tmp_path / "timeline.png"
    assert pane.export_to(picture) == 0
    assert picture.stat().st_size > 0


def test_a_restart_with_the_network_gone_draws_the_cached_day_with_its_age(
    qtbot: QtBot, make_window: Any, offices: OfficeKit, sim: Any, tmp_path: Path
) -> None:
    database = tmp_path / "office.sqlite3"
    first = make_window()
    client = full_client(offices, sim)
    office = offices.office(database, client)
    attach(first, client, office)
    assert load(qtbot, first)
    online = shown_timeline(qtbot, first.window).timeline
    assert online is not None
    assert not online.is_empty
    first.window.detach()
    offices.close_office(office)

    # The next morning nothing answers: a port where no server listens.
    later = make_window()
    dead = full_client(offices, sim, base_url="http://127.0.0.1:9")
    attach(later, dead, offices.office(database, dead))
    load(qtbot, later)  # the farm comes from the cache
    pane = shown_timeline(qtbot, later.window)
    offline = pane.timeline
    assert offline is not None
    assert (offline.runs, offline.scouting, offline.harvests, offline.hourly_units) == (
        online.runs,
        online.scouting,
        online.harvests,
        online.hourly_units,
    )
    assert offline.moisture == online.moisture
    assert offline.rain == online.rain
    assert not pane.age_chip.isHidden()
    assert "fetched" in pane.age_chip.text()
    # Fetching the days again (F5 a while later) fails: the cached lanes stay, and the banner says so.
    assert run_async(qtbot, pane.reload(force=True)) is False
    assert not pane.banner.isHidden()
    assert "F5" in pane.banner.text()
    assert pane.timeline is not None
    assert pane.timeline.runs == online.runs

    # A valve of the sector opened from this office while offline: today's irrigation lane shows the command,
    # waiting in the outbox.
    office = later.window.office
    valve = run_async(qtbot, office.store.read(cache.valves, PROJECT))
    valve_id = next(v["valve_id"] for v in valve if v.get("sector_id") == SECTOR)
    run_async(qtbot, office.actions.queue_valve_command(valve_id, ValveCommand(action="open", durationMin=15)))
    pane.choose_preset("today")
    qtbot.waitUntil(lambda: pane.timeline is not None and len(pane.timeline.commands) == 1, timeout=WAIT_MS)
    (mark,) = pane.timeline.commands
    assert (mark.valve_id, mark.action, mark.duration_min, mark.status) == (valve_id, "open", 15, "queued")
    qtbot.waitUntil(lambda: not pane.loading, timeout=WAIT_MS)


def test_a_project_without_a_sector_asks_for_one_and_the_navigator_opens_a_sectors_timeline(
    qtbot: QtBot, make_window: Any, offices: OfficeKit, sim: Any, tmp_path: Path
) -> None:
    kit = make_window()
    kit.window.show()
    client = full_client(offices, sim)
    attach(kit, client, offices.office(tmp_path / "office.sqlite3", client))
    assert load(qtbot, kit)
    kit.window.navigator.select(PROJECT, None)
    kit.window.open_pane("timeline")
    pane = kit.window.pane("timeline")
    assert isinstance(pane, TimelinePane)
    assert pane.stack.currentWidget() is pane.state_page
    assert pane.state_page.isVisible()
    offered = [pane.sector_box.itemText(row) for row in range(pane.sector_box.count())]
    assert offered[1:] == ["Lote A-1", "Lote A-2", "Lote B-1", "Lote B-2", "Lote C-1"]
    # Choosing one in the box selects it in the navigator too.
    pane.sector_box.activated.emit(3)
    qtbot.waitUntil(lambda: kit.window.selection.sector is not None, timeout=WAIT_MS)
    assert kit.window.selection.sector.sector_name == "Lote B-1"
    qtbot.waitUntil(lambda: pane.is_data_ready() and not pane.loading, timeout=WAIT_MS)
    assert pane.stack.currentWidget() is not pane.state_page

    # With the company selected, every project's sectors are offered, named with their project.
    kit.window.navigator.tree.setCurrentIndex(kit.window.navigator.model.index(0, 0))
    qtbot.waitUntil(lambda: pane.sector_box.count() == 1 + 8, timeout=WAIT_MS)
    offered = {pane.sector_box.itemText(row) for row in range(1, pane.sector_box.count())}
    assert {"Rancho San Pedro · Lote A-1", "Finca El Mirador · Parcela Norte"} <= offered
    assert pane.stack.currentWidget() is pane.state_page

    # Enter on a sector in the navigator opens its timeline from any pane.
    kit.window.open_pane("overview")
    tree = kit.window.navigator.tree
    index = kit.window.navigator.model.find(PROJECT, "sector_002")
    tree.activated.emit(index)
    assert kit.window.current_pane is pane
    assert pane.sector.sector_id == "sector_002"
    # Previous and next step a day; the week presets show Monday to Sunday.
    shown = pane.days_shown
    pane.step(-1)
    assert pane.days_shown == shown.shifted(-1)
    pane.choose_preset("last_week")
    assert pane.days_shown.days == 7
    assert pane.days_shown.first.weekday() == 0
    assert isinstance(pane.days_shown, Window)
