"""What the MQTT connection needs from the API: an IoT token, and when to renew it (pure).

The mqtt layer may not import hydrodesk.api (they are siblings); the sync layer wires a `TokenSource` that calls
`HydrobitClient.issue_iot_token()` and wraps the answer in an `IotAccess`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace

from hydrodesk.diagnostics.redact import remember_secrets


@dataclass(frozen=True)
class IotAccess:
    url: str
    """The MQTT-over-WebSocket address (`ws://` or `wss://`; `mqtt://` / `mqtts://` for plain MQTT)."""
    token: str = field(repr=False)
    """Sent as the `x-iot-token` header of the WebSocket upgrade and as the MQTT password. Never logged."""
    expires_at: float
    """Epoch seconds."""
    topic_prefix: str
    username: str
    """The MQTT username: the user's auth0Id."""
    fetched_at: float = 0.0
    """Epoch seconds when the console received it (set by the connection)."""

    def __post_init__(self) -> None:
        # paho logs what it sends at debug level: the token must be known to the log's redaction before then.
        remember_secrets([self.token])

    def received(self, at: float) -> IotAccess:
        return replace(self, fetched_at=at)


TokenSource = Callable[[], Awaitable[IotAccess]]
"""Asks the API for a fresh IoT token (called before the first connection, on renewal, and after a refusal)."""


@dataclass(frozen=True)
class RenewalPolicy:
    """Renew when `fraction` of the token's life has passed, but at most `max_margin_s` before it expires and at
    least `min_interval_s` after it was fetched (a server clock far off must not make us ask in a hot loop)."""

    fraction: float = 0.8
    max_margin_s: float = 300.0
    min_interval_s: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.fraction < 1 or self.max_margin_s < 0 or self.min_interval_s < 0:
            raise ValueError("renewal needs 0 < fraction < 1 and non-negative margins")

    def renew_at(self, access: IotAccess) -> float:
        """Epoch seconds at which to fetch the next token and reconnect with it."""
        lifetime = max(0.0, access.expires_at - access.fetched_at)
        margin = min(self.max_margin_s, (1.0 - self.fraction) * lifetime)
        return max(access.fetched_at + self.min_interval_s, access.expires_at - margin)
