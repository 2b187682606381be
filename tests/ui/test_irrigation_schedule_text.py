"""Irrigation in the user's language: the server names a program's days mon…sun, a Spanish office reads
"lun mié vie"; the logs' summary writes its numbers the locale's way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from hydrodesk.api.models_iot import IrrigationLog, Program
from hydrodesk.domain.irrigation_limits import Interlock, InterlockKind
from hydrodesk.ui.irrigation.command_dialog import interlock_text
from hydrodesk.ui.irrigation.models import LogRow, ProgramsModel, logs_summary


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("es"))
    yield
    QLocale.setDefault(before)


def test_a_program_s_days_are_said_in_the_user_s_language(spanish: None) -> None:
    program = Program.model_validate(
        {
            "programId": "prog_002",
            "name": "Riego Lote B en días alternos",
            "enabled": True,
            "schedule": {"days": ["mon", "wed", "fri", "someday"], "startTimes": ["06:00", "14:00"]},
        }
    )
    model = ProgramsModel(lambda valve_id: valve_id)
    assert model._schedule(program) == "lun mié vie someday · 6:00, 14:00"


@pytest.mark.parametrize("locale_name", ["es_CL", "en_US", "es"])
def test_a_program_s_start_times_read_like_its_last_start(qapp: QApplication, locale_name: str) -> None:
    """The Schedule and Last started columns side by side: the same time of day is written the same way (it was
    "06:00" beside "6:30 a. m.")."""
    before = QLocale()
    QLocale.setDefault(QLocale(locale_name))
    try:
        zone = "America/Santiago"
        today = datetime.now(ZoneInfo(zone)).replace(hour=6, minute=0, second=0, microsecond=0)
        program = Program.model_validate(
            {
                "programId": "prog_001",
                "name": "Riego Lote A",
                "enabled": True,
                "schedule": {"days": ["mon"], "startTimes": ["06:00", "later"]},
                "lastStartedAt": today.astimezone(UTC).isoformat(),
            }
        )
        model = ProgramsModel(lambda valve_id: valve_id)
        model.set_zone(zone)
        model.set_rows([program])
        last_started = model.data(model.index(0, len(model.columns) - 1))
        assert model._schedule(program).endswith(f" · {last_started}, later")  # unreadable text stays as sent
    finally:
        QLocale.setDefault(before)


def test_the_logs_summary_writes_the_locale_s_numbers_and_never_a_wrong_plural(spanish: None) -> None:
    """Riego > Registros printed "1322.4 m³" and "(1 manuales)" in Spanish."""

    def run(log_id: str, sector: str, litres: float, source: str) -> LogRow:
        log = IrrigationLog.model_validate(
            {
                "logId": log_id,
                "valveId": "valve_1",
                "sectorId": sector,
                "startedAt": "2026-12-01T10:00:00Z",
                "volume_l": litres,
                "source": source,
            }
        )
        return LogRow(log, "Válvula 1", sector)

    rows = [run("l1", "Parcela Sur", 1_200_000.0, "manual"), run("l2", "Parcela Norte", 122_400.0, "program")]
    assert logs_summary(rows, 7) == (
        "Last 7 days: 1322,4 m³ · runs: 2 · manual: 1 · by sector: Parcela Norte 122,4 m³ · Parcela Sur 1200 m³"
    )


def test_a_pressure_interlock_writes_the_locale_s_decimals(spanish: None) -> None:
    interlock = Interlock(InterlockKind.LOW_PRESSURE, blocking=True, value=2.64, limit=4.5)
    assert interlock_text(interlock) == "Line pressure is 2,64 bar, below the 4,5 bar needed to open a valve."


def test_one_open_valve_is_written_in_the_singular() -> None:
    one = Interlock(InterlockKind.TOO_MANY_OPEN, blocking=True, value=1, limit=1, names=("Válvula Sur",))
    assert interlock_text(one) == (
        "1 valve of this project is already open (Válvula Sur); at most 1 may be open at once."
    )
    two = Interlock(InterlockKind.TOO_MANY_OPEN, blocking=True, value=2, limit=2, names=("Válvula Sur", "Válvula Este"))
    assert interlock_text(two).startswith("2 valves of this project are already open (Válvula Sur, Válvula Este)")
