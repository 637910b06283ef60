"""A sweep's cost: one user's 4 values × 3 samples against the same 12 streams sent directly, and 20 users
sweeping at once against 20 users on the Streaming tab (server CPU per stream).

    python -m benchmarks.sweep            # a few rounds, about a minute
    python -m benchmarks.sweep --smoke    # one round with 5 users (the test suite keeps it working)

Like benchmarks.classroom: the builtin model with simulated latency is the upstream (its own core), `python
app.py` runs on the other core, and users speak the page's queue protocol (benchmarks/lean_client.py).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import httpx2
from openai import AsyncOpenAI

from benchmarks import record
from benchmarks.classroom import PROMPT, TOKENS, start_app, start_upstream
from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values
from benchmarks.procstat import cpu_seconds
from tests.support import free_port

PAGE_SWEEP = "sweep_grid"  # the Sweep tab's own (private) event
VALUES, SAMPLES = "0, 0.5, 1, 1.5", 3
STREAMS = 4 * SAMPLES


def page_sweep_values() -> dict:
    """What a student sets on the Sweep tab, by the controls' catalog keys."""
    return {"chat.prompt": PROMPT, "sweep.values": VALUES, "sweep.samples": SAMPLES, "host.label": "custom"} | {
        "knobs.max_tokens": TOKENS
    }


async def direct_slowest(upstream: str) -> float:
    """The 12 streams of a sweep sent at once with AsyncOpenAI: the slowest one's time."""
    client = AsyncOpenAI(base_url=upstream, api_key="x", max_retries=0)

    async def one(temperature: float) -> float:
        started = time.perf_counter()
        stream = await client.chat.completions.create(
            model="builtin-tiny",
            messages=[{"role": "user", "content": PROMPT}],
            temperature=temperature,
            max_tokens=TOKENS,
            stream=True,
        )
        async for _ in stream:
            pass
        return time.perf_counter() - started

    times = await asyncio.gather(*(one(t) for t in (0, 0.5, 1, 1.5) for _ in range(SAMPLES)))
    await client.close()
    return max(times)


async def page_events(base: str, app_pid: int, event: str, values: dict, users: int) -> dict:
    """`users` sessions run the event at once (after a warm-up run each): wall time and server CPU."""
    limits = httpx2.Limits(max_connections=4 * users + 10, max_keepalive_connections=4 * users + 10)
    async with httpx2.AsyncClient(timeout=300, limits=limits) as http:
        page_event = await find_page_event(http, base, event)
        sessions = [Session(http, base) for _ in range(users)]
        await asyncio.gather(*(s.stream(page_event, values) for s in sessions))
        cpu_before, started = cpu_seconds(app_pid), time.perf_counter()
        results = await asyncio.gather(*(s.stream(page_event, values) for s in sessions))
        wall, cpu = time.perf_counter() - started, cpu_seconds(app_pid) - cpu_before
    if not all(r["success"] for r in results):
        raise RuntimeError(f"{event} failed")
    return {"wall_s": wall, "cpu_s": cpu}


def run(rounds: int, users: int) -> dict:
    upstream_port, app_port = free_port(), free_port()
    upstream = start_upstream(upstream_port)
    upstream_url = f"http://127.0.0.1:{upstream_port}/v1"
    app, _ = start_app(app_port, upstream_url)
    base = f"http://127.0.0.1:{app_port}"
    try:
        asyncio.run(direct_slowest(upstream_url))  # warm-up
        ratios = []
        for _ in range(rounds):
            slowest = asyncio.run(direct_slowest(upstream_url))
            one_user = asyncio.run(page_events(base, app.pid, PAGE_SWEEP, page_sweep_values(), 1))
            ratios.append(one_user["wall_s"] / slowest)
            print(f"one sweep {one_user['wall_s']:.2f} s, slowest direct stream {slowest:.2f} s", flush=True)
        sweeps = asyncio.run(page_events(base, app.pid, PAGE_SWEEP, page_sweep_values(), users))
        streaming = asyncio.run(page_events(base, app.pid, PAGE_STREAM, page_stream_values(PROMPT, TOKENS), users))
    finally:
        app.terminate()
        upstream.terminate()
        app.wait()
        upstream.wait()
    return {
        "sweep_vs_slowest_direct": round(statistics.median(ratios), 2),
        "users": users,
        "sweep_cpu_ms_per_stream": round(1000 * sweeps["cpu_s"] / (users * STREAMS), 1),
        "streaming_cpu_ms_per_stream": round(1000 * streaming["cpu_s"] / users, 1),
        "sweeps_wall_s": round(sweeps["wall_s"], 2),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one round, 5 users (for the test suite)")
    args = parser.parse_args(argv)
    results = run(rounds=1 if args.smoke else 5, users=5 if args.smoke else 20)
    print(
        f"\none user's sweep ({STREAMS} streams): {results['sweep_vs_slowest_direct']}x the slowest direct stream"
        f"\n{results['users']} users at once: server CPU {results['sweep_cpu_ms_per_stream']} ms per sweep stream"
        f" vs {results['streaming_cpu_ms_per_stream']} ms per Streaming-tab stream"
    )
    record.save("sweep", results, smoke=args.smoke)
    return results


if __name__ == "__main__":
    main()
