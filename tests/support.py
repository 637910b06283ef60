"""Test helpers: serve an ASGI app on a free loopback port in a thread, and a fake OpenAI host that
records what reaches the wire."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import socket
import subprocess
import threading
import time
import urllib.request
from dataclasses import dataclass, field

import httpx2
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None, timeout: float = 60) -> float:
    """Poll `url` until it answers; return the seconds it took. Fails if the process exits first."""
    started = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return time.perf_counter() - started
        except OSError:
            if (process is not None and process.poll() is not None) or time.perf_counter() - started > timeout:
                raise RuntimeError(f"{url} did not come up") from None
            time.sleep(0.01)


def message_text(message: dict) -> str:
    """The text of a chat message, whether its content is a string or a list of typed parts."""
    content = message.get("content")
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


class ServedApp:
    def __init__(self, app, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServedApp:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(5)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: dict | None
    original_host: str | None


@dataclass
class FakeHost:
    """An OpenAI-compatible host that records every request and answers a fixed text."""

    answer: str = "Gato maúlla fuerte"
    # Asked for "xss", the host answers with markup that would run if the page rendered it as HTML.
    xss_answer: str = (
        '<script>window.__xss = "script"</script> <img src=x onerror="window.__xss = \'img\'"> '
        '[click me](javascript:window.__xss="link") <b>bold?</b>'
    )
    model_ids: tuple[str, ...] = ("fake-model-b", "fake-model-a")  # what its /models lists
    tool_arguments: str = '{"city": "Madrid"}'  # what it writes when it calls a tool
    seen: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0  # how many requests were being answered at the same time, at most
    # Asked for "hold", the host keeps the request open until a test sets this (no timing involved).
    release: threading.Event = field(default_factory=threading.Event)

    def app(self) -> Starlette:
        async def record(request: Request) -> Seen:
            raw = await request.body()
            seen = Seen(
                request.method,
                request.url.path,
                dict(request.headers),
                json.loads(raw) if raw else None,
                request.headers.get("x-original-host"),
            )
            self.seen.append(seen)
            return seen

        async def models(request: Request) -> Response:
            await record(request)
            return JSONResponse(
                {
                    "object": "list",
                    "data": [{"id": model_id, "object": "model"} for model_id in self.model_ids],
                }
            )

        async def completions(request: Request) -> Response:
            seen = await record(request)
            if "slow" in json.dumps(seen.body):  # lets tests hold requests open to see them overlap
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                await asyncio.sleep(1.0)
                self.in_flight -= 1
            if "hold" in json.dumps(seen.body):
                self.in_flight += 1
                while not self.release.is_set():
                    await asyncio.sleep(0.01)
                self.in_flight -= 1
            if seen.original_host == "models.github.ai":  # what GitHub Models answers since 2026-07-30
                return JSONResponse({"error": {"message": "Gone", "code": "gone"}}, status_code=410)
            body = seen.body or {}
            meta = {"id": "x", "created": 0, "model": body.get("model", "")}
            last = json.dumps(body.get("messages", [])[-1:], ensure_ascii=False)
            answer = self.xss_answer if "xss" in last else self.answer
            if "echo" in last:  # repeats every user message: shows which history reached the host
                answer = " | ".join(m["content"] for m in body["messages"] if m["role"] == "user")
            if "leak" in last:  # a host that puts the caller's key in its text
                answer = f"your key is {request.headers.get('authorization', '')}"
            model = body.get("model", "")
            if body.get("logprobs") and model == "refuses-logprobs":  # like a reasoning model
                error = {"message": "logprobs is not supported", "param": "logprobs", "code": "unsupported_parameter"}
                return JSONResponse({"error": error}, status_code=400)
            wants = body.get("logprobs") and model != "silent-logprobs"  # some hosts just leave them out
            if body.get("max_tokens") == 1:
                answer = answer.split(" ")[0]
            if body.get("stream"):
                return StreamingResponse(self._sse(meta, answer, wants), media_type="text/event-stream")
            choice = {"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}
            if self.calls_a_tool(body) and not body.get("stream"):
                function = {"name": self.calls_a_tool(body), "arguments": self.tool_arguments}
                call = {"id": f"call_{len(self.seen)}", "type": "function", "function": function}
                message = {"role": "assistant", "content": None, "tool_calls": [call]}
                choice = {"index": 0, "message": message, "finish_reason": "tool_calls"}
            if wants:
                choice["logprobs"] = {
                    "content": [word_logprobs(w, body.get("top_logprobs") or 0) for w in answer.split(" ")]
                }
            usage = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
            return JSONResponse({**meta, "object": "chat.completion", "choices": [choice], "usage": usage})

        return Starlette(
            routes=[
                Route("/{prefix:path}/models", models),
                Route("/{prefix:path}/chat/completions", completions, methods=["POST"]),
            ]
        )

    def calls_a_tool(self, body: dict) -> str | None:
        """As OpenAI's models do: with tools, until a result is in, it calls the named tool or the first one
        ("none": never). Then it answers in text."""
        choice, tools = body.get("tool_choice"), body.get("tools")
        if not tools or choice == "none" or body["messages"][-1]["role"] == "tool":
            return None
        return choice["function"]["name"] if isinstance(choice, dict) else tools[0]["function"]["name"]

    async def _sse(self, meta: dict, answer: str, logprobs: bool = False):
        for word in answer.split(" "):
            delta = {"index": 0, "delta": {"content": word + " "}, "finish_reason": None}
            if logprobs:
                delta["logprobs"] = {"content": [word_logprobs(word + " ", 2)]}
            yield f"data: {json.dumps({**meta, 'object': 'chat.completion.chunk', 'choices': [delta]})}\n\n"
        done = {"index": 0, "delta": {}, "finish_reason": "stop"}
        yield f"data: {json.dumps({**meta, 'object': 'chat.completion.chunk', 'choices': [done]})}\n\n"
        usage = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}
        yield f"data: {json.dumps({**meta, 'object': 'chat.completion.chunk', 'choices': [], 'usage': usage})}\n\n"
        yield "data: [DONE]\n\n"


@contextlib.contextmanager
def tab_on_fake(make_tab, answer: str):
    """A tab (`make_tab(playground, i18n, host, model)`) on a playground whose custom host is a FakeHost answering
    `answer`: yields the tab, the values of the shared host/model bar and knobs (the host's defaults: not sent),
    and the fake."""
    import gradio as gr

    from components.classroom.playground import Playground

    host = FakeHost(answer=answer)
    with ServedApp(host.app()) as served:
        host.url = served.url
        playground = Playground({"OPENAI_COMPAT_BASE_URL": f"{host.url}/v1", "PLAYGROUND_ALLOW_LOCAL_URLS": "1"})
        with gr.Blocks():
            top_host, top_model = gr.Dropdown(["custom"], value="custom"), gr.Dropdown([], allow_custom_value=True)
            tab = make_tab(playground, gr.I18n(), top_host, top_model)
        shared = {
            top_host: "custom",
            top_model: "fake-model-a",
            tab.knobs["temperature"]: 1,
            tab.knobs["max_tokens"]: 0,
        }
        yield tab, shared, host


def word_logprobs(word: str, alternatives: int) -> dict:
    """The fake's logprobs for one token: itself at 0.5, then alternatives "alt1", "alt2"… halving each time."""
    top = [{"token": word, "logprob": math.log(0.5), "bytes": None}]
    top += [{"token": f"alt{i}", "logprob": math.log(0.5 / 2**i), "bytes": None} for i in range(1, alternatives)]
    return {"token": word, "logprob": math.log(0.5), "bytes": None, "top_logprobs": top[:alternatives]}


class RedirectTransport(httpx2.AsyncHTTPTransport):
    """Sends every request to the local fake instead, telling it which host it was meant for."""

    def __init__(self, target_port: int, only: tuple[str, ...] = ()):
        super().__init__()
        self.target_port, self.only = target_port, only

    async def handle_async_request(self, request):
        if self.only and request.url.host not in self.only:
            return await super().handle_async_request(request)
        request.headers["x-original-host"] = request.url.host
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self.target_port)
        return await super().handle_async_request(request)


# a 2×2 orange PNG
ORANGE_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8v5SBgYGBiYGBgYGBAQAU2QGo4jF1qQAAAABJRU5ErkJggg=="
)
