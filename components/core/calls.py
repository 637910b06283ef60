"""The calling functions every tab shares: one-shot and streaming chat completions."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from components.core.chunks import sse_data, token_logprobs
from components.core.settings import ChatRequest

if TYPE_CHECKING:  # the SDK itself is imported where a client is made (hosts.build_client)
    from openai import AsyncOpenAI


@dataclass
class Choice:
    index: int
    text: str
    finish_reason: str | None
    logprobs: list[dict] | None = None  # [{"token", "logprob", "top": [{"token", "logprob"}]}] when asked for
    refusal: str | None = None  # a structured output the model declined to write (message.refusal)
    tool_calls: list[dict] | None = None  # [{"id", "type": "function", "function": {"name", "arguments"}}]


@dataclass
class Completion:
    choices: list[Choice]
    usage: dict[str, Any] | None
    latency_s: float
    model: str


@dataclass
class StreamUpdate:
    """The answer so far. The last update of a stream has done=True and the statistics."""

    texts: list[str] = field(default_factory=lambda: [""])  # one per choice
    done: bool = False
    finish_reasons: list[str | None] = field(default_factory=lambda: [None])
    usage: dict[str, Any] | None = None
    time_to_first_token_s: float | None = None
    elapsed_s: float = 0.0
    tokens_per_s: float | None = None
    logprobs: list[dict] = field(default_factory=list)  # the first choice's tokens, when asked for

    @property
    def text(self) -> str:
        return self.texts[0]


class StreamInterrupted(Exception):
    """A stream that failed after it started: `partial` keeps every token received before `__cause__`."""

    def __init__(self, partial: StreamUpdate):
        super().__init__("stream interrupted")
        self.partial = partial


async def complete(client: AsyncOpenAI, request: ChatRequest) -> Completion:
    started = time.perf_counter()
    response = await client.chat.completions.create(**request.to_api())
    latency = time.perf_counter() - started
    choices = [
        Choice(
            c.index,
            c.message.content or "",
            c.finish_reason,
            token_logprobs(c.logprobs and c.logprobs.model_dump()),
            getattr(c.message, "refusal", None),
            [call.model_dump(exclude_none=True) for call in c.message.tool_calls or []] or None,
        )
        for c in response.choices
    ]
    usage = response.usage.model_dump(exclude_none=True) if response.usage else None
    return Completion(choices, usage, latency, response.model)


async def stream(
    client: AsyncOpenAI, request: ChatRequest, headers: dict[str, str] | None = None
) -> AsyncIterator[StreamUpdate]:
    """Yield the text so far after every chunk, then a final update with usage and speed. `headers`: sent with
    this call too (the builtin model's pace)."""
    started = time.perf_counter()
    n = request.settings.n or 1
    update = StreamUpdate(texts=[""] * n, finish_reasons=[None] * n)
    chunks_with_text = 0
    try:
        # Closed on leaving, on Stop (CancelledError) too: the upstream connection goes with it.
        extra = {"extra_headers": headers} if headers else {}
        async with client.chat.completions.with_streaming_response.create(
            **request.to_api(stream=True), **extra
        ) as response:
            async for chunk in sse_data(response.http_response):
                if chunk.get("usage"):
                    update.usage = {k: v for k, v in chunk["usage"].items() if v is not None}
                for choice in chunk.get("choices") or ():  # Azure sends a first chunk with no choices
                    index = choice.get("index", 0)
                    if not isinstance(index, int) or not 0 <= index < len(update.texts):
                        continue
                    if choice.get("finish_reason"):
                        update.finish_reasons[index] = choice["finish_reason"]
                    if index == 0 and choice.get("logprobs") is not None:
                        update.logprobs += token_logprobs(choice["logprobs"]) or []
                    content = (choice.get("delta") or {}).get("content")
                    if content:
                        if update.time_to_first_token_s is None:
                            update.time_to_first_token_s = time.perf_counter() - started
                        update.texts[index] += content
                        chunks_with_text += 1
                        update.elapsed_s = time.perf_counter() - started
                        yield update
    except Exception as error:
        if update.time_to_first_token_s is None:
            raise
        update.elapsed_s = time.perf_counter() - started
        raise StreamInterrupted(update) from error
    update.done = True
    update.elapsed_s = time.perf_counter() - started
    tokens = (update.usage or {}).get("completion_tokens") or chunks_with_text
    generating = update.elapsed_s - (update.time_to_first_token_s or 0.0)
    if tokens and generating > 0:
        update.tokens_per_s = tokens / generating
    yield update
