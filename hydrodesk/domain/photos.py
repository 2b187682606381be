"""Worker photos: what Hydrobit accepts (JPEG, PNG or WebP, at most 12 MB, sent as a base64 data URL).

The office checks a chosen file here BEFORE anything is uploaded, by its first bytes (a renamed .txt is not a
JPEG, whatever its name says) and its size, so a person hears at once what is wrong instead of a refusal later
from the server (or, offline, hours later from the outbox).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import StrEnum

MAX_PHOTO_BYTES = 12 * 1024 * 1024  # Hydrobit's documented limit for a worker photo
HEADER_BYTES = 12  # enough of a file's start to tell the three accepted formats apart

_DATA_URL_PREFIX = "data:"
_BASE64_MARK = ";base64,"


class ImageKind(StrEnum):
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"

    @property
    def mime_type(self) -> str:
        return f"image/{self.value}"


class PhotoProblem(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_AN_IMAGE = "not_an_image"  # not one of the three accepted formats


class PhotoRejected(ValueError):
    """A file that cannot be a worker's photo; `problem` says why (the UI words it), `size` is the file's size."""

    def __init__(self, problem: PhotoProblem, size: int) -> None:
        super().__init__(f"photo refused: {problem.value} ({size} bytes)")
        self.problem = problem
        self.size = size


def sniff_image(head: bytes) -> ImageKind | None:
    """The image format a file's first bytes announce (its magic number), or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return ImageKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ImageKind.PNG
    if len(head) >= HEADER_BYTES and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageKind.WEBP
    return None


def check_photo(size: int, head: bytes) -> ImageKind:
    """The format of a file of `size` bytes starting with `head`; PhotoRejected when Hydrobit would refuse it.

    Size first: a huge file is refused without reading more than its first bytes.
    """
    if size <= 0:
        raise PhotoRejected(PhotoProblem.EMPTY, size)
    if size > MAX_PHOTO_BYTES:
        raise PhotoRejected(PhotoProblem.TOO_LARGE, size)
    kind = sniff_image(head)
    if kind is None:
        raise PhotoRejected(PhotoProblem.NOT_AN_IMAGE, size)
    return kind


@dataclass(frozen=True)
class Photo:
    """A checked photo, ready to send."""

    kind: ImageKind
    data: bytes

    @classmethod
    def from_bytes(cls, data: bytes) -> Photo:
        return cls(check_photo(len(data), data[:HEADER_BYTES]), data)

    def data_url(self) -> str:
        """`data:image/png;base64,...`: how the create-worker request carries a photo."""
        return f"{_DATA_URL_PREFIX}{self.kind.mime_type}{_BASE64_MARK}{base64.b64encode(self.data).decode('ascii')}"


def photo_from_data_url(text: str | None) -> Photo | None:
    """The photo inside a data URL (a worker created offline carries one until it is sent); None if unusable."""
    if not text or not text.startswith(_DATA_URL_PREFIX) or _BASE64_MARK not in text:
        return None
    try:
        data = base64.b64decode(text.split(_BASE64_MARK, 1)[1], validate=True)
        return Photo.from_bytes(data)
    except (binascii.Error, ValueError):
        return None
