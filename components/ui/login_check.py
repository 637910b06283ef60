"""Gradio's login check, run where the request already is.

Every /queue/join and every queue stream depends on Gradio's `login_check`, a plain function that reads two
attributes. FastAPI runs a plain dependency in a worker thread: the request leaves the event loop and waits for
its turn to come back. A class of 100 sending at once sends 100 joins and 100 streams through a loop busy with
their events, and each of those round trips is one more turn behind all of them (benchmarks.burst_timeline).
"""

from __future__ import annotations

import fastapi.dependencies.utils

_to_thread = fastapi.dependencies.utils.run_in_threadpool


def is_gradio_login_check(function) -> bool:
    return getattr(function, "__module__", "") == "gradio.routes" and getattr(function, "__qualname__", "").endswith(
        "create_app.<locals>.login_check"
    )


async def run_in_threadpool(function, *args, **kwargs):
    """FastAPI's way of running a plain dependency, except Gradio's login check: it only reads the app's auth
    settings and the user found already (no I/O, nothing that blocks), so it runs here."""
    if is_gradio_login_check(function):
        return function(*args, **kwargs)
    return await _to_thread(function, *args, **kwargs)


def login_check_on_the_loop() -> None:
    """Before launch (idempotent)."""
    fastapi.dependencies.utils.run_in_threadpool = run_in_threadpool
