"""The connection's rules that need no broker: token renewal timing, retry backoff, failure wording."""

from __future__ import annotations

import random
import socket
import ssl
import time

import pytest
from paho.mqtt.client import WebsocketConnectionError

from hydrodesk.domain.backoff import Backoff
from hydrodesk.mqtt.access import IotAccess, RenewalPolicy
from hydrodesk.mqtt.connection import DEFAULT_BACKOFF, ConnectionState, MqttConnection
from hydrodesk.mqtt.errors import ConnectFailure, FailureKind, from_connack, from_exception
from hydrodesk.mqtt.inbox import Inbox

FAST = Backoff(base_s=0.05, factor=2.0, cap_s=0.2, floor_s=0.01)


def access(url: str = "ws://127.0.0.1:9/mqtt", *, fetched_at: float = 1_000.0, lifetime_s: float = 900.0) -> IotAccess:
    return IotAccess(url, "secret-token", fetched_at + lifetime_s, "connect/comp_12345", "user_123456789", fetched_at)


# ---------------------------------------------------------------------------------------------- renewal
def test_a_fifteen_minute_token_is_renewed_three_minutes_before_it_expires() -> None:
    assert RenewalPolicy().renew_at(access()) == 1_000.0 + 720.0


def test_a_long_token_is_renewed_at_most_five_minutes_early() -> None:
    assert RenewalPolicy().renew_at(access(lifetime_s=24 * 3600)) == 1_000.0 + 24 * 3600 - 300


def test_a_short_token_is_renewed_well_before_it_expires_but_not_in_a_hot_loop() -> None:
    assert RenewalPolicy().renew_at(access(lifetime_s=2.0)) == pytest.approx(1_000.0 + 1.6)
    already_expired = access(lifetime_s=-60.0)  # a server clock far ahead of ours
    assert RenewalPolicy(min_interval_s=5.0).renew_at(already_expired) == 1_005.0


def test_the_token_never_shows_in_a_repr() -> None:
    assert "secret-token" not in repr(access())


@pytest.mark.parametrize("fraction", [0.0, 1.0])
def test_a_renewal_fraction_must_leave_time_on_both_sides(fraction: float) -> None:
    with pytest.raises(ValueError, match="fraction"):
        RenewalPolicy(fraction=fraction)


# ---------------------------------------------------------------------------------------------- backoff
def test_retries_back_off_exponentially_with_jitter_up_to_a_cap() -> None:
    rng = random.Random(1)
    waits = [[DEFAULT_BACKOFF.delay(attempt, rng) for _ in range(200)] for attempt in range(1, 10)]
    ceilings = [DEFAULT_BACKOFF.ceiling(attempt) for attempt in range(1, 10)]
    assert ceilings == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    for attempt_waits, ceiling in zip(waits, ceilings, strict=True):
        assert min(attempt_waits) >= DEFAULT_BACKOFF.floor_s
        assert max(attempt_waits) <= ceiling
        assert len({round(wait, 6) for wait in attempt_waits}) > 100  # jittered: offices do not retry in step


# ---------------------------------------------------------------------------------------------- failures
@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (WebsocketConnectionError("WebSocket handshake error, connection not upgraded"), FailureKind.TOKEN_REFUSED),
        (ConnectionRefusedError(111, "refused"), FailureKind.UNREACHABLE),
        (socket.gaierror(-2, "Name or service not known"), FailureKind.UNREACHABLE),
        (TimeoutError("timed out"), FailureKind.TIMEOUT),
        (ssl.SSLCertVerificationError("certificate verify failed"), FailureKind.TLS),
        (RuntimeError("paho bug"), FailureKind.PROTOCOL),
    ],
)
def test_connection_errors_are_classified(error: BaseException, kind: FailureKind) -> None:
    failure = from_exception(error)
    assert failure.kind is kind
    assert failure.user_message.endswith(".")
    assert failure.wants_new_token is (kind is FailureKind.TOKEN_REFUSED)


def test_connack_refusals_for_credentials_ask_for_a_new_token() -> None:
    assert from_connack(134, "Bad user name or password").kind is FailureKind.TOKEN_REFUSED
    assert from_connack(135, "Not authorized").kind is FailureKind.TOKEN_REFUSED
    assert from_connack(136, "Server unavailable").kind is FailureKind.UNREACHABLE
    assert from_connack(132, "Unsupported protocol version").kind is FailureKind.PROTOCOL


# ---------------------------------------------------------------------------------------------- supervisor
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.asyncio
async def test_a_token_the_api_cannot_give_is_reported_and_retried() -> None:
    calls = 0

    class Offline(Exception):
        user_message = "HydroDesk cannot reach the Hydrobit server."

    async def no_token() -> IotAccess:
        nonlocal calls
        calls += 1
        raise Offline

    connection = MqttConnection(no_token, Inbox(), backoff=FAST)
    connection.start()
    try:
        status = await connection.wait_until(lambda s: s.failures >= 3, within_s=10)
    finally:
        await connection.stop()
    assert status.state is ConnectionState.RETRYING
    assert status.failure is FailureKind.TOKEN_UNAVAILABLE
    assert status.message == "No access token for live data could be obtained."
    assert calls >= 3
    assert connection.status.state is ConnectionState.STOPPED


@pytest.mark.asyncio
async def test_an_unreachable_broker_is_retried_with_growing_waits_and_retry_now_cuts_a_wait() -> None:
    url = f"ws://127.0.0.1:{free_port()}/mqtt"

    async def token() -> IotAccess:
        return IotAccess(url, "t", time.time() + 900, "connect/comp_12345", "user_123456789")

    slow = Backoff(base_s=30.0, factor=2.0, cap_s=60.0, floor_s=20.0)
    connection = MqttConnection(token, Inbox(), backoff=slow)
    connection.start()
    try:
        first = await connection.wait_until(lambda s: s.failures == 1, within_s=10)
        assert first.state is ConnectionState.RETRYING
        assert first.failure is FailureKind.UNREACHABLE
        assert first.retry_in_s is not None
        assert 20.0 <= first.retry_in_s <= 30.0
        connection.retry_now()  # the user asked: no 20 s wait
        second = await connection.wait_until(lambda s: s.failures == 2, within_s=10)
        assert second.retry_in_s is not None
        assert 20.0 <= second.retry_in_s <= 60.0
    finally:
        await connection.stop()
    assert connection.tokens_fetched == 1  # an unreachable server is no reason for a new token
    assert connection.publish("connect/comp_12345/proj_123/rtu-1/cmd", b"{}") is False


@pytest.mark.asyncio
async def test_an_unsupported_address_is_a_protocol_failure() -> None:
    async def token() -> IotAccess:
        return IotAccess("http://127.0.0.1/mqtt", "t", time.time() + 900, "connect/comp_12345", "user_123456789")

    connection = MqttConnection(token, Inbox(), backoff=FAST)
    connection.start()
    try:
        status = await connection.wait_until(lambda s: s.failures >= 1, within_s=10)
    finally:
        await connection.stop()
    assert status.failure is FailureKind.PROTOCOL


def test_a_connect_failure_reads_as_its_kind() -> None:
    assert str(ConnectFailure(FailureKind.LOST, "connection reset")) == "lost: connection reset"
