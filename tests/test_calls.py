"""The shared streaming helpers: throttling keeps the final text exact; waiting notes appear."""

import asyncio
import time

import pytest

from components.core.calls import StreamUpdate, stream
from components.core.hosts import ResolvedHost, build_client
from components.core.pacing import SENT, UpdateBudget, Waiting, throttled, with_waiting
from components.core.settings import ChatRequest
from tests.support import FakeHost, ServedApp, free_port


async def trickle(tokens: int, gap_s: float, first_s: float = 0.0):
    """Tokens pushed at their own pace, like a socket that fills whether or not anyone reads."""
    arrived: asyncio.Queue = asyncio.Queue()

    async def host():
        await asyncio.sleep(first_s)
        for i in range(tokens):
            arrived.put_nowait(f"t{i} ")
            await asyncio.sleep(gap_s)
        arrived.put_nowait(None)

    producer = asyncio.create_task(host())
    update = StreamUpdate()
    while (token := await arrived.get()) is not None:
        update.texts[0] += token
        yield update
    update.done = True
    await producer
    yield update


def collect(stream):
    async def go():
        seen = []
        async for item in stream:
            seen.append(
                (time.perf_counter(), item if isinstance(item, Waiting) else item.text, getattr(item, "done", None))
            )
        return seen

    return asyncio.run(go())


def test_throttled_sends_few_updates_and_the_exact_final_text():
    seen = collect(throttled(trickle(60, 0.01), interval_s=0.1))
    assert seen[-1][1] == "".join(f"t{i} " for i in range(60)) and seen[-1][2]
    assert 4 <= len(seen) <= 12  # ~0.6 s of tokens: about one update per 100 ms, not 60
    gaps = [b[0] - a[0] for a, b in zip(seen, seen[1:-1])]
    assert all(gap >= 0.095 for gap in gaps)


def test_throttled_shows_the_first_token_at_once():
    started = time.perf_counter()
    seen = collect(throttled(trickle(3, 0.0, first_s=0.05)))
    assert seen[0][1] == "t0 " and seen[0][0] - started < 0.09


def test_many_streams_at_once_each_update_less_often_but_start_at_once():
    """A class's budget of updates a second: four streams where the budget is two each update every 0.2 s (not
    0.1), and each still shows its first token at once and its exact final text."""
    budget = UpdateBudget(streams=2)

    async def one(tokens: int):
        seen = []
        async for update in throttled(trickle(tokens, 0.01, first_s=0.05), interval_s=0.1, budget=budget):
            seen.append((time.perf_counter(), update.text, update.done))
        return seen

    async def class_of(*lengths: int):
        return await asyncio.gather(*(one(tokens) for tokens in lengths))

    started = time.perf_counter()
    # The one measured ends first: while it streams, all four do.
    measured, *others = asyncio.run(class_of(60, 120, 120, 120))
    for seen, tokens in ((measured, 60), *((other, 120) for other in others)):
        assert seen[0][1] == "t0 " and seen[0][0] - started < 0.15  # the first token at once
        assert seen[-1][1] == "".join(f"t{i} " for i in range(tokens)) and seen[-1][2]
    gaps = [b[0] - a[0] for a, b in zip(measured[1:], measured[2:-1])]
    assert gaps and all(gap >= 0.19 for gap in gaps), gaps
    assert len(measured) <= 5  # ~0.6 s of tokens: about one update per 200 ms
    assert budget.active == 0
    alone = asyncio.run(class_of(60, 60))[0]  # within the budget: every 0.1 s again
    assert len(alone) >= 6, alone


def test_with_waiting_reports_a_slow_start_then_passes_updates_on():
    seen = collect(with_waiting(trickle(2, 0.0, first_s=0.25), every_s=0.1))
    waits = [item for _, item, _ in seen if isinstance(item, Waiting)]
    assert len(waits) >= 2 and waits[0].statuses == []
    assert seen[-1][1] == "t0 t1 " and seen[-1][2]


def test_with_waiting_says_nothing_while_updates_keep_coming():
    seen = collect(with_waiting(trickle(30, 0.02)))  # 0.6 s of updates, never a second apart
    assert not [item for _, item, _ in seen if isinstance(item, Waiting)]
    assert seen[-1][1] == "".join(f"t{i} " for i in range(30)) and seen[-1][2]


def test_with_waiting_raises_the_streams_error():
    async def broken():
        yield StreamUpdate()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        collect(with_waiting(broken()))


def test_with_waiting_says_sent_once_the_request_has_left_before_the_host_answers():
    """A page shows the student's question once the request has left (SENT), so that a class's requests go out
    before their pages are redrawn. The host holds its answer until the test has seen SENT: SENT can only have
    come from the request being written (the SDK's own HTTP client, through the hook every client gets)."""
    fake = FakeHost()
    request = ChatRequest(host="custom", model="m", messages=[{"role": "user", "content": "hold"}])

    async def go() -> list:
        client = build_client(ResolvedHost("custom", f"{served.url}/v1", "m", "none"))
        seen = []

        async def watch() -> None:
            async for item in with_waiting(stream(client, request), sent_first_s=60):
                seen.append(item)
                fake.release.set()  # SENT came while the host still held its answer; now it may answer

        await asyncio.wait_for(watch(), 30)  # were SENT only the fallback (60 s), this fails instead
        return seen

    with ServedApp(fake.app()) as served:
        seen = asyncio.run(go())
    assert seen[0] is SENT and seen.count(SENT) == 1
    assert seen[-1].done and seen[-1].text.strip() == fake.answer


def test_with_waiting_says_sent_before_a_call_that_failed_to_leave():
    """A request that never leaves (nothing listens there): SENT first, then the error, so the page shows the
    question and then gives it back."""

    async def go() -> list:
        client = build_client(ResolvedHost("custom", f"http://127.0.0.1:{free_port()}/v1", "m", "none"), max_retries=0)
        seen = []
        with pytest.raises(Exception) as failed:
            async for item in with_waiting(stream(client, ChatRequest(host="custom", model="m", messages=[])), 5, 60):
                seen.append(item)
        return seen, failed.value

    seen, error = asyncio.run(go())
    assert seen == [SENT] and "connect" in type(error).__name__.lower()
