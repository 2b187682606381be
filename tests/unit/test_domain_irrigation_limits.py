"""Interlocks before a valve command: what blocks an open, what only warns, and that a close is never blocked."""

from __future__ import annotations

import pytest

from hydrodesk.domain.irrigation_limits import (
    InterlockKind,
    IrrigationLimits,
    check_close,
    check_open,
    check_program_start,
)

LIMITS = IrrigationLimits(max_open_valves=2, min_line_pressure_bar=1.5, max_line_pressure_bar=5.0)


def kinds(found: list) -> list[tuple[InterlockKind, bool]]:  # type: ignore[type-arg]
    return [(interlock.kind, interlock.blocking) for interlock in found]


def test_an_open_within_the_limits_passes() -> None:
    assert check_open("v3", {"v1"}, 3.1, LIMITS) == []


def test_too_many_open_valves_block_and_name_them() -> None:
    [interlock] = check_open("v3", {"v1", "v2"}, 3.1, LIMITS)
    assert (interlock.kind, interlock.blocking) == (InterlockKind.TOO_MANY_OPEN, True)
    assert interlock.names == ("v1", "v2")
    assert interlock.limit == 2


def test_reopening_a_valve_already_open_is_not_one_more() -> None:
    assert check_open("v2", {"v1", "v2"}, 3.1, LIMITS) == []


def test_low_pressure_blocks_and_unknown_pressure_warns() -> None:
    assert kinds(check_open("v1", set(), 1.2, LIMITS)) == [(InterlockKind.LOW_PRESSURE, True)]
    assert kinds(check_open("v1", set(), None, LIMITS)) == [(InterlockKind.PRESSURE_UNKNOWN, False)]
    assert kinds(check_open("v1", set(), float("nan"), LIMITS)) == [(InterlockKind.PRESSURE_UNKNOWN, False)]


def test_a_running_program_and_an_offline_device_warn_after_what_blocks() -> None:
    found = check_open("v3", {"v1", "v2"}, 3.0, LIMITS, running_programs=["Riego A"], device_online=False)
    assert kinds(found) == [
        (InterlockKind.TOO_MANY_OPEN, True),
        (InterlockKind.DEVICE_OFFLINE, False),
        (InterlockKind.PROGRAM_RUNNING, False),
    ]


def test_a_close_is_never_blocked() -> None:
    assert all(not interlock.blocking for interlock in check_close(["Riego A"], device_online=False))
    assert check_close() == []


@pytest.mark.parametrize(
    "bad",
    [
        {"max_open_valves": 0},
        {"min_line_pressure_bar": 5.0, "max_line_pressure_bar": 4.0},
        {"close_confirm_s": 0},
        {"min_line_pressure_bar": float("nan")},
    ],
)
def test_nonsense_limits_are_refused(bad: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        IrrigationLimits(**bad)


def test_a_program_start_counts_its_valves_against_the_open_limit() -> None:
    assert check_program_start(["p1", "p2"], set(), [3.0], LIMITS) == []
    [interlock] = check_program_start(["p1", "p2"], {"v9"}, [3.0], LIMITS)  # 1 open + 2 of the program > 2
    assert (interlock.kind, interlock.blocking, interlock.names) == (InterlockKind.TOO_MANY_OPEN, True, ("v9",))
    assert check_program_start(["p1", "p2"], {"p1"}, [3.0], LIMITS) == []  # its own open valve is not one more


def test_a_program_start_needs_pressure_on_every_line_it_uses() -> None:
    found = check_program_start(["p1"], set(), [3.0, 1.2, None], LIMITS, devices_online=[True, False])
    assert kinds(found) == [
        (InterlockKind.LOW_PRESSURE, True),
        (InterlockKind.PRESSURE_UNKNOWN, False),
        (InterlockKind.DEVICE_OFFLINE, False),
    ]
    assert found[0].value == 1.2
    assert kinds(check_program_start(["p1"], set(), [], LIMITS)) == [(InterlockKind.PRESSURE_UNKNOWN, False)]


def test_the_confirmation_time_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        IrrigationLimits(confirm_within_s=0)
