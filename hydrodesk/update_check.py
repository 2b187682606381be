"""Help > Check for Updates: read the release feed, compare its latest version with the running one, and say
which page to download it from. It never downloads or installs anything.

The feed is a GitHub "latest release" API document (`tag_name`, `html_url`), or a list of releases (the first
that is neither a draft nor a pre-release counts). TLS certificates are always verified.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

from hydrodesk.api.config import is_loopback_http

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0


class UpdateOutcome(Enum):
    NEWER = "newer"  # a newer release exists: `latest` and `download_url` say which and where
    LATEST = "latest"  # the running version is the newest (or newer: a development build)
    OFFLINE = "offline"  # the feed could not be reached (no network, DNS, refused, timed out)
    TLS = "tls"  # the server's certificate did not verify
    SERVER = "server"  # the server answered with an error status (`status`)
    BAD_FEED = "bad-feed"  # the answer is not a release feed
    BAD_URL = "bad-url"  # the feed address itself is not usable (not https)


@dataclass(frozen=True)
class UpdateCheck:
    outcome: UpdateOutcome
    current: str
    latest: str | None = None
    download_url: str | None = None
    status: int | None = None


def acceptable_url(url: str) -> bool:
    """https anywhere; plain http only on this computer (a test's server, a local mirror)."""
    parts = urlsplit(url.strip())
    return bool(parts.hostname) and (parts.scheme == "https" or is_loopback_http(url.strip()))


def is_newer(candidate: str, current: str) -> bool:
    """Is release `candidate` ("v0.3.0", "0.3.0rc1") newer than `current`?"""
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:  # packaging is not a declared dependency: a small comparator stands in
        return _version_key(candidate) > _version_key(current)
    try:
        return Version(_bare(candidate)) > Version(_bare(current))
    except InvalidVersion:
        return _version_key(candidate) > _version_key(current)


def _bare(version: str) -> str:
    return version.strip().removeprefix("v").removeprefix("V")


_PRE_RELEASE = {"a": -3, "alpha": -3, "b": -2, "beta": -2, "rc": -1, "c": -1}


def _version_key(version: str) -> tuple[tuple[int, ...], int, int]:
    """(release numbers, pre-release rank, pre-release number): 1.2 == 1.2.0; 1.2.0rc1 < 1.2.0 < 1.2.1."""
    match = re.match(r"(\d+(?:\.\d+)*)(?:[-._]?(a|alpha|b|beta|rc|c)[-._]?(\d*))?", _bare(version).lower())
    if match is None:
        return ((), 0, 0)
    numbers = [int(part) for part in match.group(1).split(".")]
    while len(numbers) > 1 and numbers[-1] == 0:
        numbers.pop()
    rank = _PRE_RELEASE[match.group(2)] if match.group(2) else 0
    return (tuple(numbers), rank, int(match.group(3) or 0))


def latest_release(feed: Any) -> tuple[str, str] | None:
    """(version, page to download it from) from a feed document, or None when it holds no usable release."""
    releases = feed if isinstance(feed, list) else [feed]
    for release in releases:
        if not isinstance(release, dict) or release.get("draft") or release.get("prerelease"):
            continue
        tag = release.get("tag_name") or release.get("name")
        page = release.get("html_url")
        if isinstance(tag, str) and tag.strip() and isinstance(page, str) and acceptable_url(page):
            return tag.strip(), page
    return None


async def check_for_update(feed_url: str, current: str, *, timeout_s: float = TIMEOUT_S) -> UpdateCheck:
    """Fetch the feed and compare; every failure comes back as an outcome, never as an exception."""
    import httpx

    if not acceptable_url(feed_url):
        return UpdateCheck(UpdateOutcome.BAD_URL, current)
    headers = {"Accept": "application/vnd.github+json, application/json", "User-Agent": f"HydroDesk/{current}"}
    try:
        async with httpx.AsyncClient(verify=True, timeout=timeout_s, follow_redirects=True) as client:
            response = await client.get(feed_url, headers=headers)
    except httpx.ConnectError as error:
        if "CERTIFICATE_VERIFY_FAILED" in str(error) or "certificate" in str(error).lower():
            log.warning("update feed %s: certificate not verified (%s)", feed_url, error)
            return UpdateCheck(UpdateOutcome.TLS, current)
        log.info("update feed %s unreachable (%s)", feed_url, type(error).__name__)
        return UpdateCheck(UpdateOutcome.OFFLINE, current)
    except httpx.HTTPError as error:  # timeouts, resets, a broken reply
        log.info("update feed %s unreachable (%s)", feed_url, type(error).__name__)
        return UpdateCheck(UpdateOutcome.OFFLINE, current)
    if response.status_code != 200:
        log.info("update feed %s answered %d", feed_url, response.status_code)
        return UpdateCheck(UpdateOutcome.SERVER, current, status=response.status_code)
    try:
        release = latest_release(response.json())
    except ValueError:
        release = None
    if release is None:
        log.info("update feed %s holds no release HydroDesk can read", feed_url)
        return UpdateCheck(UpdateOutcome.BAD_FEED, current)
    version, page = release
    if is_newer(version, current):
        return UpdateCheck(UpdateOutcome.NEWER, current, latest=_bare(version), download_url=page)
    return UpdateCheck(UpdateOutcome.LATEST, current, latest=_bare(version))
