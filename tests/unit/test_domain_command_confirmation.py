"""A command is confirmed by the office's own flow readings, not by the server's word."""

from __future__ import annotations

import math

import pytest

from hydrodesk.domain.command_confirmation import ConfirmationWatch, Verdict, telemetry_agrees
from hydrodesk.domain.irrigation import FlowEnvelope

ENVELOPE = FlowEnvelope(20.0, 40.0)


@pytest.mark.parametrize(
    ("action", "flow", "envelope", "agrees"),
    [
        ("open", 30.0, ENVELOPE, True),
        ("open", 20.0, ENVELOPE, True),
        ("open", 12.0, ENVELOPE, False),  # water moves, but not what the valve should give
        ("open", 55.0, ENVELOPE, False),
        ("open", 5.0, None, True),  # no envelope: any real flow shows it open
        ("open", 0.5, None, False),
        ("close", 0.0, ENVELOPE, True),
        ("close", 0.8, ENVELOPE, True),  # meter noise on a shut valve
        ("close", 3.0, ENVELOPE, False),
        ("open", None, ENVELOPE, False),
        ("close", math.nan, ENVELOPE, False),
    ],
)
def test_one_reading_agrees_with_the_command_or_not(
    action: str, flow: float | None, envelope: FlowEnvelope | None, agrees: bool
) -> None:
    assert telemetry_agrees(action, flow, envelope) is agrees


def test_an_open_is_confirmed_by_a_newer_reading_inside_the_envelope() -> None:
    watch = ConfirmationWatch("open", ENVELOPE, within_s=10.0)
    watch.observe(1.0, 30.0)  # before the ack: ignored
    assert watch.verdict(1.0) is Verdict.WAITING
    watch.start(now=100.0, latest_reading_ts=99.0)
    watch.observe(99.0, 30.0)  # the reading known at the start: water from before cannot confirm
    assert watch.verdict(101.0) is Verdict.WAITING
    watch.observe(101.0, 8.0)  # still ramping up
    assert watch.verdict(102.0) is Verdict.WAITING
    watch.observe(102.0, 31.0)
    assert watch.verdict(102.0) is Verdict.CONFIRMED
    assert watch.agreed_at == 102.0
    watch.observe(103.0, 0.0)  # once confirmed, a later reading does not undo it
    assert watch.verdict(200.0) is Verdict.CONFIRMED


def test_an_acked_command_nothing_confirms_in_time_is_unconfirmed() -> None:
    watch = ConfirmationWatch("open", ENVELOPE, within_s=10.0)
    watch.start(now=100.0, latest_reading_ts=None)
    for second in range(1, 12):
        watch.observe(100.0 + second, 0.0)
    assert watch.verdict(109.9) is Verdict.WAITING
    assert watch.verdict(110.0) is Verdict.UNCONFIRMED


def test_a_server_confirmation_the_readings_disagree_with_is_contradicted() -> None:
    watch = ConfirmationWatch("open", ENVELOPE, within_s=5.0)
    watch.note_server_confirmed(now=100.0, latest_reading_ts=None)
    watch.observe(101.0, 0.0)
    watch.observe(103.0, 0.2)
    assert watch.verdict(104.0) is Verdict.WAITING
    assert watch.verdict(105.0) is Verdict.CONTRADICTED
    assert watch.last_flow == 0.2


def test_a_server_confirmation_with_no_reading_at_all_is_unconfirmed_not_contradicted() -> None:
    watch = ConfirmationWatch("close", ENVELOPE, within_s=5.0)
    watch.note_server_confirmed(now=100.0, latest_reading_ts=50.0)
    watch.observe(50.0, 30.0)  # the old reading offered again: not news
    assert watch.verdict(106.0) is Verdict.UNCONFIRMED


def test_a_close_is_confirmed_by_a_near_zero_reading() -> None:
    watch = ConfirmationWatch("close", ENVELOPE, within_s=5.0)
    watch.start(now=10.0, latest_reading_ts=9.0)
    watch.observe(10.5, 14.0)
    watch.observe(11.0, 0.4)
    assert watch.verdict(11.0) is Verdict.CONFIRMED
    watch.start(now=50.0, latest_reading_ts=49.0)  # a second start changes nothing
    assert watch.started_at == 10.0


def test_a_watch_needs_a_known_action_and_a_positive_time() -> None:
    with pytest.raises(ValueError, match="unknown action"):
        ConfirmationWatch("flush", ENVELOPE, within_s=5.0)
    with pytest.raises(ValueError, match="positive"):
        ConfirmationWatch("open", ENVELOPE, within_s=0.0)
