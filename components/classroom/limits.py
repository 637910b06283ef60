"""How much each visitor and each address may do on a shared copy: model calls a minute, light work a minute
(tokenising, the context meter, model lists, the Keys panel), calls open at once, and the caps on what the
server's keys pay for. No gradio here."""

from __future__ import annotations

import contextlib
import hashlib
import math
import time
from collections import deque
from collections.abc import Callable, Mapping

from components.classroom.access import Caller, client_address, current_caller, positive_setting, trusted_proxies
from components.i18n import UserError

WINDOW_S = 60.0
MAX_TRACKED = 10_000  # callers remembered at once; the quietest are dropped first


def per_minute(env: Mapping[str, str]) -> int | None:
    """PLAYGROUND_REQUESTS_PER_MINUTE: model calls a minute for each visitor (browser session, or sign-in)."""
    return positive_setting(env, "PLAYGROUND_REQUESTS_PER_MINUTE")


CLASS_SIZE = 30  # the per-address default: a whole class behind one school address (one NAT)


def per_minute_per_address(env: Mapping[str, str]) -> int | None:
    """PLAYGROUND_REQUESTS_PER_MINUTE_PER_ADDRESS: model calls a minute from one address, all visitors together
    (by default CLASS_SIZE visitors' worth: a room shares its address)."""
    each = per_minute(env)
    return positive_setting(env, "PLAYGROUND_REQUESTS_PER_MINUTE_PER_ADDRESS") or (each * CLASS_SIZE if each else None)


LIGHT_PER_CALL = 20  # tokenising, the context meter, model lists, the Keys panel: cheap, but not free


def light_per_minute(limit: int | None) -> int | None:
    """The budget of light work for a call budget: LIGHT_PER_CALL of them per model call allowed."""
    return limit * LIGHT_PER_CALL if limit else None


def calls_at_once_per_address(env: Mapping[str, str]) -> int:
    """PLAYGROUND_CALLS_AT_ONCE_PER_ADDRESS: model calls (streams included) open at the same time from one
    address (default: four for each of a class's students; one visitor is held to CALLS_AT_ONCE_PER_VISITOR)."""
    return positive_setting(env, "PLAYGROUND_CALLS_AT_ONCE_PER_ADDRESS") or 4 * CLASS_SIZE


CALLS_AT_ONCE_PER_VISITOR = 40  # the largest sweep (8 values × 5 samples) sends 40 at once


class OpenCalls:
    """How many calls each key has open now; `open(keys)` takes a place under every key's cap or none."""

    def __init__(self, per_visitor: int, per_address: int):
        self.per_visitor, self.per_address = per_visitor, per_address
        self.open_now: dict[str, int] = {}

    def _cap(self, key: str) -> int:
        return self.per_address if key.startswith("address:") else self.per_visitor

    def take(self, keys: list[str]) -> int | None:
        """None when a place was taken under every key (give it back with `release`); else the cap reached."""
        for key in keys:
            if self.open_now.get(key, 0) >= self._cap(key):
                return self._cap(key)
        for key in keys:
            self.open_now[key] = self.open_now.get(key, 0) + 1
        return None

    def release(self, keys: list[str]) -> None:
        for key in keys:
            left = self.open_now.get(key, 0) - 1
            if left > 0:
                self.open_now[key] = left
            else:
                self.open_now.pop(key, None)


def max_tokens_cap(env: Mapping[str, str]) -> int | None:
    raw = (env.get("PLAYGROUND_MAX_TOKENS") or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def max_choices_cap(env: Mapping[str, str]) -> int:
    """PLAYGROUND_MAX_N: choices (n) per call paid by the server (default 3; students' own keys: not capped)."""
    return positive_setting(env, "PLAYGROUND_MAX_N") or 3


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


class ClassLimits:
    """The limits of one copy, applied to the caller of the current event (access.current_caller); an event
    without a caller (the app's own work) is not counted."""

    def __init__(self, env: Mapping[str, str]):
        limit, address_limit = per_minute(env), per_minute_per_address(env)
        self.calls = RateLimiter(limit, address_limit=address_limit)
        self.light = RateLimiter(light_per_minute(limit), address_limit=light_per_minute(address_limit))
        self.open_calls = OpenCalls(CALLS_AT_ONCE_PER_VISITOR, calls_at_once_per_address(env))
        self.trusted_proxies = trusted_proxies(env)  # PLAYGROUND_TRUSTED_PROXIES
        self.tokens_cap = max_tokens_cap(env)  # PLAYGROUND_MAX_TOKENS, on calls paid with the server's keys
        self.choices_cap = max_choices_cap(env)  # PLAYGROUND_MAX_N, on the same calls

    def _keys(self) -> list[str]:
        return caller_keys(current_caller.get(), self.trusted_proxies)

    def admit(self) -> None:
        """Count a model call (PLAYGROUND_REQUESTS_PER_MINUTE…), or refuse it."""
        wait = self.calls.admit(self._keys())
        if wait:
            raise UserError("rate_limited", seconds=wait)

    def admit_light(self) -> None:
        """Count light work, or refuse it."""
        wait = self.light.admit(self._keys())
        if wait:
            raise UserError("rate_limited", seconds=wait)

    @contextlib.contextmanager
    def open_call(self):
        """A place among the calls its visitor and its address have open at once, held while the call runs."""
        keys = self._keys()
        most = self.open_calls.take(keys)
        if most:
            raise UserError("too_many_at_once", most=most)
        try:
            yield
        finally:
            self.open_calls.release(keys)
