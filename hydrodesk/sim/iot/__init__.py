"""The IoT server's endpoints: the IoT token, the MQTT descriptor, weather, plant and irrigation.

Modules: token (POST /api/iot/token, GET /mqtt), weather and plant (series computed from the clock by
weather_model and plant_model), irrigation (valves, commands, programs, logs), store (tables and the
`IrrigationState` the field side uses), seed (the demo farm's devices, valves, programs and logs).
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from hydrodesk.sim.context import SimContext
from hydrodesk.sim.fieldbus import IrrigationState
from hydrodesk.sim.iot import irrigation, plant, token, weather
from hydrodesk.sim.iot.seed import seed_iot
from hydrodesk.sim.iot.store import IrrigationStore


def routes() -> list[BaseRoute]:
    return [
        Route("/api/iot/token", token.issue_token_route, methods=["POST"]),
        Route("/mqtt", token.mqtt_descriptor_route, methods=["GET"]),
        Route("/api/iot/weather", weather.weather_route, methods=["GET"]),
        Route("/api/iot/plant", plant.plant_route, methods=["GET"]),
        *irrigation.routes(),
    ]


def seed(ctx: SimContext) -> None:
    """Add this area's part of the demo farm (called once, on an empty database, after the farm structure)."""
    seed_iot(ctx)


def irrigation_state(ctx: SimContext) -> IrrigationState:
    """The store the field side reads and updates (on the simulator's event loop)."""
    return IrrigationStore(ctx.db, ctx.clock)
