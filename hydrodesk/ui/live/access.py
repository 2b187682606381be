"""The IoT token for the MQTT connection, fetched from the API client of the signed-in session.

The mqtt layer may not import the API client, so this is where the two meet: a `TokenSource` that asks
`HydrobitClient.issue_iot_token()` and hands the answer over as an `IotAccess`.
"""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING

from hydrodesk.mqtt.access import IotAccess, TokenSource

if TYPE_CHECKING:
    from hydrodesk.api.client import HydrobitClient


class NoLiveDataService(Exception):
    """The server issued a token but runs no MQTT broker (a simulator started without one)."""

    user_message = "This Hydrobit server offers no live data service."


def iot_token_source(client: HydrobitClient) -> TokenSource:
    """Called for the first connection, before the token expires, and after a refusal."""

    async def fetch() -> IotAccess:
        token = await client.issue_iot_token()
        if not token.url:
            raise NoLiveDataService
        return IotAccess(
            url=token.url,
            token=token.token,
            expires_at=token.expires_at.timestamp(),
            topic_prefix=token.topic_prefix,
            username=client.credentials.auth0_id,
        )

    return fetch


def tls_context(client: HydrobitClient) -> ssl.SSLContext | None:
    """The MQTT connection trusts what the API client trusts (a private CA bundle when the profile names one)."""
    ca_bundle = client.config.ca_bundle
    return ssl.create_default_context(cafile=str(ca_bundle)) if ca_bundle is not None else None
