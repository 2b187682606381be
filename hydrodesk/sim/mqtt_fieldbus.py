"""The simulator's FieldBus over MQTT: commands go down to the devices, what the field reports comes back up.

Command lifecycle in the store (IrrigationState):
- `send_command` publishes the command on the device's `cmd` topic (QoS 1); `sent` once the broker has it.
- The device's `ack`: `acked` (+ `ackedAt`), or `failed` with the device's reason.
- Telemetry newer than the ack that shows the valve really moved (flow inside, or back out of, the envelope):
  `confirmed` (+ `confirmedAt`).
- An ack that vouches for the move itself (`"confirmed": true`, a device trusting its actuator's end switch):
  `confirmed` at once, without waiting for telemetry (this is how a server's "confirmed" can be wrong).
- No ack within `ack_timeout_s`: `expired`. Acked but no telemetry confirms it within `confirm_timeout_s` (a stuck
  valve, a device gone quiet): `failed`, with the reason.

Valves: `observedState` is what the device reports (`state`), unless its telemetry has contradicted that for
longer than `fault_grace_s` (water through a closed valve, none through an open one): then `fault`; `unknown`
while the device is offline. `flow_lpm`, `pressure_bar` and `lastSeen` follow the telemetry.

Irrigation log: when an open valve closes, one entry with the volume integrated from the flow readings.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hydrodesk.domain.irrigation import LEAK_THRESHOLD_LPM
from hydrodesk.sim import topics
from hydrodesk.sim.devices import Clock, utc_now
from hydrodesk.sim.fieldbus import IrrigationState
from hydrodesk.sim.mqtt_link import Credentials, MqttLink
from hydrodesk.sim.topics import DeviceAddress

log = logging.getLogger(__name__)

OPEN_FRACTION_OF_MIN = 0.5
"""At least this fraction of the envelope's minimum shows a valve open: water moves, though it may still be
ramping up (whether the flow is inside the envelope is the console's judgement, not the confirmation's)."""


def flow_agrees(state: str, flow_lpm: float, min_lpm: float) -> bool:
    """Does a flow reading agree with a valve position? Closed means no more than the console's leak threshold."""
    if state == "open":
        return flow_lpm >= OPEN_FRACTION_OF_MIN * min_lpm
    return flow_lpm <= LEAK_THRESHOLD_LPM


@dataclass
class _OpenRun:
    started_at: datetime
    last_ts: datetime
    last_flow: float = 0.0
    volume_l: float = 0.0
    command: dict[str, Any] | None = None

    def add_reading(self, ts: datetime, flow_lpm: float) -> None:
        minutes = (ts - self.last_ts).total_seconds() / 60.0
        if minutes > 0:
            self.volume_l += (self.last_flow + flow_lpm) / 2.0 * minutes
            self.last_ts = ts
        self.last_flow = flow_lpm

    def close(self, ended_at: datetime) -> float:
        minutes = (ended_at - self.last_ts).total_seconds() / 60.0
        return self.volume_l + max(0.0, minutes) * self.last_flow


@dataclass
class _Valve:
    valve_id: str
    device_id: str
    sector_id: str | None
    project_id: str | None
    min_lpm: float
    reported: str | None = None
    reported_changed_at: datetime | None = None
    run: _OpenRun | None = None
    opening_command: dict[str, Any] | None = None


@dataclass
class _AwaitingConfirmation:
    command: dict[str, Any]
    acked_at: datetime
    timer: asyncio.TimerHandle


@dataclass
class _AwaitingAck:
    command: dict[str, Any]
    timer: asyncio.TimerHandle


def _expected_state(command: dict[str, Any]) -> str:
    return "open" if command.get("action") == "open" else "closed"


class MqttFieldBus:
    def __init__(
        self,
        state: IrrigationState,
        *,
        url: str,
        credentials: Credentials | None = None,
        clock: Clock = utc_now,
        ack_timeout_s: float = 15.0,
        confirm_timeout_s: float = 30.0,
        fault_grace_s: float = 6.0,
    ) -> None:
        self._state = state
        self._clock = clock
        self.ack_timeout_s = ack_timeout_s
        self.confirm_timeout_s = confirm_timeout_s
        self.fault_grace_s = fault_grace_s
        self._valves: dict[str, _Valve] = {}
        self._by_device: dict[str, list[_Valve]] = {}
        self._awaiting_ack: dict[str, _AwaitingAck] = {}
        self._awaiting_confirmation: dict[str, _AwaitingConfirmation] = {}  # by valve id
        self._sent_mids: dict[int, str] = {}
        self._link = MqttLink(
            url,
            client_id=f"hydrodesk-sim-fieldbus-{secrets.token_hex(3)}",
            on_message=self.handle_message,
            on_published=self._on_published,
            subscriptions=[(topics.subscription(kind), 1) for kind in ("ack", "state", "telemetry", "status")],
            credentials=credentials,
        )
        self._handlers: dict[str, Callable[[list[_Valve], dict[str, Any]], None]] = {
            "ack": self._on_ack,
            "state": self._on_state,
            "telemetry": self._on_telemetry,
            "status": self._on_status,
        }

    async def start(self, within_s: float = 15.0) -> None:
        self.load_valves()
        await self._link.connect(within_s)

    async def stop(self) -> None:
        for pending in [*self._awaiting_ack.values(), *self._awaiting_confirmation.values()]:
            pending.timer.cancel()
        self._awaiting_ack.clear()
        self._awaiting_confirmation.clear()
        await self._link.close()

    def load_valves(self) -> None:
        """(Re)read the valves and their devices from the store; `start()` does it."""
        self._valves.clear()
        self._by_device.clear()
        for valve in self._state.list_all_valves():
            if not valve.get("valveId") or not valve.get("deviceId"):
                continue
            envelope = valve.get("expectedFlow") or {}
            track = _Valve(
                valve_id=valve["valveId"],
                device_id=valve["deviceId"],
                sector_id=valve.get("sectorId"),
                project_id=valve.get("projectId"),
                min_lpm=float(envelope.get("min_lpm", 1.0)),
            )
            self._valves[track.valve_id] = track
            self._by_device.setdefault(track.device_id, []).append(track)

    # ------------------------------------------------------------------ downlink
    async def send_command(self, command: dict[str, Any]) -> None:
        command_id = command["commandId"]
        address = DeviceAddress(command["companyId"], command["projectId"], command["deviceId"])
        payload = topics.command_payload(command_id, command["valveId"], command["action"], command.get("durationMin"))
        mid = self._link.publish(address.topic("cmd"), topics.encode(payload), qos=topics.QOS["cmd"])
        self._sent_mids[mid] = command_id
        loop = asyncio.get_running_loop()
        timer = loop.call_later(self.ack_timeout_s, self._ack_timed_out, command_id)
        self._awaiting_ack[command_id] = _AwaitingAck(dict(command), timer)

    def _on_published(self, mid: int) -> None:
        command_id = self._sent_mids.pop(mid, None)
        if command_id is None:
            return
        stored = self._state.get_command(command_id)
        if stored is not None and stored.get("status") == "pending":  # an ack may have overtaken the PUBACK
            self._state.update_command(command_id, status="sent")

    def _ack_timed_out(self, command_id: str) -> None:
        if self._awaiting_ack.pop(command_id, None) is None:
            return
        error = f"The device did not answer within {self.ack_timeout_s:g} s."
        self._state.update_command(command_id, status="expired", error=error)

    def _confirmation_timed_out(self, valve_id: str, command_id: str) -> None:
        waiting = self._awaiting_confirmation.get(valve_id)
        if waiting is None or waiting.command["commandId"] != command_id:
            return
        del self._awaiting_confirmation[valve_id]
        error = (
            f"The device acknowledged, but no telemetry showed the valve {_expected_state(waiting.command)} "
            f"within {self.confirm_timeout_s:g} s."
        )
        self._state.update_command(command_id, status="failed", error=error)

    # ------------------------------------------------------------------ uplink
    def handle_message(self, topic: str, raw: bytes) -> None:
        """One message from the broker (called on the event loop)."""
        parsed = topics.parse_topic(topic)
        payload = topics.decode(raw)
        if parsed is None or payload is None:
            return
        address, kind = parsed
        handler = self._handlers.get(kind)
        if handler is None:
            return
        valves = self._by_device.get(address.device_id)
        if valves is None:
            return  # a device this simulator does not know (another simulator on a shared broker)
        handler(valves, payload)

    def _on_ack(self, _valves: list[_Valve], payload: dict[str, Any]) -> None:
        command_id = payload.get("commandId")
        if not isinstance(command_id, str):
            return
        pending = self._awaiting_ack.pop(command_id, None)
        if pending is None:
            return  # a late ack (the command expired already) or a command someone else sent
        pending.timer.cancel()
        ts = topics.parse_iso_utc(payload.get("ts")) or self._clock()
        if payload.get("status") != "acked":
            error = payload.get("error") if isinstance(payload.get("error"), str) else "The device refused it."
            self._state.update_command(command_id, status="failed", error=error)
            return
        self._state.update_command(command_id, status="acked", ackedAt=topics.iso_utc(ts))
        valve = self._valves.get(pending.command.get("valveId", ""))
        if payload.get("confirmed") is True:
            self._state.update_command(command_id, status="confirmed", confirmedAt=topics.iso_utc(ts))
            if valve is not None:
                superseded = self._awaiting_confirmation.pop(valve.valve_id, None)
                if superseded is not None:
                    superseded.timer.cancel()
            return
        if valve is None:
            return
        if _expected_state(pending.command) == "open":
            valve.opening_command = pending.command
        superseded = self._awaiting_confirmation.pop(valve.valve_id, None)
        if superseded is not None:
            superseded.timer.cancel()  # a newer command for the valve: the older one stays acked
        timer = asyncio.get_running_loop().call_later(
            self.confirm_timeout_s, self._confirmation_timed_out, valve.valve_id, command_id
        )
        self._awaiting_confirmation[valve.valve_id] = _AwaitingConfirmation(pending.command, ts, timer)

    def _on_state(self, valves: list[_Valve], payload: dict[str, Any]) -> None:
        reported = payload.get("valves")
        if not isinstance(reported, dict):
            return
        ts = topics.parse_iso_utc(payload.get("ts")) or self._clock()
        for valve in valves:
            entry = reported.get(valve.valve_id)
            if not isinstance(entry, dict) or entry.get("state") not in ("open", "closed"):
                continue
            new_state = entry["state"]
            since = topics.parse_iso_utc(entry.get("since")) or ts
            if new_state != valve.reported:
                self._valve_moved(valve, new_state, since)
            self._state.update_valve(valve.valve_id, observedState=new_state, lastSeen=topics.iso_utc(ts))

    def _valve_moved(self, valve: _Valve, new_state: str, since: datetime) -> None:
        if new_state == "open":
            valve.run = _OpenRun(started_at=since, last_ts=since, command=valve.opening_command)
            valve.opening_command = None
        elif valve.run is not None:
            self._log_irrigation(valve, valve.run, since)
            valve.run = None
        valve.reported = new_state
        valve.reported_changed_at = self._clock()

    def _log_irrigation(self, valve: _Valve, run: _OpenRun, ended_at: datetime) -> None:
        command = run.command or {}
        program_id = command.get("programId")
        self._state.add_irrigation_log(
            {
                "valveId": valve.valve_id,
                "sectorId": valve.sector_id,
                "projectId": valve.project_id,
                "startedAt": topics.iso_utc(run.started_at),
                "endedAt": topics.iso_utc(ended_at),
                "volume_l": round(run.close(ended_at), 1),
                "source": command.get("source") or ("program" if program_id else "manual"),
                "programId": program_id,
                "commandId": command.get("commandId"),
                "auth0Id": command.get("auth0Id"),
            }
        )

    def _on_telemetry(self, valves: list[_Valve], payload: dict[str, Any]) -> None:
        metrics = payload.get("metrics")
        ts = topics.parse_iso_utc(payload.get("ts"))
        if not isinstance(metrics, dict) or ts is None:
            return
        pressure = metrics.get(topics.PRESSURE)
        for valve in valves:
            flow = metrics.get(topics.valve_flow_metric(valve.valve_id))
            if flow is None and len(valves) == 1:
                flow = metrics.get(topics.FLOW)
            if not isinstance(flow, int | float):
                continue
            if valve.run is not None:
                valve.run.add_reading(ts, float(flow))
            agrees = valve.reported is not None and flow_agrees(valve.reported, float(flow), valve.min_lpm)
            if agrees:
                self._confirm(valve, ts)
            fields: dict[str, Any] = {"flow_lpm": flow, "lastSeen": topics.iso_utc(ts)}
            if isinstance(pressure, int | float):
                fields["pressure_bar"] = pressure
            if valve.reported is not None:
                fields["observedState"] = valve.reported if agrees or not self._contradicted_long(valve) else "fault"
            self._state.update_valve(valve.valve_id, **fields)

    def _contradicted_long(self, valve: _Valve) -> bool:
        if valve.reported_changed_at is None:
            return True
        return (self._clock() - valve.reported_changed_at).total_seconds() > self.fault_grace_s

    def _confirm(self, valve: _Valve, ts: datetime) -> None:
        waiting = self._awaiting_confirmation.get(valve.valve_id)
        if waiting is None or ts < waiting.acked_at:
            return
        if valve.reported != _expected_state(waiting.command):
            return
        waiting.timer.cancel()
        del self._awaiting_confirmation[valve.valve_id]
        self._state.update_command(waiting.command["commandId"], status="confirmed", confirmedAt=topics.iso_utc(ts))

    def _on_status(self, valves: list[_Valve], payload: dict[str, Any]) -> None:
        if payload.get("online") is not False:
            return
        for valve in valves:
            self._state.update_valve(valve.valve_id, observedState="unknown")
