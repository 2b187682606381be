"""Start the simulator's field side: the MQTT broker, the field bus and the simulated devices.

- `--mqtt-url URL`: use that broker (devices and field bus connect to it; it is also what clients are told).
- else `--mqtt-ws-port N` (0: a free port), or devices wanted: the embedded amqtt broker, in a child process
  (hydrodesk.sim.broker_process), bound to the simulator's loopback host. Clients use its WebSocket address and
  must present an IoT token signed by this simulator; the devices and the field bus use its TCP listener with
  tokens of their own.
- no broker at all: the NullFieldBus (commands stay `pending`).

Timing knobs, for tests that run the simulator as a process (seconds; the demo defaults in brackets):
HYDRODESK_SIM_TELEMETRY_S [1], HYDRODESK_SIM_ACK_TIMEOUT_S [15], HYDRODESK_SIM_CONFIRM_TIMEOUT_S [30],
HYDRODESK_SIM_FAULT_GRACE_S [6], HYDRODESK_SIM_RAMP_S [2].
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from hydrodesk.sim.auth import User, issue_iot_token, load_secret
from hydrodesk.sim.broker_process import BrokerProcess
from hydrodesk.sim.device_fleet import DeviceFleet
from hydrodesk.sim.devices import Clock, DeviceSpec, Physics, device_specs, utc_now
from hydrodesk.sim.fieldbus import FieldBus, IrrigationState, NullFieldBus
from hydrodesk.sim.iot.telemetry_record import TelemetryRecorder
from hydrodesk.sim.mqtt_fieldbus import MqttFieldBus
from hydrodesk.sim.mqtt_link import Credentials

log = logging.getLogger(__name__)

FIELD_COMPANY = "hydrodesk-sim"  # the company claim of the simulator's own service tokens


@dataclass(frozen=True)
class FieldSettings:
    telemetry_s: float = 1.0
    ack_timeout_s: float = 15.0
    confirm_timeout_s: float = 30.0
    fault_grace_s: float = 6.0
    ramp_s: float = 2.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> FieldSettings:
        environ = dict(os.environ if environ is None else environ)
        values = {}
        for setting in fields(cls):
            raw = environ.get(f"HYDRODESK_SIM_{setting.name.upper()}")
            if raw:
                values[setting.name] = float(raw)
        return cls(**values)


@dataclass
class FieldRuntime:
    fieldbus: FieldBus = field(default_factory=NullFieldBus)
    mqtt_url: str | None = None
    """The MQTT-over-WebSocket address clients should use."""
    broker: BrokerProcess | None = None
    fleet: DeviceFleet | None = None
    recorder: TelemetryRecorder | None = None
    """Keeps what the devices publish, for the telemetry history."""

    async def stop(self) -> None:
        if self.fleet is not None:
            await self.fleet.stop()
        if self.recorder is not None:
            await self.recorder.stop()
        if isinstance(self.fieldbus, MqttFieldBus):
            await self.fieldbus.stop()
        if self.broker is not None:
            await asyncio.to_thread(self.broker.stop)


def service_credentials(secret: bytes, subject: str, device_id: str | None = None) -> Credentials:
    """Credentials for the simulator's own clients: a fresh IoT token at every (re)connection."""
    user = User(auth0_id=subject, company_id=FIELD_COMPANY, name=subject, email="")
    return lambda: (subject, issue_iot_token(secret, user, device_id)[0])


async def start_field(
    state: IrrigationState,
    *,
    host: str,
    mqtt_ws_port: int | None,
    mqtt_url: str | None,
    devices: bool,
    data_dir: str,
    settings: FieldSettings | None = None,
    recorder: TelemetryRecorder | None = None,
    start_from: Callable[[DeviceSpec], dict[str, float]] | None = None,
    clock: Clock = utc_now,
) -> FieldRuntime:
    """Start what the command line asked for and return a handle the server stops on shutdown. With devices,
    `recorder` keeps what they publish and `start_from` says where each picks up (see DeviceFleet). Devices and the
    field bus read the simulator's clock: command deadlines and irrigation logs are stamped in the store's time."""
    settings = settings or FieldSettings.from_env()
    runtime = FieldRuntime()
    if mqtt_url is None and mqtt_ws_port is None and not devices:
        return runtime
    secret = load_secret(Path(data_dir))
    try:
        if mqtt_url is None:
            runtime.broker = await asyncio.to_thread(
                BrokerProcess.start_amqtt, host, ws_port=mqtt_ws_port or 0, data_dir=Path(data_dir)
            )
            runtime.mqtt_url, field_url = runtime.broker.ws_url, runtime.broker.tcp_url
        else:
            runtime.mqtt_url = field_url = mqtt_url
        fieldbus = MqttFieldBus(
            state,
            url=field_url,
            credentials=service_credentials(secret, "hydrodesk-sim-fieldbus"),
            clock=clock,
            ack_timeout_s=settings.ack_timeout_s,
            confirm_timeout_s=settings.confirm_timeout_s,
            fault_grace_s=settings.fault_grace_s,
        )
        await fieldbus.start()
        runtime.fieldbus = fieldbus
        if devices:
            runtime.fleet = DeviceFleet(
                device_specs(state.list_all_valves()),
                url=field_url,
                credentials_for=lambda spec: _device_credentials(secret, spec),
                interval_s=settings.telemetry_s,
                clock=clock,
                physics=Physics(ramp_s=settings.ramp_s),
                start_from=start_from,
                on_telemetry=recorder.record if recorder is not None else None,
            )
            if recorder is not None:
                runtime.recorder = recorder
                recorder.start()
            await runtime.fleet.start()
    except BaseException:
        with contextlib.suppress(Exception):
            await runtime.stop()
        raise
    log.info(
        "field side up: mqtt=%s devices=%s", runtime.mqtt_url, len(runtime.fleet.device_ids) if runtime.fleet else 0
    )
    return runtime


def _device_credentials(secret: bytes, spec: DeviceSpec | None) -> Credentials:
    if spec is None:
        return service_credentials(secret, "hydrodesk-sim-fleet")
    return service_credentials(secret, f"device:{spec.device_id}", spec.device_id)
