"""What the UI says when something goes wrong: translated, plain sentences that say what to do next.

The API layer has no Qt, so it names each of its sentences with a `message_key` (hydrodesk.api.errors.USER_MESSAGES)
and this module holds the translatable version of each. A key missing here falls back to the API's English text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from hydrodesk.api.errors import ApiError


def api_messages() -> dict[str, tuple[str, str | None]]:
    """message_key -> (sentence, sentence with the server's {detail}), translated now."""
    translate = QCoreApplication.translate
    return {
        "auth_expired": (translate("ErrorText", "Your session has expired. Sign in again."), None),
        "api_key_rejected": (
            translate(
                "ErrorText",
                "The Hydrobit API key was not accepted. Check the API key in Settings or ask your administrator "
                "for a new one.",
            ),
            None,
        ),
        "iot_token_rejected": (
            translate("ErrorText", "The live-data access was refused. Reconnect to get a new access token."),
            None,
        ),
        "forbidden": (
            translate("ErrorText", "Your account is not allowed to do this."),
            translate("ErrorText", "Your account is not allowed to do this: {detail}"),
        ),
        "api_key_forbidden": (
            translate(
                "ErrorText",
                "The Hydrobit API key does not give access to this data. Ask your administrator for a key that does.",
            ),
            translate(
                "ErrorText",
                "The Hydrobit API key does not give access to this data ({detail}). "
                "Ask your administrator for a key that does.",
            ),
        ),
        "not_found": (
            translate("ErrorText", "This item was not found. It may have been removed. Refresh and try again."),
            translate("ErrorText", "This item was not found: {detail}"),
        ),
        "conflict": (
            translate(
                "ErrorText",
                "This can't be done right now because something changed in the meantime. Refresh and try again.",
            ),
            translate("ErrorText", "This can't be done right now: {detail}"),
        ),
        "validation": (
            translate("ErrorText", "The server did not accept the data sent. Check the entries and try again."),
            translate("ErrorText", "The server did not accept this: {detail}"),
        ),
        "rate_limited": (translate("ErrorText", "The Hydrobit server is busy. Wait a minute and try again."), None),
        "server_error": (
            translate("ErrorText", "The Hydrobit server had a problem (error {status}). Try again in a few minutes."),
            None,
        ),
        "unexpected_status": (
            translate("ErrorText", "The Hydrobit server refused the request (error {status}). Try again later."),
            translate("ErrorText", "The Hydrobit server refused the request (error {status}): {detail}"),
        ),
        "offline": (
            translate("ErrorText", "Can't reach the Hydrobit server. Check the internet connection and try again."),
            None,
        ),
        "timeout": (
            translate("ErrorText", "The Hydrobit server took too long to answer. Check the connection and try again."),
            None,
        ),
        "certificate": (
            translate(
                "ErrorText",
                "The connection to the Hydrobit server is not secure: its certificate could not be verified. "
                "Contact your IT support.",
            ),
            None,
        ),
        "malformed": (
            translate(
                "ErrorText",
                "The Hydrobit server sent a reply HydroDesk could not understand. Try again later; "
                "if it keeps happening, update HydroDesk.",
            ),
            None,
        ),
        "missing_bearer_token": (translate("ErrorText", "You are not signed in. Sign in to continue."), None),
        "missing_api_key": (
            translate("ErrorText", "This needs a Hydrobit API key. Add one in Settings."),
            None,
        ),
        "missing_iot_token": (
            translate("ErrorText", "There is no live-data access token yet. Reconnect to get one."),
            None,
        ),
    }


def user_message(error: ApiError) -> str:
    """The error's plain sentence in the UI language (the API's own English when no translation is known)."""
    known = api_messages().get(error.message_key)
    if known is None:
        return error.user_message
    plain, with_detail = known
    # The API already cleaned the server's message (one line, bounded, no markup) for its own sentence.
    detail = _server_detail(error)
    template = with_detail if detail and with_detail else plain
    return template.format(detail=detail or "", status=error.status_code or "?")


def _server_detail(error: ApiError) -> str | None:
    # The same cleaning the API applies to its own sentences: one line, bounded, never markup.
    from hydrodesk.api.errors import plain_detail

    return plain_detail(error.server_message)


@dataclass(frozen=True)
class ErrorText:
    title: str
    message: str
    icon: str  # resources/icons/<icon>.svg


def describe_error(error: ApiError, server_url: str) -> ErrorText:
    """The state page for a failed load: what happened, and what to do about it."""
    from hydrodesk.api.errors import Offline, RequestTimeout

    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    if isinstance(error, RequestTimeout):
        return ErrorText(
            translate("ErrorText", "The Hydrobit server is not answering"),
            translate(
                "ErrorText", "The server at {url} took too long to answer. Check the connection and press F5 to retry."
            ).format(url=server_url),
            "offline",
        )
    if isinstance(error, Offline):
        return ErrorText(
            translate("ErrorText", "Cannot reach the Hydrobit server"),
            translate(
                "ErrorText", "Cannot reach the Hydrobit server at {url}. Check the connection and press F5 to retry."
            ).format(url=server_url),
            "offline",
        )
    if error.message_key in ("auth_expired", "missing_bearer_token"):
        return ErrorText(
            translate("ErrorText", "Your sign-in has expired"),
            user_message(error) + " " + translate("ErrorText", "Use File > Sign in to Hydrobit… with a fresh token."),
            "signed-out",
        )
    return ErrorText(
        translate("ErrorText", "The farm could not be loaded"),
        user_message(error) + " " + translate("ErrorText", "Press F5 to retry."),
        "error",
    )
