"""Field tablets: each live session's supervisor posts the crew's deliveries through the simulator's own HTTP API.

A tablet is what another supervisor's phone would be: it signs in with that supervisor's token and sends each
delivery (a picker, a few boxes or kilograms) to POST /records with a clientEventId and an idempotencyKey made
when the delivery happens, kept until the server has it and reused on every retry. Now and then it loses the
signal for a minute or two and then sends what it kept with one bulk request; now and then the supervisor voids
a delivery entered by mistake. The office sees all of it the way it sees any colleague's work: through its own
sync of the server's sessions and records.

Pace: in the farm's working hours (06:00–18:00 local) a tablet sends a delivery every `every_s` seconds or so
(a few seconds: far brisker than a real crew, so someone watching the demo sees tallies arrive); over lunch
(13:00–14:00) three times slower and at night five times slower, but never silent: the demo looks alive whenever
it is opened.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import httpx

from hydrodesk.sim.clock import SimClock
from hydrodesk.sim.control.seed_production import VOID_REASONS, delivery_units
from hydrodesk.sim.http import format_utc
from hydrodesk.sim.life.calendar import local_time

log = logging.getLogger(__name__)

RECORDS = "/api/control/production/records"
WORKDAY = (time(6), time(18))
LUNCH = (time(13), time(14))
SIGNAL_LOSS_CHANCE = 0.06  # per delivery: the tablet goes out of coverage and keeps what it records
VOID_CHANCE = 0.02  # per delivery: the supervisor cancels one of the tablet's recent deliveries
RETRY_PAUSE_S = 3.0


@dataclass(frozen=True)
class TabletPace:
    every_s: float = 6.0  # mean pause between deliveries in working hours

    def factor(self, local: time) -> float:
        if not WORKDAY[0] <= local < WORKDAY[1]:
            return 5.0
        return 3.0 if LUNCH[0] <= local < LUNCH[1] else 1.0

    def pause(self, rng: random.Random, local: time) -> float:
        return self.every_s * self.factor(local) * rng.uniform(0.4, 1.6)

    def signal_gap(self, rng: random.Random) -> float:
        return self.every_s * rng.uniform(6, 15)


class SessionClosed(Exception):
    """The server says the session was closed: the crew went home, the tablet stops."""


class FieldTablet:
    def __init__(
        self,
        session: dict[str, Any],
        *,
        client: httpx.AsyncClient,
        token: Callable[[bool], str],
        clock: SimClock,
        rng: random.Random,
        pace: TabletPace,
    ) -> None:
        """`session`: a row of production.live_sessions_open_today; `token(renew)` the supervisor's bearer JWT."""
        self.session = session
        self.client = client
        self.token = token
        self.clock = clock
        self.rng = rng
        self.pace = pace
        self.kept: list[dict[str, Any]] = []  # made on the tablet, not yet on the server
        self.sent: list[str] = []  # record ids on the server, newest last

    @property
    def owner(self) -> str:
        return self.session["auth0_id"]

    async def run(self) -> None:
        """Post deliveries until the session closes (or the task is cancelled)."""
        try:
            while True:
                await self._next_deliveries()
                await self._send_kept()
                if self.sent and self.rng.random() < VOID_CHANCE:
                    await self._void(self.rng.choice(self.sent[-10:]))
        except SessionClosed:
            log.info("session %s was closed; its tablet stops", self.session["session_id"])

    async def _next_deliveries(self) -> None:
        if self.rng.random() < SIGNAL_LOSS_CHANCE:
            gap = self.pace.signal_gap(self.rng)
            offsets = sorted(self.rng.uniform(0, gap) for _ in range(self.rng.randint(2, 6)))
            await asyncio.sleep(gap)
            back = self.clock.now() - timedelta(seconds=gap)
            self.kept += [self._delivery(back + timedelta(seconds=offset)) for offset in offsets]
        else:
            await asyncio.sleep(self.pace.pause(self.rng, local_time(self.clock.now(), self.session["timezone"])))
            self.kept.append(self._delivery(self.clock.now()))

    def _delivery(self, at: datetime) -> dict[str, Any]:
        picker = self.rng.choice(self.session["crew"])
        return {
            "sessionId": self.session["session_id"],
            "workerId": picker["worker_id"],
            "worker_name": picker["name"],
            "units": delivery_units(self.rng, self.session["sampling_unit"]),
            "recordedAtUtc": format_utc(at),
            "clientEventId": "evt_" + uuid.UUID(int=self.rng.getrandbits(128)).hex,
            "idempotencyKey": "tablet-" + uuid.UUID(int=self.rng.getrandbits(128)).hex,
        }

    # ------------------------------------------------------------------------------------------ talking to the API
    async def _post(self, path: str, body: dict[str, Any]) -> httpx.Response | None:
        """The reply, or None when the server could not be reached or failed (keep the work, try again later)."""
        for renew in (False, True):
            try:
                reply = await self.client.post(
                    path, json={"auth0Id": self.owner, **body}, headers={"Authorization": f"Bearer {self.token(renew)}"}
                )
            except httpx.HTTPError as error:
                log.info("tablet of %s could not reach the server: %s", self.owner, error)
                await asyncio.sleep(RETRY_PAUSE_S)
                return None
            if reply.status_code != 401:
                break
        if reply.status_code == 409 and _error_code(reply) == "session_closed":
            raise SessionClosed
        if reply.status_code >= 500:
            await asyncio.sleep(RETRY_PAUSE_S)
            return None
        return reply

    async def _send_kept(self) -> None:
        if not self.kept:
            return
        batch = list(self.kept)
        if len(batch) == 1:
            reply = await self._post(RECORDS, batch[0])
            if reply is None:
                return
            outcomes = [(reply.status_code, (reply.json().get("data") or {}).get("payloadPreview"))]
        else:
            reply = await self._post(RECORDS + "/bulk", {"records": batch})
            if reply is None:
                return
            if reply.status_code != 207:
                log.warning("tablet of %s: bulk refused (%s): %s", self.owner, reply.status_code, reply.text[:200])
                outcomes = [(reply.status_code, None)] * len(batch)
            else:
                outcomes = [(item["statusCode"], item.get("payloadPreview")) for item in reply.json()["results"]]
        for delivery, (status, preview) in zip(batch, outcomes, strict=True):
            self.kept.remove(delivery)
            if status in (200, 201) and preview:
                self.sent.append(preview["recordId"])
            elif status == 409:
                raise SessionClosed
            else:
                log.warning("tablet of %s: a delivery was refused (%s)", self.owner, status)

    async def _void(self, record_id: str) -> None:
        reply = await self._post(f"{RECORDS}/{record_id}/void", {"reason": self.rng.choice(VOID_REASONS)})
        if reply is not None:
            self.sent.remove(record_id)


def _error_code(reply: httpx.Response) -> str | None:
    try:
        return reply.json().get("error")
    except ValueError:
        return None
