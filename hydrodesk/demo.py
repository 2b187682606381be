"""`hydrodesk --demo`: run the built-in Hydrobit simulator and sign in to it as the demo user.

The only module of the app that reaches hydrodesk.sim, and only through its launcher: the simulator runs as a
child process on free loopback ports, exactly as `hydrodesk-sim serve` would. Its data lives in the user data
folder (demo-farm/), so what someone does on the demo farm is still there next time. The demo's token and API key
are kept in memory only, never in the keychain or a file.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hydrodesk.ui.launch import Connection, ProgressCallback, StartupPhase

if TYPE_CHECKING:
    from hydrodesk.sim.launcher import RunningSimulator
    from hydrodesk.store.lock import ProfileLock

log = logging.getLogger(__name__)

DEMO_USER = "user_123456789"
# The demo farm's crews post deliveries every few seconds: the office fetches its colleagues' work this often
# (a real account keeps the sync engine's default of a few minutes).
DEMO_REFRESH_S = 10.0
# All scopes, including write:irrigation, so every pane works on the demo farm.
DEMO_SCOPES = (
    "read:phytosanitary",
    "read:production",
    "read:weather",
    "read:plant",
    "read:irrigation",
    "read:telemetry",
    "write:irrigation",
)


class DemoFarm:
    """A SessionSource: starts the simulator (with field devices and its MQTT broker), then issues credentials."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._running: RunningSimulator | None = None
        # Our own worker threads, so close() can wait for a start that is still under way even after the task
        # that asked for it was cancelled.
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="hydrodesk-demo")
        self._starting: concurrent.futures.Future[RunningSimulator] | None = None
        self._closed = False
        self._farm_lock: ProfileLock | None = None
        atexit.register(self._kill_if_running)

    @property
    def running(self) -> RunningSimulator | None:
        return self._running

    async def connect(self, progress: ProgressCallback) -> Connection:
        from hydrodesk.api.auth import Credentials
        from hydrodesk.api.config import ApiConfig

        if self._closed:
            raise RuntimeError("the demo farm was already stopped")
        progress(StartupPhase.STARTING_SIMULATOR)
        if self._running is None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._hold_farm()
            self._starting = self._executor.submit(self._start_simulator)
            self._running = await asyncio.shield(asyncio.wrap_future(self._starting))
        running = self._running
        progress(StartupPhase.ISSUING_CREDENTIALS)
        token, api_key = await asyncio.gather(
            self._in_thread(self._cli, "token", "--data", str(self.data_dir), "--user", DEMO_USER),
            self._in_thread(
                self._cli,
                "api-key",
                "--data",
                str(self.data_dir),
                *[arg for s in DEMO_SCOPES for arg in ("--scope", s)],
            ),
        )
        config = ApiConfig(base_url=running.base_url, iot_url=running.iot_url)
        return Connection(
            label="demo",
            config=config,
            credentials=Credentials(auth0_id=DEMO_USER, bearer_token=token, api_key=api_key),
            demo=True,
            refresh_every_s=DEMO_REFRESH_S,
            held_files=() if self._farm_lock is None else (self._farm_lock.database,),
        )

    def _hold_farm(self) -> None:
        """One simulator per demo farm: a second HydroDesk started on this computer (a double click on the icon)
        would start another on the same data, and both farms' crews would post every delivery. Raises StoreInUse,
        which the window explains as it does for an account's cache open in another window."""
        from hydrodesk.sim.db import DATABASE_FILE
        from hydrodesk.store.lock import ProfileLock

        if self._farm_lock is None:
            lock = ProfileLock(self.data_dir / DATABASE_FILE)  # the lock file sits beside the simulator's database
            lock.acquire()
            self._farm_lock = lock

    def _start_simulator(self) -> RunningSimulator:
        from hydrodesk.sim.launcher import start_simulator

        # The first run seeds the demo farm, which takes longer than a plain start. The farm is live (crews at
        # work today, their tablets posting deliveries) unless HYDRODESK_SIM_LIVE=0; HYDRODESK_SIM_CLOCK and
        # HYDRODESK_SIM_SEED reach the simulator through its environment.
        live = os.environ.get("HYDRODESK_SIM_LIVE", "1") != "0"
        return start_simulator(self.data_dir, devices=True, mqtt_ws_port=0, live=live, timeout=180.0)

    @staticmethod
    def _cli(*args: str) -> str:
        from hydrodesk.sim.launcher import run_cli

        return run_cli(*args)

    async def _in_thread(self, function: Callable[..., str], *args: str) -> str:
        return await asyncio.wrap_future(self._executor.submit(function, *args))

    async def close(self) -> None:
        """Stop the simulator cleanly (it flushes its database); waits for a start still under way."""
        if self._closed:
            return
        self._closed = True
        if self._running is None and self._starting is not None:
            # Started (or still starting) for a task that was cancelled before it could keep the result.
            try:
                self._running = await asyncio.wrap_future(self._starting)
            except Exception:
                log.warning("the demo simulator failed while starting", exc_info=True)
        running, self._running = self._running, None
        if running is not None:
            code = await asyncio.wrap_future(self._executor.submit(running.stop))
            log.info("demo simulator stopped (exit code %s)", code)
        if self._farm_lock is not None:
            self._farm_lock.release()
            self._farm_lock = None
        self._executor.shutdown(wait=False)
        atexit.unregister(self._kill_if_running)

    def _kill_if_running(self) -> None:
        # Last resort when the app dies without its ordered shutdown: never leave a simulator behind.
        if self._running is not None:
            self._running.kill()
