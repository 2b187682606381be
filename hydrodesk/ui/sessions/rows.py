"""One row of the sessions board: a session as the user should see it now, built from what the local store knows.

Qt-free: the table model only formats these. A row carries the session with the office's pending changes laid over
it, its live totals, where it stands against its maximum duration, and what (if anything) the server refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hydrodesk.domain.outbox import ATTENTION_STATES, EntryKind, EntryState
from hydrodesk.domain.session_board import (
    LimitFlag,
    Overlay,
    SessionTotals,
    bonus_of,
    closed_at_of,
    limit_flag,
    opened_at_of,
    session_totals,
    with_pending_changes,
)
from hydrodesk.domain.sessions import Bonus
from hydrodesk.store.session_board import BoardEntry


@dataclass(frozen=True)
class SessionRow:
    key: str  # the session's id: a local id while the server has not numbered it
    data: dict[str, Any]  # the session with pending changes applied
    overlay: Overlay
    totals: SessionTotals
    limit: LimitFlag
    mine: bool
    open_entry_id: str | None  # the outbox entry that opens it, while it is pending
    open_state: EntryState | None  # that entry's state (queued, sending; or conflict/failed when refused)
    problem: str | None  # the server's reason, when it refused to open it or to take a change to it
    problem_entry_id: str | None  # the refused entry (to retry or discard)

    @property
    def pending_open(self) -> bool:
        return self.open_entry_id is not None

    @property
    def refused(self) -> bool:
        return self.open_state is not None and self.open_state in ATTENTION_STATES

    @property
    def is_open(self) -> bool:
        return self.data.get("status") == "open" and not self.refused

    @property
    def closing(self) -> bool:
        return self.overlay.closing

    @property
    def bonus(self) -> Bonus | None:
        return bonus_of(self.data.get("bonus"))

    @property
    def timezone(self) -> str:
        return str(self.data.get("timezone") or "UTC")

    @property
    def opened_at(self) -> datetime:
        return opened_at_of(self.data)

    @property
    def closed_at(self) -> datetime | None:
        return closed_at_of(self.data)

    @property
    def sector_name(self) -> str:
        return str(self.data.get("sector_name") or self.data.get("sector_id") or "")


def build_row(entry: BoardEntry, *, me: str | None, now: datetime) -> SessionRow:
    changes = [(item.kind, item.payload, item.needs_attention) for item in entry.changes]
    overlay = with_pending_changes(entry.row.data, changes)
    data = overlay.data
    refused_change = next((item for item in entry.changes if item.needs_attention), None)
    open_entry = entry.row.entry if entry.row.pending else None
    problem_entry = None
    if open_entry is not None and open_entry.needs_attention:
        problem_entry = open_entry
    elif refused_change is not None:
        problem_entry = refused_change
    totals = session_totals(
        entry.tally,
        float(data.get("price_per_unit") or 0),
        bonus_of(data.get("bonus")),
        server_units=data.get("total_units"),
        server_workers=data.get("worker_count"),
    )
    limit = limit_flag(
        opened_at_of(data),
        float(data.get("max_duration_hours") or 12),
        now,
        closed_at=closed_at_of(data),
        closed=data.get("status") == "closed",
    )
    return SessionRow(
        key=str(data["session_id"]),
        data=data,
        overlay=overlay,
        totals=totals,
        limit=limit,
        mine=me is not None and data.get("owner_auth0_id") == me,
        open_entry_id=None if open_entry is None else open_entry.entry_id,
        open_state=None if open_entry is None else open_entry.state,
        problem=None if problem_entry is None else (problem_entry.reason or problem_entry.last_error),
        problem_entry_id=None if problem_entry is None else problem_entry.entry_id,
    )


def build_rows(entries: Iterable[BoardEntry], *, me: str | None, now: datetime) -> list[SessionRow]:
    return [build_row(entry, me=me, now=now) for entry in entries]


def closing_ids(entries: Iterable[BoardEntry]) -> set[str]:
    """Sessions whose close is on its way (not stopped): they no longer hold their sector for the day."""
    return {
        str(entry.row.data["session_id"])
        for entry in entries
        if any(item.kind is EntryKind.CLOSE_SESSION and not item.needs_attention for item in entry.changes)
    }
