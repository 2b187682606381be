"""One way of writing days, times, numbers and money, in English and Spanish, times at the farm's clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QApplication, QDateEdit
from pytestqt.qtbot import QtBot

from hydrodesk.domain.telemetry_devices import DeviceInfo, ValveSeen
from hydrodesk.sync.status import ConnectionState, ProblemKind, SyncProblem, SyncStatus
from hydrodesk.ui import formats
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.models.devices import LAST_SEEN, STATE, VALVES, DevicesTableModel
from hydrodesk.ui.status_bar import AppStatusBar

LIMA = "America/Lima"  # UTC−5 all year: 16:19 UTC is 11:19 at the farm
MOMENT = datetime(2026, 12, 2, 16, 19, 5, tzinfo=UTC)


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The UI's language and locale for one test (what --lang sets), taken away afterwards."""
    installed = install_language(qapp, request.param)
    yield request.param
    uninstall_language(qapp, installed)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "day": "Wed, Dec 2, 2026",
                "day in a table": "Dec 2, 2026",
                "time": "11:19\u202fAM",
                "time with seconds": "11:19:05\u202fAM",
                "moment": "Dec 2, 2026 11:19\u202fAM",
                "money": "12,345.50",
                "units": "12.25",
                "amounts": "340 boxes · 1 box · 1,196.9 kg · 2 units · 5 totes",
            },
        ),
        (
            "es",
            {
                "day": "mié, 2 dic 2026",
                "day in a table": "2 dic 2026",
                "time": "11:19",
                "time with seconds": "11:19:05",
                "moment": "2 dic 2026 11:19",
                "money": "12.345,50",
                "units": "12,25",
                "amounts": "340 cajas · 1 caja · 1196,9 kg · 2 unidades · 5 totes",
            },
        ),
    ],
    indirect=["language"],
)
def test_days_times_and_money_read_the_same_everywhere_in_each_language(
    language: str, expected: dict[str, str]
) -> None:
    written = {
        "day": formats.day_text(date(2026, 12, 2)),
        "day in a table": formats.day_text(date(2026, 12, 2), weekday=False),
        "time": formats.time_text(MOMENT, LIMA),
        "time with seconds": formats.time_text(MOMENT, LIMA, seconds=True),
        "moment": formats.moment_text(MOMENT, LIMA),
        "money": formats.money_text(12345.5),
        "units": formats.number_text(12.250),
        # A session's unit in words, singular or plural; one the app does not know, as the server has it.
        "amounts": " · ".join(
            formats.amount_text(units, unit)
            for units, unit in ((340, "box"), (1, "box"), (1196.9, "kg"), (2, None), (5, "totes"))
        ),
    }
    assert written == expected
    assert formats.number_text(4.0) == "4"  # whole units without decimals
    assert formats.iso_day_text("2026-12-02") == expected["day in a table"]  # a stored day, as a table cell
    assert formats.time_text("2026-12-02T16:19:05.000Z", ZoneInfo(LIMA)) == expected["time"]  # a stored UTC text


@pytest.mark.parametrize("language", ["en", "es"], indirect=True)
def test_every_day_of_the_year_reads_back_from_what_the_day_fields_show(qtbot: QtBot, language: str) -> None:
    """The day fields use the same pattern as the text: each month's short name must parse back (Spanish "sept")."""
    edit = QDateEdit()
    qtbot.addWidget(edit)
    edit.setDisplayFormat(formats.day_format())
    for month in range(1, 13):
        day = date(2026, month, 28)
        edit.setDate(QDate(day.year, day.month, day.day))
        assert edit.text() == formats.day_text(day)
        assert QLocale().toDate(edit.text(), formats.day_format()) == QDate(day.year, day.month, day.day)
    without_weekday = formats.day_format(weekday=False)
    assert "ddd" not in without_weekday
    assert QLocale().toDate(formats.day_text(date(2026, 9, 7), weekday=False), without_weekday) == QDate(2026, 9, 7)


@pytest.mark.parametrize("language", ["es"], indirect=True)
def test_farm_times_name_their_clock_and_add_the_day_when_it_is_not_today(language: str) -> None:
    assert formats.zoned_text(MOMENT, LIMA, now=MOMENT) == "11:19 (America/Lima)"
    assert formats.zoned_text(MOMENT, LIMA, now=MOMENT + timedelta(days=1)) == "2 dic 2026 11:19 (America/Lima)"
    # 03:00 UTC on the 3rd is still the 2nd in Lima: "today" is the farm's day, not this computer's.
    late = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
    assert formats.recent_moment_text(late, LIMA, now=MOMENT) == "22:00"
    # No farm known, or a zone this computer does not know: this computer's clock, and the text says so.
    assert formats.zoned_text(MOMENT, None, now=MOMENT).endswith("(hora de este equipo)")
    assert formats.zone_label("Mars/Olympus_Mons") == "hora de este equipo"
    assert formats.at_farm(MOMENT.timestamp(), LIMA) == MOMENT  # seconds since the epoch are a moment too
    assert formats.at_farm(MOMENT.replace(tzinfo=None), LIMA) == MOMENT  # a naive time is UTC, as stored
    assert formats.utc_offset_text(formats.at_farm(MOMENT, LIMA)) == "UTC\u221205:00"
    assert formats.utc_offset_text(MOMENT) == "UTC"


@pytest.mark.parametrize("language", ["en", "es"], indirect=True)
def test_common_crops_read_in_the_users_language_and_any_other_as_the_farm_wrote_it(language: str) -> None:
    blueberry = {"en": "Blueberry", "es": "Arándano"}[language]
    assert formats.crop_name("Blueberry") == blueberry
    assert formats.crop_name(" blueberry ") == blueberry  # as typed by hand
    assert formats.crop_name("Pitahaya") == "Pitahaya"
    assert formats.crop_name(None) == ""


@pytest.mark.parametrize("language", ["es"], indirect=True)
def test_the_status_bar_writes_the_last_sync_at_the_farm_and_names_its_clock(qtbot: QtBot, language: str) -> None:
    bar = AppStatusBar()
    qtbot.addWidget(bar)
    synced = datetime.now(UTC)
    bar.set_sync_status(SyncStatus(state=ConnectionState.ONLINE, last_sync_at=synced))
    bar.set_farm_zone(LIMA)
    at_farm = formats.time_text(synced, LIMA)
    assert bar.sync.last_sync_label.text() == f"Última sincronización {at_farm} (America/Lima)"
    bar.set_farm_zone(None)
    assert bar.sync.last_sync_label.text().endswith("(hora de este equipo)")


@pytest.mark.parametrize("language", ["es"], indirect=True)
def test_records_the_server_could_not_store_are_counted_in_words_in_the_offline_tool_tip(
    qtbot: QtBot, language: str
) -> None:
    bar = AppStatusBar()
    qtbot.addWidget(bar)
    for count, sentence in (
        (1, "El servidor no pudo guardar 1 registro por ahora: se enviará de nuevo."),
        (3, "El servidor no pudo guardar 3 registros por ahora: se enviarán de nuevo."),
    ):
        problem = SyncProblem(ProblemKind.SERVER_ERROR, "could not store some records", to_retry=count)
        bar.set_sync_status(SyncStatus(state=ConnectionState.OFFLINE, problem=problem))
        assert bar.connection_label.toolTip().splitlines()[-1] == sentence


def test_the_devices_table_shows_the_selected_projects_devices_and_their_valves_in_words(qapp: object) -> None:
    model = DevicesTableModel(clock=lambda: 1000.0)
    valves = {"valve_001": ValveSeen("open", 990.0, 990.0), "valve_002": ValveSeen("closed", 990.0, 990.0)}
    model.set_devices(
        [
            DeviceInfo("bitRTU-01", "proj_123", online=True, last_seen=995.0, valves=valves),
            DeviceInfo("bitRTU-02", "proj_123", online=False, last_seen=900.0),
            DeviceInfo("bitRTU-04", "proj_456", online=True, last_seen=999.0),
        ]
    )
    assert model.rowCount() == 3  # no project selected: every device
    model.set_project("proj_123", LIMA)
    assert [info.device_id for info in model.shown] == ["bitRTU-01", "bitRTU-02"]
    assert model.rowCount() == 2
    assert model.data(model.index(0, VALVES)) == "valve_001 open, valve_002 closed"
    assert model.data(model.index(1, STATE)).endswith("Offline")
    assert [model.data(model.index(row, LAST_SEEN)) for row in (0, 1)] == ["5 s ago", "1 min ago"]
    model.update_device(DeviceInfo("bitRTU-01", "proj_123", online=True, last_seen=999.4, valves=valves))
    assert model.data(model.index(0, LAST_SEEN)) == "just now"  # not "0 s ago"
    model.update_device(DeviceInfo("bitRTU-05", "proj_456", online=True))  # another project's news: not shown
    assert model.rowCount() == 2
    model.set_project("proj_456", None)
    assert [info.device_id for info in model.shown] == ["bitRTU-04", "bitRTU-05"]
