"""Signing in against the simulator's OIDC issuer: device flow, browser flow with PKCE, refresh and its refusal."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import httpx
import jwt
import pytest

from hydrodesk.api.oidc import (
    LoopbackRedirect,
    OidcClient,
    RefreshRefused,
    SignInDenied,
    SignInExpired,
    TokenSet,
)
from hydrodesk.api.token_keeper import TokenKeeper
from tests.conftest import DEMO_USER, OTHER_USER, Simulator
from tests.oidc_support import SHORT_CODE_ENV, approve, decide, oidc_sim, play_browser

__all__ = ["oidc_sim"]  # the fixture, imported for the tests below


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _api_accepts(sim: Simulator, token: str) -> bool:
    reply = httpx.get(
        f"{sim.base_url}/api/control/companies/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    return reply.status_code == 200


@pytest.mark.asyncio
async def test_discovery_and_tokens_signed_with_the_published_key(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    try:
        meta = await oidc.metadata()
        assert meta.issuer == oidc_sim.base_url
        assert meta.device_authorization_endpoint
        assert meta.authorization_endpoint
        assert meta.revocation_endpoint
        code = await oidc.start_device_flow()
        approve(oidc_sim, code.user_code, DEMO_USER)
        tokens = await oidc.wait_for_device_approval(code)
    finally:
        await oidc.aclose()
    async with httpx.AsyncClient(timeout=10) as http:
        keys = (await http.get(f"{oidc_sim.base_url}/.well-known/jwks.json")).json()["keys"]
    key = jwt.PyJWK(keys[0]).key
    claims = jwt.decode(tokens.access_token, key, algorithms=["RS256"], audience="hydrobit-api", issuer=meta.issuer)
    assert claims["sub"] == DEMO_USER
    assert claims["companyId"] == "comp_12345"
    assert _api_accepts(oidc_sim, tokens.access_token)
    assert not _api_accepts(oidc_sim, tokens.access_token[:-4] + "AAAA")  # a forged signature is refused


@pytest.mark.asyncio
async def test_device_flow_approved_while_polling(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    try:
        code = await oidc.start_device_flow()
        assert len(code.user_code) == 9
        assert code.user_code[4] == "-"
        assert code.browser_url.endswith(code.user_code)
        waiting = asyncio.create_task(oidc.wait_for_device_approval(code))
        await asyncio.sleep(1.3)  # at least one poll answered "authorization_pending"
        assert not waiting.done()
        await asyncio.to_thread(approve, oidc_sim, code.user_code, OTHER_USER)
        tokens = await asyncio.wait_for(waiting, 10)
    finally:
        await oidc.aclose()
    assert _claims(tokens.access_token)["sub"] == OTHER_USER
    assert tokens.refresh_token
    assert 0 < tokens.expires_at - time.time() <= 4


@pytest.mark.asyncio
async def test_device_flow_denied(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    try:
        code = await oidc.start_device_flow()
        assert decide(oidc_sim, code.user_code, DEMO_USER, "deny").status_code == 200
        with pytest.raises(SignInDenied):
            await oidc.wait_for_device_approval(code)
    finally:
        await oidc.aclose()


@pytest.mark.asyncio
async def test_device_flow_expired(sim_factory_session: Callable[..., Simulator]) -> None:
    short = sim_factory_session(env=SHORT_CODE_ENV)
    oidc = OidcClient(short.base_url)
    try:
        code = await oidc.start_device_flow()
        with pytest.raises(SignInExpired):
            await oidc.wait_for_device_approval(code)
        # The issuer says so too, and a person arriving late on the page is told the code is gone.
        reply = await asyncio.to_thread(
            httpx.post,
            f"{short.base_url}/oauth/token",
            data={
                "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
                "device_code": code.device_code,
                "client_id": "hydrodesk",
            },
            timeout=10,
        )
        assert reply.json()["error"] in ("expired_token", "invalid_grant")
        assert decide(short, code.user_code, DEMO_USER).status_code == 404
    finally:
        await oidc.aclose()
        short.stop()


@pytest.mark.asyncio
async def test_slow_down_adds_five_seconds_to_every_later_poll(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    asked: list[float] = []
    intervals: list[float] = []

    async def sleep(seconds: float) -> None:
        asked.append(seconds)
        # The first poll goes out at once (too soon: the issuer says slow_down); later ones wait just over the
        # issuer's real interval, so the test need not sit through the 6 s the client asks for.
        if len(asked) > 1:
            await asyncio.sleep(1.1)

    try:
        code = await oidc.start_device_flow()
        approve(oidc_sim, code.user_code, DEMO_USER)
        tokens = await oidc.wait_for_device_approval(code, sleep=sleep, on_interval=intervals.append)
    finally:
        await oidc.aclose()
    assert asked == [code.interval, code.interval + 5]
    assert intervals == [code.interval + 5]
    assert tokens.access_token


@pytest.mark.asyncio
async def test_browser_flow_with_pkce_and_a_loopback_redirect(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    browsed: list[asyncio.Task[httpx.Response]] = []
    intruder: list[int] = []

    def open_browser(url: str) -> None:
        async def browse() -> httpx.Response:
            redirect_uri = httpx.URL(url).params["redirect_uri"]
            assert redirect_uri.startswith("http://127.0.0.1:")
            # Someone else's redirect (wrong state) is turned away and does not end the sign-in.
            async with httpx.AsyncClient(timeout=5) as other:
                intruder.append((await other.get(f"{redirect_uri}?code=stolen&state=nope")).status_code)
            return await play_browser(url, OTHER_USER)

        browsed.append(asyncio.create_task(browse()))

    try:
        tokens = await asyncio.wait_for(oidc.sign_in_with_browser(open_browser), 20)
        landing = await browsed[0]
    finally:
        await oidc.aclose()
    assert intruder == [400]
    assert landing.status_code == 200
    assert "signed in" in landing.text
    assert _claims(tokens.access_token)["sub"] == OTHER_USER
    assert _api_accepts(oidc_sim, tokens.access_token)


@pytest.mark.asyncio
async def test_a_browser_spare_connection_does_not_hold_up_the_sign_in(
    oidc_sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Browsers open spare connections (preconnects) that never send a request. Since Python 3.12.1 closing the
    # loopback listener waits for every open connection, so HydroDesk must end them itself, not wait out their
    # read timeout (made longer than the test's deadline here, so waiting it out fails on every Python).
    monkeypatch.setattr(LoopbackRedirect, "read_timeout_s", 60.0)
    oidc = OidcClient(oidc_sim.base_url)
    spare: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    browsed: list[asyncio.Task[httpx.Response]] = []

    def open_browser(url: str) -> None:
        async def browse() -> httpx.Response:
            redirect = httpx.URL(httpx.URL(url).params["redirect_uri"])
            spare.append(await asyncio.open_connection(redirect.host, redirect.port))
            return await play_browser(url, OTHER_USER)

        browsed.append(asyncio.create_task(browse()))

    try:
        tokens = await asyncio.wait_for(oidc.sign_in_with_browser(open_browser), 20)
        assert (await browsed[0]).status_code == 200
    finally:
        await oidc.aclose()
    assert tokens.access_token
    reader, writer = spare[0]
    try:
        assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by HydroDesk, no reply sent
    finally:
        writer.close()


@pytest.mark.asyncio
async def test_browser_flow_denied(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    browsed: list[asyncio.Task[httpx.Response]] = []
    try:
        with pytest.raises(SignInDenied):
            await asyncio.wait_for(
                oidc.sign_in_with_browser(
                    lambda url: browsed.append(asyncio.create_task(play_browser(url, DEMO_USER, "deny")))
                ),
                20,
            )
        await browsed[0]
    finally:
        await oidc.aclose()


async def _device_sign_in(sim: Simulator, oidc: OidcClient, user: str = DEMO_USER) -> TokenSet:
    code = await oidc.start_device_flow()
    approve(sim, code.user_code, user)
    return await oidc.wait_for_device_approval(code)


@pytest.mark.asyncio
async def test_the_access_token_is_renewed_before_it_expires(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    renewed: asyncio.Queue[TokenSet] = asyncio.Queue()
    try:
        first = await _device_sign_in(oidc_sim, oidc)
        keeper = TokenKeeper(oidc, first, on_renewed=renewed.put_nowait, on_refused=pytest.fail, margin_s=3)
        keeper.start()
        second = await asyncio.wait_for(renewed.get(), 6)
        renewed_at = time.time()
        await keeper.stop()
    finally:
        await oidc.aclose()
    assert renewed_at < first.expires_at  # before the old token expired: no request ever meets an expired one
    assert second.access_token != first.access_token
    assert second.refresh_token
    assert second.refresh_token != first.refresh_token
    assert _api_accepts(oidc_sim, second.access_token)


@pytest.mark.asyncio
async def test_a_refused_refresh_is_reported_once(oidc_sim: Simulator) -> None:
    oidc = OidcClient(oidc_sim.base_url)
    refused: asyncio.Queue[RefreshRefused] = asyncio.Queue()
    try:
        first = await _device_sign_in(oidc_sim, oidc)
        second = await oidc.refresh(first)
        # A rotated refresh token presented again is refused, and so is every token descended from it.
        with pytest.raises(RefreshRefused):
            await oidc.refresh(first)
        with pytest.raises(RefreshRefused):
            await oidc.refresh(second)
        # A keeper whose refresh token was revoked (signed out elsewhere) reports it and stops.
        third = await _device_sign_in(oidc_sim, oidc)
        assert third.refresh_token
        await oidc.revoke(third.refresh_token)
        keeper = TokenKeeper(oidc, third, on_renewed=pytest.fail, on_refused=refused.put_nowait, margin_s=3.5)
        keeper.start()
        reason = await asyncio.wait_for(refused.get(), 6)
        await asyncio.sleep(0)
        assert not keeper.running
    finally:
        await oidc.aclose()
    assert reason.reason == "invalid_grant"
