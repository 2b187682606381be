"""The UI's background coroutines, kept in one place so shutdown can cancel every one of them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from hydrodesk.domain.shutdown import ShuttingDown

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Starts coroutines on the running (qasync) loop and remembers them until they finish."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False
        # Told of every task that failed with an exception nobody caught (the crash guard shows and saves it).
        self.failure_listener: Callable[[str, BaseException], None] | None = None

    def spawn(self, coroutine: Coroutine[Any, Any, Any], *, name: str | None = None) -> asyncio.Task[Any]:
        import asyncio  # not at the top: the window is painted before asyncio is first needed

        if self._closed:
            coroutine.close()
            raise ShuttingDown("the application is shutting down")
        task = asyncio.get_event_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def spawn_if_open(self, coroutine: Coroutine[Any, Any, Any], *, name: str) -> asyncio.Task[Any] | None:
        """spawn(), or None once the application is shutting down (the coroutine is closed, never started): for
        the panes' background reloads, which have nothing left to show by then."""
        try:
            return self.spawn(coroutine, name=name)
        except ShuttingDown:
            log.debug("not started: %s (the application is shutting down)", name)
            return None

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            assert error is not None
            if isinstance(error, ShuttingDown):  # what it needed has closed (the app is closing): not a failure
                log.info("background task %s stopped: %s", task.get_name(), error)
                return
            # A UI task has no caller to raise to: make the failure visible instead of losing it.
            if self.failure_listener is not None:
                self.failure_listener(task.get_name(), error)
            else:
                log.error("background task %s failed", task.get_name(), exc_info=error)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every running task and wait until each has finished unwinding."""
        import asyncio

        self._closed = True
        tasks = [task for task in self._tasks if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
