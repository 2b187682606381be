"""The entry row, driven from the keyboard: the finder, a badge scanner at full speed, Ctrl+L, feedback."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from .conftest import run_async
from .tallies_kit import DOCUMENTED_SESSION, scan, settle, tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]


def match_ids(kit: Any) -> list[str]:
    return [choice.worker_id for choice in kit.pane.entry_row.matches_model.matches]


def test_the_finder_finds_by_name_and_id_accents_and_case_aside(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    edit = kit.pane.entry_row.worker_edit
    names = kit.pane.entry_row.matches_model

    qtbot.keyClicks(edit, "nunez")
    assert "José Núñez" in [choice.name for choice in names.matches]

    edit.clear()
    qtbot.keyClicks(edit, "juan")
    assert next(choice.name for choice in names.matches) == "Juan Hernández"

    edit.clear()
    qtbot.keyClicks(edit, "JS03")
    assert match_ids(kit)[0] == "JS0315"

    # Several matches: none is highlighted and Enter records nothing; the arrows pick one, then Enter records it
    # with the units typed first (a bare number in the worker field is the next entry's units).
    edit.clear()
    before = len(kit.pane.ledger())
    qtbot.keyClicks(edit, "4")
    assert match_ids(kit) == []  # a number is never a worker
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert kit.pane.entry_row.units_edit.text() == "4"
    qtbot.keyClicks(edit, "jo")  # John, José, Jorge, Joaquín: several matches
    assert len(match_ids(kit)) > 2
    assert kit.pane.entry_row.current_match() is None
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "workers match" in kit.pane.entry_row.feedback_label.text()
    assert len(kit.pane.ledger()) == before
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    chosen = kit.pane.entry_row.current_match()
    assert chosen is not None
    assert chosen.worker_id == match_ids(kit)[1]
    start = kit.units_of(chosen.worker_id) or 0
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kit.units_of(chosen.worker_id) == start + 4, timeout=5_000)
    assert edit.text() == ""
    assert kit.pane.entry_row.units_edit.text() == "1"
    # The unit as a person says it, plural for 4 (it read "4 box": the API's name for the unit).
    assert f"Recorded 4 boxes for {chosen.name}" in kit.pane.entry_row.feedback_label.text()
    assert kit.pane.entry_row.last_entry.headline.text() == f"4 boxes · {chosen.name}"

    # Nothing matches: nothing is recorded, and the row says why.
    before = len(kit.pane.ledger())
    qtbot.keyClicks(edit, "zzzz")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "No worker matches" in kit.pane.entry_row.feedback_label.text()
    assert len(kit.pane.ledger()) == before


def test_a_badge_scanner_records_each_scan_at_once(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    assert kit.pane.selected_session()["session_id"] == DOCUMENTED_SESSION
    start = kit.units_of("JS0315") or 0
    before = len(kit.pane.ledger())
    assert before > 0
    # Nothing typed here yet, but the session has entries: the card must not say it has none (it did).
    card = kit.pane.entry_row.last_entry
    assert (card.headline.text(), card.details.text()) == (
        "Ready for the next entry",
        "Each entry you record shows here, with Ctrl+Z to undo it.",
    )

    for _ in range(6):
        scan(qtbot, kit, "JS0315")
    scan(qtbot, kit, "jn0315")  # a lower-case scan is the same badge
    qtbot.waitUntil(lambda: len(kit.pane.ledger()) == before + 7, timeout=5_000)

    assert kit.units_of("JS0315") == start + 6
    assert kit.units_of("JN0315") == 1
    assert kit.pane.entry_row.worker_edit.text() == ""
    newest = kit.pane.entries_model.entry_at(0)
    assert newest is not None
    assert newest.line.worker_id == "JN0315"
    # Six scans of one badge within seconds: the five after the first are flagged as possible duplicates.
    flagged = [entry for entry in kit.pane.entries_model.entries if entry.duplicate]
    assert len(flagged) == 5
    assert {entry.line.worker_id for entry in flagged} == {"JS0315"}
    # Each scan is a durable outbox entry before it shows, and reaches the server exactly once.
    scanned = [line.client_event_id for line in kit.pane.ledger()[before:]]
    assert settle(qtbot, kit).needs_attention == 0
    server = run_async(qtbot, kit.client.list_session_records(DOCUMENTED_SESSION))
    events = [record.client_event_id for record in server]
    assert all(events.count(event) == 1 for event in scanned)


def test_ctrl_l_puts_the_cursor_in_the_entry_row(qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    kit.pane.entries_table.view.setFocus()
    qtbot.waitUntil(kit.pane.entries_table.view.hasFocus)
    qtbot.keyClick(kit.pane.entries_table.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(kit.pane.entry_row.worker_edit.hasFocus)


def test_a_burst_of_scans_leaves_the_two_tables_where_they_were(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    """The per-worker table and the entries share the width by what their columns need when the session is shown;
    entries typed after that (new rows, "Pending" lines, other names) do not slide the handle between them while
    each table still has the room its columns need (it used to move 20-70 px now and then under the typing)."""
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    tables = (kit.pane.workers_table.columns, kit.pane.entries_table.columns)
    qtbot.waitUntil(lambda: not any(columns.pending for columns in tables), timeout=5_000)
    splitter = kit.pane.tables_splitter
    shown = splitter.sizes()
    before = len(kit.pane.ledger())

    badges = ("JS0315", "CA0527", "AM0109", "JS0315", "CA0527", "AM0109")
    for number, badge in enumerate(badges, start=1):
        scan(qtbot, kit, badge)
        qtbot.waitUntil(lambda number=number: len(kit.pane.ledger()) == before + number, timeout=5_000)
    qtbot.waitUntil(lambda: not any(columns.pending for columns in tables), timeout=5_000)

    assert splitter.sizes() == shown
    needs = [columns.table_width() for columns in tables]
    assert all(size >= need for size, need in zip(splitter.sizes(), needs, strict=True))  # neither scrolls sideways


def test_a_reload_after_a_sync_that_ends_after_the_pane_closed_is_dropped_quietly(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    """The pane reads the farm again after a sync; closed and deleted meanwhile, it must not be told it has its
    data ("Signal source has been deleted" from the task, seen once under load at a test's end)."""
    import asyncio
    import gc

    from shiboken6 import isValid

    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    store = kit.office.store
    failures: list[BaseException] = []
    kit.tasks.failure_listener = lambda _name, error: failures.append(error)
    held = asyncio.Event()
    read_workers = store.workers

    async def slow_workers() -> Any:
        await held.wait()
        return await read_workers()

    store.workers = slow_workers  # type: ignore[method-assign]
    kit.pane._shown_after_sync = False  # the first sync's reload: the one that says the data is there
    task = kit.tasks.spawn(kit.pane._reload_everything(), name="tallies-sync-reload")
    kit.pane.deleteLater()
    qtbot.waitUntil(lambda: not isValid(kit.pane))
    held.set()
    qtbot.waitUntil(task.done)
    assert failures == []
    # Nothing of the deleted pane is left for the test's end to close (qtbot holds its widgets weakly).
    kit.pane = None  # type: ignore[assignment]
    del task
    gc.collect()
