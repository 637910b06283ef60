"""Check and shrink an image before it is sent as a base64 data URL (vision tab)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from components.core.uploads import Uploads
from components.i18n import UserError

MAX_SIDE = 2048  # longest side sent, in pixels
MAX_BYTES = 4 * 1024 * 1024  # above this, re-encode
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_IMAGES_PER_REQUEST = 4  # images one request may carry (a conversation's history included)
MAX_PIXELS = 60_000_000  # refuse decompression bombs before decoding them
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


@dataclass(frozen=True)
class PreparedImage:
    data_url: str
    mime: str
    width: int
    height: int
    size_bytes: int
    original_width: int
    original_height: int
    original_bytes: int

    @property
    def resized(self) -> bool:
        return (self.width, self.height) != (self.original_width, self.original_height)

    def summary(self) -> dict:
        return {
            "mime": self.mime,
            "width": self.width,
            "height": self.height,
            "bytes": self.size_bytes,
            "original": f"{self.original_width}×{self.original_height}, {self.original_bytes} bytes",
            "resized": self.resized,
        }


def prepare_image(path: object, uploads: Uploads) -> PreparedImage:
    """An uploaded image (only a file Gradio took as an upload is read), checked, shrunk, as a data URL."""
    from PIL import Image, UnidentifiedImageError

    raw = uploads.read(path, MAX_UPLOAD_BYTES)
    original_bytes = len(raw)
    try:
        with Image.open(io.BytesIO(raw)) as probe:  # reads the header only: the format, not the file name
            kind, width, height = probe.format, probe.width, probe.height
            probe.verify()
        if kind not in FORMATS:
            raise UserError("image_format", kind=kind or "?")
        if width * height > MAX_PIXELS:
            raise UserError("image_too_big", megabytes=len(raw) // (1024 * 1024))
        image = Image.open(io.BytesIO(raw))
        image.seek(0)  # a GIF sends its first frame
        image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise UserError("not_an_image") from None
    except (OSError, SyntaxError, ValueError):
        raise UserError("corrupt_image") from None

    if kind == "GIF" or max(width, height) > MAX_SIDE or len(raw) > MAX_BYTES:
        raw, kind, image = _reencode(image, kind)
    data_url = f"data:{FORMATS[kind]};base64,{base64.b64encode(raw).decode()}"
    return PreparedImage(data_url, FORMATS[kind], image.width, image.height, len(raw), width, height, original_bytes)


def _reencode(image, kind: str):
    image.thumbnail((MAX_SIDE, MAX_SIDE))  # keeps the aspect ratio, only ever shrinks
    if kind == "GIF":
        image, kind = image.convert("RGBA"), "PNG"
    buffer = io.BytesIO()
    image.save(buffer, kind)
    if buffer.tell() > MAX_BYTES:  # still too heavy: a JPEG of the same pixels
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=85)
        kind = "JPEG"
    return buffer.getvalue(), kind, image
