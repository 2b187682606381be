"""What the console knows about each field device from its MQTT traffic (pure: the caller says what time it is).

`online` comes from the device's retained `status` (and from its last will, which the broker publishes as a
`status` with `online: false` when the device's connection dies); `last_seen` is the newest moment anything
arrived from it. A device can say it is online and still fall silent (a hung RTU): `is_silent` tells that apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True)
class ValveSeen:
    state: str
    """What the device reports (open, closed, ...): the observed state, never what was commanded."""
    since: float | None
    reported_at: float | None


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: str
    project_id: str
    online: bool | None = None
    """None until a status arrives."""
    status_ts: float | None = None
    last_seen: float | None = None
    battery_pct: float | None = None
    rssi_dbm: float | None = None
    valves: dict[str, ValveSeen] = field(default_factory=dict)

    def is_silent(self, now: float, expected_interval_s: float, missed: float = 5.0) -> bool:
        """Nothing heard for `missed` reporting intervals (or never heard at all)."""
        return self.last_seen is None or now - self.last_seen > missed * expected_interval_s


class DeviceDirectory:
    """Every device heard from, by id. Updates return the new DeviceInfo (immutable: listeners may keep it)."""

    def __init__(self) -> None:
        self._devices: dict[str, DeviceInfo] = {}
        # Kept apart and merged on read: `seen` runs for every message and must not rebuild a DeviceInfo.
        self._last_seen: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self._devices)

    def get(self, device_id: str) -> DeviceInfo | None:
        info = self._devices.get(device_id)
        return None if info is None else replace(info, last_seen=self._last_seen.get(device_id))

    def all(self) -> list[DeviceInfo]:
        return [replace(self._devices[d], last_seen=self._last_seen.get(d)) for d in sorted(self._devices)]

    def _current(self, device_id: str, project_id: str) -> DeviceInfo:
        return self._devices.get(device_id) or DeviceInfo(device_id, project_id)

    def seen(self, device_id: str, project_id: str, at: float) -> None:
        """Traffic from the device (cheap: called for every message)."""
        if device_id not in self._devices:
            self._devices[device_id] = DeviceInfo(device_id, project_id)
        if at > self._last_seen.get(device_id, float("-inf")):
            self._last_seen[device_id] = at

    def status(
        self,
        device_id: str,
        project_id: str,
        *,
        online: bool,
        ts: float | None,
        battery_pct: float | None,
        rssi_dbm: float | None,
    ) -> DeviceInfo:
        # Applied in arrival order, not by `ts`: a last will carries the time it was set (when the device
        # connected), older than the device's latest live status, and must still win.
        info = replace(
            self._current(device_id, project_id),
            online=online,
            status_ts=ts,
        )
        # A last will carries no battery or signal: keep the last known ones.
        if battery_pct is not None:
            info = replace(info, battery_pct=battery_pct)
        if rssi_dbm is not None:
            info = replace(info, rssi_dbm=rssi_dbm)
        self._devices[device_id] = info
        return replace(info, last_seen=self._last_seen.get(device_id))

    def valves(self, device_id: str, project_id: str, valves: dict[str, ValveSeen]) -> DeviceInfo:
        info = self._current(device_id, project_id)
        info = replace(info, valves={**info.valves, **valves})
        self._devices[device_id] = info
        return replace(info, last_seen=self._last_seen.get(device_id))
