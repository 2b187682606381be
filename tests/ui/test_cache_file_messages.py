"""What the user sees about the cache file: a damaged one explained once after sign-in (its kept changes reach the
server once), a full disk refusing a scanned tally entry in plain words while every earlier entry stays saved."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hydrodesk.api.models import NewRecord
from hydrodesk.store.paths import user_database
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads

from .conftest import DEMO_USER, run_async
from .live_support import sign_in
from .office_kit import DOCUMENTED_SESSION, WORKER_ID, WORKER_NAME
from .tallies_kit import scan, settle, tally_kit_factory, wait_for_session

__all__ = ["tally_kit_factory"]


async def office_with_pending_entries(database: Path, units: list[int]) -> list[str]:
    store = await Store.open(database)
    try:
        made = []
        for count in units:
            new = NewRecord(
                session_id=DOCUMENTED_SESSION,
                worker_id=WORKER_ID,
                worker_name=WORKER_NAME,
                units=count,
                recorded_at_utc=datetime.now(UTC),
            )
            made.append(await store.enqueue(payloads.record_entry(new, auth0_id=DEMO_USER, now=datetime.now(UTC))))
    finally:
        await store.close()
    return [item.idem_key for item in made]


def test_a_damaged_cache_is_explained_after_sign_in_and_its_kept_changes_are_sent_once(
    qtbot: QtBot, qapp: QApplication, qloop: asyncio.AbstractEventLoop, fresh_sim: Any, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    database = user_database(data_dir, "test", DEMO_USER)  # where the session below opens its office
    kept = run_async(qtbot, office_with_pending_entries(database, [2, 3, 4]))
    with database.open("r+b") as handle:  # the file loses its last page (a copy cut short)
        handle.truncate(database.stat().st_size - 4096)

    signing_in = sign_in(qtbot, qapp, fresh_sim, tmp_path, "outbox", data_dir=data_dir)
    signed_in = next(signing_in)
    try:
        window = signed_in.kit.window
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "CacheDamageNotice") is not None)
        notice = window.findChild(QMessageBox, "CacheDamageNotice")
        assert notice.isVisible()
        assert notice.text() == "The local copy of the farm was damaged"
        text = notice.informativeText()
        assert "Changes waiting to be sent that were kept: 3." in text
        assert "could not be read" not in text  # none was lost
        assert f"{database.name}.damaged-" in text  # where the damaged file went

        office = signed_in.controller.office
        assert office is not None
        qtbot.waitUntil(lambda: office.engine.status.pending == 0, timeout=20_000)
        client = signed_in.controller.client
        assert client is not None
        records = run_async(qtbot, client.list_session_records(DOCUMENTED_SESSION))
        on_server = Counter(record.client_event_id for record in records if record.client_event_id)
        assert [on_server[key] for key in kept] == [1, 1, 1]
        notice.accept()
    finally:
        signing_in.close()


def test_a_full_disk_refuses_the_scanned_entry_with_a_clear_message_and_takes_the_next_once_there_is_room(
    qtbot: QtBot, tally_kit_factory: Any, fresh_sim: Any
) -> None:
    kit = tally_kit_factory(fresh_sim)
    kit.select(qtbot)
    wait_for_session(qtbot, kit)
    settle(qtbot, kit)
    store = kit.office.store
    pages = run_async(qtbot, store.read(lambda conn: conn.exec_driver_sql("PRAGMA page_count").scalar()))
    run_async(qtbot, store.read(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count={pages}").scalar()))
    before = len(kit.pane.ledger())
    feedback = kit.pane.entry_row.feedback_label
    for _ in range(40):  # the last pages fill up within a few entries
        scan(qtbot, kit, "JS0315")
        qtbot.waitUntil(lambda: "Recorded" in feedback.text() or "disk is full" in feedback.text())
        if "disk is full" in feedback.text():
            break
        feedback.clear()
    assert feedback.text().startswith("The disk is full: the entry for John Smith was not saved.")
    made = {line.client_event_id for line in kit.pane.ledger()[before:]}
    assert made  # some went in before the disk filled up
    kept = {item.idem_key for item in run_async(qtbot, store.outbox_items())}
    assert made <= kept  # every entry shown as recorded is still saved

    run_async(qtbot, store.read(lambda conn: conn.exec_driver_sql(f"PRAGMA max_page_count={pages + 1000}").scalar()))
    feedback.clear()
    scan(qtbot, kit, "JS0315")  # room again: the entry is taken
    qtbot.waitUntil(lambda: "Recorded" in feedback.text())
    assert len(run_async(qtbot, store.outbox_items())) == len(kept) + 1
