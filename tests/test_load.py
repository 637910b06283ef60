"""A hundred sessions streaming for a minute: no error, every transcript complete, memory back near baseline."""

import asyncio
import time

import httpx2
import pytest

from benchmarks import classroom
from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values
from benchmarks.procstat import rss_mb
from tests.support import free_port, message_text

pytestmark = pytest.mark.slow  # left out of the fast tier (python -m pytest -m "not slow")

SESSIONS, SECONDS, TOKENS = 100, 60, 60


def complete(result: dict) -> bool:
    history, _, stats, *_ = result["final"]
    answer = message_text(history[-1])
    return result["success"] and answer and f"+ {TOKENS} =" in stats and "`length`" in stats


@pytest.mark.load
def test_a_hundred_sessions_streaming_for_a_minute():
    upstream_port, app_port = free_port(), free_port()
    upstream = classroom.start_upstream(upstream_port)  # 300 ms to the first token, 20 ms a token
    app, _ = classroom.start_app(app_port, f"http://127.0.0.1:{upstream_port}/v1")
    base = f"http://127.0.0.1:{app_port}"
    data = page_stream_values("Escribe un haiku sobre un gato", TOKENS)

    async def load() -> tuple[float, int, list]:
        limits = httpx2.Limits(max_connections=500, max_keepalive_connections=500)
        async with httpx2.AsyncClient(timeout=120, limits=limits) as http:
            event = await find_page_event(http, base, PAGE_STREAM)
            sessions = [Session(http, base) for _ in range(SESSIONS)]
            for _ in range(2):  # open every session (a page load would) and let caches settle
                await asyncio.gather(*(s.stream(event, data) for s in sessions))
            baseline = rss_mb(app.pid)
            deadline = time.monotonic() + SECONDS
            failures: list = []

            async def student(session: Session) -> int:
                replies = 0
                while time.monotonic() < deadline:
                    result = await session.stream(event, data)
                    if not complete(result):
                        failures.append(result)
                    replies += 1
                return replies

            counts = await asyncio.gather(*(student(s) for s in sessions))
        return baseline, sum(counts), failures

    try:
        baseline, replies, failures = asyncio.run(load())
        time.sleep(2)  # they have left
        after = rss_mb(app.pid)
    finally:
        app.terminate()
        upstream.terminate()
        app.wait()
        upstream.wait()
    print(f"{replies} replies, RSS {baseline:.1f} MB -> {after:.1f} MB")
    assert failures == [] and replies >= SESSIONS * 5
    assert after - baseline < 25, f"memory grew from {baseline:.1f} MB to {after:.1f} MB"
