"""Start the simulator's field side: the MQTT broker and the simulated devices (stub until built)."""

from __future__ import annotations

from dataclasses import dataclass, field

from hydrodesk.sim.fieldbus import FieldBus, IrrigationState, NullFieldBus


@dataclass
class FieldRuntime:
    fieldbus: FieldBus = field(default_factory=NullFieldBus)
    mqtt_url: str | None = None

    async def stop(self) -> None:
        return None


async def start_field(
    state: IrrigationState,
    *,
    host: str,
    mqtt_ws_port: int | None,
    mqtt_url: str | None,
    devices: bool,
    data_dir: str,
) -> FieldRuntime:
    """Start what the command line asked for and return a handle the server stops on shutdown."""
    return FieldRuntime()
