"""Run a real MQTT broker reachable over MQTT-over-WebSocket as child processes, and stop or restart it.

- `BrokerProcess`: a hydrodesk.sim.broker_cli child (the embedded amqtt broker, or the WebSocket relay).
- `MosquittoProcess`: mosquitto on a loopback TCP port, with a generated configuration in a temporary folder.
- `start_mosquitto_websockets()`: mosquitto serving MQTT over WebSocket itself (`protocol websockets`), no relay;
  its WebSocket listener binds every interface whatever address it is given (libwebsockets), so that broker
  requires a user name and password (a generated `password_file`) on every listener.
- `start_real_broker()`: what tests and benchmarks use. mosquitto behind the relay when mosquitto is installed
  (CI installs it), else the embedded amqtt broker; either way `.ws_url` is a `ws://.../mqtt` address that paho
  reaches with transport="websockets", and `.stop()` / `.start()` / `.kill()` take it down and bring it back on
  the same ports (reconnect tests).

Everything here blocks (subprocess and a readiness wait); call it from a thread in async code.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast
from urllib.parse import urlsplit

BrokerKind = Literal["mosquitto", "amqtt"]
READY_PREFIX = "hydrodesk-broker ready"  # the line hydrodesk.sim.broker_cli prints once listening
KEPT_LINES = 200  # a broker's output kept for the error that says why it stopped
PORT_ATTEMPTS = 5  # free ports picked for mosquitto before giving up (another process may take one first)
MOSQUITTO_CANDIDATES = ("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/opt/homebrew/sbin/mosquitto")


class BrokerStartError(RuntimeError):
    """The broker process exited or stayed silent before it was ready."""


def broker_command(*args: str) -> list[str]:
    """The command line of a broker child process."""
    if getattr(sys, "frozen", False):
        # A PyInstaller build has no `-m`; its main.py dispatches `--broker` to the broker's CLI.
        return [sys.executable, "--broker", *args]
    return [sys.executable, "-m", "hydrodesk.sim.broker_cli", *args]


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now (for mosquitto, which cannot be asked for port 0 and tell us)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def url_port(url: str) -> int:
    port = urlsplit(url).port
    if port is None:
        raise ValueError(f"no port in {url!r}")
    return port


@dataclass
class BrokerProcess:
    """A `python -m hydrodesk.sim.broker_cli` child; its stdin is its lifeline (closed = exit cleanly)."""

    args: list[str]
    host: str
    process: subprocess.Popen[str] | None = None
    ws_url: str = ""
    tcp_url: str = ""
    output: list[str] = field(default_factory=list)
    _stdout_pump: threading.Thread | None = None

    @classmethod
    def start_amqtt(
        cls, host: str = "127.0.0.1", *, ws_port: int = 0, tcp_port: int = 0, data_dir: Path | None = None
    ) -> BrokerProcess:
        args = ["amqtt", "--host", host, "--ws-port", str(ws_port), "--tcp-port", str(tcp_port)]
        if data_dir is not None:
            args += ["--data", str(data_dir)]
        return cls(args, host).start()

    @classmethod
    def start_relay(
        cls, host: str, upstream_port: int, *, ws_port: int = 0, data_dir: Path | None = None
    ) -> BrokerProcess:
        args = ["relay", "--host", host, "--ws-port", str(ws_port), "--upstream", f"{host}:{upstream_port}"]
        if data_dir is not None:
            args += ["--data", str(data_dir)]
        return cls(args, host).start()

    def start(self, timeout: float = 30.0) -> BrokerProcess:
        """Start (or start again, on the ports it had: clients reconnect to the same address)."""
        if self.process is not None and self.process.poll() is None:
            return self
        args = list(self.args)
        if self.ws_url:
            args = _with_option(args, "--ws-port", str(url_port(self.ws_url)))
        if self.tcp_url and "--tcp-port" in args:
            args = _with_option(args, "--tcp-port", str(url_port(self.tcp_url)))
        self.process = subprocess.Popen(
            broker_command(*args),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        try:
            self._stdout_pump, line = _wait_for_line(self.process, READY_PREFIX, timeout, self.output)
        except BrokerStartError:
            self._release_pipes()
            raise
        fields = dict(part.split("=", 1) for part in line.split() if "=" in part)
        self.ws_url, self.tcp_url = fields["ws"], fields["tcp"]
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask it to exit (close its stdin), then make sure it is gone."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(OSError):
            if process.stdin is not None:  # a pipe: started with stdin=PIPE
                process.stdin.close()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout)
        self._release_pipes()

    def kill(self) -> None:
        """Stop it abruptly, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._release_pipes()

    def _release_pipes(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self._stdout_pump is not None:
            self._stdout_pump.join(5)  # it closes stdout once the dead child's pipe reaches EOF


def _with_option(args: list[str], option: str, value: str) -> list[str]:
    index = args.index(option)
    return [*args[: index + 1], value, *args[index + 2 :]]


def _wait_for_line(
    process: subprocess.Popen[str],
    ready: str | Callable[[str], bool],
    timeout: float,
    output: list[str],
    *,
    echo: bool = False,
) -> tuple[threading.Thread, str]:
    """Read the child's stdout in a thread (it keeps draining it afterwards) until a line starts with `ready`
    (or `ready(line)` is true). The last lines are kept in `output`; `echo` copies every line to our stderr."""
    lines: queue.Queue[str | None] = queue.Queue()
    stdout = process.stdout
    assert stdout is not None
    is_ready = ready if callable(ready) else lambda line: line.startswith(ready)

    def pump() -> None:
        try:
            for line in stdout:
                output.append(line.rstrip("\n"))
                del output[:-KEPT_LINES]
                if echo:
                    sys.stderr.write(line)
                lines.put(line)
        finally:
            stdout.close()
            lines.put(None)

    thread = threading.Thread(target=pump, name="broker-stdout", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            process.kill()
            process.wait(5)
            thread.join(5)
            raise BrokerStartError(f"broker not ready after {timeout:.0f} s: {' | '.join(output[-5:])}")
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        if line is None:
            process.wait(5)
            thread.join(5)
            raise BrokerStartError(
                f"broker exited with {process.returncode} before it was ready: {' | '.join(output[-5:])}"
            )
        if is_ready(line):
            return thread, line.strip()


def find_mosquitto() -> str | None:
    found = shutil.which("mosquitto")
    if found:
        return found
    return next((path for path in MOSQUITTO_CANDIDATES if os.access(path, os.X_OK)), None)


@dataclass
class MosquittoProcess:
    """mosquitto on a loopback TCP port: anonymous, no persistence (retained messages die with it, as they
    would with the embedded broker)."""

    executable: str
    host: str = "127.0.0.1"
    port: int = 0
    ws_port: int | None = None
    """Also serve MQTT over WebSocket on this port (0: a free one); then `credentials` are required."""
    credentials: tuple[str, str] | None = None
    """(user name, password) every client must give; None: anonymous."""
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)
    """Its last log lines (they are copied to our stderr as they come)."""
    _folder: tempfile.TemporaryDirectory[str] | None = None
    _stdout_pump: threading.Thread | None = None

    def _config(self, folder: Path) -> str:
        # "information" for the line that says every listener is open ("... running"); on stderr, which C does
        # not buffer (stdout to a pipe would hold that line back).
        lines = [
            "persistence false",
            "log_dest stderr",
            "log_timestamp false",
            "log_type error",
            "log_type warning",
            "log_type information",
        ]
        if self.ws_port is not None and self.credentials is None:
            # libwebsockets binds the WebSocket listener to every interface: never without a password.
            raise ValueError("a mosquitto WebSocket listener needs credentials")
        if self.credentials is None:
            lines.append("allow_anonymous true")
        else:
            passwords = folder / "passwords"
            passwd = shutil.which("mosquitto_passwd") or str(Path(self.executable).with_name("mosquitto_passwd"))
            user, password = self.credentials
            subprocess.run([passwd, "-c", "-b", str(passwords), user, password], check=True, capture_output=True)
            _readable_by_broker(folder, passwords)
            lines += ["allow_anonymous false", f"password_file {passwords}"]
        lines.append(f"listener {self.port} {self.host}")
        if self.ws_port is not None:
            if not self.ws_port:
                self.ws_port = free_port(self.host)
            lines += [f"listener {self.ws_port} {self.host}", "protocol websockets"]
        return "\n".join(lines) + "\n"

    def start(self, timeout: float = 10.0) -> MosquittoProcess:
        """Start (or start again, on the ports it had). mosquitto cannot be asked for port 0, so free ports are
        picked for it; another process may take one before mosquitto binds it (two test suites at once did), so
        the broker counts as started only when it says every listener is its own, and ports it was not given
        are picked again when one was taken."""
        if self.process is not None and self.process.poll() is None:
            return self
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="hydrodesk-mosquitto-")
        chosen = (not self.port, self.ws_port == 0)
        for attempt in range(PORT_ATTEMPTS):
            if chosen[0] and (attempt or not self.port):
                self.port = free_port(self.host)
            if chosen[1] and attempt:
                self.ws_port = 0
            config = Path(self._folder.name) / "mosquitto.conf"
            config.write_text(self._config(Path(self._folder.name)))
            self.process = subprocess.Popen(
                [self.executable, "-c", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                bufsize=1,
            )
            self.output.clear()  # this start's lines say whether its port was taken
            try:
                self._stdout_pump, _ = _wait_for_line(self.process, _mosquitto_running, timeout, self.output, echo=True)
            except BrokerStartError:
                taken = any("in use" in line or "Unable to create" in line for line in self.output[-5:])
                if taken and any(chosen) and attempt + 1 < PORT_ATTEMPTS:
                    continue
                raise
            return self
        raise AssertionError("unreachable: the last attempt returns or raises")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        self._join_pump()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._join_pump()

    def _join_pump(self) -> None:
        if self._stdout_pump is not None:
            self._stdout_pump.join(5)  # it closes stdout once the dead broker's pipe reaches EOF
            self._stdout_pump = None

    def cleanup(self) -> None:
        self.stop()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def _readable_by_broker(folder: Path, passwords: Path) -> None:
    """Started as root, mosquitto drops to its own user before it reads the password file: hand it the file."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    import pwd

    try:
        broker = pwd.getpwnam("mosquitto")
    except KeyError:
        return
    for path in (folder, passwords):
        os.chown(path, broker.pw_uid, broker.pw_gid)


def _mosquitto_running(line: str) -> bool:
    """mosquitto's line once every listener of its configuration is open (it exits instead when one is taken)."""
    return line.startswith("mosquitto version") and line.rstrip().endswith(" running")


@dataclass
class RealBroker:
    """A real broker reachable over MQTT-over-WebSocket (`ws_url`) and plain MQTT (`tcp_url`): a front (the relay
    or amqtt) and maybe mosquitto behind it, or mosquitto alone serving WebSocket itself (no front)."""

    kind: BrokerKind
    front: BrokerProcess | None
    mosquitto: MosquittoProcess | None = None
    credentials: tuple[str, str] | None = None
    """What clients must give as MQTT user name and password (None: anonymous)."""

    @property
    def ws_url(self) -> str:
        if self.front is None:
            assert self.mosquitto is not None
            return f"ws://{self.mosquitto.host}:{self.mosquitto.ws_port}/mqtt"
        return self.front.ws_url

    @property
    def tcp_url(self) -> str:
        if self.front is None:
            assert self.mosquitto is not None
            return f"mqtt://{self.mosquitto.host}:{self.mosquitto.port}"
        return self.front.tcp_url

    @property
    def path(self) -> str:
        """How the WebSocket stream reaches the broker, for a benchmark's report."""
        if self.front is None:
            return "mosquitto-websockets"
        return "relay+mosquitto" if self.mosquitto is not None else "amqtt"

    def start(self) -> RealBroker:
        """Bring it back on the same ports after `stop()` or `kill()` (retained messages are gone)."""
        if self.mosquitto is not None:
            self.mosquitto.start()
        if self.front is not None:
            self.front.start()
        return self

    def stop(self) -> None:
        if self.front is not None:
            self.front.stop()
        if self.mosquitto is not None:
            self.mosquitto.stop()

    def kill(self) -> None:
        if self.front is not None:
            self.front.kill()
        if self.mosquitto is not None:
            self.mosquitto.kill()

    def close(self) -> None:
        """Stop it for good and remove its temporary files."""
        self.stop()
        if self.mosquitto is not None:
            self.mosquitto.cleanup()

    def __enter__(self) -> RealBroker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _preferred_from_environment() -> BrokerKind | None:
    choice = os.environ.get("HYDRODESK_BROKER", "").strip().lower()
    if choice in ("mosquitto", "amqtt"):
        return cast(BrokerKind, choice)
    if choice:
        raise BrokerStartError(f"HYDRODESK_BROKER must be mosquitto or amqtt, not {choice!r}")
    return None


def start_real_broker(
    host: str = "127.0.0.1", *, data_dir: Path | None = None, prefer: BrokerKind | None = None
) -> RealBroker:
    """mosquitto + the WebSocket relay when mosquitto is installed, else the embedded amqtt broker.

    With `data_dir` the WebSocket upgrade requires that simulator's IoT token (and amqtt checks the MQTT password
    too; mosquitto cannot). `prefer` (or the environment variable HYDRODESK_BROKER) picks one explicitly, e.g. to
    run the tests as they run where mosquitto is absent."""
    prefer = prefer or _preferred_from_environment()
    mosquitto_path = find_mosquitto() if prefer in (None, "mosquitto") else None
    if prefer == "mosquitto" and mosquitto_path is None:
        raise BrokerStartError("mosquitto is not installed")
    if mosquitto_path is None:
        return RealBroker("amqtt", BrokerProcess.start_amqtt(host, data_dir=data_dir))
    mosquitto = MosquittoProcess(mosquitto_path, host).start()
    try:
        front = BrokerProcess.start_relay(host, mosquitto.port, data_dir=data_dir)
    except BaseException:
        mosquitto.cleanup()
        raise
    return RealBroker("mosquitto", front, mosquitto)


def start_mosquitto_websockets(
    host: str = "127.0.0.1", *, credentials: tuple[str, str] = ("hydrodesk", "")
) -> RealBroker:
    """mosquitto serving MQTT over WebSocket on its own listener (Debian's 2.0.11 is built with libwebsockets), plus
    a TCP listener; both require `credentials` (a random password when none is given), because the WebSocket
    listener is reachable from every interface."""
    import secrets

    path = find_mosquitto()
    if path is None:
        raise BrokerStartError("mosquitto is not installed")
    user, password = credentials
    mosquitto = MosquittoProcess(path, host, ws_port=0, credentials=(user, password or secrets.token_urlsafe(16)))
    try:
        mosquitto.start()  # started: both listeners are open
    except BaseException:
        mosquitto.cleanup()
        raise
    return RealBroker("mosquitto", None, mosquitto, mosquitto.credentials)
