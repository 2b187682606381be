"""The outbox planner and state rules: order per entity, records in bulk, dependencies, blocked entries."""

from __future__ import annotations

import pytest

from hydrodesk.domain.outbox import (
    EntryKind,
    EntryState,
    PlanItem,
    TransitionRefused,
    can_move,
    check_move,
    is_local_id,
    new_local_id,
    plan_sendable,
)

Q = EntryState.QUEUED
REC, CLOSE, OPEN, WORKER = (
    EntryKind.CREATE_RECORD,
    EntryKind.CLOSE_SESSION,
    EntryKind.OPEN_SESSION,
    EntryKind.CREATE_WORKER,
)


def item(seq: int, kind: EntryKind, group: str = "session:S", *deps: str) -> PlanItem:
    return PlanItem(seq=seq, entry_id=f"e{seq}", kind=kind, group=group, state=Q, depends_on=deps)


def ids(items: tuple[PlanItem, ...]) -> list[str]:
    return [entry.entry_id for entry in items]


def test_records_of_a_group_go_together_but_not_past_a_close() -> None:
    plan = plan_sendable([item(1, REC), item(2, REC), item(3, CLOSE), item(4, REC)], {})
    assert ids(plan.records) == ["e1", "e2"]
    assert plan.singles == ()  # the close waits for the records before it


def test_a_record_waits_for_its_sessions_open_and_then_goes() -> None:
    waiting = plan_sendable([item(1, OPEN, "session:L"), item(2, REC, "session:L", "e1")], {"e1": Q})
    assert ids(waiting.singles) == ["e1"]
    assert waiting.records == ()
    ready = plan_sendable([item(2, REC, "session:S", "e1")], {"e1": EntryState.DONE})
    assert ids(ready.records) == ["e2"]


def test_a_record_waiting_for_its_worker_does_not_hold_up_other_records() -> None:
    active = [item(1, WORKER, "worker:ZQ0229"), item(2, REC, "session:S", "e1"), item(3, REC)]
    plan = plan_sendable(active, {"e1": Q})
    assert ids(plan.singles) == ["e1"]
    assert ids(plan.records) == ["e3"]


def test_groups_are_independent() -> None:
    plan = plan_sendable([item(1, CLOSE, "session:A"), item(2, CLOSE, "session:A"), item(3, CLOSE, "session:B")], {})
    assert ids(plan.singles) == ["e1", "e3"]


@pytest.mark.parametrize("dead", [EntryState.FAILED, EntryState.CONFLICT, EntryState.DISCARDED, EntryState.EXPIRED])
def test_an_entry_whose_dependency_ended_badly_is_blocked(dead: EntryState) -> None:
    plan = plan_sendable([item(2, REC, "session:L", "e1"), item(3, REC, "session:L", "e1")], {"e1": dead})
    assert [(blocked.entry_id, cause) for blocked, cause in plan.blocked] == [("e2", "e1"), ("e3", "e1")]
    assert plan.empty


def test_states_move_only_along_the_documented_paths() -> None:
    assert can_move(EntryState.QUEUED, EntryState.SENDING)
    assert can_move(EntryState.SENDING, EntryState.QUEUED)  # a transient failure
    assert can_move(EntryState.CONFLICT, EntryState.QUEUED)  # the user moved or edited it
    assert not can_move(EntryState.DONE, EntryState.QUEUED)  # done is done: never sent twice
    assert not can_move(EntryState.QUEUED, EntryState.DONE)  # nothing is done without the server saying so
    with pytest.raises(TransitionRefused, match="discarded to queued"):
        check_move(EntryState.DISCARDED, EntryState.QUEUED)


def test_local_ids_are_recognisable() -> None:
    local = new_local_id()
    assert is_local_id(local)
    assert not is_local_id("6507f1e3c9d8e2a4b1f9c3d5")
    assert not is_local_id(None)
