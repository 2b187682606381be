"""The simulator's ASGI application: every documented and provisional Hydrobit route on one origin."""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path

import yaml
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from hydrodesk.resources import resource_path
from hydrodesk.sim import control, farm, iot, oidc
from hydrodesk.sim.context import SimContext
from hydrodesk.sim.fieldbus import FieldBus
from hydrodesk.sim.http import HttpError, JsonResponse, error_response

log = logging.getLogger(__name__)
OPENAPI_FILE = ("openapi", "hydrobit-api.yaml")
# The simulator's own endpoints, not part of the Hydrobit API document.
SELF_DESCRIPTION_PATHS = frozenset({"/openapi.json", "/openapi.yaml"})


@functools.cache
def _openapi_text() -> str:
    return resource_path(*OPENAPI_FILE).read_text(encoding="utf-8")


async def openapi_yaml(request: Request) -> Response:
    return PlainTextResponse(_openapi_text(), media_type="application/yaml")


async def openapi_json(request: Request) -> Response:
    return JsonResponse(yaml.safe_load(_openapi_text()))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HttpError)
    return error_response(exc.status_code, exc.message, exc.error)


async def _starlette_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_response(404, f"There is no endpoint at {request.url.path}.", "not_found")
    if exc.status_code == 405:
        return error_response(405, f"{request.method} is not allowed on {request.url.path}.", "method_not_allowed")
    return error_response(exc.status_code, str(exc.detail), "http_error")


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    # Never leak a traceback to a client; the log keeps it for whoever runs the simulator.
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "The server hit an unexpected error. Try again later.", "internal_error")


def all_routes() -> list[BaseRoute]:
    return [
        *farm.routes(),
        *control.routes(),
        *iot.routes(),
        *oidc.routes(),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/openapi.yaml", openapi_yaml, methods=["GET"]),
    ]


def create_app(ctx: SimContext) -> Starlette:
    app = Starlette(
        routes=all_routes(),
        exception_handlers={
            HttpError: _http_error,
            HTTPException: _starlette_error,
            Exception: _unexpected_error,
        },
    )
    app.state.ctx = ctx
    return app


def create_app_for(data_dir: Path, fieldbus: FieldBus | None = None) -> Starlette:
    """An app on the given data folder (seeded when empty): for tests that call the ASGI app directly."""
    from hydrodesk.sim.seed import seed_demo_farm

    ctx = SimContext.open(data_dir, fieldbus)
    seed_demo_farm(ctx)
    return create_app(ctx)


def openapi_document() -> dict:
    return json.loads(json.dumps(yaml.safe_load(_openapi_text())))
