"""What each server answer means for an outbox entry, and what the bulk sender makes of odd replies.

The bulk sender's edge cases use httpx.MockTransport (one function's edge cases); the normal paths run against
the real simulator in tests/integration.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from hydrodesk.api.auth import Credentials
from hydrodesk.api.bulk_reply import BulkItem, bulk_items
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.endpoints import AuthKind
from hydrodesk.api.errors import MalformedResponse, Offline, RequestTimeout, error_from_response
from hydrodesk.api.models import NewRecord
from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.outbox import Delivered, RecordBatch, Refused, Retry
from hydrodesk.sync import payloads
from hydrodesk.sync.outcomes import SignInRequired, bulk_item_outcome, interruption, refusal
from hydrodesk.sync.senders import send_records
from hydrodesk.sync.status import ProblemKind

NOW = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)


def item_result(status: int, **extra: object) -> BulkItem:
    """A result as the client reads it from a bulk reply."""
    (item,) = bulk_items({"status": "success", "results": [{"index": 0, "statusCode": status, **extra}]})
    return item


PREVIEW = {"recordId": "rec_1", "sessionId": "S1", "workerId": "JS0315", "units": 5}


def test_created_and_duplicate_records_are_both_done() -> None:
    created = bulk_item_outcome(item_result(201, payloadPreview=PREVIEW))
    duplicate = bulk_item_outcome(item_result(200, payloadPreview=PREVIEW, idempotent=True))
    assert created == Delivered({"record_id": "rec_1", "session_id": "S1", "created": True})
    assert duplicate == Delivered({"record_id": "rec_1", "session_id": "S1", "created": False})


@pytest.mark.parametrize(
    ("status", "code", "state"),
    [
        (409, "session_closed", EntryState.CONFLICT),
        (404, "session_not_found", EntryState.CONFLICT),
        (404, "record_not_found", EntryState.FAILED),
        (400, "invalid_request", EntryState.FAILED),
        (403, "not_session_owner", EntryState.FAILED),
    ],
)
def test_refusals_keep_the_servers_reason(status: int, code: str, state: EntryState) -> None:
    outcome = bulk_item_outcome(item_result(status, message="Session S1 was closed at noon.", error=code))
    assert isinstance(outcome, Refused)
    assert (outcome.state, outcome.code) == (state, code)
    assert "Session S1 was closed at noon." in outcome.reason


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_trouble_on_one_record_means_try_again(status: int) -> None:
    assert isinstance(bulk_item_outcome(item_result(status, message="busy")), Retry)


def test_errors_map_to_clear_problems() -> None:
    assert interruption(RequestTimeout(detail="x")).problem.kind is ProblemKind.TIMEOUT
    assert interruption(Offline(detail="x")).problem.kind is ProblemKind.UNREACHABLE
    assert interruption(error_from_response(502, None, AuthKind.BEARER_JWT)).problem.kind is ProblemKind.SERVER_ERROR
    signed_out = interruption(error_from_response(401, {"message": "expired"}, AuthKind.BEARER_JWT))
    assert isinstance(signed_out, SignInRequired)
    assert "Sign in again" in signed_out.problem.message
    assert refusal(error_from_response(503, None, AuthKind.BEARER_JWT), EntryKind.CREATE_WORKER) is None


# ------------------------------------------------------------------------------------------------ the bulk sender
def entry(number: int) -> tuple[str, dict]:
    new = NewRecord(session_id="S1", worker_id="JS0315", worker_name="John Smith", units=1, recorded_at_utc=NOW)
    return f"e{number}", payloads.record_entry(new, auth0_id="user_1", now=NOW).payload


def batch(*entries: tuple[str, dict], unchecked: tuple[tuple[str, dict], ...] = ()) -> RecordBatch:
    """A batch as the store hands it over: the checked records' bodies already in wire form."""
    wire = [payloads.new_record(payload).to_wire() for _, payload in entries]
    return RecordBatch([entry_id for entry_id, _ in entries], json.dumps(wire), list(unchecked))


def client_answering(handler: Callable[[httpx.Request], httpx.Response]) -> HydrobitClient:
    return HydrobitClient(
        ApiConfig.single_origin("http://127.0.0.1:9"),
        Credentials("user_1", bearer_token="token"),
        transport=httpx.MockTransport(handler),
    )


@pytest.mark.asyncio
async def test_a_batch_refused_as_a_whole_is_split_not_failed() -> None:
    def too_big(_: httpx.Request) -> httpx.Response:
        return httpx.Response(413, json={"status": "error", "message": "The request body is too large."})

    async with client_answering(too_big) as client:
        back = await send_records(client, batch(entry(1), entry(2)))
    assert back.shrink_batches
    assert back.interruption is None
    assert all(isinstance(outcome, Retry) for outcome in back.outcomes.values())


@pytest.mark.asyncio
async def test_a_reply_missing_some_results_retries_those_and_reports_trouble() -> None:
    def half(request: httpx.Request) -> httpx.Response:
        sent = json.loads(request.content)["records"]
        result = {"index": 0, "statusCode": 201, "payloadPreview": {**PREVIEW, "units": sent[0]["units"]}}
        return httpx.Response(
            207, json={"status": "success", "results": [result], "summary": {"ok": 1, "duplicated": 0, "failed": 0}}
        )

    async with client_answering(half) as client:
        back = await send_records(client, batch(entry(1), entry(2)))
    assert back.outcomes["e1"] == Delivered({"record_id": "rec_1", "session_id": "S1", "created": True})
    assert isinstance(back.outcomes["e2"], Retry)
    assert back.interruption is not None
    assert back.interruption.problem.kind is ProblemKind.SERVER_ERROR
    assert back.interruption.problem.to_retry == 1  # counted for the status bar to say in words, in any language
    assert back.interruption.problem.detail == ""


@pytest.mark.asyncio
async def test_an_unreadable_reply_leaves_every_record_queued() -> None:
    async with client_answering(lambda _: httpx.Response(207, content=b"<html>")) as client:
        back = await send_records(client, batch(entry(1), entry(2)))
    assert all(isinstance(outcome, Retry) for outcome in back.outcomes.values())
    assert back.interruption is not None
    assert back.interruption.problem.kind is ProblemKind.BAD_REPLY


@pytest.mark.asyncio
async def test_a_payload_the_store_could_not_vouch_for_is_validated_here() -> None:
    """Records whose payload failed the store's checks are validated one by one: a bad one is refused with its
    reason (nothing sent for it), a good one (a timestamp with an offset, say) is sent in the same request."""
    sent: list[dict] = []

    def store_all(request: httpx.Request) -> httpx.Response:
        sent.extend(json.loads(request.content)["records"])
        results = [
            {"index": index, "statusCode": 201, "payloadPreview": {**PREVIEW, "recordId": f"rec_{index}"}}
            for index in range(len(sent))
        ]
        summary = {"ok": len(sent), "duplicated": 0, "failed": 0}
        return httpx.Response(207, json={"status": "success", "results": results, "summary": summary})

    offset_id, offset = entry(2)
    offset = {**offset, "recorded_at_utc": "2025-10-19T11:30:00-03:00"}
    negative = ("e3", {**entry(3)[1], "units": -4})
    async with client_answering(store_all) as client:
        back = await send_records(client, batch(entry(1), unchecked=((offset_id, offset), negative)))
    assert [record["recordedAtUtc"] for record in sent] == [sent[0]["recordedAtUtc"], "2025-10-19T14:30:00.000Z"]
    assert back.outcomes["e1"] == Delivered({"record_id": "rec_0", "session_id": "S1", "created": True})
    assert back.outcomes[offset_id] == Delivered({"record_id": "rec_1", "session_id": "S1", "created": True})
    refused = back.outcomes["e3"]
    assert isinstance(refused, Refused)
    assert refused.code == "invalid_payload"


@pytest.mark.parametrize(
    "result",
    [
        {"index": 0},
        {"index": "0", "statusCode": 201},
        {"index": 0, "statusCode": True},
        {"index": 0, "statusCode": 201, "payloadPreview": {"recordId": 7, "sessionId": "S1"}},
        {"index": 0, "statusCode": 400, "message": ["not", "text"]},
        "201",
    ],
)
def test_a_bulk_result_of_the_wrong_shape_is_a_malformed_reply(result: object) -> None:
    with pytest.raises(MalformedResponse):
        bulk_items({"status": "success", "results": [result]})
