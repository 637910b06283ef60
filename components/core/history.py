"""Turn a chat history into OpenAI messages.

From the page (and gradio_client) a Chatbot message's content is a list of typed parts
({"type": "text", "text": ...}, {"type": "file", "file": {"path": ...}}); from the /stream API it is
OpenAI's own shape (a string, or a list of parts). Messages that carry a metadata title are the app's
own notes (errors, statistics), not part of the conversation, and are left out.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from components.core.images import MAX_IMAGES_PER_REQUEST, prepare_image
from components.core.uploads import Uploads
from components.i18n import UserError

NOTHING_UPLOADED = Uploads(None)


def image_data_url(path: str, uploads: Uploads) -> str | None:
    """An image file of the history as a data URL (read only if it is an upload); other files are left out."""
    if not (mimetypes.guess_type(path)[0] or "").startswith("image/"):
        return None
    return prepare_image(path, uploads).data_url


def to_openai_messages(
    history: list | None, system_prompt: str = "", uploads: Uploads = NOTHING_UPLOADED
) -> list[dict[str, Any]]:
    images = sum(_image_count(entry.get("content")) for entry in history or [] if isinstance(entry, dict))
    if images > MAX_IMAGES_PER_REQUEST:  # counted before any is read: each may be a large file to decode
        raise UserError("too_many_images", most=MAX_IMAGES_PER_REQUEST, count=images)
    messages: list[dict[str, Any]] = []
    if system_prompt and system_prompt.strip():
        messages.append({"role": "system", "content": system_prompt.strip()})
    for entry in history or []:
        if not isinstance(entry, dict) or entry.get("role") not in ("user", "assistant", "system"):
            continue
        if (entry.get("metadata") or {}).get("title"):
            continue
        _append(messages, entry["role"], entry.get("content"), uploads)
    return messages


def _append(messages: list[dict[str, Any]], role: str, content: Any, uploads: Uploads) -> None:
    parts = _parts(content, uploads)
    if not parts:
        return
    if all(p["type"] == "text" for p in parts):
        text = "\n".join(p["text"] for p in parts)
        if messages and messages[-1]["role"] == role and isinstance(messages[-1]["content"], str):
            messages[-1]["content"] += "\n" + text  # Gradio shows a multi-part turn as several bubbles
        else:
            messages.append({"role": role, "content": text})
    else:
        messages.append({"role": role, "content": parts})


def _parts(content: Any, uploads: Uploads) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content.strip() else []
    if isinstance(content, list):
        return [part for item in content for part in _parts(item, uploads)]
    if not isinstance(content, dict):
        return []
    if content.get("type") == "text":
        return _parts(content.get("text"), uploads)
    if content.get("type") == "image_url":  # already OpenAI's shape
        return [content]
    path = (content.get("file") or {}).get("path") if isinstance(content.get("file"), dict) else None
    url = image_data_url(path, uploads) if isinstance(path, str) else None
    return [{"type": "image_url", "image_url": {"url": url}}] if url else []


def _image_count(content: Any) -> int:
    """The images a message's content carries (as _parts reads it): attached files and image_url parts."""
    if isinstance(content, list):
        return sum(_image_count(item) for item in content)
    if not isinstance(content, dict):
        return 0
    return int(content.get("type") == "image_url" or isinstance(content.get("file"), dict))


def message_texts(messages: list[dict]) -> list[str]:
    """Every text the messages hold (an image's data left out)."""
    texts = []
    for message in messages:
        content = message.get("content")
        parts = content if isinstance(content, list) else [{"type": "text", "text": content}]
        texts += [part["text"] for part in parts if isinstance(part, dict) and isinstance(part.get("text"), str)]
    return texts
