"""The calling functions every tab shares: one-shot and streaming chat completions."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextvars import ContextVar
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


BUFFERED_S = 0.002  # an item that arrives faster than this was already waiting in the buffer

# The HTTP statuses the host answered during the current call (retries included), for "waiting" notes.
answered_statuses: ContextVar[list[int] | None] = ContextVar("answered_statuses", default=None)


async def note_status(response) -> None:
    """An httpx event hook: remember each status the host answers, when someone is listening."""
    statuses = answered_statuses.get()
    if statuses is not None:
        statuses.append(response.status_code)


@dataclass
class Waiting:
    """No token yet after a while; `statuses` are the host's answers so far (429/5xx mean the SDK retries)."""

    waited_s: float
    statuses: list[int]


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


class UpdateBudget:
    """Page updates a second for the whole class: with more streams at once than `streams` each updates less
    often (ten a second each up to then; 100 streams: 2.5 a second each). What a class of streams costs the
    server then stays what `streams` cost, and a student who just pressed Send gets the first token sooner
    (first tokens and final texts are never held back)."""

    def __init__(self, streams: int = 25):
        self.streams, self.active = streams, 0

    def interval(self, interval_s: float) -> float:
        return interval_s * max(1.0, self.active / self.streams)


UPDATE_BUDGET = UpdateBudget()  # one per process: the streams share the server's one event loop


async def throttled(
    updates: AsyncIterator[StreamUpdate], interval_s: float = 0.1, budget: UpdateBudget = UPDATE_BUDGET
) -> AsyncIterator[StreamUpdate]:
    """Pass on at most one update per interval (a browser can't show more; longer when many stream at once:
    UpdateBudget), and always the first and the last one.

    Between updates it does not even read: tokens wait in the socket and are read in one go, which spares
    the server one wake-up per token (most of the CPU a trickling stream costs). After such a pause it
    drains what was buffered (items that come at once) before showing the text."""
    budget.active += 1
    try:
        async for update in _throttled(updates, interval_s, budget):
            yield update
    finally:
        budget.active -= 1


async def _throttled(updates: AsyncIterator[StreamUpdate], interval_s: float, budget: UpdateBudget):
    last_sent = 0.0
    iterator = updates.__aiter__()
    while True:
        asked = time.perf_counter()
        try:
            update = await iterator.__anext__()
        except StopAsyncIteration:
            return
        now = time.perf_counter()
        drained = now - asked > BUFFERED_S  # we had to wait for this one: nothing was left in the buffer
        every = budget.interval(interval_s)
        due = now - last_sent >= every
        if update.done or (due and drained) or now - last_sent >= 3 * every:
            first = last_sent == 0.0
            last_sent = now
            yield update
            # Pause reading only once the stream has shown it trickles (not after the first token): a fast
            # host's answer is then read straight through and its timing statistics stay the host's own.
            if not update.done and not first:
                await asyncio.sleep(max(0.0, last_sent + every - time.perf_counter()))


async def side_by_side(*streams: AsyncIterator[StreamUpdate]) -> AsyncIterator[tuple[int, StreamUpdate | Exception]]:
    """Run several streams at once; yield (which, update) as updates come, or (which, error) when one fails
    (the others go on). Cancelling this cancels them all, which closes their upstream connections."""
    queue: asyncio.Queue = asyncio.Queue()

    async def pump(index: int, stream: AsyncIterator[StreamUpdate]) -> None:
        try:
            async for update in stream:
                await queue.put((index, update))
        except Exception as error:
            await queue.put((index, error))
        finally:
            await queue.put((index, None))

    tasks = [asyncio.create_task(pump(i, s)) for i, s in enumerate(streams)]
    running = len(tasks)
    try:
        while running:
            index, item = await queue.get()
            if item is None:
                running -= 1
            else:
                yield index, item
    finally:
        for task in tasks:
            task.cancel()


async def with_waiting(
    updates: AsyncIterator[StreamUpdate], every_s: float = 1.0
) -> AsyncIterator[StreamUpdate | Waiting]:
    """Pass updates on; while none comes for `every_s`, yield a Waiting note so the user sees what happens."""
    statuses: list[int] = []
    queue: asyncio.Queue = asyncio.Queue()
    started = time.perf_counter()

    async def pump() -> None:
        answered_statuses.set(statuses)  # this task's own context: the SDK's requests run in it
        try:
            async for update in updates:
                await queue.put(update)
            await queue.put(None)
        except BaseException as error:  # handed to the consumer, which raises it
            await queue.put(error)

    task = asyncio.create_task(pump())
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), every_s)
            except TimeoutError:
                yield Waiting(time.perf_counter() - started, list(statuses))
                continue
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        task.cancel()


async def once(awaitable) -> AsyncIterator:
    """An awaitable as a one-item stream, so with_waiting can watch a one-shot call too."""
    yield await awaitable
