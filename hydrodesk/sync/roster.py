"""The roster's server-side extras: the company's template options, kept in the cache for offline use.

    found = await load_worker_options(office.store, office.engine.client)   # server, else cache, else roster
    found.options.positions, found.source, found.fetched_at

The roster itself is refreshed by `office.engine.refresher.workers(full=True)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.errors import ApiError
from hydrodesk.domain.roster import OptionLists, options_from_roster
from hydrodesk.store import roster
from hydrodesk.store.store import Store


class OptionsSource(StrEnum):
    SERVER = "server"  # just fetched
    CACHE = "cache"  # as fetched earlier (the server could not be asked, or was not)
    ROSTER = "roster"  # never fetched: the values the cached roster uses


@dataclass(frozen=True)
class LoadedOptions:
    options: OptionLists
    source: OptionsSource
    fetched_at: str | None = None  # UTC text, when the options came from the server (now or earlier)
    error: ApiError | None = None  # why the server's copy could not be fetched, when it was asked


async def load_worker_options(store: Store, client: HydrobitClient | None, *, fetch: bool = True) -> LoadedOptions:
    """The company's template options: fetched (and saved) when `fetch` and the server answers, else the cache."""
    error: ApiError | None = None
    if fetch and client is not None:
        try:
            fetched = await client.worker_options()
        except ApiError as problem:
            error = problem
        else:
            data = fetched.model_dump(mode="json")
            stamp = store.now()
            await store.write(roster.save_options, data, stamp)
            return LoadedOptions(OptionLists.from_json(data), OptionsSource.SERVER, stamp)
    cached = await store.read(roster.options)
    if cached is not None:
        options, fetched_at = cached
        return LoadedOptions(options, OptionsSource.CACHE, fetched_at, error)
    guessed = options_from_roster(await store.read(roster.all_cached_workers))
    return LoadedOptions(guessed, OptionsSource.ROSTER, None, error)
