"""Finding a worker as the supervisor types: accents and case aside, the exact badge first, the best matches next."""

from __future__ import annotations

from hydrodesk.domain.worker_search import WorkerChoice, WorkerFinder

ROSTER = [
    WorkerChoice("JS0315", "John Smith"),
    WorkerChoice("JN0315", "José Núñez"),
    WorkerChoice("JH0412", "Juan Hernández"),
    WorkerChoice("JS0301", "Jesús Sánchez", status="inactive"),
    WorkerChoice("MJ0102", "María Juana Pérez"),
    WorkerChoice("AJ0909", "Andrés Juárez"),
    WorkerChoice("BO0101", "Begoña Ocaña"),
]


def ids(choices: list[WorkerChoice]) -> list[str]:
    return [choice.worker_id for choice in choices]


def test_names_match_without_accents_or_case() -> None:
    finder = WorkerFinder(ROSTER)
    assert ids(finder.find("nunez")) == ["JN0315"]
    assert ids(finder.find("NÚÑEZ")) == ["JN0315"]
    assert ids(finder.find("ocana")) == ["BO0101"]
    assert ids(finder.find("jose nun")) == ["JN0315"]


def test_a_worker_id_prefix_comes_before_names_and_active_workers_first() -> None:
    finder = WorkerFinder(ROSTER)
    # JS0315 and JS0301 both start with JS03; the inactive one comes last.
    assert ids(finder.find("JS03")) == ["JS0315", "JS0301"]
    assert ids(finder.find("js0315")) == ["JS0315"]


def test_a_name_word_starting_with_the_query_beats_a_match_inside_a_word() -> None:
    finder = WorkerFinder(ROSTER)
    # "juan": Juan Hernández and María Juana Pérez have a word starting with it; Juárez does not match at all.
    assert ids(finder.find("juan")) == ["JH0412", "MJ0102"]
    # "ez" starts no word: every name holding it matches, by name, the inactive worker last.
    assert ids(finder.find("ez")) == ["AJ0909", "JN0315", "JH0412", "MJ0102", "JS0301"]


def test_exact_is_a_whole_worker_id_only() -> None:
    finder = WorkerFinder(ROSTER)
    assert finder.exact(" js0315 ") == ROSTER[0]
    assert finder.exact("JS03") is None
    assert finder.exact("John Smith") is None


def test_empty_queries_find_nothing_and_the_limit_holds() -> None:
    finder = WorkerFinder(ROSTER)
    assert finder.find("") == []
    assert finder.find("   ") == []
    assert len(finder.find("j", limit=2)) == 2


def test_a_worker_listed_twice_is_offered_once() -> None:
    pending = WorkerChoice("JS0315", "John Smith", pending=True)
    finder = WorkerFinder([pending, *ROSTER])
    assert len(finder) == len(ROSTER)
    assert finder.exact("JS0315") is pending


def test_workers_from_the_store() -> None:
    choice = WorkerChoice.from_worker({"worker_id": "JN0315", "first_name": "José", "last_name": "Núñez"})
    assert (choice.name, choice.active, choice.pending) == ("José Núñez", True, False)
    nameless = WorkerChoice.from_worker({"worker_id": "XX0101", "status": "terminated"}, pending=True)
    assert (nameless.name, nameless.active, nameless.pending) == ("XX0101", False, True)
