"""Irrigation rules: the command lifecycle, open durations, flow envelopes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hydrodesk.domain.irrigation import (
    MAX_DURATION_MIN,
    CommandStatus,
    FlowCheck,
    FlowEnvelope,
    InvalidTransition,
    ObservedState,
    ValveAction,
    can_transition,
    check_flow,
    check_transition,
    has_expired,
    irrigation_volume_l,
    is_terminal,
    validate_duration,
)

PENDING, SENT, ACKED, CONFIRMED, FAILED, EXPIRED = (
    CommandStatus.PENDING,
    CommandStatus.SENT,
    CommandStatus.ACKED,
    CommandStatus.CONFIRMED,
    CommandStatus.FAILED,
    CommandStatus.EXPIRED,
)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (PENDING, SENT),
        (SENT, ACKED),
        (ACKED, CONFIRMED),
        # field messages may overtake each other: skipping forward is allowed
        (PENDING, ACKED),
        (SENT, CONFIRMED),
        (PENDING, FAILED),
        (ACKED, FAILED),
        (PENDING, EXPIRED),
        (SENT, EXPIRED),
    ],
)
def test_allowed_transitions(current: CommandStatus, target: CommandStatus) -> None:
    assert can_transition(current, target)
    assert check_transition(current.value, target.value) is target


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (SENT, PENDING),
        (ACKED, SENT),
        (CONFIRMED, FAILED),
        (FAILED, SENT),
        (EXPIRED, ACKED),
        (CONFIRMED, CONFIRMED),
        (SENT, SENT),
        # a command the device acknowledged was delivered: it can fail, but not expire
        (ACKED, EXPIRED),
    ],
)
def test_refused_transitions(current: CommandStatus, target: CommandStatus) -> None:
    assert not can_transition(current, target)
    with pytest.raises(InvalidTransition, match=f"{current} cannot become {target}"):
        check_transition(current, target)


def test_unknown_status_is_an_error() -> None:
    with pytest.raises(ValueError):
        can_transition("pending", "delivered")


def test_terminal_statuses() -> None:
    assert [status for status in CommandStatus if is_terminal(status)] == [CONFIRMED, FAILED, EXPIRED]


def test_expiry_applies_only_before_acknowledgement() -> None:
    deadline = datetime(2025, 10, 19, 14, 30, tzinfo=UTC)
    after = deadline + timedelta(seconds=1)
    assert has_expired(PENDING, deadline, after)
    assert has_expired(SENT, deadline, deadline)
    assert not has_expired(PENDING, deadline, deadline - timedelta(seconds=1))
    assert not has_expired(ACKED, deadline, after)
    assert not has_expired(CONFIRMED, deadline, after)
    assert not has_expired(PENDING, None, after)


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (30, 30), (720, 720), (45.0, 45)])
def test_open_durations_in_range(value: float, expected: int) -> None:
    assert validate_duration(ValveAction.OPEN, value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "required to open"),
        (0, "between 1 and 720"),
        (721, "between 1 and 720"),
        (-5, "between 1 and 720"),
        (2.5, "whole number"),
        (True, "whole number"),
        ("30", "whole number"),
        (float("nan"), "whole number"),
        (float("inf"), "whole number"),
        (10**400, "between 1 and 720"),
    ],
)
def test_open_durations_refused(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_duration("open", value)


def test_close_takes_no_duration() -> None:
    assert validate_duration("close", None) is None
    with pytest.raises(ValueError, match="only to open"):
        validate_duration("close", 10)


def test_longest_open_is_twelve_hours() -> None:
    assert MAX_DURATION_MIN == 12 * 60


def test_flow_envelope_around_design_flow() -> None:
    envelope = FlowEnvelope.around(400.0)
    assert (envelope.min_lpm, envelope.max_lpm) == (340.0, 460.0)


@pytest.mark.parametrize(("low", "high"), [(-1.0, 10.0), (20.0, 10.0), (float("nan"), 10.0)])
def test_flow_envelope_rejects_nonsense(low: float, high: float) -> None:
    with pytest.raises(ValueError):
        FlowEnvelope(low, high)


@pytest.mark.parametrize(
    ("state", "flow", "expected"),
    [
        (ObservedState.OPEN, 400.0, FlowCheck.OK),
        (ObservedState.OPEN, 340.0, FlowCheck.OK),
        (ObservedState.OPEN, 120.0, FlowCheck.LOW),
        (ObservedState.OPEN, 0.0, FlowCheck.LOW),
        (ObservedState.OPEN, 600.0, FlowCheck.HIGH),
        (ObservedState.CLOSED, 0.4, FlowCheck.OK),
        (ObservedState.CLOSED, 25.0, FlowCheck.LEAK),
        (ObservedState.CLOSED, None, FlowCheck.NO_DATA),
        (ObservedState.OPEN, float("nan"), FlowCheck.NO_DATA),
        (ObservedState.FAULT, 400.0, FlowCheck.NO_DATA),
        (ObservedState.UNKNOWN, 0.0, FlowCheck.NO_DATA),
    ],
)
def test_check_flow(state: ObservedState, flow: float | None, expected: FlowCheck) -> None:
    assert check_flow(state, flow, FlowEnvelope(340.0, 460.0)) is expected


def test_volume_is_duration_times_flow() -> None:
    assert irrigation_volume_l(45, 412.5) == 18562.5
    with pytest.raises(ValueError):
        irrigation_volume_l(-1, 400)
