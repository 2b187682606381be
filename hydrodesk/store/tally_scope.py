"""Per-worker tallies with pay over many sessions (a day, a season), fast enough for a million cached records.

The cached records are read as per-(session, worker) sums from `record_sums`, which triggers keep current
(migration 0002), so a season is tens of thousands of sums instead of a million records. SQLite adds them up per
worker; for pay it also lists, per worker, each session's units with the session's pricing, and each distinct
payslip line is paid once (hydrodesk.domain.tally_sums.payslip_cents) and counted as often as it occurs: Python
touches thousands of distinct lines, not every sum. Sessions that still have record movements in the outbox not
yet in the cache (typed here, pending, stopped, or confirmed but not fetched back) are read through their full
ledger instead (hydrodesk.store.views.session_ledger), so they count exactly as the session's own tally does:
every movement once. Usually that is today's open session and nothing else.

    scope = await store.read(scope_tally, project_id="proj_123", first_day="2026-06-01", last_day="2026-09-30")
    scope.rows      # per-worker table: units, records, voids, pay (per session, with each session's pricing)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection

from hydrodesk.domain.outbox import ACTIVE_STATES, ATTENTION_STATES, EntryKind, EntryState, session_group
from hydrodesk.domain.session_data import SessionData
from hydrodesk.domain.sessions import Pay
from hydrodesk.domain.tally_sums import (
    Pricing,
    SessionWorkerSums,
    TallyTotals,
    WorkerPayRow,
    combine_rows,
    payslip_cents,
    roll_up,
    sums_from_lines,
    tidy_units,
    totals,
)
from hydrodesk.store import views

_COUNTED_STATES = [state.value for state in (*ACTIVE_STATES, *ATTENTION_STATES, EntryState.DONE)]
_MOVEMENTS = (EntryKind.CREATE_RECORD.value, EntryKind.VOID_RECORD.value)
_CHUNK = 500  # bound parameters per IN list (SQLite allows more, but there is no gain past this)
_SCOPE_TABLE = "tally_scope_sessions"
# Per worker: the sums, and "slot units" for each session it worked in (slot: the session's pricing).
_SETTLED_SQL = f"""
    SELECT r.worker_id, total(r.units), sum(r.records), sum(r.voids), count(*),
           group_concat(s.slot || ' ' || r.units, ',')
    FROM temp.{_SCOPE_TABLE} s JOIN record_sums r ON r.session_id = s.session_id
    GROUP BY r.worker_id
"""


@dataclass(frozen=True)
class ScopeTally:
    sessions: list[SessionData]  # the sessions in view, as views.sessions gives them (pending ones included)
    rows: list[WorkerPayRow]  # per worker, with pay
    from_outbox: frozenset[str]  # sessions read through their ledger because the outbox holds some of their work
    # With `set_apart`: the rows of every session but that one, so a pane can add that session's rows as it
    # changes (an entry typed) without adding up a season again.
    rows_apart: list[WorkerPayRow] | None = None

    @property
    def totals(self) -> TallyTotals:
        return totals(self.rows)


def scope_tally(
    conn: Connection,
    *,
    project_id: str,
    first_day: str,
    last_day: str,
    sector_id: str | None = None,
    set_apart: str | None = None,
) -> ScopeTally:
    """The per-worker tally of every session of a project (or one sector) from `first_day` to `last_day`
    (`YYYY-MM-DD` local days, inclusive); with `set_apart` (a session id), also the rows without that session."""
    sessions = [
        row.data
        for row in views.sessions(
            conn, project_id=project_id, sector_id=sector_id, first_day=first_day, last_day=last_day
        )
    ]
    pricing = {session["session_id"]: Pricing.of_session(session) for session in sessions}
    unsettled = sessions_with_outbox_work(conn, list(pricing))
    by_ledger = unsettled | ({set_apart} & set(pricing) if set_apart else set())
    settled = settled_rows(conn, {sid: price for sid, price in pricing.items() if sid not in by_ledger})
    ledger_sums: dict[str, list[SessionWorkerSums]] = {}
    for session_id in sorted(by_ledger):
        if session_id in unsettled:
            ledger_sums[session_id] = sums_from_lines(session_id, views.session_ledger(conn, session_id))
        else:
            ledger_sums[session_id] = session_sums(conn, session_id)
    apart = combine_rows(
        settled,
        roll_up([item for sid, items in ledger_sums.items() if sid != set_apart for item in items], pricing),
    )
    alone = roll_up(ledger_sums.get(set_apart or "", []), pricing)
    names = _worker_names(conn, {row.worker_id for row in (*apart, *alone) if row.worker_name == row.worker_id})
    apart, alone = _named(apart, names), _named(alone, names)
    rows = combine_rows(apart, alone) if alone else apart
    return ScopeTally(sessions, rows, frozenset(unsettled), rows_apart=apart if set_apart is not None else None)


def settled_rows(conn: Connection, pricing: Mapping[str, Pricing]) -> list[WorkerPayRow]:
    """Per-worker rows of these sessions' cached records, with pay per session (names not filled in)."""
    slot_of: dict[Pricing, int] = {}
    slots: list[Pricing] = []
    pairs: list[tuple[str, int]] = []
    for session_id, price in pricing.items():
        if price not in slot_of:
            slot_of[price] = len(slots)
            slots.append(price)
        pairs.append((session_id, slot_of[price]))
    driver = _driver(conn)
    # A scratch table on the connection (temp_store=MEMORY), filled and emptied within this one read.
    driver.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_SCOPE_TABLE} (session_id TEXT PRIMARY KEY, slot INTEGER NOT NULL) "
        "WITHOUT ROWID"
    )
    driver.execute(f"DELETE FROM temp.{_SCOPE_TABLE}")
    try:
        driver.executemany(f"INSERT INTO temp.{_SCOPE_TABLE} VALUES (?, ?)", pairs)
        found = driver.execute(_SETTLED_SQL).fetchall()
    finally:
        driver.execute(f"DELETE FROM temp.{_SCOPE_TABLE}")
    paid: dict[str, tuple[int, int]] = {}  # "slot units" -> cents: a season repeats the same few payslip lines
    rows: list[WorkerPayRow] = []
    for worker_id, units, records, voids, sessions, lines in found:
        base = bonus = 0
        for line, times in Counter(lines.split(",")).items():
            cents = paid.get(line)
            if cents is None:
                slot, _, amount = line.partition(" ")
                cents = paid[line] = payslip_cents(tidy_units(float(amount)), slots[int(slot)])
            base += cents[0] * times
            bonus += cents[1] * times
        rows.append(
            WorkerPayRow(
                worker_id=worker_id,
                worker_name=worker_id,  # named once all rows are known
                confirmed_units=tidy_units(units),
                pending_units=0.0,
                attention_units=0.0,
                records=records,
                pending_records=0,
                voids=voids,
                sessions=sessions,
                pay=Pay(base=base / 100, bonus=bonus / 100, total=(base + bonus) / 100),
            )
        )
    return rows


def session_sums(conn: Connection, session_id: str) -> list[SessionWorkerSums]:
    """One session's per-worker sums of its cached records (names not filled in)."""
    rows = _driver(conn).execute(
        "SELECT session_id, worker_id, '', units, 0.0, 0.0, records, 0, voids FROM record_sums WHERE session_id = ?",
        (session_id,),
    )
    return list(map(SessionWorkerSums._make, rows))


def sessions_with_outbox_work(conn: Connection, session_ids: Sequence[str]) -> set[str]:
    """Of these sessions, the ones whose ledger the outbox still changes: a record or void pending or stopped, or
    confirmed by the server but not yet in the cache (the server's copy arrives with the next refresh)."""
    wanted = {session_group(session_id): session_id for session_id in session_ids}
    found: set[str] = set()
    groups = list(wanted)
    for start in range(0, len(groups), _CHUNK):
        chunk = groups[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        states = ", ".join("?" * len(_COUNTED_STATES))
        sql = (
            f"SELECT DISTINCT o.entity_key FROM outbox o WHERE o.entity_key IN ({marks}) "
            f"AND o.kind IN (?, ?) AND o.state IN ({states}) "
            "AND NOT (o.state = 'done' AND ("
            "(o.kind = 'record.create' AND EXISTS (SELECT 1 FROM records r WHERE r.client_event_id = o.idem_key)) "
            "OR (o.kind = 'record.void' AND EXISTS (SELECT 1 FROM records r "
            "WHERE r.void_of IS NOT NULL AND r.void_of = json_extract(o.result, '$.void_of')))))"
        )
        rows = _driver(conn).execute(sql, [*chunk, *_MOVEMENTS, *_COUNTED_STATES])
        found.update(wanted[group] for (group,) in rows)
    return found


def _named(rows: list[WorkerPayRow], names: Mapping[str, str]) -> list[WorkerPayRow]:
    named = [replace(row, worker_name=names[row.worker_id]) if row.worker_id in names else row for row in rows]
    return sorted(named, key=lambda row: (row.worker_name.casefold(), row.worker_id))


def _worker_names(conn: Connection, worker_ids: set[str]) -> dict[str, str]:
    """Names of these workers from the roster, else from one of their records (a worker no longer on it)."""
    names = _roster_names(conn, worker_ids)
    for worker_id in worker_ids - set(names):
        row = (
            _driver(conn)
            .execute(
                "SELECT json_extract(data, '$.worker_name') FROM records WHERE session_id = "
                "(SELECT session_id FROM record_sums WHERE worker_id = ? LIMIT 1) AND worker_id = ? LIMIT 1",
                (worker_id, worker_id),
            )
            .fetchone()
        )
        if row and row[0]:
            names[worker_id] = row[0]
    return names


def _roster_names(conn: Connection, worker_ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    wanted = sorted(worker_ids)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = _driver(conn).execute(
            "SELECT worker_id, json_extract(data, '$.first_name'), json_extract(data, '$.last_name') FROM workers "
            f"WHERE worker_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for worker_id, first, last in rows:
            name = f"{first or ''} {last or ''}".strip()
            if name:
                names[worker_id] = name
    return names


def _driver(conn: Connection) -> Any:
    return conn.connection.driver_connection
