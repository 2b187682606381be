"""People's names by account id: learnt from the replies that carry them, merged, and shown instead of the id."""

from __future__ import annotations

from pathlib import Path

import pytest

from hydrodesk.domain.people import names_from, person_text
from hydrodesk.store import cache
from hydrodesk.store.store import Store


def test_pairs_lacking_an_id_or_a_name_are_left_out_and_later_names_win() -> None:
    names = names_from(
        [
            ("user_1", "Rosa  Hernández "),
            ("user_2", ""),
            (None, "Nadie"),
            ("user_3", None),
            ("user_1", "Rosa Hernández de la Cruz"),
        ]
    )
    assert names == {"user_1": "Rosa Hernández de la Cruz"}


def test_a_person_is_shown_by_name_when_known_else_by_account_id() -> None:
    names = {"user_1": "Rosa Hernández"}
    assert person_text("user_1", names) == "Rosa Hernández"
    assert person_text("user_2", names) == "user_2"
    assert person_text(None, names) == ""


@pytest.mark.asyncio
async def test_names_learnt_later_are_merged_with_those_known(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "farm.sqlite3")
    try:
        assert await store.people_names() == {}
        await store.write(cache.save_people, {"user_1": "Rosa", "user_2": "Jorge Medina"}, "2026-12-04T08:00:00Z")
        await store.write(cache.save_people, {"user_1": "Rosa Hernández"}, "2026-12-04T09:00:00Z")
        await store.write(cache.save_people, {}, "2026-12-04T10:00:00Z")  # nothing learnt: nothing forgotten
        assert await store.people_names() == {"user_1": "Rosa Hernández", "user_2": "Jorge Medina"}
    finally:
        await store.close()
