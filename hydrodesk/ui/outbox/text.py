"""The outbox in the user's words: what kind of change, in what state, what it is ("3 boxes for Juan Pérez in Lote
A-1, 19 Nov"), and what the user can do about it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.outbox_view import OutboxLine
from hydrodesk.ui import formats

# lupdate finds translate("Context", "text") calls, so every string below is written out that way.
translate = QCoreApplication.translate


def kind_text(kind: EntryKind) -> str:
    return {
        EntryKind.CREATE_RECORD: translate("OutboxText", "Record added"),
        EntryKind.VOID_RECORD: translate("OutboxText", "Record voided"),
        EntryKind.OPEN_SESSION: translate("OutboxText", "Session opened"),
        EntryKind.UPDATE_SESSION: translate("OutboxText", "Session changed"),
        EntryKind.EXTEND_SESSION: translate("OutboxText", "Session extended"),
        EntryKind.CLOSE_SESSION: translate("OutboxText", "Session closed"),
        EntryKind.CREATE_WORKER: translate("OutboxText", "New worker"),
        EntryKind.SUBMIT_FORM: translate("OutboxText", "Form answers"),
        EntryKind.VALVE_COMMAND: translate("OutboxText", "Valve command"),
        EntryKind.START_PROGRAM: translate("OutboxText", "Program start"),
        EntryKind.STOP_PROGRAM: translate("OutboxText", "Program stop"),
    }[kind]


def state_text(state: EntryState) -> str:
    return {
        EntryState.QUEUED: translate("OutboxText", "Waiting to send"),
        EntryState.SENDING: translate("OutboxText", "Sending now"),
        EntryState.DONE: translate("OutboxText", "On the server"),
        EntryState.FAILED: translate("OutboxText", "Refused"),
        EntryState.CONFLICT: translate("OutboxText", "Conflict"),
        EntryState.EXPIRED: translate("OutboxText", "Expired"),
        EntryState.DISCARDED: translate("OutboxText", "Discarded"),
    }[state]


def state_rank(state: EntryState) -> int:
    """Sort order: what needs the user first, then what is on its way, then history."""
    return {
        EntryState.CONFLICT: 0,
        EntryState.FAILED: 0,
        EntryState.EXPIRED: 0,
        EntryState.SENDING: 1,
        EntryState.QUEUED: 1,
        EntryState.DONE: 2,
        EntryState.DISCARDED: 2,
    }[state]


def what_to_do(line: OutboxLine) -> str:
    """The choices for a stopped change, in one sentence."""
    if line.state is EntryState.CONFLICT and line.movable:
        return translate(
            "OutboxText",
            "The server's session does not take these records any more. Move them to a session that is still "
            "open, or discard them with a reason.",
        )
    if line.state is EntryState.EXPIRED:
        return translate(
            "OutboxText",
            "This command could not be sent before its deadline. Edit it to give it a new one, or discard it.",
        )
    if line.editable:
        return translate(
            "OutboxText", "Fix what the server refused (Edit and retry), retry it as it is, or discard it."
        )
    if line.needs_attention:
        return translate("OutboxText", "Retry it once the cause is fixed, or discard it with a reason.")
    if line.state in (EntryState.QUEUED, EntryState.SENDING):
        return translate("OutboxText", "On its way: it is sent as soon as the server can be reached.")
    return ""


# ------------------------------------------------------------------------------------------------ descriptions


def day_text(day: date | None) -> str:
    return "" if day is None else formats.day_text(day, weekday=False)


def moment_text(utc_text: str, timezone: str | None) -> str:
    """A stored UTC time in the project's time zone (this computer's when the change has no project)."""
    try:
        return formats.moment_text(utc_text, timezone)
    except ValueError:
        return utc_text


def _sector(line: OutboxLine) -> str:
    facts = line.session
    if facts is not None and facts.sector_name:
        return facts.sector_name
    session_id = facts.session_id if facts is not None else str(line.payload.get("session_id", ""))
    return translate("OutboxText", "session {id}").format(id=session_id[-8:])


def _where(line: OutboxLine) -> str:
    """ "Lote A-1, 19 Nov" (the sector and the day the change is about)."""
    day = day_text(line.local_day)
    return f"{_sector(line)}, {day}" if day else _sector(line)


def describe(line: OutboxLine) -> str:
    """What the change is, as a person would say it."""
    payload: dict[str, Any] = line.payload
    kind = line.kind
    unit = line.session.sampling_unit if line.session is not None else None
    if kind is EntryKind.CREATE_RECORD:
        units = float(payload.get("units", 1))
        return translate("OutboxText", "{amount} for {worker} in {where}").format(
            amount=formats.amount_text(units, unit), worker=_worker(payload), where=_where(line)
        )
    if kind is EntryKind.VOID_RECORD:
        units = float(payload.get("units") or 0)
        return translate("OutboxText", "Cancel {amount} for {worker} in {where}").format(
            amount=formats.amount_text(units, unit), worker=_worker(payload), where=_where(line)
        )
    if kind is EntryKind.OPEN_SESSION:
        return translate("OutboxText", "Open a session in {where}").format(where=_where(line))
    if kind is EntryKind.UPDATE_SESSION:
        return translate("OutboxText", "Change the session in {where}").format(where=_where(line))
    if kind is EntryKind.EXTEND_SESSION:
        return translate("OutboxText", "Extend the session in {where} to {hours} h").format(
            where=_where(line), hours=payload.get("max_duration_hours", "?")
        )
    if kind is EntryKind.CLOSE_SESSION:
        return translate("OutboxText", "Close the session in {where}").format(where=_where(line))
    if kind is EntryKind.CREATE_WORKER:
        worker = payload.get("new_worker") or {}
        name = f"{worker.get('first_name', '')} {worker.get('last_name', '')}".strip()
        return translate("OutboxText", "Add {name} ({id}) to the roster").format(
            name=name, id=payload.get("worker_id", "")
        )
    if kind is EntryKind.SUBMIT_FORM:
        return _form_description(payload)
    if kind is EntryKind.VALVE_COMMAND:
        command = payload.get("command") or {}
        valve = payload.get("valve_id", "")
        if command.get("action") == "open":
            return translate("OutboxText", "Open valve {valve} for {minutes} min").format(
                valve=valve, minutes=command.get("duration_min", "?")
            )
        return translate("OutboxText", "Close valve {valve}").format(valve=valve)
    if kind is EntryKind.START_PROGRAM:
        return translate("OutboxText", "Start irrigation program {program}").format(
            program=payload.get("program_id", "")
        )
    return translate("OutboxText", "Stop irrigation program {program}").format(program=payload.get("program_id", ""))


def _form_description(payload: dict[str, Any]) -> str:
    """ "Monitoreo fitosanitario filled in for Lote A-2 (4 answers)"."""
    form = payload.get("form_name") or payload.get("form_id", "")
    answers = len((payload.get("record") or {}).get("form_values") or [])
    if answers == 1:
        counted = translate("OutboxText", "1 answer")
    else:
        counted = translate("OutboxText", "{count} answers").format(count=answers)
    place = payload.get("place")
    if place:
        return translate("OutboxText", "{form} filled in for {place} ({answers})").format(
            form=form, place=place, answers=counted
        )
    return translate("OutboxText", "{form} filled in ({answers})").format(form=form, answers=counted)


def _worker(payload: dict[str, Any]) -> str:
    return str(payload.get("worker_name") or payload.get("worker_id") or "?")


def reason_text(line: OutboxLine) -> str:
    """The server's reason for a stopped change, the user's for a discarded one, the last hitch for one waiting."""
    if line.state is EntryState.DISCARDED:
        note = line.discard_note or ""
        return translate("OutboxText", "Discarded: {reason}").format(reason=note) if note else ""
    if line.reason:
        return line.reason
    if line.last_error and line.attempts:
        return translate("OutboxText", "Will retry: {problem}").format(problem=line.last_error)
    return ""
