"""The one long-lived HTTP connection pool to Hydrobit, and the translation of replies into data or typed errors.

Everything about the wire lives here: URLs, headers, timeouts, TLS, envelope unwrapping, and mapping transport
failures and error replies to `hydrodesk.api.errors`. Operations (client.py) only say which endpoint, with what.
"""

from __future__ import annotations

import functools
import json
import logging
import ssl
import time
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar, cast

import httpx
from pydantic import TypeAdapter, ValidationError

from hydrodesk import __version__
from hydrodesk.api.auth import Credentials, auth_headers
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.connection_pool import CancelSafeTransport
from hydrodesk.api.endpoints import Endpoint, Server
from hydrodesk.api.errors import MalformedResponse, Offline, RequestTimeout, error_from_response
from hydrodesk.api.models_base import format_utc

log = logging.getLogger(__name__)

T = TypeVar("T")
USER_AGENT = f"HydroDesk/{__version__}"
_NO_BODY: Any = object()
# Requests that change nothing on the server: sent once more when the connection broke under them.
SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS"})
# How a kept-alive connection the server has just closed fails a request sent on it.
_DROPPED_CONNECTION = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


@dataclass(frozen=True)
class Reply:
    """A successful (or explicitly accepted) reply: status, headers and decoded JSON (None when bodiless)."""

    status_code: int
    headers: httpx.Headers
    payload: Any

    def header_true(self, name: str) -> bool:
        value: str = self.headers.get(name, "")
        return value.strip().lower() == "true"


class Transport:
    def __init__(
        self,
        config: ApiConfig,
        credentials: Credentials,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self.credentials = credentials
        # HTTP/1.1 keep-alive over a bounded pool; one client for both servers (httpx pools per origin).
        limits = httpx.Limits(
            max_connections=config.max_connections,
            max_keepalive_connections=config.max_keepalive_connections,
            keepalive_expiry=30.0,
        )
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            transport=transport
            or CancelSafeTransport(verify=config.tls_verify(), http1=True, http2=False, limits=limits),
        )

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    async def aclose(self) -> None:
        await self._http.aclose()

    def url(self, endpoint: Endpoint, path_params: Mapping[str, str] | None = None) -> str:
        origin = self.config.base_url if endpoint.server is Server.PRODUCTION else self.config.iot_url
        return origin + endpoint.path(**(path_params or {}))

    async def _send(self, request: httpx.Request, label: str) -> httpx.Response:
        try:
            return await self._http.send(request)
        except _DROPPED_CONNECTION:
            # Servers close idle kept-alive connections after a few seconds (uvicorn after 5, others after 60 or
            # 75), and one closed just as this request went out on it fails without a reply. A request that
            # changes nothing goes once more, on a fresh connection; the office would otherwise show "Offline" for
            # a server that is there. (Changes are not repeated here: the outbox sends them again with their
            # idempotency keys.)
            if request.method not in SAFE_TO_REPEAT:
                raise
            log.info("%s: the connection was closed under the request; sending it again", label)
            return await self._http.send(request)

    async def send(
        self,
        endpoint: Endpoint,
        *,
        path_params: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        body: Any = _NO_BODY,
        encoded_body: bytes | None = None,
        iot_token: str | None = None,
        accept: frozenset[int] = frozenset(),
    ) -> Reply:
        """Send one request. 2xx replies and the statuses in `accept` come back; anything else raises ApiError.

        `body` is encoded as JSON here; `encoded_body` is a JSON body encoded already (a bulk batch whose records
        the store wrote as JSON text: decoding them only to encode them again would be wasted work).
        """
        headers = auth_headers(endpoint.auth, self.credentials, self.config.api_key_scheme, iot_token)
        if encoded_body is not None:
            headers = {**headers, "Content-Type": "application/json"}
        request = self._http.build_request(
            endpoint.method,
            self.url(endpoint, path_params),
            params=_query(params),
            json=None if body is _NO_BODY else body,
            content=encoded_body,
            headers=headers,
        )
        label = f"{endpoint.method} {endpoint.template}"
        started = time.monotonic()
        try:
            response = await self._send(request, label)
        except httpx.TimeoutException as exc:
            log.info("%s timed out (%s)", label, type(exc).__name__)
            raise RequestTimeout(detail=f"{type(exc).__name__} on {label}") from exc
        except httpx.TransportError as exc:
            log.info("%s could not reach the server (%s)", label, type(exc).__name__)
            key = "certificate" if _is_certificate_failure(exc) else None
            raise Offline(message_key=key, detail=f"{type(exc).__name__} on {label}") from exc
        log.debug("%s -> %s in %.0f ms", label, response.status_code, (time.monotonic() - started) * 1000)
        payload = _decode(response)
        if response.is_success or response.status_code in accept:
            if payload is _UNDECODABLE:
                raise MalformedResponse(status_code=response.status_code, detail=f"{label}: body is not JSON")
            return Reply(response.status_code, response.headers, payload)
        error = error_from_response(response.status_code, None if payload is _UNDECODABLE else payload, endpoint.auth)
        log.info("%s failed: %s", label, error)
        raise error


# ------------------------------------------------------------------------------------------------ replies
def parse(shape: type[T], value: Any, *, what: str) -> T:
    """Validate `value` as `shape` (a model class or a typing form such as list[Model]) or raise MalformedResponse."""
    try:
        # A class is hashable (the cache's key), but mypy does not count an unbounded type[T] as Hashable.
        adapter: TypeAdapter[T] = _adapter(cast(Hashable, shape))
        return adapter.validate_python(value)
    except ValidationError as exc:
        # Field locations and messages only: the reply's values (which may hold a token) stay out of logs.
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors(include_input=False, include_url=False)[:5]
        )
        raise MalformedResponse(detail=f"{what}: {problems}") from None


@functools.cache
def _adapter(shape: Any) -> TypeAdapter[Any]:
    # Building an adapter compiles a validator; the handful of reply shapes are compiled once each.
    return TypeAdapter(shape)


def data_of(reply: Reply, *, what: str) -> Any:
    """The `data` of a `{"status": "success", "data": ...}` envelope."""
    envelope = top_level_of(reply, what=what)
    if "data" not in envelope:
        raise MalformedResponse(status_code=reply.status_code, detail=f"{what}: the reply has no 'data'")
    return envelope["data"]


def top_level_of(reply: Reply, *, what: str) -> dict[str, Any]:
    """A success envelope whose fields sit beside `status` (phytosanitary, bulk, form submit)."""
    payload = reply.payload
    if not isinstance(payload, dict) or payload.get("status") != "success":
        raise MalformedResponse(status_code=reply.status_code, detail=f"{what}: the reply is not a success envelope")
    return payload


# ------------------------------------------------------------------------------------------------ helpers
_UNDECODABLE: Any = object()


def _decode(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return _UNDECODABLE


def _query(params: Mapping[str, Any] | None) -> dict[str, str | list[str]] | None:
    """Query values as the API writes them; None means "not sent", a list or tuple repeats the parameter."""
    if not params:
        return None
    query: dict[str, str | list[str]] = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            if value:
                query[name] = [_query_value(name, item) for item in value]
        else:
            query[name] = _query_value(name, value)
    return query


def _query_value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"{name}: a timestamp sent to Hydrobit must be timezone-aware (UTC)")
        return format_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _is_certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):  # the cause chain is short; the bound only guards against a cycle
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
