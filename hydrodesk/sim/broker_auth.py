"""How the simulator's brokers check the IoT token (a JWT the simulator signs; see hydrodesk.sim.auth).

A client must present the token twice, as the contract says: as the `x-iot-token` header of the WebSocket
upgrade (checked by hydrodesk.sim.mqtt_ws_front) and as the MQTT password, with its `sub` claim as the MQTT
username (checked by `IotTokenAuthPlugin` inside amqtt). mosquitto cannot check a JWT, so behind the relay only
the header is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amqtt.plugins.base import BaseAuthPlugin
from amqtt.session import Session

from hydrodesk.sim.auth import load_secret, verify_iot_token

ClaimsOf = Callable[[str], dict[str, Any] | None]


def token_verifier(data_dir: Path) -> ClaimsOf:
    """A function giving an IoT token's claims, or None when the simulator in `data_dir` did not sign it (or it
    expired). The secret is read once, here, and never leaves this closure."""
    secret = load_secret(data_dir)
    return lambda token: verify_iot_token(secret, token)


def token_check(data_dir: Path) -> Callable[[str], bool]:
    claims_of = token_verifier(data_dir)
    return lambda token: claims_of(token) is not None


def credentials_accepted(claims_of: ClaimsOf, username: str | None, password: str | bytes | None) -> bool:
    """The MQTT CONNECT check: the password is a valid IoT token issued to `username`."""
    if not username or not password:
        return False
    token = password.decode(errors="replace") if isinstance(password, bytes) else password
    claims = claims_of(token)
    return claims is not None and claims.get("sub") == username


class IotTokenAuthPlugin(BaseAuthPlugin):
    """amqtt authentication plugin: accept a CONNECT only with a valid IoT token as its password."""

    @dataclass
    class Config:
        data_dir: str
        """The simulator's data folder, which holds the signing secret."""

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self._claims_of = token_verifier(Path(self.config.data_dir))

    async def authenticate(self, *, session: Session) -> bool:
        return credentials_accepted(self._claims_of, session.username, session.password)
