"""The worker roster's rules: which workers a search shows, what a new worker's id will be and whether it is free,
the company's template options, and what the create form accepts.

Workers are plain dicts here (the API model's attribute names, as the cache stores them), so the store, the sync
layer and the UI share one set of rules without sharing classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from hydrodesk.domain.workers import initial_of, make_worker_id, matches_query, same_person, search_key

DEFAULT_STATUS = "active"  # what the server assumes when a worker is created without a status
MAX_HOURLY_RATE = 10_000.0  # the server refuses more; a typo such as 185000 is caught before saving
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# ------------------------------------------------------------------------------------------------ searching
@dataclass(frozen=True)
class RosterFilter:
    """The list's search box and filters; an empty value means "any"."""

    query: str = ""
    status: str | None = None
    position: str | None = None
    employment_type: str | None = None

    @property
    def folded_query(self) -> str:
        return search_key(self.query)

    def matches(self, worker: Mapping[str, Any]) -> bool:
        """Same rule as the server's `q` (names and worker_id, accents and case folded) plus the three filters."""
        if self.folded_query and not matches_query(self.query, searchable_text(worker)):
            return False
        if self.status and (worker.get("status") or DEFAULT_STATUS) != self.status:
            return False
        if self.position and worker.get("position") != self.position:
            return False
        return not (self.employment_type and worker.get("employment_type") != self.employment_type)


def searchable_text(worker: Mapping[str, Any]) -> str:
    return f"{worker.get('first_name') or ''} {worker.get('last_name') or ''} {worker.get('worker_id') or ''}"


def full_name(worker: Mapping[str, Any]) -> str:
    return f"{worker.get('first_name') or ''} {worker.get('last_name') or ''}".strip()


def initials(first_name: str, last_name: str) -> str:
    """`JN` for José Núñez: the placeholder shown where a worker has no photo ("?" for a name without letters)."""
    letters = []
    for name in (first_name, last_name):
        try:
            letters.append(initial_of(name))
        except ValueError:
            continue
    return "".join(letters) or "?"


# ------------------------------------------------------------------------------------------------ the worker_id
def preview_worker_id(first_name: str, last_name: str, hire_date: date | None) -> str | None:
    """The id the server will give this person (initials + MMDD of the hire date), None until it can be formed."""
    if hire_date is None:
        return None
    try:
        return make_worker_id(first_name, last_name, hire_date)
    except ValueError:
        return None


class IdClash(StrEnum):
    FREE = "free"
    SAME_PERSON = "same_person"  # the server answers with the existing worker instead of a new one
    TAKEN = "taken"  # someone else has it: the server refuses the new worker


@dataclass(frozen=True)
class IdHolder:
    """Who goes by a worker_id in the roster this computer knows (cached or created here and not yet sent)."""

    worker_id: str
    first_name: str
    last_name: str
    hire_date: str | None = None
    entry_id: str | None = None  # the outbox entry when the holder was created here and is not confirmed yet

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def id_clash(first_name: str, last_name: str, holder: IdHolder | None) -> IdClash:
    if holder is None:
        return IdClash.FREE
    if same_person(holder.first_name, holder.last_name, first_name, last_name):
        return IdClash.SAME_PERSON
    return IdClash.TAKEN


# ------------------------------------------------------------------------------------------------ template options
@dataclass(frozen=True)
class OptionLists:
    """The values the company accepts for position, employment type, status and skills."""

    positions: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.positions or self.employment_types or self.statuses or self.skills)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OptionLists:
        """From the API model's dump (`positions`, `employment_types`, `statuses`, `skills`)."""
        return cls(
            positions=tuple(data.get("positions") or ()),
            employment_types=tuple(data.get("employment_types") or ()),
            statuses=tuple(data.get("statuses") or ()),
            skills=tuple(data.get("skills") or ()),
        )


def options_from_roster(workers: Iterable[Mapping[str, Any]]) -> OptionLists:
    """The values the cached roster uses: filters that still work when the options were never fetched."""
    positions: set[str] = set()
    kinds: set[str] = set()
    statuses: set[str] = set()
    skills: set[str] = set()
    for worker in workers:
        _add(positions, worker.get("position"))
        _add(kinds, worker.get("employment_type"))
        _add(statuses, worker.get("status"))
        for skill in worker.get("skills") or ():
            _add(skills, skill)
    return OptionLists(tuple(sorted(positions)), tuple(sorted(kinds)), tuple(sorted(statuses)), tuple(sorted(skills)))


def _add(values: set[str], value: object) -> None:
    if isinstance(value, str) and value:
        values.add(value)


def option_label(value: str) -> str:
    """`field_worker` -> `Field worker`: a readable form for an option the UI has no translation for."""
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------------------------ the create form
class FormProblem(StrEnum):
    NEGATIVE_RATE = "negative_rate"
    RATE_TOO_HIGH = "rate_too_high"
    RATE_NOT_A_NUMBER = "rate_not_a_number"
    BAD_EMAIL = "bad_email"


def parse_hourly_rate(text: str) -> float | None:
    """The hourly rate typed in the form (`18.5` or `18,5`), None when left empty; ValueError(FormProblem) else."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(FormProblem.RATE_NOT_A_NUMBER) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(FormProblem.RATE_NOT_A_NUMBER)
    if value < 0:
        raise ValueError(FormProblem.NEGATIVE_RATE)
    if value > MAX_HOURLY_RATE:
        raise ValueError(FormProblem.RATE_TOO_HIGH)
    return value


def email_looks_valid(text: str) -> bool:
    """Empty (no e-mail) or shaped like name@example.com, the check the server makes."""
    return not text.strip() or bool(_EMAIL.match(text.strip()))
