"""Why an MQTT connection failed, in words for a person, and whether asking for a new token may help (pure)."""

from __future__ import annotations

import socket
import ssl
from enum import StrEnum

from paho.mqtt.client import WebsocketConnectionError


class FailureKind(StrEnum):
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    TOKEN_REFUSED = "token_refused"
    TOKEN_UNAVAILABLE = "token_unavailable"
    TLS = "tls"
    PROTOCOL = "protocol"
    LOST = "lost"


MESSAGES = {
    FailureKind.UNREACHABLE: "The live data server cannot be reached.",
    FailureKind.TIMEOUT: "The live data server did not answer in time.",
    FailureKind.TOKEN_REFUSED: "The live data server refused the access token.",
    FailureKind.TOKEN_UNAVAILABLE: "No access token for live data could be obtained.",
    FailureKind.TLS: "The live data server's certificate could not be verified.",
    FailureKind.PROTOCOL: "The live data server answered in a way HydroDesk does not understand.",
    FailureKind.LOST: "The connection to the live data server was lost.",
}

# MQTT 3.1.1 CONNACK codes as paho 2 reports them (MQTT 5 reason code values).
_BAD_CREDENTIALS = {134, 135}  # bad user name or password, not authorized
_SERVER_UNAVAILABLE = 136


class ConnectFailure(Exception):
    def __init__(self, kind: FailureKind, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else str(kind))
        self.kind = kind
        self.detail = detail

    @property
    def user_message(self) -> str:
        return MESSAGES[self.kind]

    @property
    def wants_new_token(self) -> bool:
        return self.kind is FailureKind.TOKEN_REFUSED


def from_exception(exc: BaseException) -> ConnectFailure:
    """Classify what `Client.connect()` raised (the detail names the error type only: no tokens, no headers)."""
    if isinstance(exc, ConnectFailure):
        return exc
    if isinstance(exc, WebsocketConnectionError):
        # The server refused the WebSocket upgrade: our servers do that for a missing or invalid x-iot-token.
        return ConnectFailure(FailureKind.TOKEN_REFUSED, "WebSocket upgrade refused")
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return ConnectFailure(FailureKind.TLS, type(exc).__name__)
    if isinstance(exc, TimeoutError | socket.timeout):
        return ConnectFailure(FailureKind.TIMEOUT, type(exc).__name__)
    if isinstance(exc, OSError):
        return ConnectFailure(FailureKind.UNREACHABLE, type(exc).__name__)
    return ConnectFailure(FailureKind.PROTOCOL, type(exc).__name__)


def from_connack(reason_value: int, reason_text: str) -> ConnectFailure:
    if reason_value in _BAD_CREDENTIALS:
        return ConnectFailure(FailureKind.TOKEN_REFUSED, reason_text)
    if reason_value == _SERVER_UNAVAILABLE:
        return ConnectFailure(FailureKind.UNREACHABLE, reason_text)
    return ConnectFailure(FailureKind.PROTOCOL, reason_text)
