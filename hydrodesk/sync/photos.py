"""Worker photos fetched from their `photoUrl` and kept on disk beside the profile's database, for offline use.

    photos = PhotoCache.beside(office.store.path)
    photo = await photos.photo(worker["photo_url"], verify=client.config.tls_verify())   # None: none to show

Hydrobit keeps photos in cloud storage and hands out their URL, so they are fetched WITHOUT the account's
credentials (a token must never travel to another host) and on a short-lived connection of their own: a detail
view needs one photo now and then, and a cached photo is never fetched again. The file is keyed by the URL's
path, not its host, so the simulator (whose port changes between runs) and signed cloud URLs (whose query
changes) still find the copy they saved. What arrives is checked like an upload: an image of at most 12 MB.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import ssl
from pathlib import Path
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

import httpx

from hydrodesk.domain.photos import MAX_PHOTO_BYTES, Photo, PhotoProblem, PhotoRejected

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator

log = logging.getLogger(__name__)

FETCH_TIMEOUT_S = 15.0


class PhotoCache:
    def __init__(self, folder: Path, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.folder = folder
        self._transport = transport  # for unit tests of download edge cases only (httpx.MockTransport)

    @classmethod
    def beside(cls, database: Path) -> PhotoCache:
        """The cache folder of the profile whose database is `database`."""
        return cls(database.parent / f"{database.stem}-photos")

    def path_for(self, url: str) -> Path:
        parts = urlsplit(url)
        return self.folder / hashlib.sha256(parts.path.encode("utf-8")).hexdigest()[:32]

    async def cached(self, url: str) -> Photo | None:
        """The saved copy of the photo at `url`, without touching the network."""
        return await asyncio.to_thread(self._read, self.path_for(url))

    async def photo(self, url: str, *, verify: bool | ssl.SSLContext = True) -> Photo | None:
        """The photo at `url`: the saved copy, else fetched and saved. None when it cannot be had (offline, gone,
        not an image); the caller shows the initials instead."""
        found = await self.cached(url)
        if found is not None:
            return found
        if urlsplit(url).scheme not in ("http", "https"):
            return None
        try:
            data = await _download(url, verify, self._transport)
            photo = Photo.from_bytes(data)
        except (httpx.HTTPError, PhotoRejected) as error:
            log.info("worker photo not available: %s", type(error).__name__)
            return None
        await asyncio.to_thread(self._write, self.path_for(url), photo.data)
        return photo

    def _read(self, path: Path) -> Photo | None:
        try:
            return Photo.from_bytes(path.read_bytes())
        except (OSError, PhotoRejected):
            return None

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(path)  # never a half-written photo under the real name
        except OSError as error:
            log.warning("could not keep a worker photo on disk: %s", error)


async def _download(url: str, verify: bool | ssl.SSLContext, transport: httpx.AsyncBaseTransport | None) -> bytes:
    async with (
        httpx.AsyncClient(timeout=FETCH_TIMEOUT_S, verify=verify, follow_redirects=True, transport=transport) as http,
        http.stream("GET", url) as response,
    ):
        response.raise_for_status()
        received = bytearray()
        # Closed here when it stops early, not by the garbage collector in some later task.
        # httpx types aiter_bytes() as an AsyncIterator; it is an async generator, which has aclose().
        stream = cast("AsyncGenerator[bytes, None]", response.aiter_bytes())
        async with contextlib.aclosing(stream) as chunks:
            async for chunk in chunks:
                received += chunk
                if len(received) > MAX_PHOTO_BYTES:  # stop reading: it could never be a worker's photo
                    raise PhotoRejected(PhotoProblem.TOO_LARGE, len(received))
        return bytes(received)
