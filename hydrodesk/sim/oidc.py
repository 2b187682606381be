"""The simulator as an OpenID Connect issuer, standing in for Hydrobit's Auth0 tenant.

- discovery (`/.well-known/openid-configuration`) and the signing key set (`/.well-known/jwks.json`);
- the device authorization grant (RFC 8628): `/oauth/device/code`, polled at `/oauth/token`, approved or denied
  on the verification page `/activate` (a person picks a demo user there; tests post the same form);
- the authorization code grant with PKCE S256 (RFC 7636) for loopback redirects (RFC 8252): `/authorize` shows a
  consent page, its form redirects to the app's `http://127.0.0.1:PORT/...` with the code;
- refresh tokens with rotation (a rotated token presented again revokes its whole family), revocation
  (`/oauth/revoke`, RFC 7009).

Access tokens are RS256 JWTs signed with the key published in the JWKS, carrying the claims the API checks (`sub`,
`companyId`, `name`, `email`, `aud` hydrobit-api); `hydrodesk.sim.auth.authenticate_user` accepts them. Lifetimes
come from the environment so tests can make them short: HYDRODESK_SIM_ACCESS_TOKEN_S (3600),
HYDRODESK_SIM_DEVICE_CODE_S (600), HYDRODESK_SIM_DEVICE_INTERVAL_S (5). Grants in progress and refresh tokens are
kept in memory: a restarted simulator asks its users to sign in again, as a real issuer may.

The issuer itself (signing key, grants in progress, token check) is in hydrodesk.sim.oidc_issuer.

These paths belong to the identity provider, not to the Hydrobit API, so the API's OpenAPI document leaves them out.
"""

from __future__ import annotations

import base64
import hashlib
import html
import secrets
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from hydrodesk.sim.auth import USER_AUDIENCE, find_user
from hydrodesk.sim.oidc_issuer import CodeGrant, DeviceGrant, RefreshGrant, issuer_of
from hydrodesk.sim.oidc_issuer import (
    verify_access_token as verify_access_token,  # hydrodesk.sim.auth imports it from here
)

if TYPE_CHECKING:
    from starlette.requests import Request

    from hydrodesk.sim.context import SimContext

# The desktop app is a public client (no secret), as RFC 8252 says native apps are.
KNOWN_CLIENTS = frozenset({"hydrodesk"})
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"  # no vowels (no words), no look-alike digits
AUTH_CODE_SECONDS = 300
SLOW_DOWN_STEP_S = 5

# Identity-provider paths, outside the Hydrobit API document.
IDENTITY_PATHS = frozenset(
    {
        "/.well-known/openid-configuration",
        "/.well-known/jwks.json",
        "/oauth/device/code",
        "/oauth/token",
        "/oauth/revoke",
        "/authorize",
        "/activate",
    }
)


# ----------------------------------------------------------------------------------------------- replies


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


def _no_store(payload: dict[str, Any]) -> Response:
    return JSONResponse(payload, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


def _tokens(ctx: SimContext, auth0_id: str, client_id: str, scope: str, family: str | None = None) -> Response:
    issuer = issuer_of(ctx)
    user = find_user(ctx.db, auth0_id)
    if user is None:
        return _oauth_error("invalid_grant", "The user no longer exists.")
    now = int(time.time())
    lifetime = max(1, int(issuer.access_token_s))
    access = issuer.sign(
        {
            "sub": user.auth0_id,
            "companyId": user.company_id,
            "name": user.name,
            "email": user.email,
            "iss": ctx.base_url,
            "aud": USER_AUDIENCE,
            "azp": client_id,
            "scope": scope,
            "iat": now,
            "exp": now + lifetime,
        }
    )
    id_token = issuer.sign(
        {
            "sub": user.auth0_id,
            "name": user.name,
            "email": user.email,
            "iss": ctx.base_url,
            "aud": client_id,
            "iat": now,
            "exp": now + lifetime,
        }
    )
    payload: dict[str, Any] = {
        "access_token": access,
        "id_token": id_token,
        "token_type": "Bearer",
        "expires_in": lifetime,
        "scope": scope,
    }
    if "offline_access" in scope.split():
        refresh = secrets.token_urlsafe(32)
        with issuer.lock:
            issuer.refresh_tokens[refresh] = RefreshGrant(auth0_id, client_id, scope, family or secrets.token_hex(8))
        payload["refresh_token"] = refresh
    return _no_store(payload)


async def _form(request: Request) -> dict[str, str]:
    # application/x-www-form-urlencoded, read without python-multipart (which the simulator does not need otherwise).
    return dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:34em;margin:3em auto}"
        "input,select,button{font-size:1.2em;margin:.3em 0}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>",
        status_code=status,
    )


def _user_select(ctx: SimContext) -> str:
    rows = ctx.db.all("SELECT auth0_id, name FROM users ORDER BY name")
    options = "".join(
        f"<option value='{html.escape(row['auth0_id'])}'>{html.escape(row['name'])} ({html.escape(row['auth0_id'])})"
        "</option>"
        for row in rows
    )
    return f"<label>Sign in as <select name='user'>{options}</select></label>"


# ----------------------------------------------------------------------------------------------- discovery


async def discovery(request: Request) -> Response:
    base = request.app.state.ctx.base_url
    return JSONResponse(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/oauth/token",
            "device_authorization_endpoint": f"{base}/oauth/device/code",
            "revocation_endpoint": f"{base}/oauth/revoke",
            "jwks_uri": f"{base}/.well-known/jwks.json",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token", DEVICE_GRANT],
            "code_challenge_methods_supported": ["S256"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "token_endpoint_auth_methods_supported": ["none"],
        }
    )


async def jwks(request: Request) -> Response:
    return JSONResponse({"keys": [issuer_of(request.app.state.ctx).jwk()]})


# ----------------------------------------------------------------------------------------------- device flow


def _user_code() -> str:
    letters = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def _normal_user_code(text: str) -> str:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}"


async def device_code(request: Request) -> Response:
    ctx = request.app.state.ctx
    form = await _form(request)
    client_id = form.get("client_id", "")
    if client_id not in KNOWN_CLIENTS:
        return _oauth_error("invalid_client", "Unknown client_id.", 401)
    issuer = issuer_of(ctx)
    now = time.time()
    grant = DeviceGrant(
        device_code=secrets.token_urlsafe(32),
        user_code=_user_code(),
        client_id=client_id,
        scope=form.get("scope", "openid"),
        expires_at=now + issuer.device_code_s,
        interval=issuer.device_interval_s,
        last_poll=now,
    )
    with issuer.lock:
        issuer.devices[grant.device_code] = grant
    verification = f"{ctx.base_url}/activate"
    return _no_store(
        {
            "device_code": grant.device_code,
            "user_code": grant.user_code,
            "verification_uri": verification,
            "verification_uri_complete": f"{verification}?{urlencode({'user_code': grant.user_code})}",
            "expires_in": max(1, round(issuer.device_code_s)),
            "interval": grant.interval,
        }
    )


def _poll_device(ctx: SimContext, form: dict[str, str]) -> Response:
    issuer = issuer_of(ctx)
    now = time.time()
    with issuer.lock:
        grant = issuer.devices.get(form.get("device_code", ""))
        if grant is None or grant.client_id != form.get("client_id"):
            return _oauth_error("invalid_grant", "Unknown device code.")
        if now >= grant.expires_at:
            del issuer.devices[grant.device_code]
            return _oauth_error("expired_token", "The code expired before it was approved. Start again.")
        if grant.denied:
            del issuer.devices[grant.device_code]
            return _oauth_error("access_denied", "The user declined the sign-in.")
        too_soon = now - grant.last_poll < grant.interval
        grant.last_poll = now
        if too_soon:
            return _oauth_error("slow_down", f"Poll at most every {grant.interval:g} s.")
        if grant.auth0_id is None:
            return _oauth_error("authorization_pending", "Waiting for the user to approve the sign-in.")
        del issuer.devices[grant.device_code]
    return _tokens(ctx, grant.auth0_id, grant.client_id, grant.scope)


async def activate(request: Request) -> Response:
    """The verification page: GET shows it, POST (user_code, user, decision=approve|deny) decides."""
    ctx = request.app.state.ctx
    if request.method == "GET":
        code = html.escape(request.query_params.get("user_code", ""))
        return _page(
            "Sign in to HydroDesk",
            "<form method='post'><p><label>Code shown in HydroDesk "
            f"<input name='user_code' value='{code}' autofocus></label></p><p>{_user_select(ctx)}</p>"
            "<button name='decision' value='approve'>Approve</button> "
            "<button name='decision' value='deny'>Deny</button></form>",
        )
    form = await _form(request)
    issuer = issuer_of(ctx)
    wanted = _normal_user_code(form.get("user_code", ""))
    with issuer.lock:
        grant = next((g for g in issuer.devices.values() if g.user_code == wanted), None)
        if grant is None or time.time() >= grant.expires_at:
            return _page("Code not found", "<p>That code is unknown or has expired. Start again in HydroDesk.</p>", 404)
        if form.get("decision") == "deny":
            grant.denied = True
            return _page("Sign-in denied", "<p>HydroDesk was not signed in. You can close this page.</p>")
        auth0_id = form.get("user", "")
        if find_user(ctx.db, auth0_id) is None:
            return _page("Unknown user", "<p>Pick one of the listed users.</p>", 400)
        grant.auth0_id = auth0_id
    return _page("Signed in", "<p>HydroDesk is signed in. You can close this page.</p>")


# ----------------------------------------------------------------------------------------------- code + PKCE


def _is_loopback_redirect(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1", "localhost")


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


async def authorize(request: Request) -> Response:
    """GET: the consent page for the request in the query; POST: its form, answered with a redirect to the app."""
    ctx = request.app.state.ctx
    params = dict(request.query_params) if request.method == "GET" else await _form(request)
    client_id, redirect_uri = params.get("client_id", ""), params.get("redirect_uri", "")
    if client_id not in KNOWN_CLIENTS or not _is_loopback_redirect(redirect_uri):
        # Never redirect to an address we cannot vouch for (RFC 6749 §4.1.2.1).
        return _page("Invalid request", "<p>Unknown client or redirect address.</p>", 400)
    state = params.get("state", "")
    if (
        params.get("response_type") != "code"
        or params.get("code_challenge_method") != "S256"
        or not params.get("code_challenge")
    ):
        return _redirect(redirect_uri, {"error": "invalid_request", "state": state})
    if request.method == "GET":
        hidden = "".join(
            f"<input type='hidden' name='{html.escape(key)}' value='{html.escape(value)}'>"
            for key, value in params.items()
        )
        return _page(
            "Sign in to HydroDesk",
            f"<form method='post'>{hidden}<p>{_user_select(ctx)}</p>"
            "<button name='decision' value='approve'>Approve</button> "
            "<button name='decision' value='deny'>Deny</button></form>",
        )
    if params.get("decision") != "approve":
        return _redirect(redirect_uri, {"error": "access_denied", "state": state})
    auth0_id = params.get("user", "")
    if find_user(ctx.db, auth0_id) is None:
        return _page("Unknown user", "<p>Pick one of the listed users.</p>", 400)
    code = secrets.token_urlsafe(24)
    issuer = issuer_of(ctx)
    with issuer.lock:
        issuer.codes[code] = CodeGrant(
            client_id,
            redirect_uri,
            params["code_challenge"],
            params.get("scope", "openid"),
            auth0_id,
            time.time() + AUTH_CODE_SECONDS,
        )
    return _redirect(redirect_uri, {"code": code, "state": state})


def _redirect(uri: str, query: dict[str, str]) -> Response:
    separator = "&" if "?" in uri else "?"
    return RedirectResponse(f"{uri}{separator}{urlencode(query)}", status_code=302)


def _exchange_code(ctx: SimContext, form: dict[str, str]) -> Response:
    issuer = issuer_of(ctx)
    with issuer.lock:
        grant = issuer.codes.pop(form.get("code", ""), None)  # single use, whatever happens next
    if grant is None or time.time() >= grant.expires_at:
        return _oauth_error("invalid_grant", "Unknown, used or expired authorization code.")
    if grant.client_id != form.get("client_id") or grant.redirect_uri != form.get("redirect_uri"):
        return _oauth_error("invalid_grant", "The code was issued to another client or redirect address.")
    if _s256(form.get("code_verifier", "")) != grant.challenge:
        return _oauth_error("invalid_grant", "The PKCE code verifier does not match the challenge.")
    return _tokens(ctx, grant.auth0_id, grant.client_id, grant.scope)


# ----------------------------------------------------------------------------------------------- refresh


def _refresh(ctx: SimContext, form: dict[str, str]) -> Response:
    issuer = issuer_of(ctx)
    with issuer.lock:
        grant = issuer.refresh_tokens.get(form.get("refresh_token", ""))
        if grant is None or grant.client_id != form.get("client_id") or grant.family in issuer.revoked_families:
            return _oauth_error("invalid_grant", "The refresh token is not valid. Sign in again.")
        if grant.used:
            # A rotated token came back: someone holds a copy. Revoke every token descended from it.
            issuer.revoked_families.add(grant.family)
            return _oauth_error("invalid_grant", "The refresh token was already used. Sign in again.")
        grant.used = True
    return _tokens(ctx, grant.auth0_id, grant.client_id, grant.scope, family=grant.family)


async def token(request: Request) -> Response:
    ctx = request.app.state.ctx
    form = await _form(request)
    if form.get("client_id", "") not in KNOWN_CLIENTS:
        return _oauth_error("invalid_client", "Unknown client_id.", 401)
    grant_type = form.get("grant_type")
    if grant_type == DEVICE_GRANT:
        return _poll_device(ctx, form)
    if grant_type == "authorization_code":
        return _exchange_code(ctx, form)
    if grant_type == "refresh_token":
        return _refresh(ctx, form)
    return _oauth_error("unsupported_grant_type", f"Unsupported grant_type {grant_type!r}.")


async def revoke(request: Request) -> Response:
    """RFC 7009: revoke a refresh token (and its family). Always 200, known token or not."""
    form = await _form(request)
    issuer = issuer_of(request.app.state.ctx)
    with issuer.lock:
        grant = issuer.refresh_tokens.get(form.get("token", ""))
        if grant is not None:
            issuer.revoked_families.add(grant.family)
    return Response(status_code=200)


def routes() -> list[BaseRoute]:
    return [
        Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
        Route("/.well-known/jwks.json", jwks, methods=["GET"]),
        Route("/oauth/device/code", device_code, methods=["POST"]),
        Route("/oauth/token", token, methods=["POST"]),
        Route("/oauth/revoke", revoke, methods=["POST"]),
        Route("/authorize", authorize, methods=["GET", "POST"]),
        Route("/activate", activate, methods=["GET", "POST"]),
    ]
