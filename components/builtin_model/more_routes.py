"""The builtin /v1's routes beyond chat: the legacy /completions (legacy.py), /embeddings (embeddings.py) and the
Responses API (responses.py). Each reads its body with the same limits as chat and answers errors in OpenAI's
shape; the CPU work runs off the event loop."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from components.core.settings import PACE_HEADER

from .api import MODEL_ID, ApiError
from .embeddings import embeddings_answer
from .http_io import error_response, paced_delay, read_body
from .legacy import completion_answer, completion_stream, parse_completion
from .model import NGramModel
from .responses import ResponseMemory, parse_response_request, response_events, sse


def more_routes(model: NGramModel) -> list[Route]:
    memory = ResponseMemory()

    def answering(handle: Callable) -> Callable:
        """A route: its body read and `handle(body, pace)` run, any ApiError answered in OpenAI's shape."""

        async def route(request: Request) -> Response:
            try:
                body = json.loads(await read_body(request))
                return await handle(body, paced_delay(request.headers.get(PACE_HEADER)))
            except ApiError as error:
                return error_response(error)
            except (ValueError, RecursionError):
                return error_response(ApiError(400, "We could not parse the JSON body of your request."))

        return route

    async def completions(body, pace: float) -> Response:
        parsed = await asyncio.to_thread(parse_completion, body, model)
        if parsed.stream:
            return StreamingResponse(completion_stream(model, parsed, pace), media_type="text/event-stream")
        return JSONResponse(await asyncio.to_thread(completion_answer, model, parsed))

    async def embeddings(body, pace: float) -> Response:
        return JSONResponse(await asyncio.to_thread(embeddings_answer, body, model.tokenizer, MODEL_ID))

    async def responses(body, pace: float) -> Response:
        parsed, echoed = await asyncio.to_thread(parse_response_request, body, model, memory)
        if parsed.stream:
            return StreamingResponse(
                _paced(sse(response_events(model, parsed, echoed, memory)), pace), media_type="text/event-stream"
            )
        events = await asyncio.to_thread(lambda: list(response_events(model, parsed, echoed, memory)))
        return JSONResponse(events[-1]["response"])

    return [
        Route("/completions", answering(completions), methods=["POST"]),
        Route("/embeddings", answering(embeddings), methods=["POST"]),
        Route("/responses", answering(responses), methods=["POST"]),
    ]


async def _paced(chunks, delay: float) -> AsyncIterator[str]:
    for chunk in chunks:
        yield chunk
        await asyncio.sleep(delay)
