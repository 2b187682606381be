"""The live farm against running simulators with a fixed clock: brought up to today once, at work all day.

Each test seeds its farm as of SEEDED (so it has missed two weeks when it starts at NOW, a Wednesday morning in
Mexico City), and reads what happened through the app's own client, as the office would.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.models import Session
from hydrodesk.domain.phyto_heatmap import build_heatmap
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict
from hydrodesk.sim.control.seed_production import DOC_SESSION_ID
from hydrodesk.sim.launcher import run_cli, start_simulator
from hydrodesk.store import cache
from hydrodesk.store.phyto import heatmap_counts
from hydrodesk.store.store import Store
from tests.conftest import DEMO_USER, Simulator

SEEDED = "2026-11-20T10:00:00-06:00"
NOW = "2026-12-02T09:30:00-06:00"  # a Wednesday, 09:30 in Mexico City (10:30 in Lima)
TODAY = date(2026, 12, 2)
MEXICO = ZoneInfo("America/Mexico_City")
FIELD_SUPERVISORS = {"user_987654321", "user_246813579", "user_864209753"}  # of comp_12345
DEMO_COMPANY_SECTORS = {
    "proj_123": ["sector_001", "sector_002", "sector_003", "sector_004", "sector_005"],
    "proj_456": ["sector_101", "sector_102", "sector_103"],
}
QUIET_TABLETS = {"HYDRODESK_SIM_TABLET_EVERY_S": "100000"}  # live, but no tablet posts while a test reads
BUSY_TABLETS = {"HYDRODESK_SIM_TABLET_EVERY_S": "0.2", "HYDRODESK_SIM_DAY_CHECK_S": "0.5"}
WAIT_S = 40.0


@pytest.fixture(scope="module")
def seeded_farm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("farm-seeded-2026-11-20")
    run_cli("seed", "--data", str(folder), "--clock", SEEDED, timeout=180)
    return folder


@pytest.fixture
def farm(seeded_farm: Path, tmp_path: Path) -> Path:
    """This test's own copy of the farm seeded at SEEDED."""
    folder = tmp_path / "farm"
    shutil.copytree(seeded_farm, folder)
    return folder


@contextlib.contextmanager
def serving(folder: Path, *, clock: str = NOW, devices: bool = False, **options: object) -> Iterator[Simulator]:
    simulator = Simulator(start_simulator(folder, devices=devices, clock=clock, **options))  # type: ignore[arg-type]
    try:
        yield simulator
    finally:
        simulator.stop()


def connect(simulator: Simulator, *scopes: str) -> HydrobitClient:
    api_key = simulator.api_key(*scopes) if scopes else None
    credentials = Credentials(DEMO_USER, bearer_token=simulator.token(DEMO_USER), api_key=api_key)
    return HydrobitClient(ApiConfig.single_origin(simulator.base_url, timeout=15.0), credentials)


async def sessions_between(client: HydrobitClient, first: date, last: date) -> list[Session]:
    page = await client.list_sessions(from_day=first, to_day=last, limit=1000)
    assert page.total <= 1000
    return page.items


async def eventually(check: Callable[[], Awaitable[bool]], within: float = WAIT_S) -> None:
    """Ask the server again until `check` holds: other people's work reaches the office only by asking."""
    async with asyncio.timeout(within):
        while True:
            if await check():
                return
            await asyncio.sleep(0.25)


def workdays(first: date, last: date) -> list[date]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [day for day in days if day.weekday() != 6]


def local(moment: datetime) -> datetime:
    return moment.astimezone(MEXICO)


# ------------------------------------------------------------------------------------------------ up to date
@pytest.mark.asyncio
async def test_a_start_fills_the_missed_workdays_and_a_live_start_opens_today_once(farm: Path) -> None:
    with serving(farm, live=False) as simulator:
        async with connect(simulator) as client:
            found = await sessions_between(client, date(2026, 11, 20), TODAY)
            assert (await client.get_session(DOC_SESSION_ID)).status == "open"  # the API pages' example, as given
    per_day_sector = Counter((session.day, session.sector_id) for session in found)
    missed = workdays(date(2026, 11, 20), TODAY - timedelta(days=1))
    for project_sectors in DEMO_COMPANY_SECTORS.values():
        for day in missed:
            for sector in project_sectors:
                assert per_day_sector[(day, sector)] == 1, (day, sector)
    assert all(session.status == "closed" for session in found)
    assert not [session for session in found if session.day == TODAY]  # not live: nobody at work today

    with serving(farm, live=True, seed=7, env=QUIET_TABLETS) as simulator:
        async with connect(simulator) as client:
            today = await sessions_between(client, TODAY, TODAY)
            first_records = {s.session_id: len(await client.list_session_records(s.session_id)) for s in today}
            # A live farm is today's: the demo user has no session left open from 19 Oct 2025 (the Tallies pane
            # offered it as "your open session"); it closed a little after its one record, on its own day.
            example = await client.get_session(DOC_SESSION_ID)
    at_work = {session.sector_id for session in today}
    assert example.status == "closed"
    assert example.closed_at is not None
    assert example.closed_at.date() == date(2025, 10, 19)
    assert all(session.status == "open" for session in today)
    assert {session.owner_auth0_id for session in today} <= FIELD_SUPERVISORS  # never the demo user
    assert "sector_001" not in at_work
    assert "sector_101" not in at_work
    assert len(at_work & set(DEMO_COMPANY_SECTORS["proj_123"])) >= 3
    assert at_work >= {"sector_102", "sector_103"}
    for session in today:
        opened = session.opened_at.astimezone(ZoneInfo(session.timezone))
        assert (opened.date(), time(6, 15)) <= (opened.date(), opened.time()) <= (TODAY, time(6, 55)), opened
        # The tablets synced the morning's deliveries before the office looked.
        assert first_records[session.session_id] > 20
        assert session.worker_count
        assert session.worker_count >= 10

    with serving(farm, live=True, seed=7, env=QUIET_TABLETS) as simulator:
        async with connect(simulator) as client:
            again = await sessions_between(client, date(2026, 11, 20), TODAY)
            records = {s.session_id: len(await client.list_session_records(s.session_id)) for s in today}
    assert len(again) == len(found) + len(today)  # nothing added twice
    assert {s.session_id for s in again if s.day == TODAY} == {s.session_id for s in today}
    assert records == first_records


@pytest.mark.asyncio
async def test_the_same_seed_and_clock_bring_the_same_day(seeded_farm: Path, tmp_path: Path) -> None:
    days: list[dict[str, tuple[str, str, int]]] = []
    for copy in ("one", "two"):
        folder = tmp_path / copy
        shutil.copytree(seeded_farm, folder)
        with serving(folder, live=True, seed=7, env=QUIET_TABLETS) as simulator:
            async with connect(simulator) as client:
                today = await sessions_between(client, TODAY, TODAY)
                days.append(
                    {
                        s.session_id: (
                            s.sector_id,
                            s.owner_auth0_id,
                            len(await client.list_session_records(s.session_id)),
                        )
                        for s in today
                    }
                )
    assert days[0] == days[1]
    assert days[0]


# ------------------------------------------------------------------------------------------------ field tablets
@pytest.mark.asyncio
async def test_field_tablets_post_deliveries_the_office_sees_through_the_api(farm: Path) -> None:
    with serving(farm, live=True, seed=7, env=BUSY_TABLETS) as simulator:
        async with connect(simulator) as client:
            today = await sessions_between(client, TODAY, TODAY)
            before = {
                s.session_id: {r.record_id for r in await client.list_session_records(s.session_id)} for s in today
            }
            crews = {
                s.session_id: {r.worker_id for r in await client.list_session_records(s.session_id)} for s in today
            }

            async def new_records() -> dict[str, list]:
                fresh = {}
                for session in today:
                    records = await client.list_session_records(session.session_id)
                    fresh[session.session_id] = [r for r in records if r.record_id not in before[session.session_id]]
                return fresh

            async def every_tablet_posted_a_few() -> bool:
                return all(len(records) >= 5 for records in (await new_records()).values())

            await eventually(every_tablet_posted_a_few)
            arrived = await new_records()
            everything = [r for s in today for r in await client.list_session_records(s.session_id)]

    start = datetime.fromisoformat(NOW)
    for session_id, records in arrived.items():
        deliveries = [record for record in records if not record.is_void]
        assert deliveries
        for record in deliveries:
            assert record.client_event_id
            assert record.client_event_id.startswith("evt_")
            assert record.idempotency_key
            assert record.idempotency_key.startswith("tablet-")
            assert record.units > 0
            assert record.recorded_at_utc is not None
            assert record.recorded_at_utc >= start - timedelta(minutes=5)
            assert record.worker_id in crews[session_id]  # the session's own crew, as synced this morning
        for void in (record for record in records if record.is_void):
            assert void.reason
            assert void.units < 0
    events = Counter(record.client_event_id for record in everything if not record.is_void)
    assert max(events.values()) == 1  # every delivery counted once


# ------------------------------------------------------------------------------------------------ water and scouting
@pytest.mark.asyncio
async def test_this_mornings_programs_are_logged_the_valves_closed_and_scouting_is_this_weeks(farm: Path) -> None:
    now = datetime.fromisoformat(NOW)
    midnight = datetime.combine(TODAY, time(0), MEXICO)
    with serving(farm) as simulator:
        async with connect(simulator, "read:irrigation", "read:phytosanitary") as client:
            logs = await client.irrigation_logs("proj_123", midnight, now)
            programs = {program.program_id: program for program in await client.list_programs("proj_123")}
            valves = await client.list_valves("proj_123")
            week = await client.phytosanitary_company_records(TODAY - timedelta(days=7), TODAY - timedelta(days=1))
    with serving(farm) as simulator:
        async with connect(simulator, "read:irrigation") as client:
            logs_again = await client.irrigation_logs("proj_123", midnight, now)

    by_valve = {log.valve_id: log for log in logs if log.source == "program"}
    # Riego matutino Lote A runs every day at 05:30, Riego Lote B on Mondays, Wednesdays and Fridays at 06:00.
    for valve_id, program_id, start in [
        ("valve_001", "prog_001", time(5, 30)),
        ("valve_002", "prog_001", time(5, 30)),
        ("valve_003", "prog_001", time(5, 30)),
        ("valve_004", "prog_002", time(6, 0)),
        ("valve_005", "prog_002", time(6, 0)),
        ("valve_006", "prog_002", time(6, 0)),
    ]:
        log = by_valve[valve_id]
        began = datetime.combine(TODAY, start, MEXICO)
        assert log.program_id == program_id
        assert began <= log.started_at <= began + timedelta(seconds=30)
        assert log.ended_at is not None
        assert log.ended_at <= now
        assert log.volume_l
        assert log.volume_l > 0
    assert programs["prog_001"].last_started_at == datetime.combine(TODAY, time(5, 30), MEXICO)
    assert programs["prog_002"].last_started_at == datetime.combine(TODAY, time(6, 0), MEXICO)
    assert not any(program.running for program in programs.values())
    for valve in valves:
        assert (valve.observed_state, valve.commanded_state) == ("closed", "closed")
        assert valve.last_seen is not None
    assert sorted(log.log_id for log in logs_again) == sorted(log.log_id for log in logs)  # logged once

    walked: dict[str, set[date]] = {}
    for record in week.records:
        assert record.record_time is not None
        walked.setdefault(str(record.sector_id), set()).add(local(record.record_time).date())
    for sector in DEMO_COMPANY_SECTORS["proj_123"]:
        assert len(walked.get(sector, set())) >= 2, sector  # every third day: two or three walks a week


@pytest.mark.asyncio
async def test_a_program_run_under_way_is_started_on_the_field_devices(farm: Path) -> None:
    early = "2026-12-02T05:40:00-06:00"  # Riego matutino Lote A runs 05:30-06:15 (06:10 for Válvula A-2)
    ends = {"valve_001": time(6, 15), "valve_002": time(6, 15), "valve_003": time(6, 10)}
    with serving(farm, clock=early, live=True, env=QUIET_TABLETS, devices=True, mqtt_ws_port=0) as simulator:
        async with connect(simulator, "read:irrigation") as client:

            async def the_programs_valves_run() -> bool:
                valves = {valve.valve_id: valve for valve in await client.list_valves("proj_123")}
                return all(valves[valve_id].observed_state == "open" for valve_id in ends)

            await eventually(the_programs_valves_run)
            valves = {valve.valve_id: valve for valve in await client.list_valves("proj_123")}
            programs = {program.program_id: program for program in await client.list_programs("proj_123")}

    for valve_id, end in ends.items():
        valve = valves[valve_id]
        assert valve.commanded_state == "open"
        assert valve.commanded_until is not None
        # Opened for the minutes the run had left, rounded up to whole minutes.
        assert datetime.combine(TODAY, end, MEXICO) <= valve.commanded_until
        assert valve.commanded_until <= datetime.combine(TODAY, end, MEXICO) + timedelta(minutes=1)
    assert all(valves[v].observed_state == "closed" for v in ("valve_004", "valve_005", "valve_006", "valve_007"))
    assert programs["prog_001"].running
    assert programs["prog_001"].last_started_at == datetime.combine(TODAY, time(5, 30), MEXICO)
    assert not programs["prog_002"].running  # not before 06:00


# ------------------------------------------------------------------------------------------------ a new day
@pytest.mark.asyncio
async def test_crews_sessions_are_extended_to_the_end_of_their_day_before_their_limit_ends(farm: Path) -> None:
    """The crews work on into the evening, so their supervisors extend their sessions (as the office's warning
    asks) rather than let them run hours past the limit: a demo opened at night showed the whole farm overdue."""
    with serving(farm, live=True, seed=7, env=QUIET_TABLETS) as simulator:  # 09:30: hours left, nothing to extend
        async with connect(simulator) as client:
            morning = await sessions_between(client, TODAY, TODAY)
    assert morning

    def day_ends(session: Session) -> datetime:
        return datetime.combine(TODAY + timedelta(days=1), time(0), ZoneInfo(session.timezone))

    def limit(session: Session) -> datetime:
        return session.opened_at + timedelta(hours=session.max_duration_hours)

    assert all(limit(session) < day_ends(session) for session in morning)  # the projects' own 10 or 12 hours

    evening = "2026-12-02T21:00:00-06:00"
    with serving(farm, clock=evening, live=True, seed=7, env=QUIET_TABLETS) as simulator:
        async with connect(simulator) as client:
            later = await sessions_between(client, TODAY, TODAY)
    assert {session.session_id for session in later} == {session.session_id for session in morning}
    for session in later:
        assert session.status == "open"
        assert limit(session) >= day_ends(session), (session.sector_id, session.max_duration_hours)
        assert session.max_duration_hours <= 24


@pytest.mark.asyncio
async def test_at_midnight_yesterdays_sessions_close_and_the_new_day_starts(farm: Path) -> None:
    late = "2026-12-02T23:59:52-06:00"
    tomorrow = TODAY + timedelta(days=1)
    with serving(farm, clock=late, live=True, env=BUSY_TABLETS) as simulator:
        async with connect(simulator) as client:
            yesterday = [s for s in await sessions_between(client, TODAY, TODAY) if s.project_id == "proj_123"]
            assert yesterday
            assert all(s.status == "open" for s in yesterday)

            async def new_day_at_work() -> bool:
                found = await client.list_sessions(project_id="proj_123", from_day=tomorrow, to_day=tomorrow)
                return any(session.status == "open" for session in found.items)

            await eventually(new_day_at_work)
            days = await client.list_sessions(project_id="proj_123", from_day=TODAY, to_day=tomorrow)
            records = {s.session_id: await client.list_session_records(s.session_id) for s in yesterday}

            async def tablets_post_into_the_new_day() -> bool:
                found = await client.list_sessions(project_id="proj_123", from_day=tomorrow, to_day=tomorrow)
                return any(session.total_units > 0 for session in found.items)

            await eventually(tablets_post_into_the_new_day)
            started = await client.list_sessions(project_id="proj_123", from_day=tomorrow, to_day=tomorrow)
            new_records = {s.session_id: await client.list_session_records(s.session_id) for s in started.items}

    by_id = {session.session_id: session for session in days.items}
    for session in yesterday:
        closed = by_id[session.session_id]
        assert closed.status == "closed"
        last = max(record.recorded_at_utc for record in records[session.session_id] if record.recorded_at_utc)
        assert closed.closed_at is not None
        assert last <= closed.closed_at <= last + timedelta(minutes=25)
    new_day = [session for session in days.items if session.day == tomorrow]
    assert new_day
    assert all(session.status == "open" for session in new_day)
    assert {session.owner_auth0_id for session in new_day} <= FIELD_SUPERVISORS
    assert all(session.notes == "Turno nocturno" for session in new_day)  # the crews start at once, at night
    assert all(session.opened_at >= datetime.combine(tomorrow, time(0), MEXICO) for session in new_day)
    for session in started.items:  # opened before anything was delivered into it
        assert all(record.recorded_at_utc >= session.opened_at for record in new_records[session.session_id])
    # The sector kept free for the office, now a day gone by, gets its workday like every other.
    assert [s.status for s in days.items if s.day == TODAY and s.sector_id == "sector_001"] == ["closed"]


@pytest.mark.asyncio
async def test_a_weeks_scouting_shows_each_projects_outbreak_in_alert_and_clean_sectors_beside_it(
    farm: Path, tmp_path: Path
) -> None:
    """The demo's map and heatmap tell sectors apart: each project of the company has an outbreak under watch (Lote
    B-1's aphids, Parcela Este's grey mould) in Alert, and sectors that are not. At full pressure everywhere every
    sector was in Alert every week, whatever was chosen."""
    with serving(farm) as simulator:
        async with connect(simulator, "read:phytosanitary") as client:
            week = await client.phytosanitary_company_records(TODAY - timedelta(days=7), TODAY - timedelta(days=1))
    store = await Store.open(tmp_path / "office.sqlite3")
    try:
        rows = [record.model_dump(mode="json") for record in week.records]
        await store.write(cache.save_phyto_records, rows, "2026-12-02T15:30:00.000Z")
        counts = await store.read(heatmap_counts, "2026-11-20T00:00:00.000Z", "2026-12-03T00:00:00.000Z")
    finally:
        await store.close()
    heatmap, book = build_heatmap(*counts), ThresholdBook()
    verdicts = {row.sector_id: heatmap.sector_verdict(book, row.sector_id) for row in heatmap.sectors}
    assert heatmap.verdict(book, "sector_003", "aphids") is Verdict.ALERT
    assert heatmap.verdict(book, "sector_103", "botrytis") is Verdict.ALERT
    for project, sectors in DEMO_COMPANY_SECTORS.items():
        calm = [sector for sector in sectors if verdicts.get(sector) in (Verdict.OKAY, Verdict.ATTENTION)]
        assert calm, (project, verdicts)
