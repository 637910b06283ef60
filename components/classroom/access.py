"""Who may call what on a shared copy: the caller of the current event (its session, its address, a Hugging
Face sign-in), where each host's settings come from, students' own keys and the class password (how much each
may do: limits.py). No gradio here."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

from components.core.hosts import HOSTS, HOSTS_BY_ID, SECRET_VARS

# What a student may type in the Keys panel, per host: the variables of .env they stand for.
KEY_FIELDS: dict[str, tuple[str, ...]] = {host.id: host.visitor_vars for host in HOSTS if host.visitor_vars}


@dataclass(frozen=True)
class Caller:
    """Who the current event is for."""

    session: str | None = None
    address: str | None = None  # the socket's peer (a proxy's, behind one)
    hf_token: str | None = field(default=None, repr=False)  # a Hugging Face sign-in's token, never shown
    place: str = ""  # which tab's run this is (its one-click retry is its own)
    forwarded: str = ""  # the X-Forwarded-For header as received (client_address reads it)
    pace: float | None = None  # tokens/s the builtin model streams at for the page's runs (None: full speed)


current_caller: ContextVar[Caller | None] = ContextVar("current_caller", default=None)


def positive_setting(env: Mapping[str, str], name: str) -> int | None:
    raw = (env.get(name) or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def trusted_proxies(env: Mapping[str, str]) -> int:
    """PLAYGROUND_TRUSTED_PROXIES: how many proxies in front of the app append to X-Forwarded-For."""
    return positive_setting(env, "PLAYGROUND_TRUSTED_PROXIES") or 0


def client_address(forwarded: str | None, peer: str | None, trusted: int) -> str | None:
    """The address your own proxies saw: with none trusted, the socket's peer; else the entry the outermost
    trusted proxy appended (counted from the right: entries to its left are whatever the client wrote)."""
    entries = [entry.strip() for entry in (forwarded or "").split(",") if entry.strip()]
    if not trusted or not entries:
        return peer
    return entries[-trusted] if len(entries) >= trusted else entries[0]


def proxy_hint(forwarded: str | None, trusted: int) -> int | None:
    """How many X-Forwarded-For entries a request carried, when that says PLAYGROUND_TRUSTED_PROXIES may be
    wrong (0 while a proxy forwards, or more than arrived); None when they agree. Counts only, never addresses."""
    entries = len([entry for entry in (forwarded or "").split(",") if entry.strip()])
    if (trusted == 0 and entries) or entries < trusted:
        return entries
    return None


def server_keys_on(env: Mapping[str, str]) -> bool:
    return (env.get("SERVER_KEYS") or "on").strip().lower() not in ("off", "0", "false", "no")


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
