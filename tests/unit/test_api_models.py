"""Models speak the wire's names and formats, ignore what they don't know, and insist on what they need."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from hydrodesk.api.models import (
    BulkResult,
    FormRecord,
    NewRecord,
    NewSession,
    NewWorker,
    Project,
    Session,
    ValveCommand,
    VoidRequest,
    Worker,
)

MOMENT = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)


def test_a_record_goes_out_with_wire_names_and_the_api_timestamp_format() -> None:
    record = NewRecord(
        session_id="6507f1e3c9d8e2a4b1f9c3d5",
        worker_id="JS0315",
        worker_name="John Smith",
        units=5,
        recorded_at_utc=MOMENT + timedelta(microseconds=123456),
        client_event_id="evt_1234567890abcdef",
    )
    assert record.to_wire() == {
        "sessionId": "6507f1e3c9d8e2a4b1f9c3d5",
        "workerId": "JS0315",
        "worker_name": "John Smith",
        "units": 5,
        "recordedAtUtc": "2025-10-19T14:30:00.123Z",
        "clientEventId": "evt_1234567890abcdef",
    }
    assert record.server_key == "client:6507f1e3c9d8e2a4b1f9c3d5:JS0315:evt_1234567890abcdef"


def test_a_new_record_gets_its_client_event_id_once_and_keeps_it() -> None:
    record = NewRecord(session_id="s", worker_id="w", worker_name="W", recorded_at_utc=MOMENT)
    assert record.client_event_id.startswith("evt_")
    assert record.to_wire()["clientEventId"] == record.to_wire()["clientEventId"] == record.client_event_id
    assert record.units == 1


def test_timestamps_in_other_zones_are_sent_as_utc() -> None:
    local = datetime(2025, 10, 19, 8, 30, tzinfo=timezone(timedelta(hours=-6)))
    session = NewSession(project_id="proj_123", sector_id="sector_001", sector_name="Lote A-1", opened_at=local)
    assert session.to_wire() == {
        "projectId": "proj_123",
        "sectorId": "sector_001",
        "sector_name": "Lote A-1",
        "openedAt": "2025-10-19T14:30:00.000Z",
    }


def test_naive_timestamps_and_negative_units_are_refused() -> None:
    with pytest.raises(ValidationError, match="timezone-aware"):
        NewRecord(session_id="s", worker_id="w", worker_name="W", recorded_at_utc=datetime(2025, 10, 19))
    with pytest.raises(ValidationError, match="greater than or equal"):
        NewRecord(session_id="s", worker_id="w", worker_name="W", recorded_at_utc=MOMENT, units=-1)


def test_unknown_request_fields_are_a_caller_mistake() -> None:
    with pytest.raises(ValidationError, match="extra"):
        VoidRequest(reason="dup", reasn="typo")  # type: ignore[call-arg]


def test_a_void_needs_a_real_reason() -> None:
    with pytest.raises(ValidationError, match="reason"):
        VoidRequest(reason="   ")


def test_opening_a_valve_needs_a_duration_within_limits() -> None:
    with pytest.raises(ValidationError, match="duration"):
        ValveCommand(action="open")
    with pytest.raises(ValidationError, match="720"):
        ValveCommand(action="open", duration_min=721)
    close = ValveCommand(action="close")
    assert close.to_wire() == {"action": "close", "commandId": close.command_id}


def test_worker_dates_go_out_as_plain_days() -> None:
    worker = NewWorker(
        first_name="John",
        last_name="Smith",
        position="field_worker",
        employment_type="full_time",
        hire_date=date(2025, 3, 15),
    )
    assert worker.to_wire()["hire_date"] == "2025-03-15"


def test_form_records_carry_the_form_id_twice_as_documented() -> None:
    wire = FormRecord(form_id="form_abc123", type="inspection", started_at=MOMENT, seconds_spent=120).to_wire()
    assert wire == {
        "_id": "form_abc123",
        "form_id": "form_abc123",
        "type": "inspection",
        "inicio": "2025-10-19T14:30:00.000Z",
        "segundos": 120,
    }


PROJECT = {
    "projectId": "proj_123",
    "companyId": "comp_12345",
    "name": "Rancho San Pedro",
    "timezone": "America/Mexico_City",
    "crop": "Blueberry",
    "variety": "Biloxi",
    "settings": {"samplingUnit": "box", "pricePerUnit": 5.5, "bonus": None, "maxDurationHours": 12},
    "sectors": [{"sectorId": "sector_001", "sector_name": "Lote A-1", "area_ha": 4.2, "futureField": 1}],
    "aFieldFromTheFuture": {"x": 1},
}


def test_replies_with_more_fields_than_we_know_still_parse() -> None:
    project = Project.model_validate(PROJECT)
    assert project.sectors[0].sector_name == "Lote A-1"
    assert project.settings.price_per_unit == 5.5


def test_replies_missing_a_required_field_fail() -> None:
    broken = {key: value for key, value in PROJECT.items() if key != "timezone"}
    with pytest.raises(ValidationError, match="timezone"):
        Project.model_validate(broken)


def test_worker_ids_keep_the_servers_id_apart_from_the_business_id() -> None:
    worker = Worker.model_validate(
        {"workerId": "6507f1e3c9d8e2a4b1f9c3d5", "worker_id": "JS0315", "first_name": "John", "last_name": "Smith"}
    )
    assert (worker.uid, worker.worker_id, worker.full_name) == ("6507f1e3c9d8e2a4b1f9c3d5", "JS0315", "John Smith")


def test_session_timestamps_parse_to_aware_utc() -> None:
    session = Session.model_validate(
        {
            "sessionId": "s1",
            "companyId": "c",
            "projectId": "p",
            "auth0Id": "u",
            "sectorId": "x",
            "sector_name": "X",
            "timezone": "America/Mexico_City",
            "day": "2025-10-19T00:00:00.000Z",
            "status": "open",
            "openedAt": "2025-10-19T14:30:00.000Z",
            "closedAt": None,
            "maxDurationHours": 12,
            "samplingUnit": "box",
            "pricePerUnit": 5.5,
            "bonus": {"type": "flat", "value": 2},
        }
    )
    assert session.opened_at == MOMENT
    assert session.day == date(2025, 10, 19)  # the local day label, not a UTC instant
    assert session.is_open
    assert session.total_units == 0


def test_bulk_results_sort_into_created_duplicate_and_failed() -> None:
    preview = {"recordId": "r", "sessionId": "s", "workerId": "w", "units": 1}
    result = BulkResult.model_validate(
        {
            "status": "success",
            "results": [
                {"index": 0, "statusCode": 201, "payloadPreview": preview},
                {"index": 1, "statusCode": 200, "payloadPreview": preview, "idempotent": True},
                {"index": 2, "statusCode": 409, "message": "The session is closed.", "error": "session_closed"},
            ],
            "summary": {"ok": 1, "duplicated": 1, "failed": 1},
        }
    )
    assert [item.outcome for item in result.results] == ["created", "duplicate", "failed"]
    assert result.by_outcome("failed")[0].message == "The session is closed."
