"""One HydroDesk at a time per profile database.

Two instances draining the same outbox would each send every entry; record creates would be harmless (the server
deduplicates them) but form submissions and session opens are not idempotent on the server. An OS file lock, held
for as long as the store is open, keeps a second instance out. The OS drops it when the process dies, however it
dies, so a crash never leaves the profile locked.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO


class StoreInUse(RuntimeError):
    """Another HydroDesk process has this profile's database open."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is in use by another HydroDesk window; close it first")
        self.path = path


class ProfileLock:
    def __init__(self, database_path: Path) -> None:
        self.database = database_path  # what the lock keeps to one process (StoreInUse names it)
        self.path = database_path.with_name(database_path.name + ".lock")
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the life of the store
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise StoreInUse(self.database) from None
        self._handle = handle

    @classmethod
    def is_held(cls, database_path: Path) -> bool:
        """Does a HydroDesk hold this database now? A probe: the lock taken and dropped at once (a store opening
        the file in that instant is refused, and says so). Creates nothing; a lock file nobody made is not held."""
        try:
            handle = open(cls(database_path).path, "r+b")  # noqa: SIM115
        except OSError:
            return False
        with handle:
            try:
                _lock(handle)
            except OSError:
                return True
            _unlock(handle)
            return False

    def release(self) -> None:
        if self._handle is not None:
            # Unlocked before it is closed: Windows drops a closed file's locks only "when resources allow", and
            # the same account opened again at once (signing out and in) would find its own lock still held.
            _unlock(self._handle)
            self._handle.close()
            self._handle = None


if sys.platform == "win32":  # (not os.name: a type checker follows only sys.platform)
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
