"""The seam between the simulator's REST side and its field side (broker, devices).

The REST side owns the data (valves, commands, programs, logs) in its store and implements `IrrigationState`.
The field side (hydrodesk.sim.field) implements `FieldBus`: it carries commands to the simulated devices over MQTT
and writes back what the devices report. Everything here runs on the simulator's one asyncio event loop: a thread
that receives MQTT messages must hand them to that loop before touching the store.
"""

from __future__ import annotations

from typing import Any, Protocol


class IrrigationState(Protocol):
    """What the field side may read and change in the simulator's store (all dicts use the wire field names)."""

    def list_all_valves(self) -> list[dict[str, Any]]:
        """Every valve of every company, each with `companyId` and `projectId` besides the Valve fields."""

    def get_valve(self, valve_id: str) -> dict[str, Any] | None: ...

    def update_valve(self, valve_id: str, **fields: Any) -> None:
        """Set observed fields: `observedState`, `flow_lpm`, `pressure_bar`, `lastSeen`."""

    def get_command(self, command_id: str) -> dict[str, Any] | None: ...

    def update_command(self, command_id: str, **fields: Any) -> None:
        """Advance a command: `status` (sent, acked, confirmed, failed, expired), `ackedAt`, `confirmedAt`, `error`."""

    def add_irrigation_log(self, log: dict[str, Any]) -> None:
        """Append a finished irrigation (`valveId`, `sectorId`, `startedAt`, `endedAt`, `volume_l`, `source`, ...)."""


class FieldBus(Protocol):
    """Carries irrigation commands to the field."""

    async def send_command(self, command: dict[str, Any]) -> None:
        """Deliver a stored command (`commandId`, `valveId`, `deviceId`, `companyId`, `projectId`, `action`,
        `durationMin`) to its device. Must return quickly; the outcome arrives later through `IrrigationState`."""


class NullFieldBus:
    """No field devices (`--no-devices`): commands are accepted and stay `pending`."""

    async def send_command(self, command: dict[str, Any]) -> None:
        return None
