"""The pages' big answers (`/`, each other page, `/config`, `/gradio_api/info`), compressed once and kept.

Gradio compresses only paths with a file extension, so these went out whole (600 KB of HTML and 537 KB of config
with nine tabs), and it deep-copied and serialised the whole config again for every visitor. Each answer is the
same for every visitor who reaches the app by the same address (the root URL is written into it) with the same
sign-in: it is made once per address, sign-in and encoding, compressed, and then sent from memory."""

from __future__ import annotations

import gzip
from collections import OrderedDict

import brotli  # (Gradio's own dependency: its middleware compresses the files it serves with it)

CACHED_PATHS = frozenset({"/", "/config", "/gradio_api/info"})  # and the other pages' own paths (pages.py)
# What the root URL Gradio writes into the answers is made of.
ADDRESS_HEADERS = (b"host", b"x-forwarded-host", b"x-forwarded-proto", b"x-forwarded-port", b"x-forwarded-prefix")
OWN_COOKIE = "playground-visitor"  # one per browser, never read by Gradio: not part of the key
MOST_KEPT = 64  # answers kept (each ~30-60 KB compressed); the least recently used goes first
BROTLI_QUALITY = 5  # 537 KB of config in ~7 ms to ~27 KB; made once per key


class PageCache:
    """ASGI middleware (inside the app's own middlewares, so cookies and policies are still added per request)."""

    def __init__(self, app, most_kept: int = MOST_KEPT, pages: tuple[str, ...] = ()):
        self.app, self.most_kept = app, most_kept
        self.paths = CACHED_PATHS | {f"/{page}" for page in pages}
        self.kept: OrderedDict[tuple, tuple[list, bytes]] = OrderedDict()

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "").removeprefix(scope.get("root_path", "")) or "/"
        if scope["type"] != "http" or scope["method"] != "GET" or path not in self.paths:
            return await self.app(scope, receive, send)
        headers = {name.lower(): value for name, value in scope.get("headers", [])}
        encoding = chosen_encoding(headers.get(b"accept-encoding", b""))
        key = (id(_served_blocks(scope)), path, scope.get("query_string", b""), scope.get("root_path", ""))
        key += (scope.get("scheme"), *(headers.get(name) for name in ADDRESS_HEADERS), sign_in(headers), encoding)
        kept = self.kept.get(key)
        if kept is None:
            status, response_headers, body = await answer_of(self.app, scope, receive)
            if status != 200 or any(name.lower() == b"set-cookie" for name, _ in response_headers):
                return await replay(send, status, response_headers, body)  # someone's own answer: never kept
            kept = compressed(response_headers, body, encoding)
            self.kept[key] = kept
            while len(self.kept) > self.most_kept:
                self.kept.popitem(last=False)
        self.kept.move_to_end(key)
        await replay(send, 200, *kept)


def chosen_encoding(accepted: bytes) -> str:
    """Brotli when the browser takes it (browsers do over https), else gzip, else none."""
    names = {part.split(b";")[0].strip() for part in accepted.lower().split(b",")}
    return "br" if b"br" in names else "gzip" if b"gzip" in names else ""


def sign_in(headers: dict[bytes, bytes]) -> bytes:
    """Every cookie but the app's own visitor cookie (Gradio's login and a Space's sign-in are cookies), and any
    Authorization header: answers for different sign-ins are kept apart."""
    cookies = b"; ".join(
        part.strip()
        for part in headers.get(b"cookie", b"").split(b";")
        if part.strip() and not part.strip().decode("latin-1").startswith(OWN_COOKIE)
    )
    return cookies + b"|" + headers.get(b"authorization", b"")


def compressed(headers: list, body: bytes, encoding: str) -> tuple[list, bytes]:
    if encoding == "br":
        body = brotli.compress(body, quality=BROTLI_QUALITY)
    elif encoding == "gzip":
        body = gzip.compress(body, compresslevel=6)
    kept = [(n, v) for n, v in headers if n.lower() not in (b"content-length", b"content-encoding", b"vary")]
    kept += [(b"content-length", str(len(body)).encode()), (b"vary", b"Accept-Encoding")]
    if encoding:
        kept.append((b"content-encoding", encoding.encode()))
    return kept, body


async def answer_of(app, scope, receive) -> tuple[int, list, bytes]:
    """Run the app for this GET and collect its whole answer."""
    status, headers, parts = 500, [], []

    async def collect(message):
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status, headers = message["status"], list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            parts.append(message.get("body", b""))

    await app(scope, receive, collect)
    return status, headers, b"".join(parts)


async def replay(send, status: int, headers: list, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _served_blocks(scope):
    """The Blocks the server serves now: after a hot reload, a new one (and new answers)."""
    app = scope.get("app")
    get_blocks = getattr(app, "get_blocks", None)
    return get_blocks() if get_blocks else app
