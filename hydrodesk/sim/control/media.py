"""Uploaded media (worker photos, form photos and signatures): data-URL decoding, storage and serving.

Hydrobit stores uploads in cloud storage and returns their URL; the simulator keeps them under `media/` in its data
folder and serves them at `GET /media/{path}`. URLs are built from the simulator's current base URL when a reply
is written, so they stay right after a restart on another port.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from hydrodesk.sim.context import SimContext
from hydrodesk.sim.http import HttpError, invalid

MEDIA_FOLDER = "media"
MAX_MEDIA_BYTES = 12 * 1024 * 1024
# base64 carries 3 bytes in 4 characters; a body this size may hold a 12 MB upload plus its JSON around it.
MAX_UPLOAD_BODY_BYTES = MAX_MEDIA_BYTES * 4 // 3 + 64 * 1024
_DATA_URL = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?P<params>(;[\w.+-]+=[\w.+-]+)*)(?P<b64>;base64)?,")
IMAGE_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".m4a": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".bin": "application/octet-stream",
}


def image_kind(data: bytes) -> str | None:
    """`jpeg`, `png` or `webp` from the file's magic bytes, None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def decode_data_url(text: object, field: str) -> tuple[str | None, bytes]:
    """(declared MIME type, decoded bytes) of a base64 data URL; 400 when malformed, 413 when over 12 MB."""
    if not isinstance(text, str):
        raise invalid(f"{field} must be a data URL string such as data:image/jpeg;base64,....")
    match = _DATA_URL.match(text)
    if match is None or not match.group("b64"):
        raise invalid(f"{field} must be a base64 data URL such as data:image/jpeg;base64,....")
    payload = text[match.end() :]
    if len(payload) * 3 // 4 > MAX_MEDIA_BYTES + 3:
        raise HttpError(413, f"{field} is larger than 12 MB; send a smaller or more compressed file.")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise invalid(f"{field} is not valid base64 data.") from None
    if len(data) > MAX_MEDIA_BYTES:
        raise HttpError(413, f"{field} is larger than 12 MB; send a smaller or more compressed file.")
    if not data:
        raise invalid(f"{field} is empty.")
    return match.group("mime"), data


def decode_image(text: object, field: str) -> tuple[str, bytes]:
    """(extension, bytes) of an image data URL; the bytes decide the type: JPEG, PNG or WebP only."""
    _, data = decode_data_url(text, field)
    kind = image_kind(data)
    if kind is None:
        raise invalid(f"{field} must be a JPEG, PNG or WebP image; the data sent is not one of those.")
    return ("jpg" if kind == "jpeg" else kind), data


def store_media(ctx: SimContext, relative_path: str, data: bytes) -> str:
    """Write the file under the data folder's media/ and return its path relative to media/."""
    target = ctx.data_dir / MEDIA_FOLDER / relative_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return relative_path


def media_url(ctx: SimContext, relative_path: str | None) -> str | None:
    return None if not relative_path else f"{ctx.base_url}/{MEDIA_FOLDER}/{relative_path}"


def _resolve(root: Path, relative: str) -> Path | None:
    # Never serve anything outside media/, whatever `..` or absolute path a request carries.
    try:
        candidate = (root / relative).resolve()
        root = root.resolve()
        if root not in candidate.parents or not candidate.is_file():
            return None
    except (OSError, ValueError):  # e.g. an embedded NUL byte
        return None
    return candidate


async def serve_media(request: Request) -> Response:
    ctx: SimContext = request.app.state.ctx
    path = _resolve(ctx.data_dir / MEDIA_FOLDER, request.path_params["path"])
    if path is None:
        raise HttpError(404, f"There is no media file at {request.url.path}.", "media_not_found")
    return FileResponse(path, media_type=_CONTENT_TYPES.get(path.suffix, "application/octet-stream"))


def routes() -> list[Route]:
    return [Route("/media/{path:path}", serve_media, methods=["GET"])]
