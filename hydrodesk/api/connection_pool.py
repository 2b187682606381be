"""httpx's HTTP transport, with a connection pool that closes every connection it lets go of, even when the task
whose request let go of them is cancelled.

httpcore removes expired connections from its pool, then closes them one by one inside an anyio shield. The shield
holds against anyio's own cancel scopes, not against `task.cancel()`, which is how HydroDesk stops work (a pane
superseding its reload, the shutdown). A cancel landing on the first close left the others out of the pool and
open: their sockets waited for the garbage collector (found by test_irrigation_offline under load: three sockets
to the server per leak).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpcore
import httpx

if TYPE_CHECKING:
    from httpcore import AsyncConnectionInterface


class CancelSafePool(httpcore.AsyncConnectionPool):
    async def _close_connections(self, closing: list[AsyncConnectionInterface]) -> None:
        first_error: BaseException | None = None
        for connection in closing:
            try:
                # Its socket is let go of before the first await (abort), so a second cancel cannot leave it open.
                await connection.aclose()
            except BaseException as error:  # re-raised below, once every connection is closed
                first_error = first_error or error
        if first_error is not None:
            raise first_error


class CancelSafeTransport(httpx.AsyncHTTPTransport):
    """httpx.AsyncHTTPTransport (same arguments) over a CancelSafePool."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # The pool httpx built, with its settings, made a CancelSafePool (it only adds a method override). A
        # proxy's pool is another class and is left as it is.
        if type(self._pool) is httpcore.AsyncConnectionPool:
            self._pool.__class__ = CancelSafePool
