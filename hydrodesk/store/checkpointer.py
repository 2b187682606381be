"""Folding the WAL back into the database file in the background, so no user's commit waits for it.

SQLite's own automatic checkpoint runs inside whichever commit makes the WAL pass 1,000 pages: now and then the
tally a user just typed waited for a few megabytes of pages to be copied and the database file fsynced, the long
tail of entry latency. The store turns it off (`wal_autocheckpoint=0`, see database.py) and this thread does the
work instead, on a connection of its own: every CHECK_EVERY_S, when something was committed, a PASSIVE checkpoint, which
copies what no reader still needs and never waits for (or blocks) the database thread's writers.

Durability does not depend on it: every durable commit is fsynced into the WAL (synchronous=FULL), and SQLite
replays the WAL at the next open if the process dies before a checkpoint. The checkpoint only keeps the WAL short
(reads stay fast, the file on disk stays complete); with synchronous=FULL on this connection too, the database
file is fsynced before the WAL is reused. The store's close still folds everything in (TRUNCATE).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

CHECK_EVERY_S = 1.0  # a tally a second, in a busy office, adds a few pages; a second's WAL is a cheap checkpoint
BUSY_TIMEOUT_MS = 5000


class WalCheckpointer:
    """A daemon thread that checkpoints `path`'s WAL now and then; `stop()` ends it and closes its connection."""

    def __init__(self, path: Path, *, every_s: float = CHECK_EVERY_S) -> None:
        self.path = path
        self.every_s = every_s
        self.checkpoints = 0  # how many checkpoints copied something (for tests and diagnostics)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hydrodesk-checkpoint", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop and wait for a checkpoint under way (a passive one is short: it never waits for writers)."""
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as error:
            log.warning("the background checkpoint could not open %s: %s", self.path.name, error)
            return
        try:
            connection.execute("PRAGMA synchronous=FULL")  # fsync the database file before the WAL is reused
            connection.execute("PRAGMA wal_autocheckpoint=0")
            seen = None
            while not self._stopping.wait(self.every_s):
                # data_version changes whenever another connection (the database thread's) has committed.
                try:
                    (version,) = connection.execute("PRAGMA data_version").fetchone()
                except sqlite3.Error as error:
                    log.warning("background checkpoint of %s could not look: %s", self.path.name, error)
                    continue
                if version == seen:
                    continue  # nothing committed since the last look
                seen = version
                self._checkpoint(connection)
        finally:
            connection.close()

    def _checkpoint(self, connection: sqlite3.Connection) -> None:
        try:
            busy, _logged, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as error:
            # Harmless for the data (the WAL keeps every commit); the next look tries again.
            log.warning("background checkpoint of %s failed: %s", self.path.name, error)
            return
        if copied > 0 and not busy:
            self.checkpoints += 1
