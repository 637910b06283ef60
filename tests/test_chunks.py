"""The app reads streamed answers itself (one json.loads per chunk): every shape of server-sent events a host
may send, over real HTTP through the openai SDK's client, gives what the SDK's own stream would."""

import asyncio
import json

import openai
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from components.core.calls import StreamInterrupted, stream
from components.core.settings import ChatRequest
from tests.support import ServedApp


def chunk(content: str | None = None, finish: str | None = None, **extra) -> dict:
    delta = {"content": content} if content is not None else {}
    choice = {"index": 0, "delta": delta, "finish_reason": finish, **extra}
    return {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m", "choices": [choice]}


USAGE = {"prompt_tokens": 4, "completion_tokens": 2, "total_tokens": 6, "prompt_tokens_details": None}
BODIES = {
    # Lines ending in \r\n, a comment, an event field, a keep-alive blank line, data split over two lines.
    "crlf": (
        ": keep-alive\r\n\r\nevent: message\r\n"
        f"data: {json.dumps(chunk('Gato '))}\r\n\r\n"
        "data: " + json.dumps(chunk("feliz", "stop")).replace(', "choices"', ',\r\ndata: "choices"') + "\r\n\r\n"
        f"data: {json.dumps({**chunk(), 'choices': [], 'usage': USAGE})}\r\n\r\n"
        "data: [DONE]\r\n\r\n"
    ),
    "mid-stream error": (
        f"data: {json.dumps(chunk('Gato '))}\n\n"
        f"data: {json.dumps({'error': {'message': 'The server overloaded', 'type': 'server_error'}})}\n\n"
    ),
    "not json": f"data: {json.dumps(chunk('Gato '))}\n\ndata: {{oops\n\n",
    "a choice out of range": (
        f"data: {json.dumps({**chunk(), 'choices': [{'index': 7, 'delta': {'content': 'x'}}]})}\n\n"
        f"data: {json.dumps(chunk('Gato', 'stop'))}\n\ndata: [DONE]\n\n"
    ),
}


@pytest.fixture(scope="module")
def host():
    seen = []

    async def completions(request: Request):
        body = await request.json()
        seen.append((body, dict(request.headers)))
        text = BODIES[body["messages"][-1]["content"]]
        pieces = [text[i : i + 7] for i in range(0, len(text), 7)]  # events cut across network reads

        async def send():
            for piece in pieces:
                yield piece.encode()
                await asyncio.sleep(0)

        return StreamingResponse(send(), media_type="text/event-stream")

    with ServedApp(Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])) as served:
        served.seen = seen
        yield served


def run(host, body: str):
    async def go():
        client = openai.AsyncOpenAI(base_url=f"{host.url}/v1", api_key="sk-test", max_retries=0)
        request = ChatRequest(host="custom", model="m", messages=[{"role": "user", "content": body}])
        updates = [(u.text, u.done, u.usage) async for u in stream(client, request)]
        await client.close()
        return updates

    return asyncio.run(go())


def test_every_line_ending_and_a_split_event_read_like_the_sdk(host):
    updates = run(host, "crlf")
    assert [text for text, _, _ in updates] == ["Gato ", "Gato feliz", "Gato feliz"]
    assert updates[-1][1] and updates[-1][2] == {"prompt_tokens": 4, "completion_tokens": 2, "total_tokens": 6}
    body, headers = host.seen[-1]
    assert body["stream"] is True and body["messages"] == [{"role": "user", "content": "crlf"}]
    assert headers["authorization"] == "Bearer sk-test"


def test_an_error_in_the_middle_is_the_sdks_error_and_keeps_the_text(host):
    with pytest.raises(StreamInterrupted) as caught:
        run(host, "mid-stream error")
    assert caught.value.partial.text == "Gato "
    assert isinstance(caught.value.__cause__, openai.APIError)
    assert "The server overloaded" in str(caught.value.__cause__)


def test_a_chunk_that_is_not_json_is_a_clear_error(host):
    with pytest.raises(StreamInterrupted) as caught:
        run(host, "not json")
    assert caught.value.partial.text == "Gato "
    assert "not JSON" in str(caught.value.__cause__)


def test_a_choice_the_request_did_not_ask_for_is_ignored(host):
    assert run(host, "a choice out of range")[-1][0] == "Gato"
