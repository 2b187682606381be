"""Signing in against the profile's OpenID Connect issuer (Hydrobit's users are Auth0 identities).

- `OidcClient.start_device_flow` + `wait_for_device_approval`: the Device Authorization Grant (RFC 8628). The user
  reads a short code and a URL, approves on any device; HydroDesk polls at the issuer's `interval`, adds 5 s on
  every `slow_down`, and stops with a reason on `access_denied` or `expired_token`.
- `OidcClient.sign_in_with_browser`: Authorization Code + PKCE S256 (RFC 7636) with a loopback redirect on
  127.0.0.1 and a random port (RFC 8252); the `state` is checked before the code is exchanged.
- `OidcClient.refresh`: the refresh-token grant; a refused refresh (`invalid_grant`) raises `RefreshRefused`, which
  means "sign in again", never "drop the user's work".

Tokens are hidden from every repr. No Qt here: the UI drives these coroutines on its asyncio loop.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from hydrodesk.api.endpoints import OIDC_DISCOVERY_PATH, OIDC_LOOPBACK_CALLBACK_PATH

DEFAULT_CLIENT_ID = "hydrodesk"
# offline_access: a refresh token, so the session outlives the access token without asking the user again.
DEFAULT_SCOPE = "openid profile email offline_access"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
SLOW_DOWN_STEP_S = 5.0  # RFC 8628 §3.5
DEFAULT_INTERVAL_S = 5.0


class OidcError(Exception):
    """Signing in did not succeed; `reason` is the issuer's error code (or ours), the message says why."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(message or reason)
        self.reason = reason


class SignInDenied(OidcError):
    """The user (or the issuer) declined the sign-in."""


class SignInExpired(OidcError):
    """The code expired before it was approved: start again."""


class RefreshRefused(OidcError):
    """The issuer no longer accepts the refresh token: the user must sign in again."""


@dataclass(frozen=True)
class ProviderMetadata:
    """The parts of the issuer's discovery document HydroDesk uses."""

    issuer: str
    token_endpoint: str
    authorization_endpoint: str | None = None
    device_authorization_endpoint: str | None = None
    revocation_endpoint: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProviderMetadata:
        try:
            return cls(
                issuer=str(data["issuer"]),
                token_endpoint=str(data["token_endpoint"]),
                authorization_endpoint=data.get("authorization_endpoint"),
                device_authorization_endpoint=data.get("device_authorization_endpoint"),
                revocation_endpoint=data.get("revocation_endpoint"),
            )
        except (KeyError, TypeError) as error:
            raise OidcError("bad_discovery", f"The issuer's discovery document lacks {error}.") from error


@dataclass(frozen=True)
class TokenSet:
    access_token: str = field(repr=False)
    expires_at: float  # seconds since the epoch
    refresh_token: str | None = field(default=None, repr=False)
    id_token: str | None = field(default=None, repr=False)

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        return self.expires_at - (time.time() if now is None else now) <= seconds

    @classmethod
    def from_reply(cls, data: dict[str, Any], previous_refresh: str | None = None) -> TokenSet:
        if not isinstance(data.get("access_token"), str):
            raise OidcError("bad_token_reply", "The issuer's reply holds no access token.")
        lifetime = float(data.get("expires_in") or 3600)
        return cls(
            access_token=data["access_token"],
            expires_at=time.time() + lifetime,
            # An issuer that does not rotate returns no new refresh token: the old one stays good.
            refresh_token=data.get("refresh_token") or previous_refresh,
            id_token=data.get("id_token"),
        )


@dataclass(frozen=True)
class DeviceCode:
    """What the user needs to approve the sign-in on another device, and what HydroDesk polls with."""

    device_code: str = field(repr=False)
    user_code: str
    verification_uri: str
    verification_uri_complete: str | None
    expires_at: float
    interval: float

    @property
    def browser_url(self) -> str:
        """The page to open: with the code already filled in when the issuer offers that."""
        return self.verification_uri_complete or self.verification_uri


Sleep = Callable[[float], Awaitable[Any]]


class OidcClient:
    """One issuer and one client id. Owns its httpx client unless one is handed in."""

    def __init__(
        self,
        issuer: str,
        client_id: str = DEFAULT_CLIENT_ID,
        *,
        scope: str = DEFAULT_SCOPE,
        audience: str | None = "hydrobit-api",
        verify: bool | ssl.SSLContext = True,
        http: httpx.AsyncClient | None = None,
        timeout: float = 15.0,
    ) -> None:
        self.issuer = issuer.rstrip("/")
        self.client_id = client_id
        self.scope = scope
        self.audience = audience
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(verify=verify, timeout=timeout)
        self._metadata: ProviderMetadata | None = None

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    # ------------------------------------------------------------------------------------------ discovery
    async def metadata(self) -> ProviderMetadata:
        if self._metadata is None:
            reply = await self._http.get(self.issuer + OIDC_DISCOVERY_PATH)
            if reply.status_code != 200:
                raise OidcError("discovery_failed", f"The issuer answered {reply.status_code} to discovery.")
            self._metadata = ProviderMetadata.from_json(reply.json())
        return self._metadata

    # ------------------------------------------------------------------------------------------ device flow
    async def start_device_flow(self) -> DeviceCode:
        meta = await self.metadata()
        if not meta.device_authorization_endpoint:
            raise OidcError("unsupported", "This issuer does not offer sign-in with a code.")
        form = {"client_id": self.client_id, "scope": self.scope}
        if self.audience:
            form["audience"] = self.audience
        data = await self._post(meta.device_authorization_endpoint, form)
        return DeviceCode(
            device_code=str(data["device_code"]),
            user_code=str(data["user_code"]),
            verification_uri=str(data.get("verification_uri") or data.get("verification_url")),
            verification_uri_complete=data.get("verification_uri_complete"),
            expires_at=time.time() + float(data.get("expires_in") or 600),
            interval=float(data.get("interval") or DEFAULT_INTERVAL_S),
        )

    async def wait_for_device_approval(
        self,
        code: DeviceCode,
        *,
        sleep: Sleep = asyncio.sleep,
        on_interval: Callable[[float], None] | None = None,
    ) -> TokenSet:
        """Poll until the user approves; raises SignInDenied or SignInExpired. Cancel the task to stop early."""
        meta = await self.metadata()
        interval = code.interval
        form = {"grant_type": DEVICE_GRANT, "device_code": code.device_code, "client_id": self.client_id}
        while True:
            await sleep(interval)
            if time.time() >= code.expires_at:
                raise SignInExpired("expired_token", "The code expired before it was approved.")
            reply = await self._http.post(meta.token_endpoint, data=form)
            data = _json(reply)
            if reply.status_code == 200:
                return TokenSet.from_reply(data)
            error = str(data.get("error", "")) or f"http_{reply.status_code}"
            if error == "authorization_pending":
                continue
            if error == "slow_down":
                interval += SLOW_DOWN_STEP_S  # for this and every later poll
                if on_interval is not None:
                    on_interval(interval)
                continue
            raise _grant_error(error, data)

    # ------------------------------------------------------------------------------------------ browser + PKCE
    async def sign_in_with_browser(
        self, open_browser: Callable[[str], object], *, give_up_after_s: float = 300
    ) -> TokenSet:
        """Open the issuer's sign-in page in the user's browser and take the code on a loopback redirect."""
        meta = await self.metadata()
        if not meta.authorization_endpoint:
            raise OidcError("unsupported", "This issuer does not offer sign-in in the browser.")
        verifier = secrets.token_urlsafe(48)
        state = secrets.token_urlsafe(16)
        async with LoopbackRedirect(state) as redirect:
            query = {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": redirect.uri,
                "scope": self.scope,
                "state": state,
                "code_challenge": pkce_challenge(verifier),
                "code_challenge_method": "S256",
            }
            if self.audience:
                query["audience"] = self.audience
            open_browser(f"{meta.authorization_endpoint}?{urlencode(query)}")
            params = await asyncio.wait_for(redirect.result, give_up_after_s)
            redirect_uri = redirect.uri
        if "error" in params:
            raise _grant_error(params["error"], {"error_description": params.get("error_description", "")})
        data = await self._post(
            meta.token_endpoint,
            {
                "grant_type": "authorization_code",
                "code": params.get("code", ""),
                "redirect_uri": redirect_uri,
                "client_id": self.client_id,
                "code_verifier": verifier,
            },
        )
        return TokenSet.from_reply(data)

    # ------------------------------------------------------------------------------------------ refresh, revoke
    async def refresh(self, tokens: TokenSet) -> TokenSet:
        if not tokens.refresh_token:
            raise RefreshRefused("no_refresh_token", "This sign-in cannot be renewed without the user.")
        meta = await self.metadata()
        form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token, "client_id": self.client_id}
        reply = await self._http.post(meta.token_endpoint, data=form)
        data = _json(reply)
        if reply.status_code == 200:
            return TokenSet.from_reply(data, previous_refresh=tokens.refresh_token)
        error = str(data.get("error", "")) or f"http_{reply.status_code}"
        if error in ("invalid_grant", "unauthorized_client", "invalid_client"):
            raise RefreshRefused(error, str(data.get("error_description") or error))
        raise OidcError(error, str(data.get("error_description") or error))

    async def revoke(self, refresh_token: str) -> None:
        """Best effort (signing out must work offline too): the issuer forgets the refresh token."""
        meta = await self.metadata()
        if meta.revocation_endpoint:
            await self._http.post(
                meta.revocation_endpoint,
                data={"token": refresh_token, "token_type_hint": "refresh_token", "client_id": self.client_id},
            )

    async def _post(self, url: str, form: dict[str, str]) -> dict[str, Any]:
        reply = await self._http.post(url, data=form)
        data = _json(reply)
        if reply.status_code != 200:
            raise _grant_error(str(data.get("error", "")) or f"http_{reply.status_code}", data)
        return data


def pkce_challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def _json(reply: httpx.Response) -> dict[str, Any]:
    try:
        data = reply.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _grant_error(error: str, data: dict[str, Any]) -> OidcError:
    message = str(data.get("error_description") or error)
    if error == "access_denied":
        return SignInDenied(error, message)
    if error == "expired_token":
        return SignInExpired(error, message)
    return OidcError(error, message)


class LoopbackRedirect:
    """A one-request HTTP listener on 127.0.0.1 (random port) that waits for the issuer's redirect.

    A request whose `state` does not match is answered 400 and ignored: only the browser this sign-in opened can
    finish it (RFC 8252 §8.9, CSRF)."""

    read_timeout_s = 10.0  # a connection that sends no complete request in this time is closed

    def __init__(self, state: str) -> None:
        self._state = state
        self.result: asyncio.Future[dict[str, str]] = asyncio.get_running_loop().create_future()
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()
        self.uri = ""

    async def __aenter__(self) -> LoopbackRedirect:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.uri = f"http://127.0.0.1:{port}{OIDC_LOOPBACK_CALLBACK_PATH}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        # A browser keeps spare connections open (preconnects, keep-alive) that never send a request. They are
        # closed here: since Python 3.12.1 `wait_closed()` also waits for them, which would hold the sign-in up to
        # the handler's read timeout.
        for writer in list(self._open):
            writer.close()
        await self._server.wait_closed()
        if not self.result.done():
            self.result.cancel()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
        try:
            request_line = (await asyncio.wait_for(reader.readline(), self.read_timeout_s)).decode("latin-1")
            if not request_line:
                return  # closed without a request: a spare connection, or the listener shutting down
            while (await asyncio.wait_for(reader.readline(), self.read_timeout_s)) not in (b"\r\n", b"\n", b""):
                pass  # the headers: nothing in them matters
            parts = request_line.split(" ")
            target = urlsplit(parts[1] if len(parts) > 1 else "/")
            params = {key: values[0] for key, values in parse_qs(target.query).items()}
            good = target.path == OIDC_LOOPBACK_CALLBACK_PATH and params.get("state") == self._state
            if good and not self.result.done():
                self.result.set_result(params)
                body = _CLOSE_PAGE_DENIED if "error" in params else _CLOSE_PAGE
                writer.write(_http_reply(200, body))
            else:
                writer.write(_http_reply(400, "<h1>This sign-in request is not HydroDesk's.</h1>"))
            await writer.drain()
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self._open.discard(writer)
            writer.close()


_CLOSE_PAGE = "<h1>HydroDesk is signed in.</h1><p>You can close this tab and go back to HydroDesk.</p>"
_CLOSE_PAGE_DENIED = "<h1>HydroDesk was not signed in.</h1><p>You can close this tab.</p>"


def _http_reply(status: int, body: str) -> bytes:
    payload = f"<!doctype html><meta charset='utf-8'>{body}".encode()
    reason = "OK" if status == 200 else "Bad Request"
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + payload
