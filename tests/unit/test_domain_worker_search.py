"""Finding a worker as the supervisor types: accents and case aside, the exact badge first, the best matches next."""

from __future__ import annotations

from hydrodesk.domain.worker_search import Naming, WorkerChoice, WorkerFinder

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


def test_names_match_by_word_prefix_only_never_inside_a_word() -> None:
    finder = WorkerFinder(ROSTER)
    # "juan": Juan Hernández and María Juana Pérez have a word starting with it; Juárez does not match at all.
    assert ids(finder.find("juan")) == ["JH0412", "MJ0102"]
    # "ez" starts no word and no worker_id: nobody, although five names hold it.
    assert finder.find("ez") == []
    assert ids(finder.find("her")) == ["JH0412"]


def test_ids_match_by_prefix_only_and_a_number_is_never_a_worker() -> None:
    finder = WorkerFinder(
        [*ROSTER, WorkerChoice("CA0527", "Cristian Acosta"), WorkerChoice("AM0109", "Adriana Mendoza")]
    )
    # The slip of the issue: "5" found CA0527 by the 5 inside its id.
    for number in ("5", "05", "0527", "27", "3,5", "1.5", "5 7"):
        assert finder.find(number) == [], number
        assert finder.resolve(number).naming is Naming.NUMBER, number
    assert finder.find("S03") == []  # inside an id, not at its start
    assert ids(finder.find("am01")) == ["AM0109"]


def test_resolve_names_one_worker_only_when_nothing_else_matches() -> None:
    finder = WorkerFinder(ROSTER)
    one = finder.resolve("nunez")
    assert (one.naming, one.worker) == (Naming.ONE, ROSTER[1])
    several = finder.resolve("juan")
    assert several.naming is Naming.SEVERAL
    assert several.worker is None
    assert ids(list(several.matches)) == ["JH0412", "MJ0102"]
    # An exact worker_id names its worker even when other ids start with the same letters.
    assert finder.resolve("js0315").worker == ROSTER[0]
    assert finder.resolve("JS03").naming is Naming.SEVERAL
    assert finder.resolve("zz").naming is Naming.NO_ONE
    assert finder.resolve("  ").naming is Naming.EMPTY
    # Hyphenated names: each part starts a word.
    assert WorkerFinder([WorkerChoice("MR0101", "María-José Ruiz")]).resolve("jose").naming is Naming.ONE


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
    choice = WorkerChoice.from_worker(
        {"worker_id": "JN0315", "first_name": "José", "last_name": "Núñez", "photo_url": "https://x/p.jpg"}
    )
    assert (choice.name, choice.active, choice.pending) == ("José Núñez", True, False)
    assert choice.photo_url == "https://x/p.jpg"
    nameless = WorkerChoice.from_worker({"worker_id": "XX0101", "status": "terminated"}, pending=True)
    assert (nameless.name, nameless.active, nameless.pending) == ("XX0101", False, True)
