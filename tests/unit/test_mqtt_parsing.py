"""The app's topic plan and the validation of what devices publish."""

from __future__ import annotations

import json

import pytest

from hydrodesk.mqtt.payloads import (
    MAX_PAYLOAD_BYTES,
    Malformed,
    Reason,
    parse_ack,
    parse_state,
    parse_status,
    parse_telemetry,
    parse_ts,
)
from hydrodesk.mqtt.topics import Kind, Route, TopicPlan

NOW = 1_760_884_200.0  # 2025-10-19T14:30:00Z


def raw(payload: object) -> bytes:
    return json.dumps(payload).encode()


# ---------------------------------------------------------------------------------------------- topics
def test_the_plan_subscribes_to_every_project_and_device_of_the_company() -> None:
    plan = TopicPlan("connect/comp_12345")
    assert plan.subscriptions() == [
        ("connect/comp_12345/+/+/telemetry", 0),
        ("connect/comp_12345/+/+/state", 1),
        ("connect/comp_12345/+/+/status", 1),
        ("connect/comp_12345/+/+/ack", 1),
    ]
    assert plan.parse("connect/comp_12345/proj_123/rtu-1/telemetry") == Route("proj_123", "rtu-1", Kind.TELEMETRY)
    assert plan.command_topic("proj_123", "rtu-1") == "connect/comp_12345/proj_123/rtu-1/cmd"


def test_a_prefix_naming_the_project_subscribes_to_that_project_only() -> None:
    plan = TopicPlan("connect/comp_12345/proj_123/")
    assert plan.subscriptions()[0] == ("connect/comp_12345/proj_123/+/telemetry", 0)
    assert plan.parse("connect/comp_12345/proj_456/rtu-1/status") is None
    assert plan.parse("connect/comp_12345/proj_123/rtu-1/status") == Route("proj_123", "rtu-1", Kind.STATUS)


@pytest.mark.parametrize(
    "topic",
    [
        "connect/other/proj_123/rtu-1/telemetry",
        "connect/comp_12345/proj_123/rtu-1/unknown",
        "connect/comp_12345/proj_123/telemetry",
        "connect/comp_12345//rtu-1/telemetry",
        "connect/comp_12345/proj_123/rtu-1/telemetry/extra",
        "",
    ],
)
def test_foreign_or_malformed_topics_are_not_routed(topic: str) -> None:
    assert TopicPlan("connect/comp_12345").parse(topic) is None


@pytest.mark.parametrize("prefix", ["", "connect/+", "connect//x", "#"])
def test_a_wildcard_or_empty_prefix_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefix"):
        TopicPlan(prefix)


def test_a_command_topic_never_carries_wildcards() -> None:
    with pytest.raises(ValueError, match="topic level"):
        TopicPlan("connect/comp_12345").command_topic("proj_123", "rtu/+")


# ---------------------------------------------------------------------------------------------- timestamps
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-19T14:30:00.000Z", NOW),
        ("2025-10-19T14:30:00+00:00", NOW),
        ("2025-10-19T09:30:00-05:00", NOW),
        (NOW, NOW),
        (int(NOW), NOW),
        (NOW * 1000, NOW),  # epoch milliseconds
    ],
)
def test_timestamps_are_iso_8601_with_a_zone_or_epoch(value: object, expected: float) -> None:
    assert parse_ts(value, NOW) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-10-19T14:30:00", Reason.BAD_TS),  # no zone: which clock?
        ("yesterday", Reason.BAD_TS),
        (None, Reason.BAD_TS),
        (True, Reason.BAD_TS),
        (12.5, Reason.BAD_TS),  # 1970
        (float("nan"), Reason.BAD_TS),
        (10**400, Reason.BAD_TS),
        (NOW + 3_600, Reason.FUTURE_TS),
        ("9999-12-31T23:59:59Z", Reason.FUTURE_TS),
        ("x" * 100, Reason.BAD_TS),
    ],
)
def test_bad_timestamps_are_refused_with_their_reason(value: object, reason: Reason) -> None:
    with pytest.raises(Malformed) as refused:
        parse_ts(value, NOW)
    assert refused.value.reason is reason


# ---------------------------------------------------------------------------------------------- telemetry
def test_telemetry_keeps_the_good_metrics_and_names_the_bad_ones() -> None:
    payload = {
        "ts": "2025-10-19T14:30:00.000Z",
        "metrics": {"flow_lpm": 41.2, "pressure_bar": 2, "broken": "NaN", "flag": True, "bad name!": 1.0, "x": 1e300},
    }
    telemetry = parse_telemetry(raw(payload), NOW)
    assert telemetry.ts == NOW
    assert telemetry.metrics == [("flow_lpm", 41.2), ("pressure_bar", 2.0)]
    assert sorted(telemetry.refused) == sorted(
        [Reason.NOT_NUMBER, Reason.NOT_NUMBER, Reason.BAD_METRIC_NAME, Reason.OUT_OF_RANGE]
    )


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"\xff\xfe not utf-8", Reason.NOT_JSON),
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": {"flow_lpm": 1', Reason.NOT_JSON),
        (b"[1, 2]", Reason.NOT_OBJECT),
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": {"flow_lpm": NaN}}', Reason.NOT_FINITE),
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": {"flow_lpm": Infinity}}', Reason.NOT_FINITE),
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": {"flow_lpm": 1e400}}', Reason.NOT_FINITE),
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": {}}', Reason.NO_METRICS),
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": [1]}', Reason.NO_METRICS),
        (b'{"metrics": {"flow_lpm": 1}}', Reason.BAD_TS),
        (b"[" * 50_000 + b"]" * 50_000, Reason.TOO_LARGE),
        (b"[" * 8_000 + b"]" * 8_000, Reason.NOT_JSON),  # deep nesting: our depth rule, on every Python
        (b'{"ts": "2025-10-19T14:30:00Z", "metrics": {"a": ' + b"9" * 5_000 + b"}}", Reason.NOT_JSON),
    ],
)
def test_malformed_telemetry_is_refused_with_its_reason(payload: bytes, reason: Reason) -> None:
    with pytest.raises(Malformed) as refused:
        parse_telemetry(payload, NOW)
    assert refused.value.reason is reason


def test_payload_and_metric_counts_are_bounded() -> None:
    many = {"ts": NOW, "metrics": {f"m{i}": 1.0 for i in range(65)}}
    with pytest.raises(Malformed) as refused:
        parse_telemetry(raw(many), NOW)
    assert refused.value.reason is Reason.TOO_MANY_METRICS
    with pytest.raises(Malformed) as too_large:
        parse_telemetry(b" " * (MAX_PAYLOAD_BYTES + 1), NOW)
    assert too_large.value.reason is Reason.TOO_LARGE


def test_huge_integers_are_out_of_range_not_an_overflow() -> None:
    with pytest.raises(Malformed) as refused:
        parse_telemetry(raw({"ts": NOW, "metrics": {"flow_lpm": 10**300}}), NOW)
    assert refused.value.reason is Reason.OUT_OF_RANGE


# ---------------------------------------------------------------------------------------------- status, state, ack
def test_status_state_and_ack_payloads_parse() -> None:
    status = parse_status(raw({"online": True, "ts": "2025-10-19T14:30:00Z", "battery_pct": 80, "rssi_dbm": -70}), NOW)
    assert (status.online, status.ts, status.battery_pct, status.rssi_dbm) == (True, NOW, 80.0, -70.0)
    will = parse_status(raw({"online": False, "ts": "2025-10-19T14:30:00Z"}), NOW)
    assert (will.online, will.battery_pct) == (False, None)
    state = parse_state(raw({"ts": NOW, "valves": {"V1": {"state": "open", "since": "2025-10-19T14:30:00Z"}}}), NOW)
    assert [(v.valve_id, v.state, v.since) for v in state.valves] == [("V1", "open", NOW)]
    ack = parse_ack(raw({"commandId": "c1", "status": "failed", "ts": NOW, "error": "no valve"}), NOW)
    assert (ack.command_id, ack.status, ack.error) == ("c1", "failed", "no valve")


@pytest.mark.parametrize(
    ("parser", "payload"),
    [
        (parse_status, {"online": "yes"}),
        (parse_status, {"online": True, "battery_pct": "full"}),
        (parse_state, {"valves": {"V1": "open"}}),
        (parse_state, {"valves": {"V1": {"state": 3}}}),
        (parse_ack, {"commandId": "c1", "status": "done"}),
        (parse_ack, {"status": "acked"}),
        (parse_ack, {"commandId": "c1", "status": "failed", "error": 5}),
    ],
)
def test_bad_status_state_and_ack_fields_are_refused(parser, payload: dict) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Malformed) as refused:
        parser(raw(payload), NOW)
    assert refused.value.reason is Reason.BAD_FIELD
