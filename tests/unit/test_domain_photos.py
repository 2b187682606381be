"""Worker photos are checked before upload: JPEG, PNG or WebP by their first bytes, and at most 12 MB."""

from __future__ import annotations

import pytest

from hydrodesk.domain.photos import (
    MAX_PHOTO_BYTES,
    ImageKind,
    Photo,
    PhotoProblem,
    PhotoRejected,
    check_photo,
    photo_from_data_url,
    sniff_image,
)

PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)
JPEG = b"\xff\xd8\xff\xe0" + bytes(24)
WEBP = b"RIFF\x1c\x00\x00\x00WEBPVP8 " + bytes(16)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (PNG, ImageKind.PNG),
        (JPEG, ImageKind.JPEG),
        (WEBP, ImageKind.WEBP),
        (b"RIFF\x1c\x00\x00\x00WAVEfmt ", None),  # a RIFF file, but a sound
        (b"GIF89a" + bytes(10), None),
        (b"\x00\x00\x00\x18ftypheic", None),
        (b"", None),
        (b"RIFF", None),
    ],
)
def test_the_format_comes_from_the_magic_bytes(head: bytes, kind: ImageKind | None) -> None:
    assert sniff_image(head) is kind


def test_size_is_checked_first_and_at_exactly_12_mb_a_photo_is_fine() -> None:
    assert check_photo(MAX_PHOTO_BYTES, PNG) is ImageKind.PNG
    with pytest.raises(PhotoRejected) as too_big:
        check_photo(MAX_PHOTO_BYTES + 1, PNG)
    assert (too_big.value.problem, too_big.value.size) == (PhotoProblem.TOO_LARGE, MAX_PHOTO_BYTES + 1)
    with pytest.raises(PhotoRejected) as text:
        check_photo(100, b"hello, world")
    assert text.value.problem is PhotoProblem.NOT_AN_IMAGE
    with pytest.raises(PhotoRejected) as empty:
        check_photo(0, b"")
    assert empty.value.problem is PhotoProblem.EMPTY


def test_a_photo_travels_as_a_data_url_and_comes_back_from_one() -> None:
    photo = Photo.from_bytes(WEBP)
    url = photo.data_url()
    assert url.startswith("data:image/webp;base64,")
    assert photo_from_data_url(url) == photo
    assert photo_from_data_url(None) is None
    assert photo_from_data_url("https://example.com/p.png") is None
    assert photo_from_data_url("data:image/png;base64,@@@") is None
    assert photo_from_data_url("data:text/plain;base64,aGVsbG8=") is None  # decodes, but is no image
