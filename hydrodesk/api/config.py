"""Where the Hydrobit servers are and how to talk to them (timeouts, TLS, how API keys are sent)."""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PRODUCTION_URL = "https://api.hydrobit.ag"
IOT_URL = "https://iot.hydrobit.ag"


class ApiKeyScheme(Enum):
    """How a scoped API key travels. Documentation set A uses `x-api-key`; set B uses `Authorization: Bearer`."""

    X_API_KEY = "x-api-key"
    BEARER = "bearer"


@dataclass(frozen=True)
class ApiConfig:
    """Connection settings for one Hydrobit account.

    `timeout` bounds reading a reply (and writing a request); `connect_timeout` bounds opening the connection,
    kept shorter so an unreachable server is reported as offline quickly. `ca_bundle` points at a PEM file for a
    private CA; turning verification off is refused except for plain http on loopback, where there is no TLS.
    """

    base_url: str = PRODUCTION_URL
    iot_url: str = IOT_URL
    timeout: float = 10.0
    verify: bool = True
    connect_timeout: float = 5.0
    ca_bundle: Path | None = None
    api_key_scheme: ApiKeyScheme = ApiKeyScheme.X_API_KEY
    max_connections: int = 10
    max_keepalive_connections: int = 5

    def __post_init__(self) -> None:
        for name in ("base_url", "iot_url"):
            url = getattr(self, name)
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{name} must be an http(s) URL, got {url!r}")
            # Paths are joined onto the origin, so a trailing slash would double up.
            object.__setattr__(self, name, url.rstrip("/"))
        if self.timeout <= 0 or self.connect_timeout <= 0:
            raise ValueError("timeouts must be positive")
        if not self.verify and not (is_loopback_http(self.base_url) and is_loopback_http(self.iot_url)):
            raise ValueError("TLS verification may only be turned off for plain http on loopback")

    @classmethod
    def single_origin(cls, url: str, **kwargs: Any) -> ApiConfig:
        """Settings for a server that answers both the production and the IoT paths (e.g. the simulator)."""
        return cls(base_url=url, iot_url=url, **kwargs)

    def tls_verify(self) -> bool | ssl.SSLContext:
        """What httpx takes as `verify`: a context trusting the private CA bundle when one is configured."""
        if self.ca_bundle is not None:
            return ssl.create_default_context(cafile=str(self.ca_bundle))
        return self.verify


def is_loopback_http(url: str) -> bool:
    """Plain http to this computer (a simulator, a test's server): the one place TLS may be left out."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname is None:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False
