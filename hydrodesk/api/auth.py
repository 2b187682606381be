"""The credentials of a signed-in user and the headers each kind of operation needs.

Tokens never appear in a repr, a log line or an error message: the dataclass hides them from `repr`, and the
headers are built per request, never stored on the shared httpx client.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, replace
from typing import Any

from hydrodesk.api.config import ApiKeyScheme
from hydrodesk.api.endpoints import AuthKind
from hydrodesk.api.errors import CredentialsMissing
from hydrodesk.diagnostics.redact import remember_secrets


@dataclass(frozen=True)
class Credentials:
    """Who is calling: the Auth0 user id plus a bearer JWT (user endpoints) and/or an API key (data endpoints)."""

    auth0_id: str
    bearer_token: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)

    @property
    def claims(self) -> dict[str, Any]:
        """The JWT's claims, read WITHOUT checking the signature: for display only, never for trust decisions."""
        return _unverified_claims(self.bearer_token) if self.bearer_token else {}

    @property
    def display_name(self) -> str:
        name = self.claims.get("name")
        return name if isinstance(name, str) and name.strip() else self.auth0_id

    @property
    def company_id(self) -> str | None:
        company = self.claims.get("companyId")
        return company if isinstance(company, str) and company else None

    def with_bearer_token(self, bearer_token: str) -> Credentials:
        """The same user after signing in again."""
        return replace(self, bearer_token=bearer_token)


def _unverified_claims(token: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return {}
    return claims if isinstance(claims, dict) else {}


def auth_headers(
    kind: AuthKind,
    credentials: Credentials,
    api_key_scheme: ApiKeyScheme,
    iot_token: str | None = None,
) -> dict[str, str]:
    """The headers that authenticate one request of the given kind.

    Raises CredentialsMissing (before anything is sent) when the account lacks the credential the operation needs.
    Every secret that goes into a header is remembered by the log's redaction, so it can never reach a log line.
    """
    headers = _auth_headers(kind, credentials, api_key_scheme, iot_token)
    remember_secrets(headers.values())
    return headers


def _auth_headers(
    kind: AuthKind, credentials: Credentials, api_key_scheme: ApiKeyScheme, iot_token: str | None
) -> dict[str, str]:
    if kind is AuthKind.NONE:
        return {}
    if kind is AuthKind.BEARER_JWT:
        if not credentials.bearer_token:
            raise CredentialsMissing("bearer_token")
        return {"Authorization": f"Bearer {credentials.bearer_token}"}
    if kind is AuthKind.API_KEY:
        if not credentials.api_key:
            raise CredentialsMissing("api_key")
        if api_key_scheme is ApiKeyScheme.BEARER:
            return {"Authorization": f"Bearer {credentials.api_key}"}
        return {"x-api-key": credentials.api_key}
    if kind is AuthKind.IOT_TOKEN:
        if not iot_token:
            raise CredentialsMissing("iot_token")
        return {"x-iot-token": iot_token}
    raise AssertionError(f"unhandled auth kind {kind}")
