"""A property: whatever happens — records made, syncs that work, syncs that fail in any way the network can fail,
crashes in the middle of a drain followed by a restart — no record is ever lost or counted twice.

Hypothesis drives a state machine against the real simulator (through the fault proxy); runs are bounded and
derandomized so the suite stays quick and repeatable.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from hydrodesk.domain.outbox import EntryKind, EntryState
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.engine import SyncEngine
from tests.sync_support import DEMO_USER, WORKER_ID, WORKER_NAME, fast_engine, make_client, open_server_session
from tests.tcp_proxy import Fault, TcpProxy

T = TypeVar("T")
FAULTS = [Fault.DROP_AFTER_COMMIT, Fault.SERVER_ERROR, Fault.RESET, Fault.GARBAGE]


@pytest.fixture(scope="module")
def simulator(sim_factory_session: Callable[..., Any]) -> Iterator[Any]:
    running = sim_factory_session()
    yield running
    running.stop()


class NoRecordLostOrDoubled(RuleBasedStateMachine):
    base_url: str = ""
    token: str = ""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="hydrodesk-machine-"))
        upstream = urlsplit(self.base_url)
        self.proxy = self.run(TcpProxy(upstream.hostname or "127.0.0.1", upstream.port or 80).start())
        self.direct = make_client(self.base_url, self.token)
        self.client = make_client(self.proxy.url, self.token, timeout=1.0)
        self.session = self.run(open_server_session(self.direct, "sector_004"))
        self.store = self.run(Store.open(self.folder / "farm.sqlite3"))
        self.engine = self.new_engine()
        self.made: list[str] = []

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    def new_engine(self) -> SyncEngine:
        return fast_engine(self.store, self.client, batch_size=7)

    # ------------------------------------------------------------------------------------------ rules
    @rule(count=st.integers(min_value=1, max_value=12))
    def enqueue(self, count: int) -> None:
        actions = OfficeActions(self.store, DEMO_USER)
        for _ in range(count):
            item = self.run(actions.record_units(self.session, WORKER_ID, WORKER_NAME, 1))
            self.made.append(item.idem_key)

    @rule()
    def sync_ok(self) -> None:
        self.proxy.clear()
        status = self.run(self.engine.sync_now())
        assert status.pending == 0
        assert status.needs_attention == 0
        self.check_server()

    @rule(fault=st.sampled_from(FAULTS), count=st.integers(min_value=1, max_value=3))
    def sync_fails(self, fault: Fault, count: int) -> None:
        self.proxy.plan(fault, path_contains="/records/bulk", count=count)
        self.run(self.engine.sync_now())
        self.proxy.clear()
        self.check_server()

    @rule(after_requests=st.integers(min_value=0, max_value=2))
    def crash_and_restart(self, after_requests: int) -> None:
        """Kill the app during a drain (after some bulk requests went out), as a crash would, then start again."""
        bulk_before = self.proxy.count("/records/bulk")
        drain = self.loop.create_task(self.engine.run_round(forced=True))

        async def crash_point() -> None:
            waiting = asyncio.ensure_future(self.proxy.wait_for_requests(bulk_before + after_requests, "/records/bulk"))
            await asyncio.wait({drain, waiting}, return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            drain.cancel()
            await asyncio.gather(drain, waiting, return_exceptions=True)

        self.run(crash_point())
        self.store.abandon()
        self.store = self.run(Store.open(self.folder / "farm.sqlite3"))
        self.engine = self.new_engine()
        self.check_server()

    # ------------------------------------------------------------------------------------------ properties
    @invariant()
    def every_record_made_is_in_the_outbox_once(self) -> None:
        kept = [item.idem_key for item in self.run(self.store.outbox_items(kinds=[EntryKind.CREATE_RECORD]))]
        assert sorted(kept) == sorted(self.made)

    def check_server(self) -> None:
        records = self.run(self.direct.list_session_records(self.session))
        events = [record.client_event_id for record in records]
        assert len(events) == len(set(events)), "a record was counted twice"
        assert set(events) <= set(self.made), "the server holds a record nobody made"

    def teardown(self) -> None:
        try:
            self.proxy.clear()
            status = self.run(self.engine.sync_now())
            assert (status.pending, status.needs_attention) == (0, 0)
            records = self.run(self.direct.list_session_records(self.session))
            assert sorted(record.client_event_id for record in records) == sorted(self.made)
            states = {item.state for item in self.run(self.store.outbox_items())}
            assert states <= {EntryState.DONE}
            self.run(self.direct.close_session(self.session))
        finally:
            self.run(self.store.close())
            self.run(self.client.aclose())
            self.run(self.direct.aclose())
            self.run(self.proxy.close())
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def test_no_record_is_ever_lost_or_counted_twice(simulator: Any) -> None:
    NoRecordLostOrDoubled.base_url = simulator.base_url
    NoRecordLostOrDoubled.token = simulator.token(DEMO_USER)
    run_state_machine_as_test(
        NoRecordLostOrDoubled,
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
