"""Reading a bulk-records reply (207) without building a model per record: the sync engine's hot path.

Validating the reply through pydantic models (BulkResult) cost the event loop more per batch of 500 than the
server took to store it, on a busy machine. This reads only what the outbox needs of each result, checking each
value's type as the models would, and reports a reply of the wrong shape as MalformedResponse, like `parse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hydrodesk.api.errors import MalformedResponse

WHAT = "bulk records"


@dataclass(frozen=True, slots=True)
class BulkItem:
    """One record's result: its place in the request, its status, and the ids the server filed it under."""

    index: int
    status_code: int
    record_id: str | None = None  # payloadPreview.recordId: present when the server stored (or had) the record
    session_id: str | None = None
    message: str | None = None
    error: str | None = None


def bulk_items(envelope: dict[str, Any]) -> list[BulkItem]:
    """The `results` of a bulk reply's success envelope, in the server's order."""
    results = envelope.get("results")
    if not isinstance(results, list):
        raise MalformedResponse(detail=f"{WHAT}: results: not a list")
    return [_item(position, result) for position, result in enumerate(results)]


def _item(position: int, result: Any) -> BulkItem:
    if not isinstance(result, dict):
        raise MalformedResponse(detail=f"{WHAT}: results.{position}: not an object")
    index, status = result.get("index"), result.get("statusCode")
    if not _is_int(index) or not _is_int(status):
        raise MalformedResponse(detail=f"{WHAT}: results.{position}: index and statusCode must be integers")
    message, error = result.get("message"), result.get("error")
    if not (_is_text_or_none(message) and _is_text_or_none(error)):
        raise MalformedResponse(detail=f"{WHAT}: results.{position}: message and error must be text")
    preview = result.get("payloadPreview")
    if preview is None:
        return BulkItem(index, status, message=message, error=error)
    record_id = preview.get("recordId") if isinstance(preview, dict) else None
    session_id = preview.get("sessionId") if isinstance(preview, dict) else None
    if not (isinstance(record_id, str) and isinstance(session_id, str)):
        raise MalformedResponse(detail=f"{WHAT}: results.{position}.payloadPreview: recordId and sessionId required")
    return BulkItem(index, status, record_id, session_id, message, error)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)
