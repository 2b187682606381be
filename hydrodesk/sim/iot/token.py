"""POST /api/iot/token (a short-lived IoT token for a signed-in user) and GET /mqtt (the broker descriptor)."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from hydrodesk.sim.auth import authenticate_user, check_caller_is, issue_iot_token, verify_iot_token
from hydrodesk.sim.db import Database
from hydrodesk.sim.http import HttpError, JsonResponse, format_utc, ok, optional_str, read_json, require_str

MQTT_PROTOCOL = "MQTT v3.1.1 over WebSocket"


def topic_prefix(company_id: str) -> str:
    return f"connect/{company_id}"


def device_topic(company_id: str, project_id: str, device_id: str) -> str:
    return f"{topic_prefix(company_id)}/{project_id}/{device_id}/#"


def _device(db: Database, device_id: str) -> tuple[str, str] | None:
    """(companyId, projectId) of a device."""
    row = db.one("SELECT company_id, project_id FROM iot_devices WHERE device_id = ?", (device_id,))
    return None if row is None else (row["company_id"], row["project_id"])


async def issue_token_route(request: Request) -> Response:
    user = authenticate_user(request)
    body = await read_json(request)
    check_caller_is(user, require_str(body, "auth0Id"))
    device_id = optional_str(body, "deviceId")
    ctx = request.app.state.ctx
    if device_id is not None:
        owner = _device(ctx.db, device_id)
        if owner is None:
            raise HttpError(404, f"Device {device_id} was not found.", "device_not_found")
        if owner[0] != user.company_id:
            raise HttpError(403, f"Device {device_id} belongs to another company.", "forbidden_device")
    token, expires = issue_iot_token(ctx.secret, user, device_id)
    return ok(
        {
            "token": token,
            "expiresAt": format_utc(datetime.fromtimestamp(expires, UTC)),
            "url": ctx.mqtt_url,
            "topicPrefix": topic_prefix(user.company_id),
        }
    )


async def mqtt_descriptor_route(request: Request) -> Response:
    """The documented descriptor a plain GET receives; the WebSocket itself is served by the broker at `url`."""
    ctx = request.app.state.ctx
    token = request.headers.get("x-iot-token", "").strip()
    if not token:
        raise HttpError(401, "An IoT token is required: send it in the x-iot-token header.", "missing_iot_token")
    claims = verify_iot_token(ctx.secret, token)
    if claims is None:
        raise HttpError(401, "The IoT token is not valid or has expired; ask for a new one.", "invalid_iot_token")
    device_id = request.query_params.get("deviceId", "").strip()
    if not device_id:
        raise HttpError(400, "deviceId is required, for example deviceId=bitRTU-01.", "validation_error")
    owner = _device(ctx.db, device_id)
    # Another company's device is reported as missing: a token must not reveal what other companies own.
    if owner is None or owner[0] != claims.get("companyId"):
        raise HttpError(404, f"Device {device_id} was not found.", "device_not_found")
    if claims.get("deviceId") not in (None, device_id):
        raise HttpError(403, f"This IoT token was issued for device {claims['deviceId']}.", "forbidden_device")
    company_id, project_id = owner
    return JsonResponse(
        {
            "url": ctx.mqtt_url,
            "deviceId": device_id,
            "topic": device_topic(company_id, project_id, device_id),
            "protocol": MQTT_PROTOCOL,
        }
    )
