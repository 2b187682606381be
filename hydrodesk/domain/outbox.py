"""The outbox's rules: what kinds of change it carries, the states an entry lives through, and who waits for whom.

Pure Python, no I/O. Every change the office makes to the server becomes an entry the moment the user acts, with
its idempotency value (clientEventId, commandId, ...) fixed then and reused on every retry. An entry moves

    queued -> sending -> done
                      -> failed     (the server refused it; its reason is kept)
                      -> conflict   (the server's state forbids it; the user chooses what to do)
                      -> queued     (a transient failure: try again later)
    queued -> expired               (an irrigation command whose deadline passed before it could be sent)

and `failed`, `conflict` and `expired` entries wait for the user: retry, edit and retry, move, or discard with a
reason. Nothing leaves the outbox without that decision; `done` and `discarded` entries stay as history.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class EntryKind(StrEnum):
    OPEN_SESSION = "session.open"
    UPDATE_SESSION = "session.update"
    EXTEND_SESSION = "session.extend"
    CLOSE_SESSION = "session.close"
    CREATE_RECORD = "record.create"
    VOID_RECORD = "record.void"
    CREATE_WORKER = "worker.create"
    SUBMIT_FORM = "form.submit"
    VALVE_COMMAND = "irrigation.valve_command"
    START_PROGRAM = "irrigation.program_start"
    STOP_PROGRAM = "irrigation.program_stop"


class EntryState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    CONFLICT = "conflict"
    EXPIRED = "expired"
    DISCARDED = "discarded"


# Still on their way to the server.
ACTIVE_STATES = frozenset({EntryState.QUEUED, EntryState.SENDING})
# Stopped until the user decides: shown in the outbox view with their reason and choices.
ATTENTION_STATES = frozenset({EntryState.FAILED, EntryState.CONFLICT, EntryState.EXPIRED})
# Finished for good: kept as history, never sent again.
FINAL_STATES = frozenset({EntryState.DONE, EntryState.DISCARDED})

_TRANSITIONS: Mapping[EntryState, frozenset[EntryState]] = {
    EntryState.QUEUED: frozenset({EntryState.SENDING, EntryState.EXPIRED, EntryState.CONFLICT, EntryState.DISCARDED}),
    EntryState.SENDING: frozenset(
        {EntryState.DONE, EntryState.FAILED, EntryState.CONFLICT, EntryState.QUEUED, EntryState.EXPIRED}
    ),
    EntryState.FAILED: frozenset({EntryState.QUEUED, EntryState.DISCARDED}),
    EntryState.CONFLICT: frozenset({EntryState.QUEUED, EntryState.DISCARDED}),
    EntryState.EXPIRED: frozenset({EntryState.QUEUED, EntryState.DISCARDED}),
    EntryState.DONE: frozenset(),
    EntryState.DISCARDED: frozenset(),
}


class TransitionRefused(ValueError):
    """An entry was asked to move to a state its current state does not lead to."""


def can_move(current: EntryState, target: EntryState) -> bool:
    return target in _TRANSITIONS[current]


def check_move(current: EntryState, target: EntryState) -> None:
    if not can_move(current, target):
        raise TransitionRefused(f"an outbox entry cannot go from {current.value} to {target.value}")


# ------------------------------------------------------------------------------------------------ identities
LOCAL_ID_PREFIX = "local-"


def new_entry_id() -> str:
    return uuid.uuid4().hex


def new_local_id() -> str:
    """An id for something made offline (a session) until the server gives it its own."""
    return LOCAL_ID_PREFIX + uuid.uuid4().hex


def is_local_id(value: str | None) -> bool:
    return value is not None and value.startswith(LOCAL_ID_PREFIX)


def session_group(session_ref: str) -> str:
    """Everything done to one session (and to its records) is sent in the order the user did it."""
    return f"session:{session_ref}"


def worker_group(worker_id: str) -> str:
    return f"worker:{worker_id}"


def form_group(form_id: str) -> str:
    return f"form:{form_id}"


def valve_group(valve_id: str) -> str:
    return f"valve:{valve_id}"


def program_group(program_id: str) -> str:
    return f"program:{program_id}"


# ------------------------------------------------------------------------------------------------ planning
@dataclass(frozen=True)
class PlanItem:
    """The little the planner needs to know about an entry."""

    seq: int
    entry_id: str
    kind: EntryKind
    group: str
    state: EntryState
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What can be sent now: records in bulk, other entries one by one; and what can never go as it stands."""

    records: tuple[PlanItem, ...]
    singles: tuple[PlanItem, ...]
    blocked: tuple[tuple[PlanItem, str], ...]  # (entry, id of the dependency that failed for good)

    @property
    def empty(self) -> bool:
        return not self.records and not self.singles


def plan_sendable(active: Sequence[PlanItem], dependency_states: Mapping[str, EntryState]) -> Plan:
    """Which active entries may be sent now.

    Within a group entries go in the order they were made: an entry waits while an earlier entry of its group is
    still on its way. Record creates are the exception among themselves: their order does not matter to the
    server (and batching them is what makes sync fast), so a record waits only for earlier entries of other
    kinds (the session's open before it, a close or an update the user made before adding it). An entry also
    waits until every entry it depends on is `done`; if one of those ended any other way, the entry is blocked
    and needs the user.

    `dependency_states` gives the state of every entry named in a `depends_on` (active or not).
    """
    records: list[PlanItem] = []
    singles: list[PlanItem] = []
    blocked: list[tuple[PlanItem, str]] = []
    behind_anything: set[str] = set()  # groups with an earlier entry still on its way
    behind_barrier: set[str] = set()  # groups with an earlier non-record entry still on its way
    for item in sorted(active, key=lambda entry: entry.seq):
        dead = _dead_dependency(item, dependency_states)
        if dead is not None:
            blocked.append((item, dead))  # it leaves the active set, so it holds nobody up
            continue
        ready = all(dependency_states.get(dep) is EntryState.DONE for dep in item.depends_on)
        if item.kind is EntryKind.CREATE_RECORD:
            if ready and item.group not in behind_barrier:
                records.append(item)
        else:
            if ready and item.group not in behind_anything:
                singles.append(item)
            behind_barrier.add(item.group)
        behind_anything.add(item.group)
    return Plan(records=tuple(records), singles=tuple(singles), blocked=tuple(blocked))


def _dead_dependency(item: PlanItem, dependency_states: Mapping[str, EntryState]) -> str | None:
    for dep in item.depends_on:
        state = dependency_states.get(dep)
        if state is not None and state not in ACTIVE_STATES and state is not EntryState.DONE:
            return dep
    return None


def dependents_of(entry_id: str, items: Iterable[PlanItem]) -> list[PlanItem]:
    return [item for item in items if entry_id in item.depends_on]
