"""The fleet of simulated RTUs on the broker: one MQTT connection per device, one clock tick for all.

Each device (hydrodesk.sim.devices) connects with its `status` topic as its last will (`online: false`,
retained), then on every (re)connection publishes its retained `status` (online, battery, RSSI) and `state`, and
subscribes to its `cmd` topic. Every `interval_s` it publishes `telemetry`, and `state` again whenever a valve
moved by itself (an open that ran its duration out); `status` is refreshed every `status_every_s`.

Fault injection, for demos and tests:
- Python: `fleet.inject_fault(device_id, fault, valve_id=None)`, a fault of hydrodesk.sim.devices.FAULTS: "leak",
  "stuck", "ack_only" (acked, never carried out), "false_confirm" (acked as done, valve does not move), "offline",
  "flap" (a flow sensor that toggles), "battery_low", "clear".
- Out of process: publish `{"fault": one of those, "valveId": optional}` to
  `sim/{deviceId}/fault` (QoS 1, not retained) on the same broker. A fleet ignores devices it does not run.
`offline` silences the device and drops its connection without a DISCONNECT, so the broker publishes its last
will; `clear` repairs every fault and brings an offline device back (it reconnects and republishes).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import secrets
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass

from hydrodesk.sim import topics
from hydrodesk.sim.devices import FAULTS, Clock, DeviceSpec, Fault, Physics, SimulatedDevice, utc_now
from hydrodesk.sim.mqtt_link import Credentials, MqttLink, Will

log = logging.getLogger(__name__)


@dataclass
class _Device:
    model: SimulatedDevice
    link: MqttLink | None = None


class DeviceFleet:
    def __init__(
        self,
        specs: Iterable[DeviceSpec],
        *,
        url: str,
        credentials_for: Callable[[DeviceSpec | None], Credentials] | None = None,
        interval_s: float = 1.0,
        status_every_s: float = 60.0,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        physics: Physics | None = None,
        start_from: Callable[[DeviceSpec], dict[str, float]] | None = None,
        on_telemetry: Callable[[str, dict], None] | None = None,
    ) -> None:
        """`credentials_for(spec)` gives a device its MQTT credentials (`None`: the fleet's control connection).
        `start_from(spec)` says where a device's slow readings start (its history's latest values);
        `on_telemetry(device_id, payload)` hears every telemetry payload published."""
        rng = rng or random.Random()
        self.url = url
        self.interval_s = interval_s
        self.status_every_s = status_every_s
        self._credentials_for = credentials_for
        self._devices = {
            spec.device_id: _Device(
                SimulatedDevice(spec, clock=clock, rng=random.Random(rng.random()), physics=physics or Physics())
            )
            for spec in specs
        }
        self._on_telemetry = on_telemetry
        if start_from is not None:
            for device in self._devices.values():
                try:
                    device.model.resume_from(start_from(device.model.spec))
                except Exception:  # a device without a history starts where its own model puts it
                    log.warning("no history to start %s from", device.model.device_id, exc_info=True)
        # Client ids must be unique on a broker shared by several simulators (tests).
        self._suffix = secrets.token_hex(3)
        self._control: MqttLink | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()

    @property
    def device_ids(self) -> list[str]:
        return list(self._devices)

    def device(self, device_id: str) -> SimulatedDevice:
        return self._devices[device_id].model

    # ------------------------------------------------------------------ lifecycle
    async def start(self, within_s: float = 15.0) -> None:
        self._control = MqttLink(
            self.url,
            client_id=f"hydrodesk-sim-faults-{self._suffix}",
            on_message=self._on_fault_message,
            subscriptions=[(topics.FAULT_SUBSCRIPTION, 1)],
            credentials=self._credentials_for(None) if self._credentials_for else None,
        )
        await self._control.connect(within_s)
        await asyncio.gather(*(self._connect(device, within_s) for device in self._devices.values()))
        self._ticker = asyncio.create_task(self._tick_forever(), name="device-fleet-ticker")

    async def stop(self) -> None:
        """Power the devices down in order: an `online: false` status, then a clean disconnect."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        for task in list(self._background):
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        closing = []
        for device in self._devices.values():
            if device.link is not None and device.model.online:
                device.link.publish(*self._message(device.model, "status", device.model.powered_down()))
                closing.append(device.link.close())
        if self._control is not None:
            closing.append(self._control.close())
        await asyncio.gather(*closing, return_exceptions=True)

    async def _connect(self, device: _Device, within_s: float) -> None:
        model = device.model
        spec = model.spec
        device.link = MqttLink(
            self.url,
            client_id=f"hydrodesk-sim-{spec.device_id}-{self._suffix}",
            on_message=lambda topic, raw: self._on_command(device, topic, raw),
            on_connected=lambda: self._announce(device),
            subscriptions=[(model.address.topic("cmd"), topics.QOS["cmd"])],
            will=Will(model.address.topic("status"), topics.encode(model.last_will()), qos=1, retain=True),
            credentials=self._credentials_for(spec) if self._credentials_for else None,
        )
        await device.link.connect(within_s)

    # ------------------------------------------------------------------ publishing
    @staticmethod
    def _message(model: SimulatedDevice, kind: topics.TopicKind, payload: dict) -> tuple[str, bytes, int, bool]:
        return model.address.topic(kind), topics.encode(payload), topics.QOS[kind], kind in topics.RETAINED

    def _publish(self, device: _Device, kind: topics.TopicKind, payload: dict) -> None:
        if device.link is not None and device.model.online:
            device.link.publish(*self._message(device.model, kind, payload))

    def _announce(self, device: _Device) -> None:
        """On every (re)connection: a broker that restarted has lost the retained messages."""
        self._publish(device, "status", device.model.status())
        self._publish(device, "state", device.model.state())

    async def _tick_forever(self) -> None:
        loop = asyncio.get_running_loop()
        next_tick = loop.time()
        since_status = 0.0
        while True:
            next_tick += self.interval_s
            since_status += self.interval_s
            refresh_status = since_status >= self.status_every_s
            if refresh_status:
                since_status = 0.0
            for device in self._devices.values():
                if not device.model.online:
                    continue
                if device.model.advance():
                    self._publish(device, "state", device.model.state())
                telemetry = device.model.telemetry()
                self._publish(device, "telemetry", telemetry)
                if self._on_telemetry is not None and device.link is not None:
                    self._on_telemetry(device.model.device_id, telemetry)
                if refresh_status:
                    self._publish(device, "status", device.model.status())
            # Sleep to the next tick, not for a fixed time, so the rate holds however long publishing took.
            await asyncio.sleep(max(0.0, next_tick - loop.time()))

    # ------------------------------------------------------------------ commands
    def _on_command(self, device: _Device, topic: str, raw: bytes) -> None:
        if not device.model.online or topic != device.model.address.topic("cmd"):
            return
        result = device.model.handle_command(topics.decode(raw))
        if result.ack is None:
            log.warning("device %s ignored a command without a commandId", device.model.device_id)
            return
        self._publish(device, "ack", result.ack)
        if result.state_changed:
            self._publish(device, "state", device.model.state())

    # ------------------------------------------------------------------ faults
    def inject_fault(self, device_id: str, fault: Fault, valve_id: str | None = None) -> None:
        """Apply a fault now (see the module docstring). Must be called on the fleet's event loop."""
        device = self._devices[device_id]
        was_online = device.model.online
        device.model.inject(fault, valve_id)
        if was_online and not device.model.online:
            self._in_background(self._drop(device))
        elif not was_online and device.model.online:
            self._in_background(self._connect(device, within_s=30.0))
        elif fault in ("battery_low", "clear"):
            self._publish(device, "status", device.model.status())  # the battery level, now rather than later

    async def _drop(self, device: _Device) -> None:
        if device.link is not None:
            await device.link.abort()

    def _in_background(self, work: Coroutine[object, object, None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        task.add_done_callback(_log_failure)

    def _on_fault_message(self, topic: str, raw: bytes) -> None:
        device_id = topics.parse_fault_topic(topic)
        if device_id is None or device_id not in self._devices:
            return  # another simulator's device, on a shared broker
        payload = topics.decode(raw) or {}
        fault, valve_id = payload.get("fault"), payload.get("valveId")
        if fault not in FAULTS or (valve_id is not None and not isinstance(valve_id, str)):
            log.warning("ignored a fault request for %s: %r", device_id, payload)
            return
        try:
            self.inject_fault(device_id, fault, valve_id)
        except ValueError as exc:
            log.warning("ignored a fault request for %s: %s", device_id, exc)


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("device fleet background task failed", exc_info=task.exception())
