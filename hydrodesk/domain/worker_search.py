"""Finding a worker from what a supervisor types (or a badge scanner sends) in the tally entry row.

Pure Python, no I/O. "JS03", "juan" and "nunez" must all find their worker at once, whatever the accents and case:
every comparison uses `search_key` (hydrodesk.domain.workers), the same folding as the roster's `q` search.

A tally recorded for the wrong worker is a payroll error, so matching is deliberately narrow: a worker matches when
their worker_id starts with the query, or when every word of the query starts a word of their name. Never a match
inside a word: `5` must not find `CA0527` by the 5 inside its id, and a query that is only digits finds no one at
all (it is units, see hydrodesk.domain.tally_entry_text). The finder ranks: the exact worker_id first (a scanned
badge), then worker_ids that start with the query, then names; active workers before the others. `resolve` says
whether the text names exactly one worker, which is the only case where Enter may record.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hydrodesk.domain.workers import search_key

DEFAULT_LIMIT = 8

# Ranks, best first.
EXACT_ID, ID_PREFIX, NAME_WORD = range(3)


@dataclass(frozen=True)
class WorkerChoice:
    """One worker the entry row can record for."""

    worker_id: str
    name: str
    status: str | None = None
    pending: bool = False  # created on this computer and not on the server yet
    photo_url: str | None = field(default=None, compare=False)
    id_key: str = field(default="", compare=False, repr=False)
    name_key: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        # Folded once, when the roster is loaded, not on every keystroke.
        object.__setattr__(self, "id_key", search_key(self.worker_id))
        object.__setattr__(self, "name_key", search_key(self.name))

    @property
    def active(self) -> bool:
        return self.status in (None, "active")

    @classmethod
    def from_worker(cls, data: Mapping[str, Any], *, pending: bool = False) -> WorkerChoice:
        """From a worker as the store gives it (API attribute names)."""
        name = f"{data.get('first_name') or ''} {data.get('last_name') or ''}".strip() or data["worker_id"]
        return cls(
            worker_id=data["worker_id"],
            name=name,
            status=data.get("status"),
            pending=pending,
            photo_url=data.get("photo_url") or None,
        )


class WorkerFinder:
    """The roster of one office, searchable as the user types."""

    def __init__(self, workers: Iterable[WorkerChoice] = ()) -> None:
        self._workers: list[WorkerChoice] = []
        self._by_id: dict[str, WorkerChoice] = {}
        for worker in workers:
            if worker.id_key in self._by_id:
                continue  # a worker both pending and confirmed: the first listed (the store lists pending first)
            self._by_id[worker.id_key] = worker
            self._workers.append(worker)

    def __len__(self) -> int:
        return len(self._workers)

    def exact(self, text: str) -> WorkerChoice | None:
        """The worker whose worker_id is `text` (case and surrounding spaces ignored), as a badge scan gives it."""
        return self._by_id.get(search_key(text))

    def find(self, query: str, limit: int | None = DEFAULT_LIMIT) -> list[WorkerChoice]:
        """The best `limit` matches for `query` (all of them with None), best first; nothing for an empty query
        or a number."""
        needle = search_key(query)
        if not needle or _is_numeric(needle):
            return []
        words = needle.split(" ")
        ranked: list[tuple[int, bool, str, str, WorkerChoice]] = []
        for worker in self._workers:
            rank = _rank(worker, needle, words)
            if rank is not None:
                ranked.append((rank, not worker.active, worker.name_key, worker.id_key, worker))
        ranked.sort(key=lambda item: item[:4])
        return [item[-1] for item in ranked[:limit]]

    def resolve(self, query: str) -> Resolution:
        """Whom `query` names: one worker, several, or no one (a number names no one)."""
        needle = search_key(query)
        if not needle:
            return Resolution(Naming.EMPTY)
        if _is_numeric(needle):
            return Resolution(Naming.NUMBER)
        exact = self.exact(query)
        if exact is not None:
            return Resolution(Naming.ONE, exact, (exact,))
        matches = tuple(self.find(query, limit=None))
        if not matches:
            return Resolution(Naming.NO_ONE)
        if len(matches) == 1:
            return Resolution(Naming.ONE, matches[0], matches)
        return Resolution(Naming.SEVERAL, None, matches)


class Naming(enum.Enum):
    EMPTY = "empty"
    NUMBER = "number"  # digits only: units, never a worker
    NO_ONE = "no_one"
    ONE = "one"
    SEVERAL = "several"  # ambiguous: Enter must not pick one


@dataclass(frozen=True)
class Resolution:
    naming: Naming
    worker: WorkerChoice | None = None
    matches: tuple[WorkerChoice, ...] = ()


def _is_numeric(needle: str) -> bool:
    return all(char.isdigit() or char in " .,*×" for char in needle)


def _rank(worker: WorkerChoice, needle: str, words: list[str]) -> int | None:
    if worker.id_key == needle:
        return EXACT_ID
    if worker.id_key.startswith(needle):
        return ID_PREFIX
    name_words = worker.name_key.replace("-", " ").split(" ")  # María-José: "jose" starts a word too
    if all(any(part.startswith(word) for part in name_words) for word in words):
        return NAME_WORD
    return None
