"""Turn a Gradio chat history into OpenAI messages, whichever shape it arrives in.

From the browser a message's content is a list of typed parts ({"type": "text", "text": ...},
{"type": "file", "file": {...}}); from gradio_client it is a string, a list of strings or a
{"path": ...}; older code sends [user, assistant] pairs. Messages that carry a metadata title
are the app's own notes (errors, statistics), not part of the conversation, and are left out.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

ImageLoader = Callable[[str], str | None]  # a file path -> a data URL, or None when it is not an image


def image_data_url(path: str) -> str | None:
    mime = mimetypes.guess_type(path)[0] or ""
    if not mime.startswith("image/"):
        return None
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def to_openai_messages(
    history: list | None, system_prompt: str = "", load_image: ImageLoader = image_data_url
) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    if system_prompt and system_prompt.strip():
        messages.append({"role": "system", "content": system_prompt.strip()})
    for entry in history or []:
        if isinstance(entry, (list, tuple)) and len(entry) == 2:  # [user, assistant] pairs
            for role, content in zip(("user", "assistant"), entry):
                _append(messages, role, content, load_image)
        elif isinstance(entry, dict) and entry.get("role") in ("user", "assistant", "system"):
            if (entry.get("metadata") or {}).get("title"):
                continue
            _append(messages, entry["role"], entry.get("content"), load_image)
    return messages


def _append(messages: list[dict[str, Any]], role: str, content: Any, load_image: ImageLoader) -> None:
    parts = _parts(content, load_image)
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


def _parts(content: Any, load_image: ImageLoader) -> list[dict[str, Any]]:
    if content is None:
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content.strip() else []
    if isinstance(content, (list, tuple)):
        return [part for item in content for part in _parts(item, load_image)]
    if isinstance(content, dict):
        if content.get("type") == "text":
            return _parts(content.get("text"), load_image)
        file = content.get("file") if isinstance(content.get("file"), dict) else content
        path = file.get("path")
        if isinstance(path, str):
            url = load_image(path)
            return [{"type": "image_url", "image_url": {"url": url}}] if url else []
    return []
