"""A tab's session as three files: a Python script that replays every call, JSON with every request and
response, and a Markdown transcript. Written from the exchanges the Playground kept; no key, token or password
is in them (keys travel in headers, never in a request body). No gradio here."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path

from components.core.hosts import ResolvedHost
from components.core.records import Exchange
from components.lessons.code import replay_script

EXPORTS_KEPT_S = 15 * 60  # an export's files stay this long (Gradio copies them to its cache when sent)


def fresh_export_folder(root: Path, now: float | None = None) -> Path:
    """A new folder for one export under `root`; exports older than EXPORTS_KEPT_S are deleted first, so a copy
    that runs for weeks keeps only the last quarter hour's."""
    now = time.time() if now is None else now
    root.mkdir(parents=True, exist_ok=True)
    for old in root.iterdir():
        try:
            if old.is_dir() and not old.is_symlink() and now - old.stat().st_mtime > EXPORTS_KEPT_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:  # another export removed it meanwhile
            continue
    return Path(tempfile.mkdtemp(dir=root))


def export_files(
    exchanges: list[Exchange],
    endpoint_for: Callable[[str, str], ResolvedHost],
    builtin_url: str,
    lang: str,
    folder: Path,
) -> list[Path]:
    """session.py, session.json and session.md in `folder`, in that order."""
    folder.mkdir(parents=True, exist_ok=True)
    groups = [
        (endpoint_for(host, model), [e.call for e in same])
        for (host, model), same in ((k, list(g)) for k, g in groupby(exchanges, key=_host_and_model))
    ]
    files = {
        "session.py": replay_script(groups, builtin_url, lang),
        "session.json": json.dumps(_record(exchanges), ensure_ascii=False, indent=2) + "\n",
        "session.md": transcript(exchanges),
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _host_and_model(exchange: Exchange) -> tuple[str, str]:
    return exchange.call.request.host, exchange.call.request.model


def _record(exchanges: list[Exchange]) -> dict:
    return {
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "exchanges": [
            {
                "host": e.call.request.host,
                "title": e.call.title or None,
                "request": e.call.request.to_api(stream=e.call.stream),
                "response": {"text": e.answer, "usage": e.usage},
            }
            for e in exchanges
        ],
    }


def transcript(exchanges: list[Exchange]) -> str:
    """Each call's messages and its answer, readable."""
    lines = ["# Python + AI Playground", ""]
    for number, exchange in enumerate(exchanges, start=1):
        request = exchange.call.request
        knobs = ", ".join(f"{k}={v}" for k, v in request.settings.to_api().items())
        title = f" · {exchange.call.title}" if exchange.call.title else ""
        lines += [f"## {number} · {request.host} / {request.model}{title}", ""]
        if knobs:
            lines += [f"`{knobs}`", ""]
        for message in request.messages:
            lines += [f"**{message['role']}:** {_text(message['content'])}", ""]
        lines += [f"**assistant (answer):** {exchange.answer}", ""]
    return "\n".join(lines)


def _text(content) -> str:
    if isinstance(content, str):
        return content
    return " ".join(part.get("text") or "[image]" for part in content)
