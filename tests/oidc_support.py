"""The simulator as an OIDC issuer, for tests: short lifetimes, and a person approving on the verification page.

`approve(sim, user_code, user)` posts the same form a person submits on the simulator's `/activate` page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from tests.conftest import Simulator

# Access tokens live 4 s (refresh is seen within a test); a code may be polled every second.
OIDC_ENV = {
    "HYDRODESK_SIM_ACCESS_TOKEN_S": "4",
    "HYDRODESK_SIM_DEVICE_INTERVAL_S": "1",
    "HYDRODESK_SIM_DEVICE_CODE_S": "60",
}
SHORT_CODE_ENV = {**OIDC_ENV, "HYDRODESK_SIM_DEVICE_CODE_S": "1.5"}


@pytest.fixture(scope="module")
def oidc_sim(sim_factory_session: Callable[..., Simulator]) -> Simulator:
    return sim_factory_session(env=OIDC_ENV)


def decide(sim: Simulator, user_code: str, user: str, decision: str = "approve") -> httpx.Response:
    return httpx.post(
        f"{sim.base_url}/activate", data={"user_code": user_code, "user": user, "decision": decision}, timeout=10
    )


def approve(sim: Simulator, user_code: str, user: str) -> None:
    reply = decide(sim, user_code, user)
    assert reply.status_code == 200, reply.text


async def play_browser(url: str, user: str, decision: str = "approve") -> httpx.Response:
    """What a person does in the browser: open the issuer's page, pick a user, press Approve (or Deny); the
    browser then follows the redirect to HydroDesk's loopback listener."""
    async with httpx.AsyncClient(timeout=10, follow_redirects=True) as browser:
        page = await browser.get(url)
        assert page.status_code == 200
        assert "Approve" in page.text
        form = dict(parse_qsl(urlsplit(url).query))
        endpoint = url.split("?", 1)[0]
        return await browser.post(endpoint, data={**form, "user": user, "decision": decision})
