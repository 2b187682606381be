"""What every group of Hydrobit operations shares: the connection pool, the credentials, and request helpers."""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar

import httpx

from hydrodesk.api.auth import Credentials
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.endpoints import IDEMPOTENT_REPLAY_HEADER, AuthKind, Endpoint
from hydrodesk.api.errors import MalformedResponse
from hydrodesk.api.models_base import RequestModel
from hydrodesk.api.models_iot import CommandAccepted, ProgramRun
from hydrodesk.api.transport import Reply, Transport, data_of, parse

AcceptedT = TypeVar("AcceptedT", CommandAccepted, ProgramRun)


class ClientBase:
    def __init__(
        self,
        config: ApiConfig,
        credentials: Credentials,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        # `transport` is for unit tests of wire edge cases only (httpx.MockTransport).
        self._wire = Transport(config, credentials, transport=transport)

    async def __aenter__(self) -> ClientBase:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._wire.aclose()

    @property
    def closed(self) -> bool:
        return self._wire.closed

    @property
    def config(self) -> ApiConfig:
        return self._wire.config

    @property
    def credentials(self) -> Credentials:
        return self._wire.credentials

    def replace_credentials(self, credentials: Credentials) -> None:
        """Use new credentials (after signing in again) on the same connection pool."""
        self._wire.credentials = credentials

    def _me(self) -> str:
        return self._wire.credentials.auth0_id

    async def _get(self, endpoint: Endpoint, *, path: dict[str, str] | None = None, **params: Any) -> Reply:
        # User endpoints still document `auth0Id` as a query parameter although the JWT carries it.
        if endpoint.auth is AuthKind.BEARER_JWT:
            params = {"auth0Id": self._me(), **params}
        return await self._wire.send(endpoint, path_params=path, params=params)

    async def _write(self, endpoint: Endpoint, body: RequestModel, *, path: dict[str, str] | None = None) -> Reply:
        # Every documented write body carries the caller's `auth0Id`.
        return await self._wire.send(endpoint, path_params=path, body={"auth0Id": self._me(), **body.to_wire()})


def field_of(data: Any, name: str, *, what: str) -> Any:
    if not isinstance(data, dict) or name not in data:
        raise MalformedResponse(detail=f"{what}: the reply's data has no {name!r}")
    return data[name]


def accepted(shape: type[AcceptedT], reply: Reply, *, what: str) -> AcceptedT:
    """A command reply: 202 Accepted when new; the same commandId again answers with the stored one (replayed)."""
    result = parse(shape, data_of(reply, what=what), what=what)
    replayed = reply.status_code != 202 or reply.header_true(IDEMPOTENT_REPLAY_HEADER)
    return result.model_copy(update={"replayed": replayed})
