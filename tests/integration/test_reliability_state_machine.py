"""A property: whatever happens — records made, syncs that work, syncs that fail in any way the network can fail,
an office killed with SIGKILL in the middle of a drain (its request hung, stalled or answered) or in the middle of
saving records, then started again on the same cache — no record is ever lost or counted twice.

Hypothesis drives a state machine against the real simulator (through the fault proxy); the office runs in a child
process (tests/machine_office.py), so a crash is a real one: no flush, no checkpoint, whatever was in flight stops.
The run is random, not derandomized: its seed comes from the run's seed (printed in pytest's header and below;
HYDRODESK_TEST_SEED replays it), and a failure Hypothesis finds is kept in its example database (.hypothesis/),
replayed first by the next run on that machine; its printed steps then become a plain test in this file, so every
machine replays it. None has been found in the first runs since the crashes became real.
Shrinking is off: a real process, a real network and a real clock make a failure replay only roughly, and the
suite's time stays bounded: up to ten runs of up to twelve steps, and no run starts after TIME_BUDGET_S.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, Phase, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from hydrodesk.api.client import HydrobitClient
from tests.machine_office import OfficeProcess, Zygote
from tests.seeds import seeded
from tests.sync_support import DEMO_USER, make_client, open_server_session
from tests.tcp_proxy import Fault, TcpProxy

T = TypeVar("T")
# Faults of a sync the office lives through (none of them needs a client timeout to fire).
FAULTS = [Fault.DROP_AFTER_COMMIT, Fault.SERVER_ERROR, Fault.RESET, Fault.GARBAGE]
# What the request in flight meets when the office is killed: nothing, a hang (never answered), a stall (the
# server gets it after the office died) or an answer dropped after the server committed.
CRASH_FAULTS = [None, Fault.HANG, Fault.STALL, Fault.DROP_AFTER_COMMIT]
BULK = "/records/bulk"
# Up to ten runs of up to twelve steps, none started after this many seconds (the one running then finishes).
TIME_BUDGET_S = 30.0


@pytest.fixture(scope="module")
def simulator(sim_factory_session: Callable[..., Any]) -> Iterator[Any]:
    running = sim_factory_session()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    started = Zygote()
    yield started
    started.close()


class NoRecordLostOrDoubled(RuleBasedStateMachine):
    base_url: str = ""
    token: str = ""
    zygote: Zygote
    budget_ends: float = 0.0  # time.monotonic() after which no new run starts

    def __init__(self) -> None:
        super().__init__()
        # A loaded machine gets fewer runs, not a longer suite: a run that would start past the budget does nothing
        # (its steps are still drawn, so Hypothesis sees the same choices either way).
        self.idle = time.monotonic() >= self.budget_ends
        if self.idle:
            return
        self.loop = asyncio.new_event_loop()
        # A short folder: a Unix socket's path must fit in 108 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="hd-machine-"))
        upstream = urlsplit(self.base_url)
        # A stall outlives the kill that follows it, not the test: the server gets the request a moment later.
        proxy = TcpProxy(upstream.hostname or "127.0.0.1", upstream.port or 80, stall_s=0.3)
        self.proxy = self.run(proxy.start())
        self.direct: HydrobitClient = make_client(self.base_url, self.token)
        self.session = self.run(open_server_session(self.direct, "sector_004"))
        self.made: list[str] = []  # every record the office told its user was saved (or that it kept anyway)
        self.lives = 0
        self.office = self.run(self.start_office())

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    async def start_office(self) -> OfficeProcess:
        self.lives += 1
        return await OfficeProcess.start(
            self.zygote, self.folder / "office.sock", self.folder / "farm.sqlite3", self.proxy.url, self.token
        )

    # ------------------------------------------------------------------------------------------ rules
    @rule(count=st.integers(min_value=1, max_value=12))
    def enqueue(self, count: int) -> None:
        if self.idle:
            return
        self.made += self.run(self.record(count))

    async def record(self, count: int, stop_after: int | None = None) -> list[str]:
        """Record `count` units; with `stop_after`, only until that many were confirmed (the caller kills then)."""
        await self.office.send(op="record", session=self.session, count=count)
        saved: list[str] = []
        while stop_after is None or len(saved) < stop_after:
            answer = await self.office.answer()
            if answer.get("done"):
                break
            saved.append(answer["saved"])
        return saved

    @rule()
    def sync_ok(self) -> None:
        if self.idle:
            return
        self.proxy.clear()
        status = self.run(self.office.call(op="sync"))
        assert (status["pending"], status["needs_attention"]) == (0, 0)
        self.check_server()

    @rule(fault=st.sampled_from(FAULTS), count=st.integers(min_value=1, max_value=3))
    def sync_fails(self, fault: Fault, count: int) -> None:
        if self.idle:
            return
        self.proxy.plan(fault, path_contains=BULK, count=count)
        self.run(self.office.call(op="sync"))
        self.proxy.clear()
        self.check_server()

    @rule(after_requests=st.integers(min_value=0, max_value=2), fault=st.sampled_from(CRASH_FAULTS))
    def killed_while_draining(self, after_requests: int, fault: Fault | None) -> None:
        """SIGKILL once `after_requests` more bulk requests reached the proxy (the last of them meeting `fault`),
        or when the drain ends first; then the office starts again on the same cache."""
        if self.idle:
            return
        before = self.proxy.count(BULK)

        async def kill_mid_drain() -> None:
            await self.office.send(op="drain")
            drained = asyncio.ensure_future(self.office.answer())
            if after_requests > 0:
                await self.first(drained, self.proxy.wait_for_requests(before + after_requests - 1, BULK))
                # Planned once the request before it arrived (its fault was taken then): only the last one meets it.
                if fault is not None:
                    self.proxy.plan(fault, path_contains=BULK)
                await self.first(drained, self.proxy.wait_for_requests(before + after_requests, BULK))
            drained.cancel()  # stop listening for its answer (its drain carries on until the kill)
            await asyncio.gather(drained, return_exceptions=True)
            await self.office.kill()

        self.run(kill_mid_drain())
        self.proxy.clear()
        self.restart()

    @rule(count=st.integers(min_value=2, max_value=12), data=st.data())
    def killed_while_saving(self, count: int, data: st.DataObject) -> None:
        """SIGKILL after some of a burst of records were confirmed: every confirmed one survives the crash."""
        confirmed = data.draw(st.integers(min_value=0, max_value=count - 1), label="killed after confirming")
        if self.idle:
            return

        async def kill_mid_save() -> list[str]:
            saved = await self.record(count, stop_after=confirmed)
            # The office carried on saving while the test read; what it confirmed up to its death counts too.
            unread = await self.office.kill()
            return saved + [answer["saved"] for answer in unread if "saved" in answer]

        saved = self.run(kill_mid_save())
        self.made += saved
        self.restart()
        kept = self.outbox_keys()
        unconfirmed = set(kept) - set(self.made)
        # The record being saved at the kill may have been committed without its user being told: it is kept (and
        # will be sent). Nothing else may appear, and nothing confirmed may vanish (the invariant checks that).
        assert len(unconfirmed) <= 1, f"records nobody made appeared after the crash: {sorted(unconfirmed)}"
        self.made += sorted(unconfirmed)

    @staticmethod
    async def first(drained: asyncio.Future[Any], arrival: Coroutine[Any, Any, None]) -> None:
        """Until `arrival` happens or the drain ends (the drain itself is left running)."""
        arrived = asyncio.ensure_future(arrival)
        await asyncio.wait({drained, arrived}, return_when=asyncio.FIRST_COMPLETED)
        arrived.cancel()
        await asyncio.gather(arrived, return_exceptions=True)

    def restart(self) -> None:
        self.office = self.run(self.start_office())
        self.check_server()

    # ------------------------------------------------------------------------------------------ properties
    def outbox_keys(self) -> list[str]:
        return [key for key, _state in self.run(self.office.call(op="outbox"))["records"]]

    @invariant()
    def every_record_made_is_in_the_outbox_once(self) -> None:
        if self.idle:
            return
        assert sorted(self.outbox_keys()) == sorted(self.made)

    def check_server(self) -> None:
        records = self.run(self.direct.list_session_records(self.session))
        events = [record.client_event_id for record in records]
        assert len(events) == len(set(events)), "a record was counted twice"
        assert set(events) <= set(self.made), "the server holds a record nobody made"

    def teardown(self) -> None:
        if self.idle:
            return
        try:
            self.proxy.clear()
            status = self.run(self.office.call(op="sync"))
            assert (status["pending"], status["needs_attention"]) == (0, 0)
            records = self.run(self.direct.list_session_records(self.session))
            assert sorted(record.client_event_id for record in records) == sorted(self.made)
            states = {state for _key, state in self.run(self.office.call(op="outbox"))["records"]}
            assert states <= {"done"}
            self.run(self.direct.close_session(self.session))
        finally:
            self.run(self.office.close())
            self.run(self.direct.aclose())
            self.run(self.proxy.close())
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def test_no_record_is_ever_lost_or_counted_twice(simulator: Any, zygote: Zygote) -> None:
    NoRecordLostOrDoubled.base_url = simulator.base_url
    NoRecordLostOrDoubled.token = simulator.token(DEMO_USER)
    NoRecordLostOrDoubled.zygote = zygote
    NoRecordLostOrDoubled.budget_ends = time.monotonic() + TIME_BUDGET_S
    machine_seed = seeded("reliability state machine").randrange(2**32)
    print(f"state machine seed {machine_seed} (from the run's seed: HYDRODESK_TEST_SEED replays it)")  # noqa: T201
    run_state_machine_as_test(
        seed(machine_seed)(NoRecordLostOrDoubled),
        settings=settings(
            max_examples=10,
            stateful_step_count=12,
            deadline=None,
            print_blob=True,
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
