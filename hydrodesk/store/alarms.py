"""The alarm journal and the user's alarm rules in the profile database (the office's own records: "Clear cache"
keeps them).

    await store.write_durably(alarms.save_entries, entries)     # upserts by alarm id
    entries = await store.read(alarms.load_journal)             # every open entry, and the newest closed ones
    rules, settings = await store.read(alarms.load_rules)       # the valves' own rules, and the office's settings
    sector_rules = await store.read(alarms.load_sector_rules)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, or_, select
from sqlalchemy.dialects.sqlite import insert

from hydrodesk.domain.alarm_journal import AlarmEntry
from hydrodesk.domain.alarm_rules import AlarmSettings, ValveRule
from hydrodesk.domain.timestamps import parse_utc_text, utc_text
from hydrodesk.store.schema import AlarmJournalEntry, AlarmRule

JOURNAL = AlarmJournalEntry.__table__
RULES = AlarmRule.__table__
KEEP_CLOSED = 500  # closed entries brought back at start (the newest); every open one always comes back
OFFICE_SCOPE = "office"
VALVE_SCOPE = "valve:"
SECTOR_SCOPE = "sector:"


def _text(moment: float | None) -> str | None:
    return None if moment is None else utc_text(datetime.fromtimestamp(moment, UTC))


def _moment(text: str | None) -> float | None:
    return None if text is None else parse_utc_text(text).timestamp()


def save_entries(conn: Connection, entries: Sequence[AlarmEntry]) -> None:
    if not entries:
        return
    rows = [
        {
            "alarm_id": entry.alarm_id,
            "kind": entry.kind,
            "device_id": entry.device_id,
            "valve_id": entry.valve_id,
            "subject": entry.subject,
            "value": entry.value,
            "readings": dict(entry.readings),
            "raised_at": _text(entry.raised_at),
            "last_seen_at": _text(entry.last_seen_at),
            "repeats": entry.repeats,
            "active": int(entry.active),
            "acknowledged_at": _text(entry.acknowledged_at),
            "acknowledged_by": entry.acknowledged_by,
            "cleared_at": _text(entry.cleared_at),
            "cleared_by": entry.cleared_by,
        }
        for entry in entries
    ]
    statement = insert(JOURNAL)
    changing = {name: statement.excluded[name] for name in rows[0] if name != "alarm_id"}
    conn.execute(statement.on_conflict_do_update(index_elements=[JOURNAL.c.alarm_id], set_=changing), rows)


def load_journal(conn: Connection, keep_closed: int = KEEP_CLOSED) -> list[AlarmEntry]:
    """Every open entry and the newest `keep_closed` closed ones, oldest first."""
    newest_closed = (
        select(JOURNAL.c.alarm_id)
        .where(JOURNAL.c.cleared_at.is_not(None))
        .order_by(JOURNAL.c.alarm_id.desc())
        .limit(keep_closed)
    )
    query = (
        select(JOURNAL)
        .where(or_(JOURNAL.c.cleared_at.is_(None), JOURNAL.c.alarm_id.in_(newest_closed)))
        .order_by(JOURNAL.c.alarm_id)
    )
    return [_entry(row) for row in conn.execute(query).mappings()]


def _entry(row: RowMapping) -> AlarmEntry:
    raised_at = _moment(row["raised_at"])
    assert raised_at is not None
    return AlarmEntry(
        alarm_id=row["alarm_id"],
        kind=row["kind"],
        device_id=row["device_id"],
        valve_id=row["valve_id"],
        value=row["value"],
        raised_at=raised_at,
        subject=row["subject"],
        active=bool(row["active"]),
        acknowledged_at=_moment(row["acknowledged_at"]),
        acknowledged_by=row["acknowledged_by"],
        cleared_at=_moment(row["cleared_at"]),
        cleared_by=row["cleared_by"],
        readings=dict(row["readings"] or {}),
        repeats=row["repeats"],
        last_seen_at=_moment(row["last_seen_at"]),
    )


def load_rules(conn: Connection) -> tuple[dict[str, ValveRule], AlarmSettings]:
    rules: dict[str, ValveRule] = {}
    settings = AlarmSettings()
    for scope, data in conn.execute(select(RULES.c.scope, RULES.c.data)):
        if scope == OFFICE_SCOPE:
            settings = AlarmSettings.from_json(data or {})
        elif scope.startswith(VALVE_SCOPE):
            valve_id = scope.removeprefix(VALVE_SCOPE)
            try:
                rules[valve_id] = ValveRule.from_json(valve_id, data or {})
            except ValueError:
                continue  # written by hand or by an older version: the defaults apply
    return rules, settings


def load_sector_rules(conn: Connection) -> dict[str, ValveRule]:
    """The sectors' rules, by sector id."""
    rules: dict[str, ValveRule] = {}
    for scope, data in conn.execute(select(RULES.c.scope, RULES.c.data).where(RULES.c.scope.startswith(SECTOR_SCOPE))):
        sector_id = scope.removeprefix(SECTOR_SCOPE)
        try:
            rules[sector_id] = ValveRule.from_json(sector_id, data or {})
        except ValueError:
            continue  # written by hand or by an older version: the defaults apply
    return rules


def save_rules(
    conn: Connection,
    rules: Sequence[ValveRule],
    settings: AlarmSettings,
    now: str,
    sector_rules: Sequence[ValveRule] = (),
) -> None:
    """Replace every rule: a valve (or a sector) back on its defaults loses its row."""
    conn.execute(RULES.delete())
    rows = [{"scope": OFFICE_SCOPE, "data": settings.as_json(), "updated_at": now}]
    for scope, kept in ((VALVE_SCOPE, rules), (SECTOR_SCOPE, sector_rules)):
        rows += [
            {"scope": scope + rule.valve_id, "data": rule.as_json(), "updated_at": now}
            for rule in kept
            if not rule.is_default
        ]
    conn.execute(RULES.insert(), rows)
