"""A day's production sessions for the sessions board, read in one transaction: each session (the server's, or one
opened here and not numbered yet), its tally (server records and pending outbox records, each counted once) and
its own changes still on their way (update, extend, close)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from hydrodesk.domain.tallies import WorkerTally
from hydrodesk.store import cache, views
from hydrodesk.store.outbox import OutboxItem


@dataclass(frozen=True)
class BoardEntry:
    row: views.SessionRow  # the session (pending when opened here and not on the server yet)
    tally: list[WorkerTally]
    changes: list[OutboxItem]  # updates, extensions and a close of it, not yet on the server


def day_board(conn: Connection, *, project_id: str, day: str, sector_id: str | None = None) -> list[BoardEntry]:
    """Every session of `project_id` (and `sector_id`, when given) on the local day `day` (`YYYY-MM-DD`)."""
    rows = views.sessions(conn, project_id=project_id, sector_id=sector_id, first_day=day, last_day=day)
    return [
        BoardEntry(
            row=row,
            tally=views.session_tally(conn, row.data["session_id"]),
            changes=views.session_changes(conn, row.data["session_id"]),
        )
        for row in rows
    ]


def open_sessions(conn: Connection, *, project_id: str, sector_id: str, day: str) -> list[BoardEntry]:
    """The sessions this computer knows to be open for (project, sector, day), with their pending changes (a
    close on its way means the sector is about to be free)."""
    rows = views.sessions(conn, project_id=project_id, sector_id=sector_id, status="open", first_day=day, last_day=day)
    return [BoardEntry(row=row, tally=[], changes=views.session_changes(conn, row.data["session_id"])) for row in rows]


def day_board_and_selection(
    conn: Connection, *, project_id: str, day: str, sector_id: str | None, selected: str | None
) -> tuple[list[BoardEntry], str | None, dict[str, str]]:
    """The day's board, the id the selected session goes by on it, and the names of the people who own its
    sessions (hydrodesk.domain.people), read in one transaction: a session opened offline may get its server id
    between two separate reads, and the board and the selection would disagree."""
    entries = day_board(conn, project_id=project_id, day=day, sector_id=sector_id)
    return entries, (None if selected is None else views.resolve_session(conn, selected)), cache.people(conn)
