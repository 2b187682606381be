"""Reading the tally entry row's text: a bare number is units, never a worker; one line may carry both."""

from __future__ import annotations

import pytest

from hydrodesk.domain.tally_entry_text import (
    UNIT_SPELLINGS,
    EnterAction,
    EntryText,
    UnitsProblem,
    default_enter_action,
    is_measured,
    parse_entry_text,
    parse_units,
    units_problem,
    usual_unit,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("AM01", EntryText("AM01")),
        ("  juan   her ", EntryText("juan her")),
        ("5", EntryText("", 5.0)),
        (" 2,5 ", EntryText("", 2.5)),
        (".5", EntryText("", 0.5)),
        ("AM01 5", EntryText("AM01", 5.0)),
        ("AM01*5", EntryText("AM01", 5.0)),
        ("AM01 * 12,5", EntryText("AM01", 12.5)),
        ("5*AM01", EntryText("AM01", 5.0)),
        ("5 × AM01", EntryText("AM01", 5.0)),
        ("3 juan her", EntryText("juan her", 3.0)),
        ("juan her 3", EntryText("juan her", 3.0)),
        # Two numbers: which one is the worker? Neither: nothing is understood rather than a guess.
        ("5 7", EntryText("", None)),
        ("5*7", EntryText("", None)),
        # Leading zeros are the tail of a worker_id typed with a space, not units.
        ("AM 0109", EntryText("AM 0109")),
        ("", EntryText("")),
    ],
)
def test_the_worker_field_is_taken_apart(typed: str, expected: EntryText) -> None:
    assert parse_entry_text(typed) == expected


def test_units_take_a_decimal_comma_or_point_and_nothing_else() -> None:
    assert parse_units("2,5") == parse_units("2.5") == 2.5
    assert parse_units("10") == 10
    assert parse_units("0") == 0
    for bad in ("", "1.000,5", "1e3", "-2", "2,5,1", "abc", "nan", "inf", "0109"):
        assert parse_units(bad) is None, bad


def test_units_problems_are_named() -> None:
    assert units_problem(5, measured=False) is None
    assert units_problem(2.5, measured=True) is None
    assert units_problem(2.5, measured=False) is UnitsProblem.NOT_WHOLE  # half a box is a slip
    assert units_problem(0, measured=True) is UnitsProblem.NOT_POSITIVE
    assert units_problem(100_001, measured=True) is UnitsProblem.TOO_LARGE
    assert units_problem(None, measured=True) is UnitsProblem.NOT_A_NUMBER


def test_weighed_units_ask_for_the_amount_counted_ones_record_at_once() -> None:
    for unit in ("kg", "KG", "kg.", "Kilos", "t", "lb", "litros"):
        assert is_measured(unit), unit
        assert default_enter_action(unit) is EnterAction.ASK_UNITS
    for unit in ("box", "caja", "crate", "bin", "bucket", ""):
        assert not is_measured(unit), unit
        assert default_enter_action(unit) is EnterAction.RECORD


@pytest.mark.parametrize(
    ("typed", "code"),
    [("kilos", "kg"), (" KG. ", "kg"), ("Kilogramos", "kg"), ("cajas", "box"), ("Boxes", "box"), ("t", "ton"),
     ("toneladas", "ton"), ("jaba", None), ("", None), ("kilometros", None)],
)  # fmt: skip
def test_the_usual_units_are_read_however_they_are_spelled(typed: str, code: str | None) -> None:
    assert usual_unit(typed) == code


def test_every_usual_weight_spelling_is_weighed() -> None:
    """A unit sent as "kg" asks for the weight after the worker; so must every spelling that becomes "kg"."""
    for code in ("kg", "ton"):
        for spelled in UNIT_SPELLINGS[code]:
            assert is_measured(spelled), spelled
