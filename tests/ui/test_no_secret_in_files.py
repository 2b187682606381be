"""A whole session (sign-in with a saved profile, the farm loaded, sync with a change sent, live MQTT telemetry,
a refused request), everything logged at DEBUG into the real log file: then every file HydroDesk wrote (settings,
UI state, log, cache and outbox) is read, and none holds a secret the session used."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.errors import ApiError
from hydrodesk.app_paths import AppPaths
from hydrodesk.diagnostics.logfile import LOG_FILE_NAME, configure_logging
from hydrodesk.settings import Profile, Secrets, SecretStore, SettingsStore
from tests.keyring_support import MemoryKeyring

from .conftest import DEMO_USER, run_async
from .live_support import ALL_SCOPES, SignedIn, sign_in

JWT_SHAPE = re.compile(rb"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.")
API_KEY_SHAPE = re.compile(rb"key_[A-Za-z0-9]{4,}\.[A-Za-z0-9_-]{12,}")


@pytest.fixture
def user_paths(tmp_path: Path) -> Iterator[AppPaths]:
    paths = AppPaths(
        config_dir=tmp_path / "config",
        data_dir=tmp_path / "data",
        cache_dir=tmp_path / "cache",
        log_dir=tmp_path / "log",
    )
    paths.config_dir.mkdir(parents=True)
    previous_factory = logging.getLogRecordFactory()
    root = logging.getLogger()
    previous_level = root.level
    setup = configure_logging(paths.log_dir, "DEBUG", console=False)
    yield paths
    setup.close()
    logging.setLogRecordFactory(previous_factory)
    root.setLevel(previous_level)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.fixture
def session(
    qtbot: QtBot, qloop: object, qapp: QApplication, field_sim: Any, user_paths: AppPaths, memory_keyring: MemoryKeyring
) -> Iterator[SignedIn]:
    # The profile as the sign-in dialog saves it: servers in settings.json, secrets in the (test's) keychain.
    profile = Profile(name="Fundo test", base_url=field_sim.base_url, auth0_id=DEMO_USER)
    SecretStore().save(profile.name, Secrets(field_sim.token(DEMO_USER), field_sim.api_key(*ALL_SCOPES)))
    SettingsStore(user_paths.settings_file).save(SettingsStore(user_paths.settings_file).load().with_profile(profile))
    yield from sign_in(qtbot, qapp, field_sim, user_paths.config_dir, "telemetry", data_dir=user_paths.data_dir)


@pytest.mark.expect_errors("^retrying$", logger="hydrodesk.test")  # logged on purpose, credentials in its text
def test_no_file_hydrodesk_wrote_holds_a_secret_it_used(
    qtbot: QtBot, session: SignedIn, field_sim: Any, user_paths: AppPaths
) -> None:
    controller, window = session.controller, session.kit.window
    office, client = controller.office, controller.client
    assert office is not None
    assert client is not None
    qtbot.waitUntil(lambda: session.live.connected, timeout=20_000)  # MQTT over WebSocket, with an IoT token
    access = session.live.hub.connection.access
    assert access is not None

    # A change through the outbox, sent by the sync engine.
    opened = run_async(qtbot, office.actions.open_session("proj_123", "sector_004", "Lote B-2"))
    run_async(qtbot, office.actions.record_units(opened.session_id, "JS0315", "John Smith", 3))
    run_async(qtbot, office.engine.sync_now(), timeout_ms=20_000)
    qtbot.waitUntil(lambda: office.engine.status.pending == 0, timeout=20_000)
    # A request the server refuses.
    with pytest.raises(ApiError):
        run_async(qtbot, client.get_session("no-such-session-000000000000"))
    # An exception with the credentials in its text, as a careless library might raise it.
    try:
        raise ConnectionError(f"refused { ({'Authorization': f'Bearer {client.credentials.bearer_token}'}) }")
    except ConnectionError:
        logging.getLogger("hydrodesk.test").exception("retrying")
    window.save_ui_state()
    window.close()  # signs out: hub stopped, client closed, office closed

    secrets = {
        "the JWT": client.credentials.bearer_token,
        "the API key": client.credentials.api_key,
        "the API key's token": (client.credentials.api_key or "").split(".", 1)[1],
        "the IoT token": access.token,
    }
    assert all(secrets.values())
    written = [
        path
        for root in (user_paths.config_dir, user_paths.data_dir, user_paths.cache_dir, user_paths.log_dir)
        if root.exists()
        for path in root.rglob("*")
        if path.is_file()
    ]
    names = {path.name for path in written}
    assert {"settings.json", "ui-state.ini", LOG_FILE_NAME} <= names
    assert any(name.endswith(".sqlite3") for name in names)
    log_text = (user_paths.log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    # The log saw the whole session: HTTP requests, the refused one, MQTT, the outbox's send.
    assert "HTTP Request" in log_text
    assert "no-such-session" in log_text
    assert "[redacted]" in log_text
    for path in written:
        content = path.read_bytes()
        for what, secret in secrets.items():
            assert secret.encode() not in content, f"{what} is in {path}"
        assert not JWT_SHAPE.search(content), f"a JWT-shaped string is in {path}"
        assert not API_KEY_SHAPE.search(content), f"an API key is in {path}"
