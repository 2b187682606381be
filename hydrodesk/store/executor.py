"""The store's one database thread: every query runs there, one at a time, so the GUI thread never waits on disk.

SQLite allows one writer at a time anyway; a single thread serialises writes without lock contention and keeps
the connection (which is not thread-safe) on the thread that made it. Async callers await `call`; a job that is
running when its caller is cancelled still finishes (a commit is all or nothing either way).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from hydrodesk.domain.shutdown import ShuttingDown

P = ParamSpec("P")
T = TypeVar("T")


class StoreClosed(ShuttingDown, RuntimeError):
    """The store was closed: work that needs it ends (the sync engine and the UI's tasks stop quietly)."""


class DatabaseThread:
    def __init__(self, name: str = "hydrodesk-db") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._closed = False

    async def call(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.submit(work, *args, **kwargs)

    def submit(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> asyncio.Future[T]:
        """Queue `work` at once and return a future of its result. A task wrapping `call` would queue it only at
        the event loop's next turn, which a busy GUI thread can make tens of milliseconds later."""
        if self._closed:
            raise StoreClosed("the store is closed")
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self._pool, functools.partial(work, *args, **kwargs))

    def call_blocking(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """For code outside an event loop (scripts, the store's own open and close)."""
        if self._closed:
            raise StoreClosed("the store is closed")
        return self._pool.submit(work, *args, **kwargs).result()

    async def call_last(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `work` after what is queued already, refuse whatever is asked for after it, then stop the thread.

        For the store's close: a job queued behind the close would find the connection closed and open another
        (never closed: a leak)."""
        last = self.submit(work, *args, **kwargs)
        self._closed = True
        try:
            return await last
        finally:
            self._pool.shutdown(wait=True)

    def call_blocking_last(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`call_last` for code outside an event loop."""
        if self._closed:
            raise StoreClosed("the store is closed")
        self._closed = True
        try:
            return self._pool.submit(work, *args, **kwargs).result()
        finally:
            self._pool.shutdown(wait=True)

    @property
    def closed(self) -> bool:
        return self._closed

    def shutdown(self) -> None:
        """Wait for queued work to finish, then stop the thread."""
        self._closed = True
        self._pool.shutdown(wait=True)
