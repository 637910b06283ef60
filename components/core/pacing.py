"""How a call's updates reach a page: paced (at most so many a second, a class's update budget), watched (a
note while the host is slow, word once the request has left) and side by side. No gradio here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextvars import ContextVar
from dataclasses import dataclass

from components.core.calls import StreamUpdate

BUFFERED_S = 0.002  # an item that arrives faster than this was already waiting in the buffer

# The HTTP statuses the host answered during the current call (retries included), for "waiting" notes.
answered_statuses: ContextVar[list[int] | None] = ContextVar("answered_statuses", default=None)


async def note_status(response) -> None:
    """An httpx event hook: remember each status the host answers, when someone is listening."""
    statuses = answered_statuses.get()
    if statuses is not None:
        statuses.append(response.status_code)


# Set once the current call's request has left (with_waiting's `sent_first_s`).
request_sent: ContextVar[asyncio.Event | None] = ContextVar("request_sent", default=None)


async def note_request(request) -> None:
    """An httpx event hook: when someone waits for the request to leave, tell them once its body is written
    (httpcore's trace extension reports each step of sending)."""
    sent = request_sent.get()
    if sent is None:
        return

    async def trace(step: str, info: dict) -> None:
        if step.endswith(".send_request_body.complete"):
            sent.set()

    request.extensions["trace"] = trace


# At most this long a page holds a student's question back while the request leaves (with_waiting): a class of 100
# sending at once gets its requests out in about 0.2 s; a first call to a far host may take a connection's time.
QUESTION_AFTER_REQUEST_S = 0.25


class Sent:
    """with_waiting's first item when asked (`sent_first_s`): the request has left, or the call is over."""


SENT = Sent()


@dataclass
class Waiting:
    """No token yet after a while; `statuses` are the host's answers so far (429/5xx mean the SDK retries)."""

    waited_s: float
    statuses: list[int]


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
    updates: AsyncIterator[StreamUpdate], every_s: float = 1.0, sent_first_s: float | None = None
) -> AsyncIterator[StreamUpdate | Waiting | Sent]:
    """Pass updates on; while none comes for `every_s`, yield a Waiting note so the user sees what happens.

    With `sent_first_s`, first yield SENT once the request has left (or the call has ended, or after that many
    seconds at most): a page that shows the question only then lets a whole class's requests leave before a
    hundred pages are redrawn, instead of every request waiting for every page."""
    statuses: list[int] = []
    queue: asyncio.Queue = asyncio.Queue()
    sent = asyncio.Event()
    started = time.perf_counter()

    async def hand(item) -> None:
        sent.set()
        await queue.put(item)

    async def pump() -> None:
        answered_statuses.set(statuses)  # this task's own context: the SDK's requests run in it
        if sent_first_s is not None:  # only then is a request traced as it is written
            request_sent.set(sent)
        try:
            async for update in updates:
                await hand(update)
            await hand(None)
        except BaseException as error:  # handed to the consumer, which raises it
            await hand(error)

    # Timers, not asyncio.wait_for: that starts one more task for every update of every stream.
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(pump())
    timer = None
    try:
        if sent_first_s is not None:
            timer = loop.call_later(sent_first_s, sent.set)
            await sent.wait()
            timer.cancel()
            yield SENT
        while True:
            tick = _NothingYet()
            timer = loop.call_later(every_s, queue.put_nowait, tick)
            item = await queue.get()
            timer.cancel()
            if isinstance(item, _NothingYet):
                if item is tick:  # (a tick that fired as an update came is stale)
                    yield Waiting(time.perf_counter() - started, list(statuses))
                continue
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        if timer is not None:
            timer.cancel()
        task.cancel()


class _NothingYet:
    """A timer's tick in with_waiting: no update came for a while."""


async def once(awaitable) -> AsyncIterator:
    """An awaitable as a one-item stream, so with_waiting can watch a one-shot call too."""
    yield await awaitable
