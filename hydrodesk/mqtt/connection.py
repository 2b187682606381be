"""The app's MQTT connection: kept up for as long as it runs, with a fresh IoT token whenever one is needed.

A supervisor task on the event loop owns it:
- asks the `TokenSource` for a token, opens a session (hydrodesk.mqtt.paho_session) that subscribes to the
  company's project topics, and reports CONNECTED once the broker acknowledged the subscriptions;
- renews the token BEFORE it expires (`RenewalPolicy`): it opens a new session with the new password first and
  closes the old one after, so a renewal loses no message (duplicates are dropped by the series);
- after a loss or a failed attempt, waits an exponentially growing, jittered delay (hydrodesk.domain.backoff)
  and tries again; a refused token is replaced by a new one before the next attempt; `retry_now()` cuts a wait
  short (the user pressed "reconnect", or the network came back).

Listeners hear every status change (state, a sentence for a person, the next retry) on the loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hydrodesk.domain.backoff import Backoff
from hydrodesk.mqtt.access import IotAccess, RenewalPolicy, TokenSource
from hydrodesk.mqtt.errors import ConnectFailure, FailureKind
from hydrodesk.mqtt.inbox import Inbox
from hydrodesk.mqtt.paho_session import PahoSession, new_client_id
from hydrodesk.mqtt.topics import COMMAND_QOS, TopicPlan

log = logging.getLogger(__name__)

DEFAULT_BACKOFF = Backoff(base_s=1.0, factor=2.0, cap_s=60.0, floor_s=0.5)


class ConnectionState(StrEnum):
    STOPPED = "stopped"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RETRYING = "retrying"  # waiting before the next attempt
    REFUSED = "refused"  # the server said no (token, certificate): still retrying, but a person should know


@dataclass(frozen=True)
class ConnectionStatus:
    state: ConnectionState
    message: str = ""
    """A sentence for a person ("" when all is well)."""
    failure: FailureKind | None = None
    retry_in_s: float | None = None
    failures: int = 0
    """Failed attempts in a row."""


StatusListener = Callable[[ConnectionStatus], None]
AccessListener = Callable[[IotAccess], None]


class MqttConnection:
    def __init__(
        self,
        token_source: TokenSource,
        inbox: Inbox,
        *,
        client_name: str = "hydrodesk",
        backoff: Backoff = DEFAULT_BACKOFF,
        renewal: RenewalPolicy | None = None,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        connect_timeout_s: float = 10.0,
        keepalive_s: int = 30,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._token_source = token_source
        self.inbox = inbox
        self._client_name = client_name
        self._backoff = backoff
        self._renewal = renewal or RenewalPolicy()
        self._clock = clock
        self._rng = rng or random.Random()
        self._connect_timeout_s = connect_timeout_s
        self._keepalive_s = keepalive_s
        self._ssl_context = ssl_context
        self._status = ConnectionStatus(ConnectionState.STOPPED)
        self._status_listeners: list[StatusListener] = []
        self._access_listeners: list[AccessListener] = []
        self._waiters: list[tuple[Callable[[ConnectionStatus], bool], asyncio.Future[ConnectionStatus]]] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._session: PahoSession | None = None
        self._access: IotAccess | None = None
        self._plan: TopicPlan | None = None
        self.sessions_opened = 0
        self.tokens_fetched = 0

    # ------------------------------------------------------------------ public face
    @property
    def status(self) -> ConnectionStatus:
        return self._status

    @property
    def access(self) -> IotAccess | None:
        """The token in use (its `token` is hidden from repr; never log it)."""
        return self._access

    @property
    def topic_plan(self) -> TopicPlan | None:
        return self._plan

    def on_status(self, listener: StatusListener) -> Callable[[], None]:
        self._status_listeners.append(listener)
        return lambda: self._status_listeners.remove(listener) if listener in self._status_listeners else None

    def on_access(self, listener: AccessListener) -> Callable[[], None]:
        """Called with every new token before the session using it subscribes (ingest learns the topic prefix)."""
        self._access_listeners.append(listener)
        return lambda: self._access_listeners.remove(listener) if listener in self._access_listeners else None

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._supervise(), name="mqtt-connection")

    async def stop(self) -> None:
        """Disconnect cleanly and stop reconnecting."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        self._set(ConnectionStatus(ConnectionState.STOPPED))

    def retry_now(self) -> None:
        """Skip the rest of the current wait before the next attempt."""
        self._wake.set()

    async def wait_until(self, predicate: Callable[[ConnectionStatus], bool], within_s: float) -> ConnectionStatus:
        """Wait (at most `within_s`) for a status that satisfies `predicate`; TimeoutError otherwise."""
        if predicate(self._status):
            return self._status
        waiter: tuple[Callable[[ConnectionStatus], bool], asyncio.Future[ConnectionStatus]] = (
            predicate,
            asyncio.get_running_loop().create_future(),
        )
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(within_s):
                return await waiter[1]
        finally:
            self._waiters.remove(waiter)

    def publish(self, topic: str, payload: bytes, qos: int = COMMAND_QOS) -> bool:
        """Send on the current session; False when disconnected (the caller keeps the message for later)."""
        session = self._session
        return (
            session is not None
            and self._status.state is ConnectionState.CONNECTED
            and session.publish(topic, payload, qos)
        )

    def publish_command(self, project_id: str, device_id: str, command: dict[str, Any]) -> bool:
        """A valve command on the device's `cmd` topic (QoS 1). The irrigation pane commands through the REST API,
        which tracks the command's lifecycle; this is the direct path."""
        if self._plan is None:
            return False
        topic = self._plan.command_topic(project_id, device_id)
        return self.publish(topic, json.dumps(command, separators=(",", ":")).encode(), COMMAND_QOS)

    # ------------------------------------------------------------------ the supervisor
    async def _supervise(self) -> None:
        failures = 0
        want_new_token = True
        while True:
            try:
                stale = self._access is not None and self._clock() >= self._renewal.renew_at(self._access)
                if want_new_token or self._access is None or stale:
                    await self._fetch_token()
                    want_new_token = False
                self._set(ConnectionStatus(ConnectionState.CONNECTING, failures=failures))
                session = await self._open(self._access_or_raise())
            except ConnectFailure as failure:
                failures += 1
                want_new_token = failure.wants_new_token or failure.kind is FailureKind.TOKEN_UNAVAILABLE
                refused = failure.kind in (FailureKind.TOKEN_REFUSED, FailureKind.TLS)
                if refused and failures >= 2:
                    log.warning("MQTT connection refused %d times in a row (%s)", failures, failure.kind)
                await self._wait_before_retry(failures, failure, refused)
                continue
            failures = 0
            loss = await self._hold(session)
            log.info("MQTT connection lost (%s); reconnecting", loss.detail or loss.kind)
            # The first retry after a loss comes quickly (the floor of the first backoff step).
            await self._wait_before_retry(1, loss, refused=False)

    async def _fetch_token(self) -> None:
        try:
            access = await self._token_source()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # The API client's errors carry a sentence for a person; anything else is named by its type only.
            raise ConnectFailure(
                FailureKind.TOKEN_UNAVAILABLE, getattr(exc, "user_message", None) or type(exc).__name__
            ) from None
        self._access = access.received(self._clock())
        self.tokens_fetched += 1
        self._plan = TopicPlan(access.topic_prefix)
        for listener in list(self._access_listeners):
            listener(self._access)

    def _access_or_raise(self) -> IotAccess:
        if self._access is None:
            raise ConnectFailure(FailureKind.TOKEN_UNAVAILABLE)
        return self._access

    async def _open(self, access: IotAccess) -> PahoSession:
        assert self._plan is not None
        session = PahoSession(
            access,
            self.inbox,
            self._plan.subscriptions(),
            client_id=new_client_id(self._client_name),
            keepalive_s=self._keepalive_s,
            connect_timeout_s=self._connect_timeout_s,
            ssl_context=self._ssl_context,
        )
        await session.open(within_s=self._connect_timeout_s + 5.0)
        self.sessions_opened += 1
        return session

    async def _hold(self, session: PahoSession) -> ConnectFailure:
        """Keep `session` (and its successors, after renewals) until one is lost; returns why."""
        self._session = session
        self._set(ConnectionStatus(ConnectionState.CONNECTED))
        renew_at = self._renewal.renew_at(self._access_or_raise())
        renewal_failures = 0
        while True:
            assert session.lost is not None
            try:
                async with asyncio.timeout(max(0.0, renew_at - self._clock())):
                    failure = await asyncio.shield(session.lost)
            except TimeoutError:
                pass  # time to renew the token
            else:
                await self._drop_session(session)
                return failure
            in_use = self._access
            try:
                await self._fetch_token()
                successor = await self._open(self._access_or_raise())
            except ConnectFailure as failure:
                # Keep the connection we have (the broker checks a token only at CONNECT) and try again soon.
                self._access = in_use
                renewal_failures += 1
                delay = self._backoff.delay(renewal_failures, self._rng)
                log.warning("IoT token renewal failed (%s); retrying in %.0f s", failure.kind, delay)
                renew_at = self._clock() + delay
                continue
            renewal_failures = 0
            old, session = session, successor
            self._session = session
            await old.close()
            renew_at = self._renewal.renew_at(self._access_or_raise())
            self._set(ConnectionStatus(ConnectionState.CONNECTED))

    async def _drop_session(self, session: PahoSession) -> None:
        if self._session is session:
            self._session = None
        await session.close()

    async def _wait_before_retry(self, failures: int, failure: ConnectFailure, refused: bool) -> None:
        delay = self._backoff.delay(failures, self._rng)
        state = ConnectionState.REFUSED if refused else ConnectionState.RETRYING
        self._set(ConnectionStatus(state, failure.user_message, failure.kind, delay, failures))
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(delay):
                await self._wake.wait()

    # ------------------------------------------------------------------ status
    def _set(self, status: ConnectionStatus) -> None:
        if status == self._status:
            return
        self._status = status
        for listener in list(self._status_listeners):
            try:
                listener(status)
            except Exception:
                log.exception("an MQTT status listener failed")
        for predicate, future in self._waiters:
            if not future.done() and predicate(status):
                future.set_result(status)
