"""Error replies become typed errors whose user_message a farm office user can act on."""

from __future__ import annotations

import pytest

from hydrodesk.api.endpoints import AuthKind
from hydrodesk.api.errors import (
    USER_MESSAGES,
    ApiError,
    AuthExpired,
    Conflict,
    Forbidden,
    MalformedResponse,
    NotFound,
    Offline,
    RequestTimeout,
    ServerError,
    ValidationFailed,
    error_from_response,
)


def envelope(message: str, code: str = "some_code") -> dict[str, str]:
    return {"status": "error", "message": message, "error": code}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationFailed),
        (401, AuthExpired),
        (403, Forbidden),
        (404, NotFound),
        (409, Conflict),
        (413, ValidationFailed),
        (422, ValidationFailed),
        (500, ServerError),
        (503, ServerError),
    ],
)
def test_status_codes_map_to_typed_errors(status: int, cls: type[ApiError]) -> None:
    error = error_from_response(status, envelope("Something."), AuthKind.BEARER_JWT)
    assert type(error) is cls
    assert error.status_code == status
    assert error.server_message == "Something."
    assert error.server_error == "some_code"


def test_an_unlisted_client_error_is_a_plain_api_error() -> None:
    error = error_from_response(418, None, AuthKind.BEARER_JWT)
    assert type(error) is ApiError
    assert "418" in error.user_message


def test_401_on_a_user_endpoint_asks_to_sign_in_again() -> None:
    error = error_from_response(401, envelope("jwt expired"), AuthKind.BEARER_JWT)
    assert error.user_message == "Your session has expired. Sign in again."


def test_401_and_403_on_a_data_endpoint_talk_about_the_api_key() -> None:
    rejected = error_from_response(401, envelope("The API key is not valid."), AuthKind.API_KEY)
    assert isinstance(rejected, AuthExpired)
    assert "API key" in rejected.user_message
    lacking = error_from_response(403, envelope("lacks the scope read:weather"), AuthKind.API_KEY)
    assert "API key" in lacking.user_message
    assert "read:weather" in lacking.user_message


@pytest.mark.parametrize("status", [400, 409])
def test_validation_and_conflict_pass_the_servers_message_on(status: int) -> None:
    message = "Only one open session per sector and day: close the other one first."
    error = error_from_response(status, envelope(message), AuthKind.BEARER_JWT)
    assert message in error.user_message


def test_without_a_server_message_the_user_still_gets_a_sentence() -> None:
    error = error_from_response(409, None, AuthKind.BEARER_JWT)
    assert error.user_message == USER_MESSAGES["conflict"].text


def test_markup_and_runaway_server_messages_are_not_shown() -> None:
    html = error_from_response(400, envelope("<html><body>Bad</body></html>"), AuthKind.BEARER_JWT)
    assert "<" not in html.user_message
    comparison = error_from_response(400, envelope("units must be < 5 and > 1."), AuthKind.BEARER_JWT)
    assert "units must be < 5 and > 1." in comparison.user_message
    long = error_from_response(400, envelope("x" * 5000), AuthKind.BEARER_JWT)
    assert len(long.user_message) < 400


def test_timeouts_are_a_kind_of_offline_with_their_own_message() -> None:
    timeout = RequestTimeout(detail="ReadTimeout")
    assert isinstance(timeout, Offline)
    assert "too long" in timeout.user_message
    assert "reach" in Offline().user_message


def test_str_is_technical_and_names_status_code_and_message() -> None:
    error = error_from_response(404, envelope("Session x was not found.", "session_not_found"), AuthKind.BEARER_JWT)
    assert str(error) == "NotFound HTTP 404 [session_not_found] Session x was not found."
    assert str(MalformedResponse(detail="project: name: Field required")).startswith("MalformedResponse")


def test_every_message_key_renders() -> None:
    for key, message in USER_MESSAGES.items():
        assert message.render("detail", 500).strip(), key
        assert message.render(None, None).strip(), key
