"""Credentials the simulator issues and checks.

- User endpoints: a bearer JWT (HS256, signed with a secret kept in the data folder, file mode 0600).
- Data endpoints (phytosanitary, harvest, weather, plant, irrigation, telemetry history): a scoped API key
  `keyId.token`, sent as `x-api-key: keyId.token` (documentation set A) or `Authorization: Bearer keyId.token`
  (set B).
- MQTT: a short-lived IoT token (a JWT with its own audience), sent as the `x-iot-token` header and as the MQTT
  password.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jwt

from hydrodesk.sim.db import Database, register_schema
from hydrodesk.sim.http import HttpError

if TYPE_CHECKING:
    from starlette.requests import Request

SECRET_FILE = "jwt-secret"
ISSUER = "hydrodesk-sim"
USER_AUDIENCE = "hydrobit-api"
IOT_AUDIENCE = "hydrobit-iot"
USER_TOKEN_SECONDS = 30 * 24 * 3600
IOT_TOKEN_SECONDS = 15 * 60

READ_SCOPES = (
    "read:phytosanitary",
    "read:production",
    "read:weather",
    "read:plant",
    "read:irrigation",
    "read:telemetry",
)
ALL_SCOPES = (*READ_SCOPES, "write:irrigation")

register_schema(
    """
    CREATE TABLE IF NOT EXISTS api_keys (
        key_id TEXT PRIMARY KEY,
        token_sha256 TEXT NOT NULL,
        company_id TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """
)


@dataclass(frozen=True)
class User:
    auth0_id: str
    company_id: str
    name: str
    email: str


@dataclass(frozen=True)
class ApiPrincipal:
    key_id: str
    company_id: str
    scopes: frozenset[str]


def load_secret(data_dir: Path) -> bytes:
    """The signing secret of this simulator, created on first use and readable by its owner only."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def find_user(db: Database, auth0_id: str) -> User | None:
    row = db.one("SELECT auth0_id, company_id, name, email FROM users WHERE auth0_id = ?", (auth0_id,))
    return None if row is None else User(row["auth0_id"], row["company_id"], row["name"], row["email"])


def issue_user_token(db: Database, secret: bytes, auth0_id: str, lifetime_s: int = USER_TOKEN_SECONDS) -> str:
    user = find_user(db, auth0_id)
    if user is None:
        raise LookupError(f"no user {auth0_id!r} in this simulator")
    now = int(time.time())
    claims = {
        "sub": user.auth0_id,
        "companyId": user.company_id,
        "name": user.name,
        "email": user.email,
        "iss": ISSUER,
        "aud": USER_AUDIENCE,
        "iat": now,
        "exp": now + lifetime_s,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def issue_iot_token(secret: bytes, user: User, device_id: str | None) -> tuple[str, int]:
    now = int(time.time())
    expires = now + IOT_TOKEN_SECONDS
    claims: dict[str, Any] = {
        "sub": user.auth0_id,
        "companyId": user.company_id,
        "iss": ISSUER,
        "aud": IOT_AUDIENCE,
        "iat": now,
        "exp": expires,
    }
    if device_id:
        claims["deviceId"] = device_id
    return jwt.encode(claims, secret, algorithm="HS256"), expires


def verify_iot_token(secret: bytes, token: str) -> dict[str, Any] | None:
    """The IoT token's claims, or None when it is forged, expired or meant for something else."""
    try:
        return jwt.decode(token, secret, algorithms=["HS256"], audience=IOT_AUDIENCE, issuer=ISSUER)
    except jwt.PyJWTError:
        return None


def issue_api_key(db: Database, company_id: str, scopes: tuple[str, ...] = READ_SCOPES) -> str:
    unknown = sorted(set(scopes) - set(ALL_SCOPES))
    if unknown:
        raise ValueError(f"unknown scope(s): {', '.join(unknown)}; known: {', '.join(ALL_SCOPES)}")
    key_id = "key_" + secrets.token_hex(6)
    token = secrets.token_urlsafe(24).replace(".", "_")
    db.execute(
        "INSERT INTO api_keys (key_id, token_sha256, company_id, scopes, created_at) "
        "VALUES (?, ?, ?, ?, datetime('now'))",
        (key_id, _sha256(token), company_id, " ".join(sorted(set(scopes)))),
    )
    return f"{key_id}.{token}"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def authenticate_user(request: Request) -> User:
    """The user behind a bearer JWT; 401 when the token is missing, forged, expired or names no user."""
    token = _bearer(request)
    if token is None:
        raise HttpError(401, "Sign-in required: send a bearer token in the Authorization header.", "missing_token")
    ctx = request.app.state.ctx
    try:
        claims = _verify_user_token(ctx, token)
    except jwt.ExpiredSignatureError:
        raise HttpError(401, "Your session has expired. Sign in again.", "token_expired") from None
    except jwt.PyJWTError:
        raise HttpError(401, "The bearer token is not valid. Sign in again.", "invalid_token") from None
    user = find_user(ctx.db, str(claims.get("sub", "")))
    if user is None:
        raise HttpError(401, "The bearer token names an unknown user.", "unknown_user")
    return user


def _verify_user_token(ctx: Any, token: str) -> dict[str, Any]:
    """Tokens from the simulator's OIDC issuer (RS256, hydrodesk.sim.oidc) or from `hydrodesk-sim token` (HS256)."""
    if jwt.get_unverified_header(token).get("alg") == "RS256":
        from hydrodesk.sim.oidc import verify_access_token

        return verify_access_token(ctx, token)
    return jwt.decode(token, ctx.secret, algorithms=["HS256"], audience=USER_AUDIENCE, issuer=ISSUER)


def check_caller_is(user: User, auth0_id: object) -> None:
    """Endpoints still ask for `auth0Id`; it must be the signed-in user (it is derived from the JWT)."""
    if auth0_id is not None and auth0_id != user.auth0_id:
        raise HttpError(403, "auth0Id does not match the signed-in user.", "auth0id_mismatch")


def authenticate_api_key(request: Request, *required_scopes: str) -> ApiPrincipal:
    """The holder of a scoped API key (`x-api-key` or `Authorization: Bearer keyId.token`); 401 or 403."""
    presented = request.headers.get("x-api-key") or _bearer(request)
    if not presented:
        raise HttpError(401, "An API key is required: send it in the x-api-key header.", "missing_api_key")
    key_id, dot, token = presented.partition(".")
    row = request.app.state.ctx.db.one(
        "SELECT key_id, token_sha256, company_id, scopes FROM api_keys WHERE key_id = ?", (key_id,)
    )
    if not dot or row is None or not hmac.compare_digest(row["token_sha256"], _sha256(token)):
        raise HttpError(401, "The API key is not valid.", "invalid_api_key")
    principal = ApiPrincipal(row["key_id"], row["company_id"], frozenset(row["scopes"].split()))
    missing = [scope for scope in required_scopes if scope not in principal.scopes]
    if missing:
        raise HttpError(403, f"This API key lacks the scope {', '.join(missing)}.", "insufficient_scope")
    return principal
