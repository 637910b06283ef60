"""Shareable setups: a tab's controls (prompt, system message, knobs, examples, chain steps) as a link that
restores them. Only what the tab's `shared` components hold travels: never a key. No gradio here."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any
from urllib.parse import urlencode

MAX_SETUP_CHARS = 20_000  # a link longer than this is not a setup anyone typed by hand: refused


def encode_setup(values: dict[str, Any]) -> str:
    raw = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def decode_setup(text: str | None) -> dict[str, Any] | None:
    """The values, or None when the text is not a setup (a broken or hand-edited link)."""
    if not text or len(text) > MAX_SETUP_CHARS:
        return None
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), bufsize=MAX_SETUP_CHARS)
        values = json.loads(raw)
    except (ValueError, zlib.error):
        return None
    return values if isinstance(values, dict) else None


def share_link(page_url: str, tab: str, values: dict[str, Any]) -> str:
    return f"{page_url.split('?')[0]}?{urlencode({'tab': tab, 'setup': encode_setup(values)})}"
