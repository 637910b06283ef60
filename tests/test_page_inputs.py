"""The Streaming tab's inputs are made ready on the event loop (no worker thread per input), and checked exactly
as Gradio's preprocess checks them: by this session's copy of each control."""

import asyncio

import httpx2

from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values


def send_all(base: str, runs: list[dict]) -> list[dict]:
    """Each run's values sent in turn from one browser session, over the queue as the page sends them."""

    async def in_turn() -> list[dict]:
        async with httpx2.AsyncClient(timeout=60) as http:
            event, session = await find_page_event(http, base, PAGE_STREAM), Session(http, base)
            return [await session.stream(event, values) for values in runs]

    return asyncio.run(in_turn())


def test_a_value_the_page_never_offers_is_refused_before_any_request_leaves(launched_app, session_fake_host):
    demo, _ = launched_app
    message = "hostless question 7731"
    unknown_host = page_stream_values(message, 5, host="attacker-host")
    above_slider = {**page_stream_values(message, 5), "knobs.max_tokens": 10**9}
    above_pace = {**page_stream_values(message, 5), "stream.pace": 10**6}  # only the slider's range guards it
    results = send_all(demo.local_url.rstrip("/"), [unknown_host, above_slider, above_pace])
    assert [r["success"] for r in results] == [False, False, False]
    assert not [seen for seen in session_fake_host.seen if message in str(seen.body)]


def test_the_conversation_on_the_page_reaches_the_host_as_messages(launched_app, session_fake_host):
    demo, _ = launched_app
    earlier = [{"role": "user", "content": "Escribe un haiku"}, {"role": "assistant", "content": "Gato al sol"}]
    on_page = [{"role": m["role"], "content": [{"type": "text", "text": m["content"]}]} for m in earlier]
    values = {**page_stream_values("Y ahora otro, 5521", 7), "stream.chatbot": on_page}
    (result,) = send_all(demo.local_url.rstrip("/"), [values])
    assert result["success"], result
    (seen,) = [seen for seen in session_fake_host.seen if "5521" in str(seen.body)]
    assert seen.body["messages"] == [*earlier, {"role": "user", "content": "Y ahora otro, 5521"}]
    assert seen.body["max_tokens"] == 7
