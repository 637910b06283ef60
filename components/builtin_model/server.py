"""The builtin model as an OpenAI-compatible HTTP API (Starlette): /models, /models/{id}, /chat/completions, the
legacy /completions (legacy.py), /embeddings (embeddings.py) and /responses (responses.py).

Mounted at /v1 inside the app, or served alone by `python -m components.builtin_model`.
A stream may ask for a pace (the X-Tokens-Per-Second header: the page asks for one a class can watch); simulated
latency and injected faults exist for tests and benchmarks and are off unless asked for.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from components.core.settings import PACE_HEADER

from .api import MODEL_ID, ApiError, ParsedRequest, parse
from .faults import FAULT_MODELS, SLOW_FAULTS, SLOW_TOKEN_DELAY_S, check_fault, drop_connection
from .generation import Finish, Piece, Plan, run_choice
from .http_io import error_response as _error
from .http_io import paced_delay, read_body
from .model import NGramModel
from .more_routes import more_routes


@dataclass(frozen=True)
class ServerOptions:
    first_token_delay: float = 0.0  # seconds before the first token (simulated latency)
    token_delay: float = 0.0  # seconds between tokens (simulated latency)
    faults: bool = False  # models named fault-<kind> misbehave on purpose
    ignore_eos: bool = False  # every reply runs to max_tokens (benchmarks need a known length)


def create_app(options: ServerOptions = ServerOptions(), model: NGramModel | None = None) -> Starlette:
    model = model or NGramModel.load()
    created = int(time.time())
    fingerprint = f"fp_builtin_{len(model.tokenizer)}"

    ids = [MODEL_ID] + (FAULT_MODELS if options.faults else [])  # the models this server has

    async def list_models(request: Request) -> Response:
        data = [{"id": i, "object": "model", "created": created, "owned_by": "builtin"} for i in ids]
        return JSONResponse({"object": "list", "data": data})

    async def one_model(request: Request) -> Response:
        wanted = request.path_params["model_id"]
        if wanted not in ids:
            message = f"The model '{wanted}' does not exist. This server has '{MODEL_ID}'."
            return _error(ApiError(404, message, "model", "model_not_found"))
        return JSONResponse({"id": wanted, "object": "model", "created": created, "owned_by": "builtin"})

    async def chat_completions(request: Request) -> Response:
        try:
            body = json.loads(await read_body(request))
        except ApiError as error:
            return _error(error)
        except (ValueError, RecursionError):
            return _error(ApiError(400, "We could not parse the JSON body of your request."))
        if not isinstance(body, dict):
            return _error(ApiError(400, "The JSON body must be an object."))
        try:
            pace = paced_delay(request.headers.get(PACE_HEADER))
            fault = await check_fault(body, options.faults)
            # Tokenising a long prompt is CPU work: off the event loop, so other requests go on meanwhile.
            parsed = await asyncio.to_thread(parse, body, model)
            parsed.plan.ignore_eos = parsed.plan.ignore_eos or options.ignore_eos or fault == "long"
        except ApiError as error:
            return _error(error)
        meta = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "created": int(time.time()),
            "model": parsed.model,
            "system_fingerprint": fingerprint,
        }
        if parsed.stream:
            return StreamingResponse(_sse(parsed, meta, fault, pace), media_type="text/event-stream")
        return await _complete(parsed, meta, fault)

    async def _complete(parsed: ParsedRequest, meta: dict, fault: str | None) -> Response:
        # The whole answer (n choices, maybe with logprobs) and its JSON are CPU work: off the event loop.
        choices, completion_tokens = await asyncio.to_thread(_choices, model, parsed.plan, fault)
        delay = options.first_token_delay + options.token_delay * completion_tokens
        if delay:
            await asyncio.sleep(delay)
        usage = parsed.usage(completion_tokens)
        if fault == "drop":
            return StreamingResponse(
                drop_connection(json.dumps({**meta, "choices": choices})[:40]), media_type="application/json"
            )
        answer = {**meta, "object": "chat.completion", "choices": choices, "usage": usage}
        return Response(await asyncio.to_thread(_json_bytes, answer), media_type="application/json")

    async def _sse(parsed: ParsedRequest, meta: dict, fault: str | None, pace: float = 0.0) -> AsyncIterator[str]:
        plan = parsed.plan
        token_delay = max(options.token_delay, pace)

        # Every chunk shares its envelope: serialise it once, only the choices change (one chunk per token).
        envelope = json.dumps({**meta, "object": "chat.completion.chunk"}, ensure_ascii=False, separators=(",", ":"))
        head = "data: " + envelope[:-1] + ',"choices":'
        tail = ',"usage":null}\n\n' if parsed.include_usage else "}\n\n"

        def chunk(choices: list, usage: dict | None = None) -> str:
            body = json.dumps(choices, ensure_ascii=False, separators=(",", ":"))
            if usage is not None:
                return f'{head}{body},"usage":{json.dumps(usage)}}}\n\n'
            return head + body + tail

        if options.first_token_delay:
            await asyncio.sleep(options.first_token_delay)
        for index in range(plan.n):
            yield chunk(
                [
                    {
                        "index": index,
                        "delta": _first_delta(plan),
                        "logprobs": None,
                        "finish_reason": None,
                    }
                ]
            )
        runs = {index: run_choice(model, plan, index) for index in range(plan.n)}
        completion_tokens, sent = 0, 0
        while runs:  # choices take turns, as they do from OpenAI
            for index, run in list(runs.items()):
                event = next(run)
                if fault == "drop" and (sent >= 5 or isinstance(event, Finish)):
                    raise ConnectionAbortedError("fault injected: connection dropped mid-stream")
                if isinstance(event, Finish):
                    completion_tokens += event.completion_tokens
                    del runs[index]
                    reason = "tool_calls" if plan.tool and event.reason == "stop" else event.reason
                    yield chunk([{"index": index, "delta": {}, "logprobs": None, "finish_reason": reason}])
                    continue
                if fault == "content_filter" and sent >= 3:
                    runs.clear()
                    yield chunk([{"index": index, "delta": {}, "logprobs": None, "finish_reason": "content_filter"}])
                    break
                sent += 1
                yield chunk([_delta(index, event, plan.logprobs, plan.tool)])
                await asyncio.sleep(SLOW_TOKEN_DELAY_S if fault in SLOW_FAULTS else token_delay)
        if parsed.include_usage:
            yield chunk([], parsed.usage(completion_tokens))
        yield "data: [DONE]\n\n"

    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(ApiError(404, f"Unknown path {request.url.path}.", code="unknown_url"))

    routes = [
        Route("/models", list_models),
        Route("/models/{model_id:path}", one_model),
        Route("/chat/completions", chat_completions, methods=["POST"]),
        *more_routes(model),  # /completions, /embeddings, /responses
    ]
    return Starlette(routes=routes, exception_handlers={404: not_found})


def _choices(model: NGramModel, plan: Plan, fault: str | None) -> tuple[list[dict], int]:
    """Every choice of a non-streamed answer, and how many tokens they hold."""
    choices, completion_tokens, produced = [], 0, 0
    for index in range(plan.n):
        text, logprobs, finish = [], [], "stop"
        for event in run_choice(model, plan, index):
            if isinstance(event, Finish):
                finish, completion_tokens = event.reason, completion_tokens + event.completion_tokens
                break
            text.append(event.text)
            logprobs += event.logprobs
            produced += 1
            if fault == "content_filter" and produced >= 3:
                finish = "content_filter"
                break
        message = {"role": "assistant", "content": "".join(text), "refusal": None}
        if plan.tool:  # the reply is a call: what was written is its arguments
            message["content"], finish = None, "tool_calls" if finish == "stop" else finish
            message["tool_calls"] = [_tool_call(plan.tool, "".join(text))]
        choices.append(
            {
                "index": index,
                "message": message,
                "logprobs": {"content": logprobs} if plan.logprobs else None,
                "finish_reason": finish,
            }
        )
    return choices, completion_tokens


def _json_bytes(answer: dict) -> bytes:
    """The answer as JSON, written one choice at a time: json.dumps holds the interpreter for the whole object
    (0.2 s for 8 choices with logprobs), and the event loop's requests wait meanwhile."""
    choices = answer.pop("choices")
    parts = [json.dumps(choice, ensure_ascii=False, separators=(",", ":")) for choice in choices]
    rest = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
    return (rest[:-1] + ',"choices":[' + ",".join(parts) + "]}").encode()


def _tool_call(name: str, arguments: str) -> dict:
    function = {"name": name, "arguments": arguments}
    return {"id": f"call_{uuid.uuid4().hex[:24]}", "type": "function", "function": function}


def _first_delta(plan: Plan) -> dict:
    """A choice's first chunk: its role (and, for a call, the call's id and name, its arguments to come)."""
    if plan.tool:
        return {"role": "assistant", "content": None, "tool_calls": [{"index": 0, **_tool_call(plan.tool, "")}]}
    return {"role": "assistant", "content": ""}


def _delta(index: int, piece: Piece, with_logprobs: bool, tool: str | None = None) -> dict:
    logprobs = {"content": piece.logprobs} if with_logprobs else None
    delta = {"tool_calls": [{"index": 0, "function": {"arguments": piece.text}}]} if tool else {"content": piece.text}
    return {"index": index, "delta": delta, "logprobs": logprobs, "finish_reason": None}
