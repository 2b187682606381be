"""Idempotency ids: fresh per user action, and the server's record key spelled exactly as documented."""

from __future__ import annotations

import re
import uuid

import pytest

from hydrodesk.domain.ids import new_client_event_id, new_command_id, new_idempotency_key, record_idempotency_key


def test_client_event_ids_are_evt_plus_32_hex_and_unique() -> None:
    ids = {new_client_event_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"evt_[0-9a-f]{32}", value) for value in ids)


def test_command_ids_are_uuids() -> None:
    first, second = new_command_id(), new_command_id()
    assert first != second
    assert str(uuid.UUID(first)) == first


def test_idempotency_keys_are_unique() -> None:
    assert new_idempotency_key() != new_idempotency_key()


def test_record_key_matches_the_documented_example() -> None:
    key = record_idempotency_key("6507f1e3c9d8e2a4b1f9c3d5", "JS0315", "evt_1234567890abcdef")
    assert key == "client:6507f1e3c9d8e2a4b1f9c3d5:JS0315:evt_1234567890abcdef"


@pytest.mark.parametrize("missing", ["session_id", "worker_id", "client_event_id"])
def test_record_key_needs_all_three_parts(missing: str) -> None:
    parts = {"session_id": "s", "worker_id": "w", "client_event_id": "e", missing: ""}
    with pytest.raises(ValueError, match=missing):
        record_idempotency_key(**parts)
