"""The outbox on a real SQLite file: durable entries, who waits for whom, what the server said, the user's choices."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from hydrodesk.api.models import NewRecord, NewSession, NewWorker, ValveCommand
from hydrodesk.domain.outbox import EntryState
from hydrodesk.store import outbox as ob
from hydrodesk.store.outbox import Delivered, DuplicateEntry, OutboxError, Refused, Retry
from hydrodesk.store.store import Store
from hydrodesk.sync import payloads

ME = "user_123456789"
NOW = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: NOW)
    yield opened
    await opened.close()


def record(session_id: str, worker_id: str = "JS0315", units: float = 1) -> ob.NewEntry:
    new = NewRecord(
        session_id=session_id, worker_id=worker_id, worker_name="John Smith", units=units, recorded_at_utc=NOW
    )
    return payloads.record_entry(new, auth0_id=ME, now=NOW)


def opening(sector: str = "sector_002") -> ob.NewEntry:
    new = NewSession(project_id="proj_123", sector_id=sector, sector_name="Lote A-2", opened_at=NOW)
    return payloads.open_session_entry(new, auth0_id=ME, now=NOW)


async def send(store: Store, **outcomes: ob.Outcome) -> None:
    await store.begin_sending(list(outcomes))
    await store.finish(outcomes)


@pytest.mark.asyncio
async def test_an_enqueued_change_survives_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path)
    item = await store.enqueue(record("S1", units=4))
    store.abandon()  # as if the process died right after "saved"
    reopened = await Store.open(path)
    try:
        assert await reopened.outbox_entry(item.entry_id) == item
        assert item.payload["client_event_id"] == item.idem_key
        assert item.payload["idempotency_key"]
    finally:
        await reopened.close()


@pytest.mark.asyncio
async def test_entries_caught_sending_by_a_crash_are_queued_again(tmp_path: Path) -> None:
    path = tmp_path / "farm.sqlite3"
    store = await Store.open(path)
    item = await store.enqueue(record("S1"))
    await store.begin_sending([item.entry_id])
    store.abandon()
    reopened = await Store.open(path)
    try:
        assert reopened.recovered == 1
        again = await reopened.outbox_entry(item.entry_id)
        assert again is not None
        assert again.state is EntryState.QUEUED
        assert again.attempts == 1
        assert again.idem_key == item.idem_key  # the same ids go out again
    finally:
        await reopened.close()


@pytest.mark.asyncio
async def test_records_in_a_session_opened_offline_wait_for_it_and_follow_its_server_id(store: Store) -> None:
    opener = await store.enqueue(opening())
    local_id = opener.idem_key
    first = await store.enqueue(record(local_id))
    assert first.depends_on == (opener.entry_id,)

    plan = await store.prepare_round(ME)
    assert [entry.entry_id for entry in plan.singles] == [opener.entry_id]
    assert plan.records == ()

    await store.begin_sending([opener.entry_id])
    await store.finish({opener.entry_id: Delivered({"session_id": "S9"})}, server_ids=[(local_id, "S9")])
    moved = await store.outbox_entry(first.entry_id)
    assert moved is not None
    assert moved.payload["session_id"] == "S9"
    assert moved.group == "session:S9"
    later = await store.enqueue(record(local_id))  # a pane still holding the local id
    assert later.payload["session_id"] == "S9"
    assert later.depends_on == ()
    plan = await store.prepare_round(ME)
    assert {entry.entry_id for entry in plan.records} == {first.entry_id, later.entry_id}
    assert await store.resolve_session(local_id) == "S9"


@pytest.mark.asyncio
async def test_a_record_for_a_worker_created_offline_waits_and_follows_a_corrected_id(store: Store) -> None:
    new = NewWorker(
        first_name="Zacarías", last_name="Quintero", position="field_worker", employment_type="full_time",
        hire_date=date(2024, 2, 29),
    )  # fmt: skip
    worker = await store.enqueue(payloads.worker_entry(new, auth0_id=ME, now=NOW))
    assert worker.payload["worker_id"] == "ZQ0229"
    tally = await store.enqueue(record("S1", worker_id="ZQ0229"))
    assert tally.depends_on == (worker.entry_id,)

    await send(store, **{worker.entry_id: Refused(EntryState.CONFLICT, "worker_id ZQ0229 is already taken")})
    await store.prepare_round(ME)
    blocked = await store.outbox_entry(tally.entry_id)
    assert blocked is not None
    assert blocked.state is EntryState.CONFLICT
    assert blocked.blocked_by == worker.entry_id

    fixed = new.model_copy(update={"hire_date": date(2024, 3, 1)})
    await store.edit(worker.entry_id, {"worker_id": "ZQ0301", "new_worker": payloads.dump(fixed)})
    released = await store.outbox_entry(tally.entry_id)
    assert released is not None
    assert released.state is EntryState.QUEUED
    assert released.payload["worker_id"] == "ZQ0301"
    edited = await store.outbox_entry(worker.entry_id)
    assert edited is not None
    assert edited.group == "worker:ZQ0301"
    assert edited.history[-1]["action"] == "edit"


@pytest.mark.asyncio
async def test_what_the_server_said_is_recorded(store: Store) -> None:
    done, again, refused = [await store.enqueue(record("S1")) for _ in range(3)]
    await send(
        store,
        **{
            done.entry_id: Delivered({"record_id": "rec_1"}),
            again.entry_id: Retry("HTTP 503"),
            refused.entry_id: Refused(EntryState.CONFLICT, "Session S1 was closed", "session_closed"),
        },
    )
    by_id = {item.entry_id: item for item in await store.outbox_items()}
    assert by_id[done.entry_id].state is EntryState.DONE
    assert by_id[done.entry_id].result == {"record_id": "rec_1"}
    assert by_id[again.entry_id].state is EntryState.QUEUED
    assert by_id[again.entry_id].last_error == "HTTP 503"
    assert by_id[refused.entry_id].state is EntryState.CONFLICT
    assert (by_id[refused.entry_id].reason, by_id[refused.entry_id].error_code) == (
        "Session S1 was closed",
        "session_closed",
    )
    counts = await store.outbox_counts()
    assert (counts[EntryState.DONE], counts[EntryState.QUEUED], counts[EntryState.CONFLICT]) == (1, 1, 1)


@pytest.mark.asyncio
async def test_the_users_choices(store: Store) -> None:
    stuck = await store.enqueue(record("S1", units=3))
    await send(store, **{stuck.entry_id: Refused(EntryState.CONFLICT, "closed", "session_closed")})

    with pytest.raises(OutboxError, match="cannot change client_event_id"):
        await store.edit(stuck.entry_id, {"client_event_id": "evt_other"})
    await store.move_records([stuck.entry_id], "S2")
    moved = await store.outbox_entry(stuck.entry_id)
    assert moved is not None
    assert moved.state is EntryState.QUEUED
    assert moved.group == "session:S2"
    assert moved.idem_key == stuck.idem_key
    assert moved.payload["idempotency_key"] == stuck.payload["idempotency_key"]

    await send(store, **{stuck.entry_id: Refused(EntryState.FAILED, "units too large", "invalid")})
    with pytest.raises(OutboxError, match="needs a reason"):
        await store.discard([stuck.entry_id], "  ")
    await store.discard([stuck.entry_id], "counted on paper instead")
    kept = await store.outbox_entry(stuck.entry_id)
    assert kept is not None
    assert kept.state is EntryState.DISCARDED
    assert [step["action"] for step in kept.history] == ["move", "discard"]
    assert kept.history[-1]["note"] == "counted on paper instead"
    with pytest.raises(OutboxError, match="discarded"):
        await store.retry([stuck.entry_id])


@pytest.mark.asyncio
async def test_an_irrigation_command_past_its_deadline_is_not_sent(tmp_path: Path) -> None:
    clock = {"now": NOW}
    store = await Store.open(tmp_path / "farm.sqlite3", clock=lambda: clock["now"])
    try:
        command = ValveCommand(action="open", duration_min=30, expires_at=NOW + timedelta(minutes=10))
        item = await store.enqueue(payloads.valve_entry("valve_001", command, auth0_id=ME, now=NOW))
        assert [entry.entry_id for entry in (await store.prepare_round(ME)).singles] == [item.entry_id]
        clock["now"] = NOW + timedelta(minutes=11)
        assert (await store.prepare_round(ME)).empty
        expired = await store.outbox_entry(item.entry_id)
        assert expired is not None
        assert expired.state is EntryState.EXPIRED
        assert "expired at 2025-10-19T14:40:00.000Z" in (expired.reason or "")
    finally:
        await store.close()


@pytest.mark.asyncio
async def test_entries_made_by_another_user_are_not_sent_as_this_one(store: Store) -> None:
    await store.enqueue(record("S1"))
    assert (await store.prepare_round("user_987654321")).empty


@pytest.mark.asyncio
async def test_concurrent_enqueues_share_commits_and_one_bad_write_costs_only_itself(store: Store) -> None:
    entries = [record("S1") for _ in range(200)]
    duplicate = entries[57]
    results = await asyncio.gather(
        *(store.enqueue(entry) for entry in entries), store.enqueue(duplicate), return_exceptions=True
    )
    failures = [result for result in results if isinstance(result, BaseException)]
    assert len(failures) == 1
    assert isinstance(failures[0], DuplicateEntry)
    stored = await store.outbox_items()
    assert sorted(item.idem_key for item in stored) == sorted(entry.idem_key for entry in entries)
    assert len({item.seq for item in stored}) == 200


@pytest.mark.asyncio
async def test_a_bulk_batch_is_sent_as_the_payloads_say_after_an_edit_too(store: Store) -> None:
    """The store writes each record's request body from its payload: exactly what the request model would send,
    in the order the records were made; after an edit the body says what the edited payload says."""
    first = await store.enqueue(record("S1", units=2.5))
    no_key = payloads.record_entry(
        NewRecord(
            session_id="S1",
            worker_id="MG0101",
            worker_name="María Núñez",
            recorded_at_utc=NOW,
            idempotency_key=None,
        ),
        auth0_id=ME,
        now=NOW,
    )
    second = await store.enqueue(dataclasses.replace(no_key, payload={**no_key.payload, "idempotency_key": None}))
    edited = await store.enqueue(record("S1", units=1))
    await send(store, **{edited.entry_id: Refused(EntryState.FAILED, "too many")})
    await store.write_durably(ob.edit, edited.entry_id, {"units": 3}, store.now())

    batch = await store.begin_sending_records([edited.entry_id, second.entry_id, first.entry_id])

    assert batch.entry_ids == [first.entry_id, second.entry_id, edited.entry_id]
    assert batch.unchecked == []
    expected = [payloads.new_record(item.payload).to_wire() for item in (first, second)]
    expected.append({**payloads.new_record(edited.payload).to_wire(), "units": 3})
    assert json.loads(batch.wire_json) == expected
    assert "idempotencyKey" not in json.loads(batch.wire_json)[1]
    states = {item.entry_id: item.state for item in await store.outbox_items()}
    assert set(states.values()) == {EntryState.SENDING}


@pytest.mark.asyncio
async def test_a_record_payload_the_store_cannot_vouch_for_is_handed_back_unchecked(store: Store) -> None:
    good = await store.enqueue(record("S1"))
    odd = payloads.record_entry(
        NewRecord(session_id="S1", worker_id="JS0315", worker_name="John Smith", recorded_at_utc=NOW),
        auth0_id=ME,
        now=NOW,
    )
    odd_payload = {**odd.payload, "recorded_at_utc": "2025-10-19T11:30:00-03:00", "units": "7"}
    strange = await store.enqueue(dataclasses.replace(odd, payload=odd_payload))

    batch = await store.begin_sending_records([good.entry_id, strange.entry_id])

    assert batch.entry_ids == [good.entry_id]
    assert batch.unchecked == [(strange.entry_id, strange.payload)]


@pytest.mark.asyncio
async def test_enqueue_soon_has_the_commit_under_way_before_the_loop_turns(store: Store) -> None:
    # The tally entry row starts saving on the key press: the commit must not wait for the event loop's next turn
    # (a busy window makes that late). The loop is held here, never yielded to, while the database thread works.
    saving = store.enqueue_soon(record("S1", units=3))
    store._thread.call_blocking(lambda: None)  # the database thread's queue runs in order: past this, the flush ran
    pending = store._thread.call_blocking(lambda: store._db.read(lambda conn: ob.items(conn)))
    assert [item.payload["units"] for item in pending] == [3]
    item = await saving
    assert item.payload["units"] == 3
    assert await store.outbox_entry(item.entry_id) == item
