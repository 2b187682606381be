"""Credentials and per-operation auth headers; tokens never show in a repr."""

from __future__ import annotations

import base64
import json

import pytest

from hydrodesk.api.auth import Credentials, auth_headers
from hydrodesk.api.config import ApiKeyScheme
from hydrodesk.api.endpoints import AuthKind
from hydrodesk.api.errors import ApiError, CredentialsMissing


def _jwt(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


def test_display_name_and_company_come_from_the_jwt_claims() -> None:
    credentials = Credentials("user_1", bearer_token=_jwt({"name": "María López", "companyId": "comp_12345"}))
    assert credentials.display_name == "María López"
    assert credentials.company_id == "comp_12345"


@pytest.mark.parametrize("token", [None, "not-a-jwt", "a.%%%.c", _jwt({"companyId": ""})])
def test_without_usable_claims_the_name_falls_back_to_the_auth0_id(token: str | None) -> None:
    credentials = Credentials("user_1", bearer_token=token)
    assert credentials.display_name == "user_1"
    assert credentials.company_id is None


def test_repr_never_shows_a_token_or_key() -> None:
    credentials = Credentials("user_1", bearer_token="secret-jwt", api_key="key_1.secret-token")
    assert "secret" not in repr(credentials)
    assert "user_1" in repr(credentials)


def test_signing_in_again_keeps_the_user_and_key() -> None:
    before = Credentials("user_1", bearer_token="old", api_key="key_1.tok")
    after = before.with_bearer_token("new")
    assert (after.auth0_id, after.bearer_token, after.api_key) == ("user_1", "new", "key_1.tok")


CREDENTIALS = Credentials("user_1", bearer_token="jwt-value", api_key="key_1.tok")


@pytest.mark.parametrize(
    ("kind", "scheme", "expected"),
    [
        (AuthKind.BEARER_JWT, ApiKeyScheme.X_API_KEY, {"Authorization": "Bearer jwt-value"}),
        (AuthKind.API_KEY, ApiKeyScheme.X_API_KEY, {"x-api-key": "key_1.tok"}),
        (AuthKind.API_KEY, ApiKeyScheme.BEARER, {"Authorization": "Bearer key_1.tok"}),
        (AuthKind.NONE, ApiKeyScheme.X_API_KEY, {}),
    ],
)
def test_each_kind_of_operation_gets_its_own_header(
    kind: AuthKind, scheme: ApiKeyScheme, expected: dict[str, str]
) -> None:
    assert auth_headers(kind, CREDENTIALS, scheme) == expected


def test_the_iot_token_travels_in_its_own_header() -> None:
    headers = auth_headers(AuthKind.IOT_TOKEN, CREDENTIALS, ApiKeyScheme.X_API_KEY, iot_token="iot-value")
    assert headers == {"x-iot-token": "iot-value"}


@pytest.mark.parametrize(
    ("kind", "credentials", "words"),
    [
        (AuthKind.BEARER_JWT, Credentials("user_1", api_key="k.t"), "Sign in"),
        (AuthKind.API_KEY, Credentials("user_1", bearer_token="j"), "API key"),
        (AuthKind.IOT_TOKEN, CREDENTIALS, "Reconnect"),
    ],
)
def test_a_missing_credential_is_reported_before_sending(kind: AuthKind, credentials: Credentials, words: str) -> None:
    with pytest.raises(CredentialsMissing) as caught:
        auth_headers(kind, credentials, ApiKeyScheme.X_API_KEY)
    assert isinstance(caught.value, ApiError)
    assert words in caught.value.user_message
