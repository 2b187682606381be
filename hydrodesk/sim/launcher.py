"""Start `hydrodesk-sim serve` as a child process and wait until it is ready.

One launcher serves the demo (`hydrodesk --demo`), the test fixtures and the benchmarks, so all three run the
simulator exactly as a user would from the command line: a separate process, real HTTP on loopback.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

READY_PATTERN = re.compile(r"listening (?P<http>http://[^\s]+)(?:.*?mqtt=(?P<mqtt>\S+))?")


class SimulatorStartError(RuntimeError):
    """The simulator process exited or stayed silent before it was ready."""


@dataclass
class RunningSimulator:
    process: subprocess.Popen[str]
    data_dir: Path
    base_url: str
    mqtt_url: str | None
    output: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    @property
    def iot_url(self) -> str:
        # The simulator serves the production and the IoT server paths from one origin.
        return self.base_url

    def stop(self, timeout: float = 10.0) -> int:
        """Ask the simulator to shut down cleanly (it flushes its database), then make sure it is gone."""
        if self.process.poll() is None:
            if sys.platform == "win32":
                self.process.send_signal(signal.CTRL_BREAK_EVENT)
            else:
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self._close_output()
        return self.process.returncode

    def kill(self) -> None:
        """Stop the simulator abruptly, as a crash or a pulled cable would."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._close_output()

    def _close_output(self) -> None:
        # Our end of its standard input (see `start_simulator`), then its output: the reader thread ends at
        # end-of-file once the process is gone; then that pipe can be closed.
        _close_stdin(self.process)
        if self.reader is not None:
            self.reader.join(5)
        if self.process.stdout is not None and (self.reader is None or not self.reader.is_alive()):
            self.process.stdout.close()


def simulator_command(*args: str) -> list[str]:
    if getattr(sys, "frozen", False):
        # A PyInstaller build has no `-m`; its main.py dispatches `--simulator` to the simulator's CLI.
        return [sys.executable, "--simulator", *args]
    return [sys.executable, "-m", "hydrodesk.sim", *args]


def start_simulator(
    data_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    mqtt_ws_port: int | None = None,
    mqtt_url: str | None = None,
    devices: bool = True,
    live: bool | None = None,
    clock: datetime | str | None = None,
    seed: int | None = None,
    env: Mapping[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
    timeout: float = 60.0,
) -> RunningSimulator:
    """Run `hydrodesk-sim serve` and return once it printed its `listening http://HOST:PORT` line.

    `live`, `clock` and `seed` are the serve options of the same names (None: the simulator's default, which its
    environment may set); `env` adds environment variables for the child (the HYDRODESK_SIM_* timing knobs)."""
    # --exit-with-parent: the child's standard input is a pipe only this process writes to (never, in fact); when
    # this process ends, even killed, the pipe closes and the simulator stops itself instead of running on.
    args = ["serve", "--data", str(data_dir), "--host", host, "--port", str(port), "--exit-with-parent"]
    if mqtt_ws_port is not None:
        args += ["--mqtt-ws-port", str(mqtt_ws_port)]
    if mqtt_url is not None:
        args += ["--mqtt-url", mqtt_url]
    if not devices:
        args.append("--no-devices")
    if live is not None:
        args.append("--live" if live else "--no-live")
    if clock is not None:
        args += ["--clock", clock.isoformat() if isinstance(clock, datetime) else clock]
    if seed is not None:
        args += ["--seed", str(seed)]
    args += list(extra_args)
    creationflags = 0
    if sys.platform == "win32":
        creationflags = subprocess.CREATE_NEW_PROCESS_GROUP
    process = subprocess.Popen(
        simulator_command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.PIPE,
        text=True,
        bufsize=1,
        creationflags=creationflags,
        env={**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def pump() -> None:
        # Keep draining the child's output for its whole life so it never blocks on a full pipe.
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line.rstrip("\n"))
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, name="hydrodesk-sim-output", daemon=True)
    reader.start()
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            process.kill()
            process.wait(10)
            _close_stdin(process)
            raise SimulatorStartError(
                f"the simulator did not become ready within {timeout:.0f} s:\n" + "\n".join(output[-20:])
            ) from None
        if line is None:
            process.wait(10)
            _close_stdin(process)
            reader.join(5)
            if process.stdout is not None:  # a pipe: started with stdout=PIPE
                process.stdout.close()
            raise SimulatorStartError(
                f"the simulator exited with code {process.returncode} before it was ready:\n" + "\n".join(output[-20:])
            )
        match = READY_PATTERN.search(line)
        if match:
            return RunningSimulator(
                process=process,
                data_dir=Path(data_dir),
                base_url=match.group("http").rstrip("/"),
                mqtt_url=match.group("mqtt"),
                output=output,
                reader=reader,
            )


def _close_stdin(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()


def run_cli(*args: str, timeout: float = 60.0) -> str:
    """Run a one-shot `hydrodesk-sim` command (token, api-key, seed) and return what it printed."""
    done = subprocess.run(simulator_command(*args), capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise SimulatorStartError(f"hydrodesk-sim {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()
