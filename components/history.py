"""Turn a chat history into OpenAI messages.

From the page (and gradio_client) a Chatbot message's content is a list of typed parts
({"type": "text", "text": ...}, {"type": "file", "file": {"path": ...}}); from the /stream API it is
OpenAI's own shape (a string, or a list of parts). Messages that carry a metadata title are the app's
own notes (errors, statistics), not part of the conversation, and are left out.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import Any


def image_data_url(path: str) -> str | None:
    mime = mimetypes.guess_type(path)[0] or ""
    if not mime.startswith("image/"):
        return None
    return f"data:{mime};base64,{base64.b64encode(Path(path).read_bytes()).decode()}"


def to_openai_messages(history: list | None, system_prompt: str = "") -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    if system_prompt and system_prompt.strip():
        messages.append({"role": "system", "content": system_prompt.strip()})
    for entry in history or []:
        if not isinstance(entry, dict) or entry.get("role") not in ("user", "assistant", "system"):
            continue
        if (entry.get("metadata") or {}).get("title"):
            continue
        _append(messages, entry["role"], entry.get("content"))
    return messages


def _append(messages: list[dict[str, Any]], role: str, content: Any) -> None:
    parts = _parts(content)
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


def _parts(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content.strip() else []
    if isinstance(content, list):
        return [part for item in content for part in _parts(item)]
    if not isinstance(content, dict):
        return []
    if content.get("type") == "text":
        return _parts(content.get("text"))
    if content.get("type") == "image_url":  # already OpenAI's shape
        return [content]
    path = (content.get("file") or {}).get("path") if isinstance(content.get("file"), dict) else None
    url = image_data_url(path) if isinstance(path, str) else None
    return [{"type": "image_url", "image_url": {"url": url}}] if url else []
