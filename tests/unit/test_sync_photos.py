"""Worker photos fetched from their URL: kept on disk (keyed by path, so a new host or signed query still finds
them), never sent credentials, and refused when they are no image or larger than 12 MB. Download edge cases are
fed by httpx.MockTransport; the real fetch from the simulator is covered by tests/ui/test_workers_pane.py."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from hydrodesk.domain.photos import MAX_PHOTO_BYTES, ImageKind
from hydrodesk.sync.photos import PhotoCache

PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)


def serving(body: bytes, status: int = 200, seen: list[httpx.Request] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, content=body)

    return httpx.MockTransport(handler)


@pytest.mark.asyncio
async def test_a_photo_is_fetched_once_without_credentials_then_read_from_disk(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    photos = PhotoCache(tmp_path / "photos", transport=serving(PNG, seen=seen))
    photo = await photos.photo("https://storage.example.test/workers/comp/w1.png?sig=abc")
    assert photo is not None
    assert photo.kind is ImageKind.PNG
    assert photo.data == PNG
    assert "authorization" not in seen[0].headers
    assert "x-api-key" not in seen[0].headers
    # Another host or signature, same path: the saved copy, no request.
    again = await photos.photo("http://127.0.0.1:9999/workers/comp/w1.png?sig=other")
    assert again == photo
    assert len(seen) == 1
    assert await photos.cached("https://elsewhere.test/workers/comp/w1.png") == photo
    assert PhotoCache.beside(tmp_path / "profiles" / "farm.sqlite3").folder == tmp_path / "profiles" / "farm-photos"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"<html>not found</html>", 404),
        (b"<html>a login page</html>", 200),
        (PNG[:8] + bytes(MAX_PHOTO_BYTES), 200),  # larger than any worker photo may be
    ],
)
async def test_what_is_no_usable_photo_gives_none_and_is_not_kept(tmp_path: Path, body: bytes, status: int) -> None:
    photos = PhotoCache(tmp_path / "photos", transport=serving(body, status))
    assert await photos.photo("https://storage.example.test/w2.png") is None
    assert not (tmp_path / "photos").exists() or not any((tmp_path / "photos").iterdir())


@pytest.mark.asyncio
async def test_no_network_or_no_web_url_gives_none(tmp_path: Path) -> None:
    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    photos = PhotoCache(tmp_path / "photos", transport=httpx.MockTransport(unreachable))
    assert await photos.photo("https://storage.example.test/w3.png") is None
    assert await photos.photo("file:///etc/passwd") is None
