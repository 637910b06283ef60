"""What the HTTP layer lets through, before Gradio sees a request: every browser's identity cookie and the image
policy, the class limits on the builtin /v1, the size of an upload, and the class password on /v1 and /login.
No gradio here."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
from collections.abc import Callable, Mapping
from secrets import token_urlsafe

from components.classroom.access import (
    IMAGE_POLICY,
    INTERNAL_HEADER,
    VISITOR_COOKIE,
    client_address,
    proxy_hint,
    visitor_of,
)
from components.classroom.limits import WINDOW_S, ClassLimits, RateLimiter

log = logging.getLogger(__name__)

MODEL_PATHS = ("/chat/completions", "/completions", "/responses", "/embeddings")  # where the model works


class LimitedApp:
    """The builtin model's /v1 with the class limits: a script's call counts against its address (a minute's
    calls and calls open at once); the app's own calls (which carry `internal` in INTERNAL_HEADER) were counted
    already. `message(key, accept_language, **values)` says a refusal in the caller's language."""

    def __init__(self, app, limits: ClassLimits, internal: str, message: Callable[..., str]):
        self.app, self.limits, self.internal, self.message = app, limits, internal, message

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].endswith(MODEL_PATHS):
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        if hmac.compare_digest(headers.get(INTERNAL_HEADER, ""), self.internal):
            return await self.app(scope, receive, send)
        keys = [f"address:{_address(scope, headers, self.limits.trusted_proxies)}"]
        language = headers.get("accept-language")
        wait = self.limits.calls.admit(keys)
        if wait:
            return await _refuse(send, "rate_limited", self.message("rate_limited", language, seconds=wait), wait)
        most = self.limits.open_calls.take(keys)
        if most:
            return await _refuse(send, "too_many_at_once", self.message("too_many_at_once", language, most=most), 5)
        try:
            await self.app(scope, receive, send)
        finally:
            self.limits.open_calls.release(keys)


async def _refuse(send, code: str, message: str, wait: int) -> None:
    error = {"error": {"message": message, "type": "rate_limit_error", "code": code, "param": None}}
    await _answer(send, 429, error, wait)


class VisitorCookie:
    """ASGI middleware: gives every browser a random identity cookie (HttpOnly; a SameSite=None one for the
    Spaces iframe and a plain one for http); adds IMAGE_POLICY to every answer."""

    def __init__(self, app, image_sources: str = ""):
        self.app = app
        self.policy = f"{IMAGE_POLICY} {image_sources}".strip().encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        cookies = _cookies(_headers(scope))
        # A browser without one gets it now, for its next requests (the page's events come after the page).
        issued = None if visitor_of(cookies) else token_urlsafe(24)

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", self.policy)]
                if issued:
                    common = f"{issued}; Path=/; HttpOnly; Max-Age=86400"
                    extra.append((b"set-cookie", f"{VISITOR_COOKIE}={common}; Secure; SameSite=None".encode()))
                    extra.append((b"set-cookie", f"{VISITOR_COOKIE}-unsecure={common}; SameSite=Lax".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class ProxyHint:
    """The deployer's check of PLAYGROUND_TRUSTED_PROXIES: logs, once for each count, how many X-Forwarded-For
    entries arrived when the setting disagrees (0 while something forwards, or more proxies than entries).
    Opened by the teacher with no proxy of their own, that count is the number of proxies in front of the app."""

    MOST_LOGGED = 10  # counts logged at most: a client can make up any number of entries

    def __init__(self, app, trusted: int):
        self.app, self.trusted, self.logged = app, trusted, set()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and len(self.logged) < self.MOST_LOGGED:
            entries = proxy_hint(_headers(scope).get("x-forwarded-for"), self.trusted)
            if entries is not None and entries not in self.logged:
                self.logged.add(entries)
                log.warning(
                    "A request arrived with %d X-Forwarded-For entries and PLAYGROUND_TRUSTED_PROXIES=%d. If you "
                    "opened the page yourself with no proxy of your own, set PLAYGROUND_TRUSTED_PROXIES=%d so that "
                    "class limits count each visitor's address.",
                    entries,
                    self.trusted,
                    entries,
                )
        await self.app(scope, receive, send)


LOGIN_FAILURES_PER_MINUTE = 10  # wrong passwords from one address before /login answers 429 for a while
FAILED_LOGIN_DELAY_S = 0.5  # each wrong password also waits this long


class UploadCap:
    """At most `most_bytes` in one upload request (Gradio's own cap is per file, up to 1,000 files a request).
    The length must be declared (browsers and gradio_client always do; the server holds the body to it): a
    body cut off midway would leave its files behind in Gradio's upload folder."""

    def __init__(self, app, most_bytes: int, message: Callable[..., str]):
        self.app, self.most, self.message = app, most_bytes, message

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or not scope["path"].endswith("/upload"):
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        declared = headers.get("content-length", "")
        if not declared.isdigit():
            return await _answer(send, 411, _openai_error("Content-Length required.", "length_required"))
        if int(declared) > self.most:
            text = self.message("upload_too_big", headers.get("accept-language"), mb=self.most // 2**20)
            return await _answer(send, 413, _openai_error(text, "upload_too_big"))
        await self.app(scope, receive, send)


def bearer_of(headers: Mapping[str, str]) -> str:
    scheme, _, value = (headers.get("authorization") or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


class ClassGate:
    """ASGI middleware for PLAYGROUND_PASSWORD: the builtin /v1 answers only the app's own calls, a browser that
    logged in (Gradio's cookie) or a script with the password as its key (`api_key=<password>`); and /login takes
    at most LOGIN_FAILURES_PER_MINUTE wrong passwords a minute from one address."""

    def __init__(self, app, password: str, internal: str, logged_in: Callable[[Mapping[str, str]], bool], trusted=0):
        self.app, self.password, self.internal, self.logged_in = app, password, internal, logged_in
        self.trusted = trusted
        self.failures = RateLimiter(LOGIN_FAILURES_PER_MINUTE)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.password:
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        path = scope["path"]
        if path == "/v1" or path.startswith("/v1/"):
            if not self._may_use_v1(headers):
                return await _answer(
                    send,
                    401,
                    _openai_error(
                        "A class password protects this server: use it as your API key (api_key=…).", "invalid_api_key"
                    ),
                )
        elif path.rstrip("/").endswith("/login") and scope["method"] == "POST":
            address = _address(scope, headers, self.trusted)
            return await self._login(scope, receive, send, f"address:{address}")
        await self.app(scope, receive, send)

    def _may_use_v1(self, headers: Mapping[str, str]) -> bool:
        if hmac.compare_digest(headers.get(INTERNAL_HEADER, ""), self.internal):
            return True
        if hmac.compare_digest(bearer_of(headers).encode(), self.password.encode()):
            return True
        return self.logged_in(_cookies(headers))

    async def _login(self, scope, receive, send, who: str):
        now = self.failures.clock()
        recent = [t for t in self.failures.calls.get(who, ()) if t > now - WINDOW_S]
        if len(recent) >= LOGIN_FAILURES_PER_MINUTE:
            wait = max(1, math.ceil(recent[0] + WINDOW_S - now))
            return await _answer(send, 429, {"detail": f"Too many wrong passwords. Wait {wait} s."}, wait)

        async def watch(message):
            if message["type"] == "http.response.start":
                if message["status"] >= 400:  # a wrong password: counted, and it waits
                    self.failures.admit([who])
                    await asyncio.sleep(FAILED_LOGIN_DELAY_S)
            await send(message)

        await self.app(scope, receive, watch)


def _headers(scope) -> dict[str, str]:
    """A request's headers by lower-case name; several Cookie headers (HTTP/2 splits them) joined into one."""
    headers: dict[str, str] = {}
    for key, value in scope.get("headers", []):
        name, text = key.decode("latin-1").lower(), value.decode("latin-1")
        headers[name] = f"{headers[name]}; {text}" if name == "cookie" and name in headers else text
    return headers


def _cookies(headers: Mapping[str, str]) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in headers.get("cookie", "").split(";") if "=" in part)


def _address(scope, headers: Mapping[str, str], trusted: int) -> str | None:
    return client_address(headers.get("x-forwarded-for"), (scope.get("client") or ("?",))[0], trusted)


def _openai_error(message: str, code: str) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "code": code, "param": None}}


async def _answer(send, status: int, body: dict, retry_after: int | None = None) -> None:
    headers = [(b"content-type", b"application/json")]
    if retry_after:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(body, ensure_ascii=False).encode()})
