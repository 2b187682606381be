"""Wire edge cases the simulator cannot produce on demand, answered by httpx.MockTransport.

Everything the simulator can do (real statuses, envelopes, idempotency) is tested against it in
tests/integration/test_client_*.py; these tests only feed the client broken or unusual replies.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from hydrodesk import __version__
from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig, ApiKeyScheme
from hydrodesk.api.errors import MalformedResponse, Offline, RequestTimeout, ServerError, ValidationFailed
from hydrodesk.api.models import NewRecord

Handler = Callable[[httpx.Request], httpx.Response]
CREDENTIALS = Credentials("user_123456789", bearer_token="jwt-secret-value", api_key="key_1.secret-token")
PROJECT = {
    "projectId": "proj_123",
    "companyId": "comp_12345",
    "name": "Rancho San Pedro",
    "timezone": "America/Mexico_City",
    "settings": {"samplingUnit": "box", "pricePerUnit": 5.5, "maxDurationHours": 12},
    "sectors": [],
}


def client_for(handler: Handler, **config: object) -> HydrobitClient:
    settings = ApiConfig(base_url="https://api.example.test", iot_url="https://iot.example.test", **config)  # type: ignore[arg-type]
    return HydrobitClient(settings, CREDENTIALS, transport=httpx.MockTransport(handler))


def answer(status: int, content: bytes, content_type: str = "application/json") -> Handler:
    return lambda request: httpx.Response(status, content=content, headers={"Content-Type": content_type})


@pytest.mark.asyncio
async def test_requests_carry_user_agent_bearer_and_auth0id_on_the_right_server() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "success", "data": [PROJECT]})

    async with client_for(handler) as client:
        projects = await client.list_projects()
    assert [project.name for project in projects] == ["Rancho San Pedro"]
    (request,) = seen
    assert request.url.host == "api.example.test"
    assert request.url.path == "/api/control/projects"
    assert request.url.params["auth0Id"] == "user_123456789"
    assert request.headers["User-Agent"] == f"HydroDesk/{__version__}"
    assert request.headers["Authorization"] == "Bearer jwt-secret-value"
    assert "x-api-key" not in request.headers


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("scheme", "header", "value"),
    [
        (ApiKeyScheme.X_API_KEY, "x-api-key", "key_1.secret-token"),
        (ApiKeyScheme.BEARER, "Authorization", "Bearer key_1.secret-token"),
    ],
)
async def test_the_api_key_goes_where_the_config_says(scheme: ApiKeyScheme, header: str, value: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "success", "data": []})

    async with client_for(handler, api_key_scheme=scheme) as client:
        assert await client.list_valves("proj_123") == []
    assert seen[0].url.host == "iot.example.test"
    assert seen[0].headers[header] == value
    assert "auth0Id" not in seen[0].url.params


@pytest.mark.asyncio
async def test_garbage_json_in_a_success_reply_is_malformed() -> None:
    async with client_for(answer(200, b'{"status": "success", "data": [')) as client:
        with pytest.raises(MalformedResponse) as caught:
            await client.list_projects()
    assert "understand" in caught.value.user_message


@pytest.mark.asyncio
async def test_an_html_502_page_is_a_server_error_without_markup_for_the_user() -> None:
    page = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
    async with client_for(answer(502, page, "text/html")) as client:
        with pytest.raises(ServerError) as caught:
            await client.list_projects()
    assert caught.value.status_code == 502
    assert caught.value.server_message is None
    assert "<" not in caught.value.user_message
    assert "502" in caught.value.user_message


@pytest.mark.asyncio
async def test_an_html_400_page_is_still_a_validation_failure_with_a_generic_sentence() -> None:
    async with client_for(answer(400, b"<html>Bad Request</html>", "text/html")) as client:
        with pytest.raises(ValidationFailed) as caught:
            await client.list_projects()
    assert caught.value.user_message.startswith("The server did not accept the data sent.")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body",
    [
        b'{"data": []}',  # no status
        b'{"status": "success"}',  # no data
        b'{"status": "error", "message": "odd"}',  # an error envelope with a 200
        b"[]",  # not an envelope at all
        b"",  # nothing
    ],
)
async def test_a_success_status_without_a_success_envelope_is_malformed(body: bytes) -> None:
    async with client_for(answer(200, body)) as client:
        with pytest.raises(MalformedResponse):
            await client.list_projects()


@pytest.mark.asyncio
async def test_a_reply_missing_required_fields_is_malformed_and_names_the_field() -> None:
    broken = {key: value for key, value in PROJECT.items() if key != "name"}
    async with client_for(lambda request: httpx.Response(200, json={"status": "success", "data": broken})) as client:
        with pytest.raises(MalformedResponse, match="name"):
            await client.get_project("proj_123")


@pytest.mark.asyncio
async def test_a_malformed_token_reply_never_puts_the_token_in_the_error() -> None:
    reply = {"status": "success", "data": {"token": "iot-secret-value", "url": "wss://x/mqtt"}}
    async with client_for(lambda request: httpx.Response(200, json=reply)) as client:
        with pytest.raises(MalformedResponse) as caught:
            await client.issue_iot_token()
    assert "expiresAt" in str(caught.value)
    assert "iot-secret-value" not in str(caught.value)


@pytest.mark.asyncio
async def test_a_read_timeout_is_a_request_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    record = NewRecord(session_id="s", worker_id="JS0315", worker_name="John Smith", recorded_at_utc=datetime.now(UTC))
    async with client_for(handler) as client:
        with pytest.raises(RequestTimeout) as caught:
            await client.create_record(record)
    assert isinstance(caught.value, Offline)
    assert "too long" in caught.value.user_message


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "dropped",
    [
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError("[Errno 104] Connection reset by peer"),
        httpx.WriteError("[Errno 32] Broken pipe"),
    ],
)
async def test_a_read_on_a_connection_the_server_just_closed_is_sent_again_once(dropped: Exception) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        if len(sent) == 1:  # a kept-alive connection the server closed as the request went out
            raise dropped
        return httpx.Response(200, json={"status": "success", "data": [PROJECT]})

    async with client_for(handler) as client:
        projects = await client.list_projects()
    assert [project.project_id for project in projects] == ["proj_123"]
    assert sent == ["GET", "GET"]


@pytest.mark.asyncio
async def test_a_read_whose_connection_breaks_twice_is_offline() -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")

    async with client_for(handler) as client:
        with pytest.raises(Offline):
            await client.list_projects()
    assert sent == ["GET", "GET"]  # once more, not on and on


@pytest.mark.asyncio
async def test_a_change_whose_connection_broke_is_not_sent_again_here() -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")

    record = NewRecord(session_id="s", worker_id="JS0315", worker_name="John Smith", recorded_at_utc=datetime.now(UTC))
    async with client_for(handler) as client:
        with pytest.raises(Offline):
            await client.create_record(record)
    assert sent == ["POST"]  # the outbox repeats changes itself, with their idempotency keys


@pytest.mark.asyncio
async def test_a_certificate_failure_says_the_connection_is_not_secure() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", request=request)

    async with client_for(handler) as client:
        with pytest.raises(Offline) as caught:
            await client.list_projects()
    assert "certificate" in caught.value.user_message


@pytest.mark.asyncio
async def test_a_closed_loopback_port_is_offline() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = ApiConfig.single_origin(f"http://127.0.0.1:{port}", verify=False)
    async with HydrobitClient(config, CREDENTIALS) as client:
        with pytest.raises(Offline) as caught:
            await client.list_projects()
    assert not isinstance(caught.value, RequestTimeout)
    assert caught.value.user_message.startswith("Can't reach the Hydrobit server")


@pytest.mark.asyncio
async def test_the_client_closes_its_pool() -> None:
    client = client_for(answer(200, b"{}"))
    assert not client.closed
    await client.aclose()
    assert client.closed
