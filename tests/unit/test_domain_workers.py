"""The worker-id rule (initials + MMDD of the hire date, accents folded) and accent-insensitive name matching."""

from __future__ import annotations

from datetime import date

import pytest

from hydrodesk.domain.workers import fold_accents, make_worker_id, matches_query, same_person, search_key


def test_documented_example_john_smith() -> None:
    assert make_worker_id("John", "Smith", date(2025, 3, 15)) == "JS0315"


def test_accents_are_folded_in_initials() -> None:
    assert make_worker_id("José", "Núñez", date(2025, 3, 15)) == "JN0315"
    assert make_worker_id("Ángela", "Peña", date(2024, 11, 2)) == "AP1102"
    assert make_worker_id("Óscar", "Ávila", date(2023, 1, 9)) == "OA0109"


def test_lowercase_and_leading_spaces_still_give_upper_initials() -> None:
    assert make_worker_id("  maría fernanda", "garcía", date(2025, 12, 31)) == "MG1231"


def test_month_and_day_are_zero_padded_and_year_ignored() -> None:
    assert make_worker_id("Ana", "Ruiz", date(2019, 1, 5)) == "AR0105"
    assert make_worker_id("Ana", "Ruiz", date(2025, 1, 5)) == "AR0105"


def test_letters_without_combining_marks_are_folded() -> None:
    assert make_worker_id("Łukasz", "Østergaard", date(2025, 6, 1)) == "LO0601"


def test_name_without_a_latin_letter_is_refused() -> None:
    with pytest.raises(ValueError, match="no letter"):
        make_worker_id("123", "Smith", date(2025, 3, 15))


def test_fold_accents_keeps_other_letters() -> None:
    assert fold_accents("Ángela Peña Zúñiga") == "Angela Pena Zuniga"


def test_search_key_folds_case_accents_and_spaces() -> None:
    assert search_key("  JOSÉ   Núñez ") == "jose nunez"


def test_same_person_ignores_accents_case_and_spacing() -> None:
    assert same_person("José", "Núñez", "jose", "NUNEZ ")
    assert not same_person("José", "Núñez", "Juan", "Núñez")
    assert not same_person("José", "Núñez", "José", "Navarro")


def test_matches_query_in_any_field() -> None:
    assert matches_query("nunez", "José", "Núñez", "JN0315")
    assert matches_query("jn03", "José", "Núñez", "JN0315")
    assert matches_query("ÁNGE", "Ángela", "Peña")
    assert not matches_query("smith", "José", "Núñez", "JN0315")
