"""The Qt-free status the UI observes: callbacks, awaiting a condition, and a stream of updates."""

from __future__ import annotations

import asyncio

import pytest

from hydrodesk.sync.status import ConnectionState, StatusHub, SyncStatus


def test_listeners_hear_the_current_status_then_each_change_once() -> None:
    hub = StatusHub()
    heard: list[SyncStatus] = []
    unsubscribe = hub.subscribe(heard.append)
    hub.update(state=ConnectionState.SYNCING, pending=3)
    hub.update(state=ConnectionState.SYNCING, pending=3)  # no change: no news
    hub.update(failed=1, conflicts=1, expired=1)
    unsubscribe()
    hub.update(pending=0)
    assert [status.pending for status in heard] == [0, 3, 3]
    assert heard[-1].needs_attention == 3


@pytest.mark.expect_errors("listener failed")
def test_a_broken_listener_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    hub = StatusHub()
    heard: list[int] = []

    def broken(_: SyncStatus) -> None:
        raise RuntimeError("a bug in a widget")

    hub.subscribe(broken, replay=False)
    hub.subscribe(lambda status: heard.append(status.pending), replay=False)
    hub.update(pending=2)
    assert heard == [2]
    assert "listener failed" in caplog.text


@pytest.mark.asyncio
async def test_waiting_for_a_condition_and_streaming_updates() -> None:
    hub = StatusHub()
    waiting = asyncio.ensure_future(hub.wait_for(lambda status: status.state is ConnectionState.ONLINE))
    stream = hub.updates()
    assert (await anext(stream)).state is ConnectionState.OFFLINE
    hub.update(state=ConnectionState.SYNCING)
    assert (await anext(stream)).state is ConnectionState.SYNCING
    assert not waiting.done()
    hub.update(state=ConnectionState.ONLINE, pending=0)
    async with asyncio.timeout(2):
        assert (await waiting).state is ConnectionState.ONLINE
    assert (await anext(stream)).state is ConnectionState.ONLINE
    await stream.aclose()
