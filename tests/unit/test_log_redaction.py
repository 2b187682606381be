"""No secret reaches a log line: the redactor's patterns, the remembered secrets, and records from any logger."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from hydrodesk.api.auth import Credentials, auth_headers
from hydrodesk.api.config import ApiKeyScheme
from hydrodesk.api.endpoints import AuthKind
from hydrodesk.diagnostics.logfile import (
    LOG_FILE_NAME,
    RecentLines,
    RotatingLogFile,
    configure_logging,
    install_redaction,
)
from hydrodesk.diagnostics.redact import MARK, forget_secrets, redact, remember_secrets

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzEyMzQ1Njc4OSIsIm5hbWUiOiJNYXLDrWEifQ"
    ".Qm9ndXNTaWduYXR1cmVfdGhhdF9pc19sb25n"
)
API_KEY = "key_0a1b2c3d4e5f.Zm9vYmFyYmF6cXV4X3Rva2VuX3ZhbHVl"
ODD_SECRET = "hunter2-is-not-a-pattern"


@pytest.fixture(autouse=True)
def clean_secrets() -> Iterator[None]:
    forget_secrets()
    yield
    forget_secrets()


@pytest.fixture
def redacting_factory() -> Iterator[None]:
    previous = logging.getLogRecordFactory()
    install_redaction()
    yield
    logging.setLogRecordFactory(previous)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (f"Authorization: Bearer {JWT}", "Authorization: "),
        (f"authorization: Bearer {API_KEY}", "authorization: "),
        (f"{{'x-api-key': '{API_KEY}', 'accept': 'application/json'}}", "'accept': 'application/json'"),
        (f"[(b'x-iot-token', b'{JWT}'), (b'host', b'iot.hydrobit.ag')]", "(b'host', b'iot.hydrobit.ag')"),
        (f"X-IoT-Token={JWT}", "X-IoT-Token="),
        (f"GET https://api.hydrobit.ag/v1/x?access_token={JWT}&page=2", "&page=2"),
        ("POST /oauth/token grant_type=refresh_token&refresh_token=v1.MRrt-abc_123&client_id=hd", "&client_id=hd"),
        ('{"refresh_token": "8xLOxBtZp8", "expires_in": 3600}', '"expires_in": 3600'),
        ("client_secret=s3cr3t-value&scope=openid", "&scope=openid"),
        ("{'password': 'correct horse battery'}", "{'password': '"),
        (f"the token was {JWT} at noon", "at noon"),
        (f"token renewed: {API_KEY}", "key_0a1b2c3d4e5f."),
    ],
)
def test_patterns_redact_secrets_and_keep_the_rest_of_the_line(line: str, kept: str) -> None:
    redacted = redact(line)
    assert JWT not in redacted
    assert API_KEY.split(".")[1] not in redacted
    for secret in ("v1.MRrt-abc_123", "8xLOxBtZp8", "s3cr3t-value", "correct horse battery"):
        assert secret not in redacted
    assert MARK in redacted
    assert kept in redacted


def test_redacting_twice_changes_nothing_more() -> None:
    line = f"{{'Authorization': 'Bearer {JWT}'}}\nx-iot-token: {JWT}\n?token={JWT} {{\"password\": \"pw-123456\"}}"
    once = redact(line)
    assert redact(once) == once
    assert once == (
        "{'Authorization': '[redacted]'}\nx-iot-token: [redacted]\n?token=[redacted] {\"password\": \"[redacted]\"}"
    )


@pytest.mark.parametrize(
    "line",
    [
        "the token expired: sign in again",
        "Authorization header missing",
        "GET /v1/sessions?day=2026-12-02&projectId=proj_123 -> 200 in 12 ms",
        "loaded 2 projects",
    ],
)
def test_ordinary_lines_are_left_alone(line: str) -> None:
    assert redact(line) == line


def test_a_remembered_secret_is_redacted_whatever_its_shape() -> None:
    assert redact(f"odd value {ODD_SECRET} here") == f"odd value {ODD_SECRET} here"
    remember_secrets([ODD_SECRET, None, "short"])
    assert redact(f"odd value {ODD_SECRET} here") == f"odd value {MARK} here"
    assert redact("short stays") == "short stays"  # too short to be a secret; would redact plain words


def test_every_credential_put_in_a_header_is_remembered() -> None:
    credentials = Credentials("user_123456789", bearer_token=ODD_SECRET, api_key="opaque-api-key-value")
    auth_headers(AuthKind.BEARER_JWT, credentials, ApiKeyScheme.X_API_KEY)
    auth_headers(AuthKind.API_KEY, credentials, ApiKeyScheme.X_API_KEY)
    auth_headers(AuthKind.IOT_TOKEN, credentials, ApiKeyScheme.X_API_KEY, iot_token="opaque-iot-token-value")
    text = redact(f"{ODD_SECRET} opaque-api-key-value opaque-iot-token-value")
    assert text == f"{MARK} {MARK} {MARK}"


def test_records_of_any_logger_and_handler_are_redacted_before_the_handler_sees_them(
    redacting_factory: None,
) -> None:
    seen = RecentLines()
    seen.setFormatter(logging.Formatter("%(name)s %(message)s"))
    # A handler of a third-party logger, installed without HydroDesk's filter: the record factory still applies.
    paho = logging.getLogger("paho.test")
    paho.addHandler(seen)
    paho.setLevel(logging.DEBUG)
    paho.propagate = False
    try:
        paho.debug("Sending CONNECT (u1, p1, wr0, wq0, wf0, c1, k60) password=%s headers=%r", JWT, {"x-iot-token": JWT})
        raw: list[logging.LogRecord] = []
        paho.addFilter(lambda record: raw.append(record) or True)
        paho.info("Bearer %s", API_KEY)
    finally:
        paho.removeHandler(seen)
        paho.propagate = True
    assert seen.lines(), "the handler saw nothing"
    joined = "\n".join(seen.lines())
    assert JWT not in joined
    assert API_KEY not in joined
    assert "Sending CONNECT" in joined
    # The filter (before any handler) already held the redacted text, with no arguments left to format again.
    assert raw[0].args is None
    assert API_KEY not in raw[0].msg


@pytest.mark.expect_errors("sending failed", logger="hydrodesk.test.tracebacks")
def test_a_traceback_that_carries_a_secret_is_redacted(redacting_factory: None) -> None:
    seen = RecentLines()
    seen.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("hydrodesk.test.tracebacks")
    log.addHandler(seen)
    try:
        try:
            headers = {"Authorization": f"Bearer {JWT}"}
            raise RuntimeError(f"request failed with {headers}")
        except RuntimeError:
            log.exception("sending failed")
    finally:
        log.removeHandler(seen)
    text = "\n".join(seen.lines())
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: request failed" in text
    assert JWT not in text
    assert MARK in text


def test_the_log_file_rotates_in_the_log_folder_and_holds_no_secret(tmp_path: Path) -> None:
    previous_factory = logging.getLogRecordFactory()
    root = logging.getLogger()
    previous_level = root.level
    setup = configure_logging(tmp_path / "logs", "WARNING", console=False)
    try:
        remember_secrets([ODD_SECRET])
        logging.getLogger("hydrodesk.test").info("signed in with %s and %s", ODD_SECRET, JWT)
        logging.getLogger("httpx").warning("HTTP Request: GET https://x/?token=%s", API_KEY)
    finally:
        setup.close()
        logging.setLogRecordFactory(previous_factory)
        root.setLevel(previous_level)
    assert setup.log_file == tmp_path / "logs" / LOG_FILE_NAME
    text = setup.log_file.read_text(encoding="utf-8")
    assert "signed in with" in text
    assert "HTTP Request" in text
    for secret in (ODD_SECRET, JWT, API_KEY):
        assert secret not in text
    assert len(setup.recent.lines()) == 2


def test_the_log_file_rotates_and_keeps_a_bounded_number_of_files(tmp_path: Path) -> None:
    handler = RotatingLogFile(tmp_path / LOG_FILE_NAME, max_bytes=200, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("hydrodesk.test.rotation")
    log.addHandler(handler)
    log.propagate = False
    try:
        for number in range(40):
            log.warning("line %02d %s", number, "x" * 40)
    finally:
        log.removeHandler(handler)
        log.propagate = True
        handler.close()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2", f"{LOG_FILE_NAME}.3"]
    assert "line 39" in (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert all(path.stat().st_size < 300 for path in tmp_path.iterdir())
    # The newest lines in the file, the ones before in .1, then .2: nothing out of order.
    assert "line 39" not in (tmp_path / f"{LOG_FILE_NAME}.1").read_text(encoding="utf-8")


def test_a_line_with_nothing_secret_looking_costs_no_pattern_compilation() -> None:
    """Qt's first complaint is logged before the window's first paint: it must not compile the patterns."""
    from hydrodesk.diagnostics import redact as module

    module._patterns.cache_clear()
    assert module.redact("This plugin does not support propagateSizeHints()") == (
        "This plugin does not support propagateSizeHints()"
    )
    assert module._patterns.cache_info().misses == 0
    assert module.redact("GET /x?Access_Token=abcdefgh12345") == "GET /x?Access_Token=[redacted]"
