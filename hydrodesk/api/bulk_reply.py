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
    items: list[BulkItem] = []
    append = items.append
    for position, result in enumerate(results):
        # One loop, no call per result but the item's own: a batch holds hundreds of them.
        if type(result) is not dict:
            raise MalformedResponse(detail=f"{WHAT}: results.{position}: not an object")
        index, status = result.get("index"), result.get("statusCode")
        message, error = result.get("message"), result.get("error")
        if type(index) is not int or type(status) is not int:
            raise MalformedResponse(detail=f"{WHAT}: results.{position}: index and statusCode must be integers")
        if not ((message is None or type(message) is str) and (error is None or type(error) is str)):
            raise MalformedResponse(detail=f"{WHAT}: results.{position}: message and error must be text")
        preview = result.get("payloadPreview")
        if preview is None:
            append(BulkItem(index, status, None, None, message, error))
            continue
        record_id = preview.get("recordId") if type(preview) is dict else None
        session_id = preview.get("sessionId") if type(preview) is dict else None
        if type(record_id) is not str or type(session_id) is not str:
            raise MalformedResponse(
                detail=f"{WHAT}: results.{position}.payloadPreview: recordId and sessionId required"
            )
        append(BulkItem(index, status, record_id, session_id, message, error))
    return items
