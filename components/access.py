"""Who may call what on a shared copy: the caller of the current event (its session, its address, a Hugging
Face sign-in), students' own keys, request limits and the class password. No gradio here."""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

from .hosts import HOSTS_BY_ID

WINDOW_S = 60.0
MAX_TRACKED = 10_000  # callers remembered at once; the quietest are dropped first

# What a student may type in the Keys panel, per host: the variables of .env they stand for.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "openai": ("OPENAI_API_KEY", "OPENAI_MODEL"),
    "azure": ("AZURE_OPENAI_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_CHAT_DEPLOYMENT"),
    "huggingface": ("HF_TOKEN", "HF_MODEL"),
    "custom": ("OPENAI_COMPAT_KEY", "OPENAI_COMPAT_BASE_URL", "OPENAI_COMPAT_MODEL"),
}
SECRET_VARS = ("OPENAI_API_KEY", "OPENAI_KEY", "AZURE_OPENAI_KEY", "AZURE_OPENAI_API_KEY", "HF_TOKEN")
SECRET_VARS += ("OPENAI_COMPAT_KEY", "GITHUB_TOKEN")


@dataclass(frozen=True)
class Caller:
    """Who the current event is for."""

    session: str | None = None
    address: str | None = None  # the socket's peer (a proxy's, behind one)
    hf_token: str | None = field(default=None, repr=False)  # a Hugging Face sign-in's token, never shown
    place: str = ""  # which tab's run this is (its one-click retry is its own)
    forwarded: str = ""  # the X-Forwarded-For header as received (client_address reads it)


current_caller: ContextVar[Caller | None] = ContextVar("current_caller", default=None)


def _positive(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def per_minute(env: Mapping[str, str]) -> int | None:
    """PLAYGROUND_REQUESTS_PER_MINUTE: model calls a minute for each visitor (browser session, or sign-in)."""
    return _positive(env, "PLAYGROUND_REQUESTS_PER_MINUTE")


CLASS_SIZE = 30  # the per-address default: a whole class behind one school address (one NAT)


def per_minute_per_address(env: Mapping[str, str]) -> int | None:
    """PLAYGROUND_REQUESTS_PER_MINUTE_PER_ADDRESS: model calls a minute from one address, all visitors together
    (by default CLASS_SIZE visitors' worth: a room shares its address)."""
    each = per_minute(env)
    return _positive(env, "PLAYGROUND_REQUESTS_PER_MINUTE_PER_ADDRESS") or (each * CLASS_SIZE if each else None)


def trusted_proxies(env: Mapping[str, str]) -> int:
    """PLAYGROUND_TRUSTED_PROXIES: how many proxies in front of the app append to X-Forwarded-For."""
    return _positive(env, "PLAYGROUND_TRUSTED_PROXIES") or 0


def client_address(forwarded: str | None, peer: str | None, trusted: int) -> str | None:
    """The address your own proxies saw: with none trusted, the socket's peer; else the entry the outermost
    trusted proxy appended (counted from the right: entries to its left are whatever the client wrote)."""
    entries = [entry.strip() for entry in (forwarded or "").split(",") if entry.strip()]
    if not trusted or not entries:
        return peer
    return entries[-trusted] if len(entries) >= trusted else entries[0]


def max_tokens_cap(env: Mapping[str, str]) -> int | None:
    raw = (env.get("PLAYGROUND_MAX_TOKENS") or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def max_choices_cap(env: Mapping[str, str]) -> int:
    """PLAYGROUND_MAX_N: choices (n) per call paid by the server (default 3; students' own keys: not capped)."""
    return _positive(env, "PLAYGROUND_MAX_N") or 3


def server_keys_on(env: Mapping[str, str]) -> bool:
    return (env.get("SERVER_KEYS") or "on").strip().lower() not in ("off", "0", "false", "no")


class RateLimiter:
    """At most `limit` calls a minute for each visitor key and `address_limit` for each "address:" key: a call
    counts only when all its keys admit it."""

    def __init__(
        self, limit: int | None, clock: Callable[[], float] = time.monotonic, address_limit: int | None = None
    ):
        self.limit, self.clock = limit, clock
        self.address_limit = address_limit or limit
        self.calls: dict[str, deque[float]] = {}

    def admit(self, keys: list[str]) -> int | None:
        """None when admitted (and counted); else the whole seconds to wait."""
        if not self.limit and not self.address_limit:
            return None
        now = self.clock()
        wait = 0.0
        for key in keys:
            limit = self.address_limit if key.startswith("address:") else self.limit
            times = self.calls.get(key)
            while times and times[0] <= now - WINDOW_S:
                times.popleft()
            if limit and times and len(times) >= limit:
                wait = max(wait, times[0] + WINDOW_S - now)
        if wait > 0:
            return max(1, math.ceil(wait))
        for key in keys:
            self.calls.setdefault(key, deque()).append(now)
        if len(self.calls) > MAX_TRACKED:  # a long-running copy forgets callers idle for a minute
            self.calls = {k: t for k, t in self.calls.items() if t and t[-1] > now - WINDOW_S}
        return None


def caller_keys(caller: Caller | None, trusted: int = 0) -> list[str]:
    """The visitor (its sign-in where there is one, else its sealed session) and its address."""
    if caller is None:
        return []
    visitor = f"signin:{hashlib.sha256(caller.hf_token.encode()).hexdigest()[:32]}" if caller.hf_token else None
    visitor = visitor or (f"session:{caller.session}" if caller.session else None)
    address = client_address(caller.forwarded, caller.address, trusted)
    return [visitor] * bool(visitor) + [f"address:{address}"] * bool(address)


def password_check(env: Mapping[str, str]) -> Callable[[str, str], bool] | None:
    """For launch(auth=…): any user name, the class password (compared in constant time)."""
    password = env.get("PLAYGROUND_PASSWORD") or ""
    if not password:
        return None

    def check(_user: str, given: str) -> bool:
        return hmac.compare_digest((given or "").encode(), password.encode())

    return check


def allowed_models(env: Mapping[str, str]) -> frozenset[str]:
    """PLAYGROUND_MODELS: the models visitors may use on the server's own hosts (empty: any)."""
    return frozenset(name for name in (env.get("PLAYGROUND_MODELS") or "").replace(",", " ").split() if name)


@dataclass(frozen=True)
class Source:
    """Where a host's settings come from for one caller: wholly the visitor's (what its session typed in the Keys
    panel, or its Hugging Face sign-in) or wholly the server's, never a mix."""

    env: Mapping[str, str] = field(repr=False)
    visitor: bool
    server_credentials: bool = True  # the server's keys and Azure identity may sign (not with SERVER_KEYS=off)


def source_for(host: str, env: Mapping[str, str], own: Mapping[str, str] | None, hf_token: str | None) -> Source:
    typed = {name: own[name] for name in KEY_FIELDS.get(host, ()) if (own or {}).get(name)}
    if typed:  # the visitor's endpoint, key and model: nothing of the server's
        return Source(typed, visitor=True, server_credentials=False)
    if host == "huggingface" and hf_token:  # a sign-in's token goes only to the router (the host's own URL)
        model_var = HOSTS_BY_ID[host].model_var or ""
        return Source({"HF_TOKEN": hf_token, model_var: env.get(model_var, "")}, True, server_credentials=False)
    if server_keys_on(env):
        return Source(env, visitor=False)
    return Source({k: v for k, v in env.items() if k not in SECRET_VARS}, visitor=False, server_credentials=False)


INTERNAL_HEADER = "x-playground-internal"


VISITOR_COOKIE = "playground-visitor"
# Images in the page come from the app itself (model output may not load a tracking pixel from elsewhere).
IMAGE_POLICY = "img-src 'self' data: blob:"


def visitor_of(cookies: Mapping[str, str]) -> str:
    """The browser's own identity, from the cookie VisitorCookie set ("" when it sent none)."""
    return cookies.get(VISITOR_COOKIE) or cookies.get(f"{VISITOR_COOKIE}-unsecure") or ""


def sealed_session(session_hash: str | None, visitor: str) -> str | None:
    """The key of a session's state: Gradio's session hash (chosen by the client, so not a secret) sealed with
    the browser's cookie (issued by the server, never shown): reusing someone's hash reaches nothing of theirs."""
    return f"{session_hash}#{visitor}" if session_hash else None
