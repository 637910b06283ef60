"""The messages of a chat request as the builtin model reads them: (role, text) pairs, and what each image part
is (it cannot see images: it says what it received)."""

from __future__ import annotations

import base64
import binascii
import io
import re

from .api_error import ApiError

ROLES = {"system", "developer", "user", "assistant", "tool"}
DATA_URL = re.compile(r"data:(?P<mime>[\w.+-]+/[\w.+-]+)?(?P<params>(;[\w.+-]+=[\w.+-]+)*);base64,(?P<data>.*)", re.S)

IMAGE_REPLY = {
    "en": (
        "I can't see images: I'm a small demo model that only predicts text from a short corpus. "
        "I did receive {what}, but I can't tell you what is in it. "
        "Try a vision model (for example gpt-4o-mini) on a real host."
    ),
    "es": (
        "No puedo ver imágenes: soy un pequeño modelo de demostración que solo predice texto a partir de "
        "un corpus corto. Sí recibí {what}, pero no puedo decirte qué contiene. "
        "Prueba un modelo con visión (por ejemplo gpt-4o-mini) en un host real."
    ),
}
IMAGE_WHAT = {
    "en": ("your image ({format}, {width} × {height} pixels)", "a link to an image, which I don't download"),
    "es": ("tu imagen ({format}, {width} × {height} píxeles)", "un enlace a una imagen, que no descargo"),
}


def texts_and_images(messages: list) -> tuple[list[tuple[str, str]], list[str | tuple[str, int, int]]]:
    """Return (role, text) pairs and, for each image part, either "link" or (format, width, height)."""
    texts: list[tuple[str, str]] = []
    images: list[str | tuple[str, int, int]] = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            raise ApiError(
                400,
                f"Invalid 'messages[{i}]': each message needs a role among {sorted(ROLES)}.",
                f"messages[{i}].role",
                "invalid_value",
            )
        content = message.get("content")
        if content is None and message["role"] == "assistant":
            continue
        if isinstance(content, str):
            texts.append((message["role"], content))
            continue
        if not isinstance(content, list):
            raise ApiError(
                400,
                f"Invalid 'messages[{i}].content': expected a string or a list of parts.",
                f"messages[{i}].content",
                "invalid_type",
            )
        for j, part in enumerate(content):
            where = f"messages[{i}].content[{j}]"
            kind = part.get("type") if isinstance(part, dict) else None
            if kind == "text" and isinstance(part.get("text"), str):
                texts.append((message["role"], part["text"]))
            elif kind == "image_url" and isinstance(part.get("image_url"), dict):
                images.append(_inspect_image(str(part["image_url"].get("url", "")), f"{where}.image_url.url"))
            else:
                raise ApiError(400, f"Invalid '{where}': expected a text or image_url part.", where, "invalid_value")
    return texts, images


def _inspect_image(url: str, param: str) -> str | tuple[str, int, int]:
    if url.startswith(("http://", "https://")):
        return "link"
    match = DATA_URL.fullmatch(url)
    if not match:
        message = "Invalid image URL: expected an https URL or a base64 data URL."
        raise ApiError(400, message, param, "invalid_image_url")
    try:
        raw = base64.b64decode(match["data"], validate=True)
    except (binascii.Error, ValueError):
        message = "Invalid image data URL: the base64 data is malformed."
        raise ApiError(400, message, param, "invalid_image_url") from None
    from PIL import Image, UnidentifiedImageError  # only requests with images pay for the import

    try:
        with Image.open(io.BytesIO(raw)) as image:
            return image.format or "image", image.width, image.height
    except (UnidentifiedImageError, OSError, ValueError):
        message = "Invalid image: the data is not an image format we can read."
        raise ApiError(400, message, param, "invalid_image_format") from None


def image_reply(images: list[str | tuple[str, int, int]], language: str) -> str:
    """The fixed reply to a message with images: what it received, and that it cannot see them."""
    described = [
        IMAGE_WHAT[language][1]
        if image == "link"
        else IMAGE_WHAT[language][0].format(format=image[0], width=image[1], height=image[2])
        for image in images
    ]
    return IMAGE_REPLY[language].format(what=", ".join(described))
