"""Shared fixtures: a real simulator process on loopback, seeded once per test run.

Seeding the demo farm takes a moment, so it is done once into a template folder; every simulator a test starts
runs on its own copy of that folder, so tests never see each other's writes unless they share a simulator.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

# Qt needs no display in tests; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hydrodesk.sim.launcher import RunningSimulator, run_cli, start_simulator
from tests.hygiene import HYGIENE, ExpectedError, Hygiene, pending_tasks
from tests.keyring_support import MemoryKeyring
from tests.seeds import SEED_VARIABLE, TEST_SEED

pytest_plugins = ["tests.hang_watch"]  # a test stuck beyond pytest-timeout's reach ends its worker, stacks printed

DEMO_USER = "user_123456789"
OTHER_USER = "user_987654321"
DEMO_COMPANY = "comp_12345"
DEMO_PROJECT = "proj_123"
DEMO_SECTOR = "sector_001"


@dataclass
class Simulator:
    """A running simulator and the credentials a test needs to talk to it."""

    running: RunningSimulator
    _tokens: dict[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return self.running.base_url

    @property
    def data_dir(self) -> Path:
        return self.running.data_dir

    @property
    def mqtt_url(self) -> str | None:
        return self.running.mqtt_url

    def token(self, user: str = DEMO_USER) -> str:
        """A bearer JWT for `user`, issued by the documented `hydrodesk-sim token` command."""
        if user not in self._tokens:
            self._tokens[user] = run_cli("token", "--data", str(self.data_dir), "--user", user)
        return self._tokens[user]

    def api_key(self, *scopes: str) -> str:
        """A scoped API key (`keyId.token`), issued by `hydrodesk-sim api-key`."""
        key = f"api-key:{','.join(scopes)}"
        if key not in self._tokens:
            args = ["api-key", "--data", str(self.data_dir)]
            for scope in scopes:
                args += ["--scope", scope]
            self._tokens[key] = run_cli(*args)
        return self._tokens[key]

    def stop(self) -> None:
        self.running.stop()


@pytest.fixture(scope="session")
def sim_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the seeded demo farm, made once per test run."""
    folder = tmp_path_factory.mktemp("sim-template")
    run_cli("seed", "--data", str(folder), timeout=180)
    return folder


@pytest.fixture(scope="session")
def sim_factory_session(
    sim_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., Simulator]]:
    started: list[Simulator] = []

    def start(*, devices: bool = False, **kwargs: object) -> Simulator:
        folder = tmp_path_factory.mktemp("sim-data")
        shutil.copytree(sim_template, folder, dirs_exist_ok=True)
        simulator = Simulator(start_simulator(folder, devices=devices, **kwargs))  # type: ignore[arg-type]
        started.append(simulator)
        return simulator

    yield start
    for simulator in started:
        simulator.stop()


@pytest.fixture(scope="session")
def sim(sim_factory_session: Callable[..., Simulator]) -> Simulator:
    """One simulator shared by the whole run: for tests that read, or write only what no other test reads."""
    return sim_factory_session()


@pytest.fixture
def fresh_sim(sim_factory_session: Callable[..., Simulator]) -> Iterator[Simulator]:
    """A simulator of the test's own, on a fresh copy of the demo farm; stopped when the test ends."""
    simulator = sim_factory_session()
    yield simulator
    simulator.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "expect_errors(*patterns, logger=None): errors this test logs on purpose (regexes searched in the message); "
        "any other logged error fails the test (tests/hygiene.py)",
    )
    logging.getLogger().addHandler(HYGIENE.errors)
    HYGIENE.qt.install()
    # As in the app (hydrodesk.ui.gc_guard): no automatic garbage collection, in any test. It runs at whatever
    # allocation crosses its threshold, inside a Qt destructor too, and destroying Qt objects there deadlocked
    # the GUI thread on a lock that destructor held. Each test's cycles are collected at its teardown (`hygiene`),
    # and a UI test's also from a GUI-thread timer while it runs.
    gc.disable()


def pytest_report_header() -> str:
    return f"test seed: {TEST_SEED} (replay with {SEED_VARIABLE}={TEST_SEED})"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int) -> None:
    if exitstatus != 0:  # said again where a failure is read, at the end
        terminalreporter.write_line(f"test seed: {TEST_SEED} (replay with {SEED_VARIABLE}={TEST_SEED})")


@pytest.fixture(autouse=True)
def hygiene(request: pytest.FixtureRequest) -> Iterator[Hygiene]:
    """Fail the test if it logged an error it did not declare, or left a QTimer/QThread running or an asyncio task
    pending (tests/hygiene.py); and destroy its garbage cycles at its own teardown, on the main thread.

    Otherwise a cycle holding Qt wrappers left by one test is collected at a random allocation in a later test, or
    in another thread; the app avoids the same hazard with hydrodesk.ui.gc_guard. Being the first autouse fixture,
    this one is torn down last: what the test's own fixtures clean up at their teardown is not a leak.
    """
    expected = [
        ExpectedError(re.compile(pattern), marker.kwargs.get("logger"))
        for marker in request.node.iter_markers("expect_errors")
        for pattern in marker.args
    ]
    loop = _function_asyncio_loop(request)
    HYGIENE.begin(expected)
    yield HYGIENE
    gc.collect()
    if loop is not None:
        left = pending_tasks(loop)
        HYGIENE.report_tasks(left)
        for task in left:
            task.cancel()
        if left:
            loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
    problems = HYGIENE.end()
    if problems:
        pytest.fail(problems, pytrace=False)


def _function_asyncio_loop(request: pytest.FixtureRequest) -> asyncio.AbstractEventLoop | None:
    """The event loop of a pytest-asyncio test (one loop per test), set up before this fixture so that it is torn
    down after it: the tasks still pending when every other fixture has finished are the test's leaks."""
    runner = "_function_scoped_runner"  # pytest-asyncio's name for the per-test asyncio.Runner
    if request.node.get_closest_marker("asyncio") is None or runner not in request.fixturenames:
        return None
    return request.getfixturevalue(runner).get_loop()  # type: ignore[no-any-return]


@pytest.fixture
def expect_error(hygiene: Hygiene) -> Callable[..., None]:
    """`expect_error(regex, logger=None)`: an error the test provokes on purpose, which must not fail it."""
    return hygiene.expect


@pytest.fixture
def test_seed() -> int:
    """The run's seed for every random choice a test makes (printed in the header; set HYDRODESK_TEST_SEED to
    replay a failure)."""
    return TEST_SEED


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Secrets go to a keychain in this process only, for the length of the test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """As on a headless Linux box: no keychain at all."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """schemathesis gives every operation's test of one function the same node ID (the operation goes in its own
    report line), and pytest-xdist hands tests out by node ID: under xdist, alike IDs ran one operation of the fuzz
    instead of every one. Each ID gets its operation, so every operation is a test of its own again."""
    from _pytest.nodeid import coerce_node_id  # pytest 9 keeps the ID here; there is no public setter

    for item in items:
        label = getattr(item, "operation_label", None)
        if label and not item.nodeid.endswith("]"):
            item._id = coerce_node_id(f"{item.nodeid}[{label}]")
    # Any other pair of alike IDs would be dropped by xdist just as silently: refuse to run instead.
    alike = sorted(node for node, count in Counter(item.nodeid for item in items).items() if count > 1)
    if alike:
        raise pytest.UsageError(f"tests with the same node ID run only once under pytest-xdist: {alike[:5]}")
