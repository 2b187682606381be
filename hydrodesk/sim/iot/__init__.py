"""The IoT server's endpoints: the IoT token, the MQTT descriptor, weather, plant, telemetry history, irrigation.

Modules: token (POST /api/iot/token, GET /mqtt), weather and plant (series computed from the clock by
weather_model and plant_model), telemetry (the field devices' history: telemetry_model synthesizes it,
telemetry_record keeps what they really published, telemetry_series puts the two together), irrigation (valves,
commands, programs, logs), store (tables and the `IrrigationState` the field side uses), seed (the demo farm's
devices, valves, programs and logs).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
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
        Route("/api/iot/telemetry", telemetry_route, methods=["GET"]),
        *irrigation.routes(),
    ]


async def telemetry_route(request: Request) -> Response:
    # Imported on first use: the history's numpy would otherwise slow every one-shot `hydrodesk-sim` command
    # (token, api-key), which loads every area to open the database.
    from hydrodesk.sim.iot.telemetry import telemetry_route as route

    return await route(request)


def seed(ctx: SimContext) -> None:
    """Add this area's part of the demo farm (called once, on an empty database, after the farm structure)."""
    seed_iot(ctx)


def irrigation_state(ctx: SimContext) -> IrrigationState:
    """The store the field side reads and updates (on the simulator's event loop)."""
    return IrrigationStore(ctx.db, ctx.clock)
