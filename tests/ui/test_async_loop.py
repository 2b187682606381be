"""asyncio's task machinery on the app's qasync loop (attached to the running Qt loop, as hydrodesk.ui.runtime does).

Python releases change how tasks are entered, stepped and tracked (3.14 did, and qasync 0.28 fails there with "loop
... is not the running loop": README, "Supported Pythons"). These tests pin what the app relies on, so a new Python
is judged by them before `requires-python` admits it.
"""

from __future__ import annotations

import asyncio
import threading

from pytestqt.qtbot import QtBot

from hydrodesk.ui.tasks import BackgroundTasks

from .conftest import run_async


def test_a_task_steps_as_the_current_task_of_the_running_loop(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    seen: list[str] = []

    async def child() -> str:
        me = asyncio.current_task()
        await asyncio.sleep(0)  # stepped again from a Qt timer: still this task, on this loop
        assert asyncio.current_task() is me
        assert asyncio.get_running_loop() is qloop
        return "child"

    async def parent() -> list[str]:
        me = asyncio.current_task()
        assert me is not None
        assert me in asyncio.all_tasks()
        assert asyncio.get_running_loop() is qloop
        task = asyncio.create_task(child(), name="child")
        assert task in asyncio.all_tasks()
        seen.append(await task)
        assert asyncio.current_task() is me  # back in the parent after the child's steps
        results = await asyncio.gather(child(), child())
        seen.extend(results)
        return seen

    assert run_async(qtbot, parent()) == ["child", "child", "child"]


def test_threads_wake_waiting_tasks(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    async def scenario() -> tuple[int, str]:
        loop = asyncio.get_running_loop()
        from_executor = await loop.run_in_executor(None, sum, [1, 2, 3])
        waiting: asyncio.Future[str] = loop.create_future()
        worker = threading.Thread(target=lambda: loop.call_soon_threadsafe(waiting.set_result, "from a thread"))
        worker.start()
        try:
            return from_executor, await asyncio.wait_for(waiting, timeout=5)
        finally:
            worker.join()

    assert run_async(qtbot, scenario()) == (6, "from a thread")


def test_timeouts_and_cancellation_unwind_tasks(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    unwound: list[str] = []

    async def forever(name: str) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            unwound.append(name)

    async def scenario() -> None:
        try:
            async with asyncio.timeout(0.05):
                await forever("timed out")
        except TimeoutError:
            unwound.append("TimeoutError")
        tasks = BackgroundTasks()  # the app's own: what shutdown uses to stop every background coroutine
        tasks.spawn(forever("first"), name="first")
        tasks.spawn(forever("second"), name="second")
        await asyncio.sleep(0)
        assert tasks.pending == 2
        await tasks.cancel_all()
        assert tasks.pending == 0

    run_async(qtbot, scenario())
    assert unwound[:2] == ["timed out", "TimeoutError"]
    assert sorted(unwound[2:]) == ["first", "second"]  # cancelled together: in no set order
