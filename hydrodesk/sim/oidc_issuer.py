"""The simulated identity provider's issuer: its RS256 signing key (kept in the data folder, private) and published
key set, the grants in progress (device codes, authorization codes, refresh-token families), and the check of an
access token it signed. The OIDC routes are in hydrodesk.sim.oidc.
"""

from __future__ import annotations

import base64
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt

from hydrodesk.sim.auth import USER_AUDIENCE

if TYPE_CHECKING:
    from hydrodesk.sim.context import SimContext

KEY_FILE = "oidc-signing-key.pem"
KEY_ID = "hydrodesk-sim-1"


def _env_seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    return float(value) if value.strip() else default


@dataclass
class DeviceGrant:
    device_code: str
    user_code: str
    client_id: str
    scope: str
    expires_at: float
    interval: float
    last_poll: float
    auth0_id: str | None = None
    denied: bool = False


@dataclass
class CodeGrant:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str
    auth0_id: str
    expires_at: float


@dataclass
class RefreshGrant:
    auth0_id: str
    client_id: str
    scope: str
    family: str
    used: bool = False


@dataclass
class Issuer:
    """The issuer's key and the grants in progress. One per simulator; routes reach it through `issuer_of`."""

    private_key: Any
    access_token_s: float = 3600
    device_code_s: float = 600
    device_interval_s: float = 5
    devices: dict[str, DeviceGrant] = field(default_factory=dict)
    codes: dict[str, CodeGrant] = field(default_factory=dict)
    refresh_tokens: dict[str, RefreshGrant] = field(default_factory=dict)
    revoked_families: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, data_dir: Path) -> Issuer:
        return cls(
            private_key=_load_or_create_key(data_dir),
            access_token_s=_env_seconds("HYDRODESK_SIM_ACCESS_TOKEN_S", 3600),
            device_code_s=_env_seconds("HYDRODESK_SIM_DEVICE_CODE_S", 600),
            device_interval_s=_env_seconds("HYDRODESK_SIM_DEVICE_INTERVAL_S", 5),
        )

    @property
    def public_key(self) -> Any:
        return self.private_key.public_key()

    def jwk(self) -> dict[str, Any]:
        numbers = self.public_key.public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": KEY_ID,
            "n": _b64_int(numbers.n),
            "e": _b64_int(numbers.e),
        }

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": KEY_ID})


def _load_or_create_key(data_dir: Path) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    path = data_dir / KEY_FILE
    if path.exists():
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def _b64_int(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def issuer_of(ctx: SimContext) -> Issuer:
    if ctx.oidc is None:
        ctx.oidc = Issuer.open(ctx.data_dir)
    assert isinstance(ctx.oidc, Issuer)
    return ctx.oidc


def verify_access_token(ctx: SimContext, token: str) -> dict[str, Any]:
    """The claims of an RS256 access token this issuer signed; raises jwt.PyJWTError otherwise."""
    return jwt.decode(
        token, issuer_of(ctx).public_key, algorithms=["RS256"], audience=USER_AUDIENCE, issuer=ctx.base_url
    )
