"""A copy that runs for weeks: with a small session cap, churning sessions stops growing memory, and an
active session keeps its state (seen through Gradio's own deep-link route)."""

import asyncio
import json

import httpx2
import pytest

from benchmarks import soak
from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values
from benchmarks.procstat import rss_mb
from tests.support import free_port

pytestmark = pytest.mark.slow  # left out of the fast tier (python -m pytest -m "not slow")
CAP = 30


def test_churning_sessions_stops_growing_and_active_sessions_keep_their_state():
    upstream_port, app_port = free_port(), free_port()
    upstream = soak.start_upstream(upstream_port)
    app = soak.start_app(app_port, f"http://127.0.0.1:{upstream_port}/v1", CAP)
    base = f"http://127.0.0.1:{app_port}"

    async def run() -> dict:
        async with httpx2.AsyncClient(timeout=60) as http:
            event = await find_page_event(http, base, PAGE_STREAM)
            active, early = Session(http, base), Session(http, base)
            assert (await early.stream(event, page_stream_values("I came once and left", 5)))["success"]
            rss = {}
            for number in range(200):
                if number % 10 == 0:  # the active student keeps talking
                    result = await active.stream(event, page_stream_values(f"still here {number}", 5))
                    assert result["success"]
                assert (await Session(http, base).stream(event, page_stream_values("hello", 5)))["success"]
                if number + 1 in (60, 200):
                    rss[number + 1] = rss_mb(app.pid)
            links = {}
            for name, session in (("active", active), ("early", early)):
                response = await http.get(f"{base}/gradio_api/deep_link", params={"session_hash": session.hash})
                links[name] = response.json()
            config = (await http.get(f"{base}/config", params={"deep_link": links["active"]})).json()
            return {"rss": rss, "links": links, "config": json.dumps(config, ensure_ascii=False)}

    try:
        found = asyncio.run(run())
    finally:
        app.terminate()
        upstream.terminate()
        app.wait()
        upstream.wait()
    assert found["links"]["early"] == ""  # evicted: beyond the cap and not used since
    assert found["links"]["active"] and "still here 190" in found["config"]  # kept, with its conversation
    grown = found["rss"][200] - found["rss"][60]
    assert grown < 6, f"memory kept growing past the cap: {found['rss']}"


def test_the_sweeper_frees_closed_and_idle_sessions_and_our_entries():
    import datetime
    import threading
    from types import SimpleNamespace

    from components.classroom.sessions import CLOSED_GRACE_S, IDLE_LIMIT_S, forget_evicted, sweep

    now = datetime.datetime(2026, 11, 26, 12, 0)
    ago = lambda seconds: now - datetime.timedelta(seconds=seconds)  # noqa: E731
    holder = SimpleNamespace(
        lock=threading.Lock(),
        session_data={
            "active": SimpleNamespace(is_closed=False),
            "closed-just-now": SimpleNamespace(is_closed=True),
            "closed-long-ago": SimpleNamespace(is_closed=True),
            "idle": SimpleNamespace(is_closed=False),
        },
        time_last_used={
            "active": ago(5),
            "closed-just-now": ago(60),
            "closed-long-ago": ago(CLOSED_GRACE_S + 1),
            "idle": ago(IDLE_LIMIT_S + 1),
        },
    )
    forgotten = []
    assert sweep(holder, forgotten.append, now) == 2
    assert set(holder.session_data) == {"active", "closed-just-now"} and sorted(forgotten) == [
        "closed-long-ago",
        "idle",
    ]
    refused = {"active": "temperature", "evicted-by-the-cap": "max_tokens"}
    forget_evicted(holder, refused, refused.pop)
    assert refused == {"active": "temperature"}
