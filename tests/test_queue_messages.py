"""A class sending at once: the queue tells each waiting event its place, not every event on every start."""

import asyncio

import httpx2

from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values

STUDENTS = 40


def test_a_class_sending_at_once_gets_its_place_when_it_joins_not_on_every_start(launched_app):
    """Gradio's default ("auto") sends every queued event its place each time any event starts: with a class
    joining at once that is O(n²) messages (1,850 for 100 students), paid on the server's one event loop before
    their first tokens. Places now go out when an event joins and then once a second while it waits."""
    demo, _ = launched_app
    base = demo.local_url.rstrip("/")

    async def class_at_once() -> list[dict]:
        limits = httpx2.Limits(max_connections=4 * STUDENTS, max_keepalive_connections=4 * STUDENTS)
        async with httpx2.AsyncClient(timeout=60, limits=limits) as http:
            event = await find_page_event(http, base, PAGE_STREAM)
            sessions = [Session(http, base) for _ in range(STUDENTS)]
            data = page_stream_values("Hola", 5)
            return await asyncio.gather(*(s.stream(event, data) for s in sessions))

    results = asyncio.run(class_at_once())
    assert all(r["success"] for r in results)
    counts = sorted(r["estimations"] for r in results)
    assert counts[-1] <= 2, f"place messages per event: {counts}"
