"""How work learns that it is to stop, and how a bug in HydroDesk's own code is told apart from a bad day outside.

`ShuttingDown` is raised by whatever can no longer serve (a closed store, a component asked to stop) and handled
by every spawner (the sync engine, the store's group commit, the UI's background tasks): the work ends quietly,
nothing is reported as a failure, nothing queued is lost (the outbox keeps it for the next start).

`is_client_bug` names the exceptions that only a mistake in our own code raises (a TypeError, a KeyError...).
The sync engine reports those as an internal error and parks the outbox entry concerned instead of filing the
failure as the server's and retrying it forever.
"""

from __future__ import annotations

# Raised by our code's mistakes, never by the network, the server or the disk (those raise ApiError, OSError,
# sqlite3 errors, TimeoutError...). ValueError is one too: validation errors are handled before this is asked.
_BUG_TYPES: tuple[type[BaseException], ...] = (
    TypeError,
    AttributeError,
    LookupError,  # KeyError, IndexError
    NameError,
    AssertionError,
    ArithmeticError,
    NotImplementedError,
    RecursionError,
    ValueError,
)


class ShuttingDown(Exception):
    """The work was asked to stop, or something it needs has closed: end quietly; this is not a failure."""


def is_client_bug(error: BaseException) -> bool:
    """Whether `error` can only come from a mistake in HydroDesk's own code."""
    return isinstance(error, _BUG_TYPES) and not isinstance(error, ShuttingDown)
