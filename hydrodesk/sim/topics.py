"""The simulator's MQTT topics and payloads, as provisional-contract.md fixes them (pure: no I/O).

Per device, under `connect/{companyId}/{projectId}/{deviceId}/`:

- `telemetry` (QoS 0): `{"ts", "metrics": {name: number}}`
- `state` (QoS 1, retained): `{"ts", "valves": {valveId: {"state": "open"|"closed", "since"}}}`
- `cmd` (QoS 1, downlink): `{"commandId", "valveId", "action": "open"|"close", "durationMin"}`
- `ack` (QoS 1): `{"commandId", "status": "acked"|"failed", "ts", "error"?}`
- `status` (QoS 1, retained, also the last will): `{"online", "ts", "battery_pct"?, "rssi_dbm"?}`

Simulator only (never seen by the app): `sim/{deviceId}/fault` carries fault injections (see device_fleet).

Telemetry metric names: `flow_lpm` and `pressure_bar` (the device's line meter: the sum over its valves),
`soil_moisture_pct_10cm|30cm|60cm`, `battery_pct`; a device that drives more than one valve also reports
`flow_lpm_{valveId}` per valve, so each valve's flow can be told apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal

TOPIC_ROOT: Final = "connect"
TopicKind = Literal["telemetry", "state", "cmd", "ack", "status"]
TOPIC_KINDS: Final[tuple[TopicKind, ...]] = ("telemetry", "state", "cmd", "ack", "status")
QOS: Final[dict[TopicKind, int]] = {"telemetry": 0, "state": 1, "cmd": 1, "ack": 1, "status": 1}
RETAINED: Final[frozenset[TopicKind]] = frozenset({"state", "status"})

FLOW: Final = "flow_lpm"
PRESSURE: Final = "pressure_bar"
BATTERY: Final = "battery_pct"
SOIL_DEPTHS_CM: Final = (10, 30, 60)

FAULT_ROOT: Final = "sim"
FAULT_SUBSCRIPTION: Final = "sim/+/fault"


@dataclass(frozen=True)
class DeviceAddress:
    """Where a device lives in the topic tree."""

    company_id: str
    project_id: str
    device_id: str

    def topic(self, kind: TopicKind) -> str:
        return f"{TOPIC_ROOT}/{self.company_id}/{self.project_id}/{self.device_id}/{kind}"


def subscription(kind: TopicKind, company_id: str = "+", project_id: str = "+", device_id: str = "+") -> str:
    """A topic filter for one kind of message; `+` (the default) matches any company, project or device."""
    return f"{TOPIC_ROOT}/{company_id}/{project_id}/{device_id}/{kind}"


def parse_topic(topic: str) -> tuple[DeviceAddress, TopicKind] | None:
    """The device and message kind of a `connect/...` topic, or None for any other topic."""
    parts = topic.split("/")
    if len(parts) != 5 or parts[0] != TOPIC_ROOT or parts[4] not in TOPIC_KINDS or not all(parts[1:4]):
        return None
    kind: TopicKind = parts[4]  # narrowed by the check against TOPIC_KINDS above
    return DeviceAddress(parts[1], parts[2], parts[3]), kind


def fault_topic(device_id: str) -> str:
    return f"{FAULT_ROOT}/{device_id}/fault"


def parse_fault_topic(topic: str) -> str | None:
    """The device id of a `sim/{deviceId}/fault` topic, or None."""
    parts = topic.split("/")
    if len(parts) != 3 or parts[0] != FAULT_ROOT or parts[2] != "fault" or not parts[1]:
        return None
    return parts[1]


def soil_metric(depth_cm: int) -> str:
    return f"soil_moisture_pct_{depth_cm}cm"


def valve_flow_metric(valve_id: str) -> str:
    return f"{FLOW}_{valve_id}"


def iso_utc(moment: datetime) -> str:
    """ISO 8601 UTC with milliseconds and `Z`, the contract's timestamp form."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso_utc(text: object) -> datetime | None:
    """A timestamp from a payload, or None when it is missing or not ISO 8601 with a zone."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def telemetry_payload(ts: datetime, metrics: dict[str, float]) -> dict[str, Any]:
    return {"ts": iso_utc(ts), "metrics": metrics}


def state_payload(ts: datetime, valves: dict[str, tuple[str, datetime]]) -> dict[str, Any]:
    """`valves` maps valveId to (state, since)."""
    return {
        "ts": iso_utc(ts),
        "valves": {valve_id: {"state": state, "since": iso_utc(since)} for valve_id, (state, since) in valves.items()},
    }


def status_payload(
    ts: datetime, *, online: bool, battery_pct: float | None = None, rssi_dbm: float | None = None
) -> dict[str, Any]:
    payload: dict[str, Any] = {"online": online, "ts": iso_utc(ts)}
    if battery_pct is not None:
        payload["battery_pct"] = battery_pct
    if rssi_dbm is not None:
        payload["rssi_dbm"] = rssi_dbm
    return payload


def ack_payload(command_id: str, status: Literal["acked", "failed"], ts: datetime, error: str | None = None) -> dict:
    payload: dict[str, Any] = {"commandId": command_id, "status": status, "ts": iso_utc(ts)}
    if error is not None:
        payload["error"] = error
    return payload


def command_payload(command_id: str, valve_id: str, action: str, duration_min: int | None) -> dict[str, Any]:
    return {"commandId": command_id, "valveId": valve_id, "action": action, "durationMin": duration_min}


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":")).encode()


def decode(raw: bytes) -> dict[str, Any] | None:
    """A payload's JSON object, or None when it is not one (a device must survive garbage on its topics)."""
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict) else None
