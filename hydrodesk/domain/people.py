"""Who is who: the names of a company's people by their account id (the `auth0Id` sessions carry as their owner).

No operation lists a company's people, but their names come with replies the office fetches anyway: a harvest
session names its `responsible`, a phytosanitary record its `user_name`. What those replies said is kept and
merged (a newer name wins); anyone never named in them is shown by account id, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

PeopleNames = Mapping[str, str]
"""auth0Id -> the person's name."""


def names_from(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """(account id, name) pairs as a directory, leaving out pairs that lack either (later pairs win)."""
    names: dict[str, str] = {}
    for auth0_id, name in pairs:
        account, shown = (auth0_id or "").strip(), " ".join((name or "").split())
        if account and shown:
            names[account] = shown
    return names


def person_text(auth0_id: str | None, names: PeopleNames) -> str:
    """The person's name when known, else their account id (never empty for a known id)."""
    account = (auth0_id or "").strip()
    return names.get(account) or account
