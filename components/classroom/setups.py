"""Shareable setups: a tab's controls (prompt, system message, knobs, examples, chain steps) as a link that
restores them. Only what the tab's `shared` components hold travels: never a key. No gradio here."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any
from urllib.parse import urlencode

MAX_SETUP_CHARS = 20_000  # a link longer than this is not a setup anyone typed by hand: refused
MAX_VALUES_CHARS = 40_000  # what a link may unpack to, at most (zlib's bufsize is not a cap: this is)
MAX_DEPTH = 4  # {"examples": [["user", "assistant"], …]} is the deepest a tab's setup goes


def encode_setup(values: dict[str, Any]) -> str:
    raw = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def decode_setup(text: str | None) -> dict[str, Any] | None:
    """The values, or None when the text is not a setup (a broken or hand-edited link, or a bomb: unpacking
    stops at MAX_VALUES_CHARS, nesting at MAX_DEPTH)."""
    if not text or len(text) > MAX_SETUP_CHARS:
        return None
    try:
        unpacker = zlib.decompressobj()
        raw = unpacker.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), MAX_VALUES_CHARS)
        if unpacker.unconsumed_tail or not unpacker.eof or raw.count(b"[") + raw.count(b"{") > 1000:
            return None
        values = json.loads(raw)
    except (ValueError, zlib.error, RecursionError):
        return None
    return values if isinstance(values, dict) and _depth(values) <= MAX_DEPTH else None


def _depth(value: Any, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return max((_depth(child, level + 1) for child in children), default=level)


def share_link(page_url: str, tab: str, values: dict[str, Any]) -> str:
    return f"{page_url.split('?')[0]}?{urlencode({'tab': tab, 'setup': encode_setup(values)})}"
