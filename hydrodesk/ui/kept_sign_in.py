"""A profile signed in through its OIDC issuer stays signed in: the access token is renewed before it expires (the
running client switches to it between two requests) and each rotated refresh token replaces the old one in the
keychain, so the next start signs in without asking. A refused renewal calls `on_refused` once; the caller asks the
user to sign in again and leaves the outbox alone."""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import httpx

from hydrodesk.api.auth import Credentials
from hydrodesk.api.oidc import OidcClient, OidcError, RefreshRefused, TokenSet
from hydrodesk.api.token_keeper import DEFAULT_MARGIN_S, TokenKeeper
from hydrodesk.settings import Profile, Secrets, SecretStore, SettingsError

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient

log = logging.getLogger(__name__)


def oidc_client_for(profile: Profile) -> OidcClient:
    verify: bool | ssl.SSLContext = True
    if profile.ca_bundle:
        verify = ssl.create_default_context(cafile=profile.ca_bundle)
    return OidcClient(profile.oidc_issuer, profile.oidc_client_id, verify=verify)


def token_set(secrets: Secrets) -> TokenSet:
    """The stored sign-in as a TokenSet; the access token's own `exp` says when it expires."""
    token = secrets.bearer_token or ""
    expires = Credentials(auth0_id="", bearer_token=token).claims.get("exp") if token else None
    return TokenSet(
        access_token=token,
        expires_at=float(expires) if isinstance(expires, (int, float)) else 0.0,
        refresh_token=secrets.refresh_token,
    )


async def fresh_secrets(
    profile: Profile, secrets: Secrets, store: SecretStore, margin_s: float = DEFAULT_MARGIN_S
) -> Secrets:
    """At sign-in: renew an access token that is missing or about to expire. Raises RefreshRefused when the issuer
    no longer accepts the refresh token; offline, the old token is kept (the cache works without the server)."""
    if not profile.uses_oidc or not secrets.refresh_token:
        return secrets
    if secrets.bearer_token and not token_set(secrets).expires_within(margin_s):
        return secrets
    oidc = oidc_client_for(profile)
    try:
        tokens = await oidc.refresh(token_set(secrets))
    except (httpx.HTTPError, OidcError) as error:
        if isinstance(error, RefreshRefused):
            raise
        log.warning(
            "could not renew the sign-in at start (%s); carrying on with the stored token", type(error).__name__
        )
        return secrets
    finally:
        await oidc.aclose()
    renewed = replace(secrets, bearer_token=tokens.access_token, refresh_token=tokens.refresh_token)
    await _keep(store, profile.name, renewed)
    return renewed


async def _keep(store: SecretStore, name: str, secrets: Secrets) -> None:
    try:
        await asyncio.to_thread(store.keep, name, secrets)
    except SettingsError:
        log.warning("could not save the renewed sign-in of %r", name)


class KeptSignIn:
    def __init__(
        self,
        profile: Profile,
        secrets: Secrets,
        store: SecretStore,
        client: HydrobitClient,
        *,
        on_refused: Callable[[], None],
        use_credentials: Callable[[Credentials], None] | None = None,
        margin_s: float = DEFAULT_MARGIN_S,
    ) -> None:
        self.profile = profile
        self.secrets = secrets
        self._store = store
        self._client = client
        self._on_refused = on_refused
        # Where renewed credentials go: the sync engine when there is one (it also resumes a sync paused by a 401
        # while the renewal waited for the network), else straight to the client.
        self._use_credentials = use_credentials or client.replace_credentials
        self._oidc = oidc_client_for(profile)
        self._saving: set[asyncio.Task[None]] = set()
        self.keeper = TokenKeeper(
            self._oidc, token_set(secrets), on_renewed=self._renewed, on_refused=self._refused, margin_s=margin_s
        )

    def start(self) -> None:
        self.keeper.start()

    async def stop(self) -> None:
        await self.keeper.stop()
        if self._saving:
            await asyncio.gather(*self._saving, return_exceptions=True)
        await self._oidc.aclose()

    async def revoke(self) -> None:
        """Signing out: the issuer forgets the refresh token (best effort: signing out works offline too)."""
        if not self.secrets.refresh_token:
            return
        oidc = oidc_client_for(self.profile)
        try:
            await oidc.revoke(self.secrets.refresh_token)
        except (httpx.HTTPError, OidcError):
            log.info("the issuer could not be told about the sign-out")
        finally:
            await oidc.aclose()

    def _renewed(self, tokens: TokenSet) -> None:
        self._use_credentials(self._client.credentials.with_bearer_token(tokens.access_token))
        self.secrets = replace(self.secrets, bearer_token=tokens.access_token, refresh_token=tokens.refresh_token)
        log.info("sign-in renewed; next renewal in about %.0f s", max(0.0, tokens.expires_at - time.time()))
        task = asyncio.get_running_loop().create_task(_keep(self._store, self.profile.name, self.secrets))
        self._saving.add(task)
        task.add_done_callback(self._saving.discard)

    def _refused(self, _refused: RefreshRefused) -> None:
        self._on_refused()
