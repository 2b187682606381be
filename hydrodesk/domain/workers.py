"""Worker identity rules: the business `worker_id` and accent-insensitive name matching.

Hydrobit derives a worker's `worker_id` from the person: the first letter of the first name, the first letter of
the last name, then the month and day of the hire date (John Smith hired 2025-03-15 -> JS0315). Crews in the field
type names with and without accents, so every comparison here folds accents and case first: José Núñez is JN0315
and "jose nunez" finds him.
"""

from __future__ import annotations

import unicodedata
from datetime import date

# Letters that carry no combining mark in Unicode, so NFKD alone would drop them instead of folding them.
_SPECIAL_FOLDS = str.maketrans(
    {"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe"}
)


def fold_accents(text: str) -> str:
    """`Ángela Peña` -> `Angela Pena`: the text with diacritics removed, letters otherwise kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_key(text: str) -> str:
    """The form used for comparisons: accents folded, case folded, runs of whitespace collapsed to one space."""
    return " ".join(fold_accents(text).casefold().split())


def initial_of(name: str) -> str:
    """The first letter of a name, accents folded and upper-cased; ValueError when the name has no letter."""
    for char in fold_accents(name):
        if char.isascii() and char.isalpha():
            return char.upper()
    raise ValueError(f"the name {name!r} has no letter to take an initial from")


def make_worker_id(first_name: str, last_name: str, hire_date: date) -> str:
    """INITIALS + MMDD of the hire date: José Núñez hired 2025-03-15 -> `JN0315`."""
    return f"{initial_of(first_name)}{initial_of(last_name)}{hire_date.month:02d}{hire_date.day:02d}"


def same_person(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Whether two first/last name pairs name the same person, ignoring accents, case and extra spaces."""
    return search_key(first_a) == search_key(first_b) and search_key(last_a) == search_key(last_b)


def matches_query(query: str, *fields: str) -> bool:
    """Whether the folded query occurs in any of the folded fields (the worker list's `q` search)."""
    needle = search_key(query)
    return any(needle in search_key(field) for field in fields)
