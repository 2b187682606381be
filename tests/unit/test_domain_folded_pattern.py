"""The tables' filter pattern finds what the roster's folded search finds: accents, case and runs of spaces ignored,
everything else literal."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from hydrodesk.domain.folded_pattern import folded_pattern
from hydrodesk.domain.workers import search_key

LETTERS = "aáàäâAÁÄnñNÑeéèEÉoóöOÓuúüUÚiíIÍcçC"
TYPED = LETTERS + " .-()*+?[]^$|\\%"


def finds(query: str, cell: str) -> bool:
    return re.search(folded_pattern(query), cell, re.IGNORECASE) is not None


def test_a_hurried_query_finds_the_accented_words() -> None:
    assert finds("valvula norte", "Válvula Norte 1")
    assert finds("VALVULA   norte", "válvula norte 2")
    assert finds("pina", "Piña")
    assert finds("Piña", "PINA")
    assert finds("jose nunez", "José Núñez")
    assert not finds("valvula sur", "Válvula Norte 1")


def test_what_regular_expressions_read_as_commands_is_found_as_typed() -> None:
    assert finds("1.5", "1.5 kg")
    assert not finds("1.5", "125 kg")  # a dot is a dot
    assert finds("(norte)", "Válvula (Norte)")
    assert finds("a+b", "a+b")
    assert not finds("a+b", "aab")
    assert folded_pattern("") == ""
    assert folded_pattern("   ") == ""  # nothing typed: every row shows


@given(st.text(alphabet=TYPED, max_size=6), st.text(alphabet=TYPED, max_size=14))
def test_the_pattern_finds_exactly_what_the_folded_search_finds(query: str, cell: str) -> None:
    assert finds(query, cell) == (search_key(query) in search_key(cell))
