"""Typed errors for everything that can go wrong talking to Hydrobit, each with a sentence a person can act on.

The sentences a user sees live in USER_MESSAGES below and nowhere else, so the UI can translate them in one
place later (this layer has no Qt, hence no tr()). `str(error)` is the technical description for logs; it holds
the status code and the server's message, never a credential.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hydrodesk.api.endpoints import AuthKind


@dataclass(frozen=True)
class UserMessage:
    """A sentence for the user; `with_detail` is used instead when the server said something worth passing on."""

    text: str
    with_detail: str | None = None

    def render(self, detail: str | None, status_code: int | None) -> str:
        template = self.with_detail if detail and self.with_detail else self.text
        return template.format(detail=detail or "", status=status_code or "?")


USER_MESSAGES: dict[str, UserMessage] = {
    "auth_expired": UserMessage("Your session has expired. Sign in again."),
    "api_key_rejected": UserMessage(
        "The Hydrobit API key was not accepted. Check the API key in Settings or ask your administrator for a new one."
    ),
    "iot_token_rejected": UserMessage("The live-data access was refused. Reconnect to get a new access token."),
    "forbidden": UserMessage(
        "Your account is not allowed to do this.", "Your account is not allowed to do this: {detail}"
    ),
    "api_key_forbidden": UserMessage(
        "The Hydrobit API key does not give access to this data. Ask your administrator for a key that does.",
        "The Hydrobit API key does not give access to this data ({detail}). "
        "Ask your administrator for a key that does.",
    ),
    "not_found": UserMessage(
        "This item was not found. It may have been removed. Refresh and try again.",
        "This item was not found: {detail}",
    ),
    "conflict": UserMessage(
        "This can't be done right now because something changed in the meantime. Refresh and try again.",
        "This can't be done right now: {detail}",
    ),
    "validation": UserMessage(
        "The server did not accept the data sent. Check the entries and try again.",
        "The server did not accept this: {detail}",
    ),
    "rate_limited": UserMessage("The Hydrobit server is busy. Wait a minute and try again."),
    "server_error": UserMessage("The Hydrobit server had a problem (error {status}). Try again in a few minutes."),
    "unexpected_status": UserMessage(
        "The Hydrobit server refused the request (error {status}). Try again later.",
        "The Hydrobit server refused the request (error {status}): {detail}",
    ),
    "offline": UserMessage("Can't reach the Hydrobit server. Check the internet connection and try again."),
    "timeout": UserMessage("The Hydrobit server took too long to answer. Check the connection and try again."),
    "certificate": UserMessage(
        "The connection to the Hydrobit server is not secure: its certificate could not be verified. "
        "Contact your IT support."
    ),
    "malformed": UserMessage(
        "The Hydrobit server sent a reply HydroDesk could not understand. Try again later; "
        "if it keeps happening, update HydroDesk."
    ),
    "missing_bearer_token": UserMessage("You are not signed in. Sign in to continue."),
    "missing_api_key": UserMessage("This needs a Hydrobit API key. Add one in Settings."),
    "missing_iot_token": UserMessage("There is no live-data access token yet. Reconnect to get one."),
}

_MAX_DETAIL = 300
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")  # an HTML tag: a proxy's error page, not a sentence


class ApiError(Exception):
    """Base of every client error. `user_message` is for people, `str()` for logs."""

    default_key = "unexpected_status"

    def __init__(
        self,
        *,
        status_code: int | None = None,
        server_message: str | None = None,
        server_error: str | None = None,
        message_key: str | None = None,
        detail: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.server_message = server_message
        self.server_error = server_error
        self.message_key = message_key or self.default_key
        self._detail = detail
        super().__init__(self._technical())

    @property
    def user_message(self) -> str:
        shown = plain_detail(self.server_message)
        return USER_MESSAGES[self.message_key].render(shown, self.status_code)

    def _technical(self) -> str:
        parts = [type(self).__name__]
        if self.status_code is not None:
            parts.append(f"HTTP {self.status_code}")
        if self.server_error:
            parts.append(f"[{self.server_error}]")
        if self.server_message:
            parts.append(self.server_message)
        if self._detail:
            parts.append(f"({self._detail})")
        return " ".join(parts)


class AuthExpired(ApiError):
    """401: the credential is missing, wrong or expired. Sign in again (or fix the API key)."""

    default_key = "auth_expired"


class Forbidden(ApiError):
    """403: signed in, but not allowed (another user's session, another company, a key lacking a scope)."""

    default_key = "forbidden"


class NotFound(ApiError):
    default_key = "not_found"


class Conflict(ApiError):
    """409: the state on the server forbids it (session already open for that day, session closed, ...)."""

    default_key = "conflict"


class ValidationFailed(ApiError):
    """400/413/422: the server refused the data; `server_message` says why."""

    default_key = "validation"


class ServerError(ApiError):
    default_key = "server_error"


class Offline(ApiError):
    """The server could not be reached at all; nothing was processed (or we cannot tell)."""

    default_key = "offline"


class RequestTimeout(Offline):
    """The server did not answer in time. A write may or may not have been applied: retry with the same ids."""

    default_key = "timeout"


class MalformedResponse(ApiError):
    """The reply was not JSON, or lacked fields the schema requires."""

    default_key = "malformed"


class CredentialsMissing(ApiError):
    """Raised before sending: the account has no credential of the kind the operation needs."""

    def __init__(self, which: str) -> None:
        super().__init__(message_key=f"missing_{which}", detail=f"no {which} configured")


_STATUS_CLASSES: dict[int, type[ApiError]] = {
    400: ValidationFailed,
    401: AuthExpired,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: ValidationFailed,
    422: ValidationFailed,
}


def error_from_response(status_code: int, payload: Any, auth: AuthKind) -> ApiError:
    """The typed error for an HTTP error reply. `payload` is the decoded JSON body, or None if it was not JSON."""
    message, code = None, None
    if isinstance(payload, dict):
        raw_message, raw_code = payload.get("message"), payload.get("error")
        message = raw_message if isinstance(raw_message, str) and raw_message.strip() else None
        code = raw_code if isinstance(raw_code, str) and raw_code.strip() else None
    cls = _STATUS_CLASSES.get(status_code)
    if cls is None:
        cls = ServerError if status_code >= 500 else ApiError
    key = cls.default_key
    if status_code == 401 and auth is AuthKind.API_KEY:
        key = "api_key_rejected"
    elif status_code == 401 and auth is AuthKind.IOT_TOKEN:
        key = "iot_token_rejected"
    elif status_code == 403 and auth is AuthKind.API_KEY:
        key = "api_key_forbidden"
    elif status_code == 429:
        key = "rate_limited"
    return cls(status_code=status_code, server_message=message, server_error=code, message_key=key)


def plain_detail(message: str | None) -> str | None:
    """The server's message made fit to show: one line, bounded, and never markup."""
    if not message:
        return None
    text = re.sub(r"\s+", " ", message).strip()
    if not text or _MARKUP.search(text):
        return None
    if len(text) > _MAX_DETAIL:
        text = text[: _MAX_DETAIL - 1].rstrip() + "…"
    return text
