"""A raw call to the API (`POST /gradio_api/call/chat {"data": ["Hola"]}`, as curl or a web page's fetch would
send it) with only its first values: the rest arrive as null, which every endpoint reads as "the default"
(api_arguments.py). Gradio itself refuses a call with fewer values than the endpoint has parameters, saying only
`error: null`; gradio_client fills them in, a raw call cannot."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

CALL = re.compile(r"^(?:/gradio_api)?/call/([\w-]+)/?$")
MOST_BODY = 1 << 20  # a call's JSON (an upload goes elsewhere): anything larger passes through untouched


def public_parameter_counts(fns) -> dict[str, int]:
    """How many values each public endpoint takes, by its name (a Blocks' `fns`)."""
    return {fn.api_name: len(fn.inputs) for fn in fns.values() if fn.api_name and fn.api_visibility == "public"}


class CallDefaults:
    """ASGI middleware: a raw call's missing values are sent on as null."""

    def __init__(self, app, counts: Callable[[], dict[str, int]]):
        self.app, self.counts = app, counts  # (a callable: the endpoints exist only once the page is built)
        self.known: dict[str, int] | None = None  # counted at the first raw call, then kept

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        path = scope.get("path", "").removeprefix(scope.get("root_path", ""))
        found = CALL.match(path)
        if found and self.known is None:
            self.known = self.counts()
        wanted = self.known.get(found.group(1)) if found else None
        if not wanted:
            return await self.app(scope, receive, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client left: nothing to pass on
                return await self.app(scope, _replay([message]), send)
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > MOST_BODY:
                break
        body = b"".join(chunks)
        if not more:
            body = _completed(body, wanted)
        tail = [{"type": "http.request", "body": body, "more_body": more}]
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        if not more:
            headers.append((b"content-length", str(len(body)).encode()))
        await self.app({**scope, "headers": headers}, _replay(tail, receive), send)


def _completed(body: bytes, wanted: int) -> bytes:
    try:
        sent = json.loads(body)
    except ValueError:
        return body  # Gradio says what is wrong with it
    data = sent.get("data") if isinstance(sent, dict) else None
    if not isinstance(data, list) or len(data) >= wanted:
        return body
    return json.dumps({**sent, "data": data + [None] * (wanted - len(data))}).encode()


def _replay(messages: list[dict], rest=None):
    async def receive():
        if messages:
            return messages.pop(0)
        return await rest() if rest else {"type": "http.disconnect"}

    return receive
