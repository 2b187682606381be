"""The roster's rules: search and filters, the worker_id preview and clash check, template options, form input."""

from __future__ import annotations

from datetime import date

import pytest

from hydrodesk.domain.roster import (
    FormProblem,
    IdClash,
    IdHolder,
    OptionLists,
    RosterFilter,
    email_looks_valid,
    full_name,
    id_clash,
    initials,
    option_label,
    options_from_roster,
    parse_hourly_rate,
    preview_worker_id,
)

JOSE = {
    "worker_id": "JN0315",
    "first_name": "José",
    "last_name": "Núñez",
    "position": "harvester",
    "employment_type": "seasonal",
    "status": "active",
    "skills": ["pruning"],
}
JOHN = {
    "worker_id": "JS0315",
    "first_name": "John",
    "last_name": "Smith",
    "position": "field_worker",
    "employment_type": "full_time",
    "status": "on_leave",
    "skills": ["irrigation", "pruning"],
}


@pytest.mark.parametrize(
    ("query", "jose", "john"),
    [
        ("nunez", True, False),
        ("NÚÑEZ", True, False),
        ("jose  nunez", True, False),
        ("JS03", False, True),
        ("js0315", False, True),
        ("0315", True, True),
        ("", True, True),
        ("   ", True, True),
        ("smyth", False, False),
    ],
)
def test_the_search_folds_accents_and_case_over_names_and_worker_id(query: str, jose: bool, john: bool) -> None:
    wanted = RosterFilter(query=query)
    assert (wanted.matches(JOSE), wanted.matches(JOHN)) == (jose, john)


def test_filters_combine_and_a_missing_status_counts_as_active() -> None:
    assert RosterFilter(status="active").matches(JOSE)
    assert not RosterFilter(status="active").matches(JOHN)
    assert RosterFilter(status="active").matches({**JOSE, "status": None})
    assert RosterFilter(position="harvester", employment_type="seasonal").matches(JOSE)
    assert not RosterFilter(position="harvester", employment_type="full_time").matches(JOSE)
    assert not RosterFilter(query="jose", position="field_worker").matches(JOSE)


def test_names_and_initials_for_the_placeholder() -> None:
    assert full_name(JOSE) == "José Núñez"
    assert initials("José", "Núñez") == "JN"
    assert initials("ángela", "peña") == "AP"
    assert initials("", "Peña") == "P"
    assert initials("", "") == "?"


def test_the_preview_is_the_server_rule_once_it_can_be_formed() -> None:
    assert preview_worker_id("José", "Núñez", date(2025, 3, 15)) == "JN0315"
    assert preview_worker_id("José", "", date(2025, 3, 15)) is None
    assert preview_worker_id("José", "Núñez", None) is None
    assert preview_worker_id("42", "Núñez", date(2025, 3, 15)) is None


def test_a_worker_id_is_free_kept_by_the_same_person_or_taken() -> None:
    john = IdHolder("JS0315", "John", "Smith", "2025-03-15")
    assert id_clash("Jaime", "Sanz", None) is IdClash.FREE
    assert id_clash("john ", "SMITH", john) is IdClash.SAME_PERSON
    assert id_clash("Jaime", "Sanz", john) is IdClash.TAKEN
    assert john.name == "John Smith"


def test_options_from_the_server_or_guessed_from_the_roster() -> None:
    options = OptionLists.from_json(
        {"positions": ["harvester"], "employment_types": ["seasonal"], "statuses": ["active"], "skills": []}
    )
    assert options.positions == ("harvester",)
    assert not options.empty
    assert OptionLists().empty
    guessed = options_from_roster([JOSE, JOHN, {"position": None, "skills": None}])
    assert guessed.positions == ("field_worker", "harvester")
    assert guessed.employment_types == ("full_time", "seasonal")
    assert guessed.statuses == ("active", "on_leave")
    assert guessed.skills == ("irrigation", "pruning")
    assert option_label("quality_inspector") == "Quality inspector"


@pytest.mark.parametrize(("text", "rate"), [("", None), ("  ", None), ("18.5", 18.5), ("18,5", 18.5), ("0", 0.0)])
def test_an_hourly_rate_is_a_number_of_at_least_zero(text: str, rate: float | None) -> None:
    assert parse_hourly_rate(text) == rate


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-0.5", FormProblem.NEGATIVE_RATE),
        ("10000.01", FormProblem.RATE_TOO_HIGH),
        ("eighteen", FormProblem.RATE_NOT_A_NUMBER),
        ("nan", FormProblem.RATE_NOT_A_NUMBER),
        ("inf", FormProblem.RATE_NOT_A_NUMBER),
    ],
)
def test_a_bad_hourly_rate_says_what_is_wrong(text: str, problem: FormProblem) -> None:
    with pytest.raises(ValueError) as raised:
        parse_hourly_rate(text)
    assert raised.value.args[0] is problem


def test_an_email_is_optional_but_must_look_like_one() -> None:
    assert email_looks_valid("")
    assert email_looks_valid("john.smith@example.com")
    assert not email_looks_valid("john.smith@")
    assert not email_looks_valid("john smith@example.com")
