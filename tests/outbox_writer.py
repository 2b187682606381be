"""A stand-in for HydroDesk recording tallies while offline, for the kill -9 test.

    python tests/outbox_writer.py DB_PATH [--writers N]

Opens the profile's store, opens a session offline (prints `session <local id>`), then records units forever from
N concurrent tasks, printing `saved <clientEventId>` after each record is durably in the outbox: exactly what the
UI would show the user as saved. It never talks to a server. The test kills it with SIGKILL at a moment of its
choosing.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path

from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions

USER = "user_123456789"


async def main(db_path: Path, writers: int, opened_at: str) -> None:
    store = await Store.open(db_path)
    actions = OfficeActions(store, USER)
    session = await actions.open_session(
        "proj_123", "sector_003", "Lote B-1", opened_at=datetime.fromisoformat(opened_at)
    )
    sys.stdout.write(f"session {session.session_id}\n")
    sys.stdout.flush()

    async def record_forever(worker: int) -> None:
        units = 1 + worker
        while True:
            item = await actions.record_units(session.session_id, "JS0315", "John Smith", units)
            # Only now is the record safe; only now may the user be told so.
            sys.stdout.write(f"saved {item.idem_key}\n")
            sys.stdout.flush()

    await asyncio.gather(*(record_forever(worker) for worker in range(writers)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db_path", type=Path)
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--opened-at", required=True)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.db_path, arguments.writers, arguments.opened_at))
