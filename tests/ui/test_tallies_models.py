"""The Tallies pane's Qt models are thin adapters over domain data: Qt's model tester checks each, as it changes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtGui import QColor, QFont
from pytestqt.modeltest import ModelTester

from hydrodesk.domain.sessions import Bonus
from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.tally_entries import EntryView, entry_views
from hydrodesk.domain.tally_sums import Pricing, SessionWorkerSums, roll_up
from hydrodesk.domain.worker_search import WorkerChoice, WorkerFinder
from hydrodesk.ui.formats import time_format
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE
from hydrodesk.ui.tallies.entries_model import NOTE, STATUS, TIME, UNITS, EntriesModel
from hydrodesk.ui.tallies.finder_model import WorkerFinderModel
from hydrodesk.ui.tallies.worker_table import PAY, SYNC, WorkerTallyModel
from hydrodesk.ui.tallies.worker_table import UNITS as WORKER_UNITS

C, P, A = LineStatus.CONFIRMED, LineStatus.PENDING, LineStatus.ATTENTION
MEXICO = ZoneInfo("America/Mexico_City")


@pytest.fixture(autouse=True)
def english_numbers() -> object:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


def test_the_finder_model(qtmodeltester: ModelTester) -> None:
    finder = WorkerFinder(
        [
            WorkerChoice("JS0315", "John Smith"),
            WorkerChoice("JN0315", "José Núñez", pending=True),
            WorkerChoice("JS0301", "Jesús Sánchez", status="inactive"),
        ]
    )
    model = WorkerFinderModel()
    qtmodeltester.check(model)
    model.set_matches(finder.find("j"))
    model.set_matches(finder.find("js03"))
    assert [model.index(row).data(ID_ROLE) for row in range(model.rowCount())] == ["JS0315", "JS0301"]
    assert model.index(1).data() == "Jesús Sánchez · JS0301 · inactive"
    model.set_matches(finder.find("nunez"))
    assert model.index(0).data() == "José Núñez · JN0315 · not yet on the server"
    assert model.choice_at(5) is None


def test_the_per_worker_model(qtmodeltester: ModelTester) -> None:
    sums = [
        SessionWorkerSums("S1", "JS0315", "John Smith", confirmed_units=10, pending_units=2, records=12,
                          pending_records=2, voids=1),
        SessionWorkerSums("S1", "JN0315", "José Núñez", confirmed_units=3.5, attention_units=1, records=3),
    ]  # fmt: skip
    model = WorkerTallyModel()
    model.set_colors(QColor("#d68910"), QColor("#b03a2e"))
    qtmodeltester.check(model)
    model.set_rows(roll_up(sums, {"S1": Pricing(5.5, Bonus("flat", 20))}))
    john = model.row_of("JS0315")
    assert model.index(john, WORKER_UNITS).data() == "12"
    assert model.index(john, WORKER_UNITS).data(SORT_ROLE) == 12
    assert model.index(john, PAY).data() == "86.00"  # 12 x 5.50 + 20 flat
    assert model.index(john, PAY).data(Qt.ItemDataRole.ToolTipRole) == "66.00 for the units + 20.00 bonus"
    assert model.index(john, SYNC).data() == "2 pending"
    assert model.index(john, SYNC).data(Qt.ItemDataRole.ForegroundRole) == QColor("#d68910")
    jose = model.row_of("JN0315")
    assert model.index(jose, WORKER_UNITS).data() == "3.5"
    assert "1 stopped, not counted" in model.index(jose, WORKER_UNITS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(jose, SYNC).data() == "Needs attention"
    # The same workers with new numbers: updated in place; a new worker: reset.
    model.update_rows(roll_up([sums[0]._replace(confirmed_units=20)], {"S1": Pricing(1.0)}) + model.rows[1:])
    model.update_rows(roll_up(sums, {}))
    assert model.row_for("JS0315") is not None
    assert model.row_for("XX") is None


def line(worker: str, seconds: int, status: LineStatus = C, **extra: str) -> LedgerLine:
    return LedgerLine(worker, worker.title(), 1, status, recorded_at=f"2025-10-19T14:30:{seconds:02d}.000Z", **extra)


def test_the_entries_model(qtmodeltester: ModelTester) -> None:
    lines = [
        line("js", 0, record_id="r1", client_event_id="e1"),
        line("js", 3, P, client_event_id="e2"),
        LedgerLine("js", "Js", -1, C, record_id="v1", void_of="r1", reason="Scanned twice",
                   recorded_at="2025-10-19T14:31:00.000Z"),
        line("jn", 5, A, client_event_id="e3"),
    ]  # fmt: skip
    model = EntriesModel()
    model.set_colors(
        {"pending": QColor("orange"), "attention": QColor("red"), "muted": QColor("gray"), "flag": QColor("blue")}
    )
    qtmodeltester.check(model)
    model.set_entries(entry_views(lines), MEXICO)
    void, attention, pending, voided = (model.index(row, TIME) for row in range(4))
    # 14:31 UTC is 8:31 in Mexico City, written as the UI locale writes a time with seconds.
    assert void.data() == QLocale().toString(QTime(8, 31, 0), time_format(seconds=True))
    assert model.index(void.row(), UNITS).data() == "-1"
    assert model.index(void.row(), NOTE).data() == "Void: Scanned twice"
    assert model.index(attention.row(), STATUS).data() == "Needs attention"
    assert model.index(attention.row(), STATUS).data(Qt.ItemDataRole.ForegroundRole) == QColor("red")
    assert model.index(pending.row(), STATUS).data() == "Pending"
    assert "Saved on this computer" in model.index(pending.row(), STATUS).data(Qt.ItemDataRole.ToolTipRole)
    font = model.index(voided.row(), TIME).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.strikeOut()
    assert model.index(voided.row(), NOTE).data() == "Voided"
    assert model.index(voided.row(), TIME).data(SORT_ROLE) == "2025-10-19T14:30:00.000Z"
    assert model.index(voided.row(), TIME).data(ID_ROLE) == "event:e1"

    flagged = EntryView(line("js", 6, P, client_event_id="e4"), duplicate=True)
    model.prepend(flagged)
    assert model.entry_at(0) == flagged
    assert model.index(0, NOTE).data() == "⚑ Possible duplicate"
    assert model.index(0, NOTE).data(Qt.ItemDataRole.ForegroundRole) == QColor("blue")
    # The same entries shown in another timezone: their times are written again, not kept from before.
    model.set_entries(model.entries, ZoneInfo("America/Lima"))
    assert model.index(1, TIME).data() == QLocale().toString(QTime(9, 31, 0), time_format(seconds=True))
    assert model.index(1, TIME).data(Qt.ItemDataRole.DecorationRole) is None  # a role it does not answer
    model.set_entries([])
    assert model.rowCount() == 0
