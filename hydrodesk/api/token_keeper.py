"""Keeps an OIDC sign-in fresh: the access token is renewed a margin before it expires, so no request meets an
expired token and the user never notices. A refused refresh is reported once (the UI asks the user to sign in
again, the outbox untouched); a network failure is retried, since an office may be offline for hours."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

import httpx

from hydrodesk.api.oidc import OidcClient, OidcError, RefreshRefused, TokenSet

log = logging.getLogger(__name__)

DEFAULT_MARGIN_S = 60.0
RETRY_AFTER_S = 15.0


class TokenKeeper:
    def __init__(
        self,
        oidc: OidcClient,
        tokens: TokenSet,
        *,
        on_renewed: Callable[[TokenSet], None],
        on_refused: Callable[[RefreshRefused], None],
        margin_s: float = DEFAULT_MARGIN_S,
        retry_after_s: float = RETRY_AFTER_S,
    ) -> None:
        self.oidc = oidc
        self.tokens = tokens
        self._on_renewed = on_renewed
        self._on_refused = on_refused
        self.margin_s = margin_s
        self.retry_after_s = retry_after_s
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="token-keeper")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            # Never earlier than halfway through a short-lived token, so a tiny lifetime cannot spin.
            lifetime_left = self.tokens.expires_at - time.time()
            wait = max(lifetime_left - self.margin_s, lifetime_left / 2, 0.0)
            await asyncio.sleep(wait)
            try:
                fresh = await self.oidc.refresh(self.tokens)
            except RefreshRefused as refused:
                log.info("the issuer refused to renew the sign-in (%s)", refused.reason)
                self._on_refused(refused)
                return
            except (httpx.HTTPError, OidcError) as error:
                # Offline or the issuer hiccuped: try again soon; the old token may still have some life in it.
                log.warning("renewing the sign-in failed (%s); trying again", type(error).__name__)
                await asyncio.sleep(self.retry_after_s)
                continue
            self.tokens = fresh
            self._on_renewed(fresh)
