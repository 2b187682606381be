"""kill -9 while recording offline: every record the user was told was saved is in the outbox after a restart, and
after sync the server holds each of them exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.store import Store
from tests.sync_support import DEMO_USER, fast_engine, fresh_day, make_client, server_events

WRITER = Path(__file__).resolve().parents[1] / "outbox_writer.py"
CONFIRMED_BEFORE_KILL = 400


@pytest.fixture(scope="module")
def simulator(sim_factory_session: Callable[..., Any]) -> Iterator[Any]:
    running = sim_factory_session()
    yield running
    running.stop()


def record_until_killed(db_path: Path) -> tuple[str, list[str]]:
    """Run the writer (4 concurrent tasks recording), kill -9 it mid-stream; what it had confirmed by then."""
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path), "--writers", "4", "--opened-at", fresh_day().isoformat()],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert writer.stdout is not None
    session, saved = "", []
    try:
        for line in writer.stdout:
            if line.startswith("session "):
                session = line.split()[1]
            elif line.startswith("saved "):
                saved.append(line.split()[1])
            if len(saved) >= CONFIRMED_BEFORE_KILL:
                break
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        # Lines already in the pipe were confirmed before the kill too; a torn last line was not.
        saved += [line.split()[1] for line in writer.stdout.read().splitlines(keepends=True) if line.endswith("\n")]
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(10)
        writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    return session, saved


@pytest.mark.asyncio
async def test_records_confirmed_before_a_kill_are_kept_and_reach_the_server_once(
    tmp_path: Path, simulator: Any
) -> None:
    db_path = tmp_path / "farm.sqlite3"
    local_session, confirmed = record_until_killed(db_path)
    assert local_session.startswith("local-")
    assert len(confirmed) >= CONFIRMED_BEFORE_KILL

    store = await Store.open(db_path)  # the killed process's lock went with it
    try:
        records = await store.outbox_items(kinds=[EntryKind.CREATE_RECORD])
        kept = [item.idem_key for item in records]
        assert set(confirmed) <= set(kept)  # nothing the user saw as saved is missing
        assert len(kept) == len(set(kept))
        assert all(item.state is EntryState.QUEUED for item in records)

        async with make_client(simulator.base_url, simulator.token(DEMO_USER)) as client:
            status = await fast_engine(store, client).sync_now()
            assert (status.pending, status.needs_attention) == (0, 0)
            server_session = await store.resolve_session(local_session)
            assert server_session != local_session
            # Exactly the records in the outbox (those confirmed, plus any committed just before the kill), once each.
            assert await server_events(client, server_session) == dict.fromkeys(kept, 1)
    finally:
        await store.close()
