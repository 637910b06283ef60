"""A class at once: how much the app adds on top of the model, for 1 to 100 users.

    python -m benchmarks.classroom            # the full run (N = 1, 10, 50, 100), a few minutes
    python -m benchmarks.classroom --smoke    # N = 5 only, to keep this script working (the test suite)

It starts the builtin model with simulated latency as the upstream (its own core), launches `python app.py`
on it (the other core), and compares N users streaming through the app (one gradio_client each) with the
same N streams sent directly with AsyncOpenAI. It prints a table and writes it to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx2
from openai import AsyncOpenAI

from benchmarks import builtin_speed, record
from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values
from benchmarks.procstat import cpu_seconds, rss_mb
from tests.support import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
FIRST_TOKEN_MS, TOKEN_MS, TOKENS = 300, 20, 60
PROMPT = "Escribe un haiku sobre un gato hambriento que quiere atún"
IDLE_SESSIONS = 100
CORES = sorted(os.sched_getaffinity(0))
APP_CORE, UPSTREAM_CORE = CORES[0], CORES[-1]


def pinned(core: int, command: list[str]) -> list[str]:
    return ["taskset", "-c", str(core), *command]


def start_upstream(port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "components.builtin_model",
        "--port",
        str(port),
        "--ignore-eos",
        "--first-token-ms",
        str(FIRST_TOKEN_MS),
        "--token-ms",
        str(TOKEN_MS),
    ]
    process = subprocess.Popen(pinned(UPSTREAM_CORE, command), cwd=ROOT)
    wait_until_up(f"http://127.0.0.1:{port}/v1/models", process)
    return process


def app_env(port: int, upstream: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "AZURE", "HF_TOKEN", "GITHUB"))}
    env.update(GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1")
    if upstream:
        env.update(API_HOST="custom", OPENAI_COMPAT_BASE_URL=upstream, OPENAI_COMPAT_MODEL="builtin-tiny")
    return env


def start_app(port: int, upstream: str | None) -> tuple[subprocess.Popen, float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        pinned(APP_CORE, [sys.executable, "app.py"]),
        cwd=ROOT,
        env=app_env(port, upstream),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"http://127.0.0.1:{port}/", process)
    return process, time.perf_counter() - started


def serve(command: list[str], upstream: str, cwd: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """An app (run from `cwd`) on a free port of the app's core, on this upstream: its process and address."""
    port = free_port()
    process = subprocess.Popen(
        pinned(APP_CORE, command),
        cwd=cwd,
        env=app_env(port, upstream),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"http://127.0.0.1:{port}/", process)
    return process, f"http://127.0.0.1:{port}"


def cold_start(repeats: int) -> dict:
    """`python app.py` until HTTP 200, against `python -c "import gradio"`, on the same core."""
    gradio_times, app_times = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(pinned(APP_CORE, [sys.executable, "-c", "import gradio"]), check=True, cwd=ROOT)
        gradio_times.append(time.perf_counter() - started)
        process, seconds = start_app(free_port(), None)
        app_times.append(seconds)
        process.terminate()
        process.wait()
    gradio_s, app_s = statistics.median(gradio_times), statistics.median(app_times)
    return {"import_gradio_s": round(gradio_s, 2), "app_start_s": round(app_s, 2), "ratio": round(app_s / gradio_s, 2)}


async def direct(upstream: str, users: int) -> dict:
    client = AsyncOpenAI(base_url=upstream, api_key="x", max_retries=0)

    async def one() -> float:
        started = time.perf_counter()
        first = None
        stream = await client.chat.completions.create(
            model="builtin-tiny", messages=[{"role": "user", "content": PROMPT}], max_tokens=TOKENS, stream=True
        )
        async for chunk in stream:
            if first is None and chunk.choices and chunk.choices[0].delta.content:
                first = time.perf_counter() - started
        return first

    started = time.perf_counter()
    firsts = await asyncio.gather(*(one() for _ in range(users)))
    wall = time.perf_counter() - started
    await client.close()
    return {"wall_s": wall, "ttft": firsts}


def through_app(clients: list, users: int) -> dict:
    """N users at once, one gradio_client each. One loop watches every job: iterating each job in its
    own thread would make gradio_client poll every millisecond per user and measure the load generator."""
    started = time.perf_counter()
    jobs = [c.submit(PROMPT, max_tokens=TOKENS, host="custom", api_name="/stream") for c in clients[:users]]
    firsts: list[float | None] = [None] * users
    while not all(job.done() for job in jobs):
        for index, job in enumerate(jobs):
            if firsts[index] is None and any(job.outputs()):  # /stream yields the answer text so far
                firsts[index] = time.perf_counter() - started
        time.sleep(0.005)
    wall = time.perf_counter() - started
    replies = [job.result() for job in jobs]
    if not all(replies):
        raise RuntimeError("a streamed reply came back empty")
    return {"wall_s": wall, "ttft": [first if first is not None else wall for first in firsts]}


async def open_sessions(base: str, count: int) -> None:
    """`count` users who each asked one short question, then stayed idle (their sessions stay open)."""
    async with httpx2.AsyncClient(timeout=120) as http:
        event = await find_page_event(http, base, PAGE_STREAM)
        sessions = [Session(http, base) for _ in range(count)]
        for batch in range(0, count, 20):
            await asyncio.gather(
                *(s.stream(event, page_stream_values("Hola", 5)) for s in sessions[batch : batch + 20])
            )


async def through_app_lean(base: str, users: int, app_pid: int, find_event=None) -> dict:
    """N users at once with the browser-like client (warm sessions: a page load opens the session).
    `find_event(http, base)`: the page's Streaming event, when it is not found by its name (an older commit's)."""
    limits = httpx2.Limits(max_connections=4 * users + 10, max_keepalive_connections=4 * users + 10)
    async with httpx2.AsyncClient(timeout=120, limits=limits) as http:
        event = await (find_event(http, base) if find_event else find_page_event(http, base, PAGE_STREAM))
        sessions = [Session(http, base) for _ in range(users)]
        data = page_stream_values(PROMPT, TOKENS)
        await asyncio.gather(*(s.stream(event, data) for s in sessions))  # warm-up: the session's first event
        cpu_before, started = cpu_seconds(app_pid), time.perf_counter()
        results = await asyncio.gather(*(s.stream(event, data) for s in sessions))
        wall, cpu = time.perf_counter() - started, cpu_seconds(app_pid) - cpu_before
    if not all(r["success"] for r in results):
        raise RuntimeError("a streamed reply failed")
    return {"wall_s": wall, "ttft": [r["first_s"] for r in results], "cpu_per_reply_s": cpu / users}


def merge(rounds: list[dict]) -> dict:
    """Rounds of the same measurement: mean wall time, every TTFT, mean CPU per reply."""
    merged = {"wall_s": statistics.mean(r["wall_s"] for r in rounds), "ttft": [t for r in rounds for t in r["ttft"]]}
    if "cpu_per_reply_s" in rounds[0]:
        merged["cpu_per_reply_s"] = statistics.mean(r["cpu_per_reply_s"] for r in rounds)
    return merged


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(levels: list[int], cold_repeats: int, idle_sessions: int = IDLE_SESSIONS) -> dict:
    from gradio_client import Client

    upstream_port, app_port = free_port(), free_port()
    upstream = start_upstream(upstream_port)
    upstream_url = f"http://127.0.0.1:{upstream_port}/v1"
    app, _ = start_app(app_port, upstream_url)
    rows = []
    try:
        base = f"http://127.0.0.1:{app_port}"
        asyncio.run(open_sessions(base, 1))  # first-use imports and caches are not a session's cost
        idle_rss = rss_mb(app.pid)
        asyncio.run(open_sessions(base, idle_sessions))
        memory = {
            "rss_idle_mb": round(idle_rss, 1),
            "rss_after_sessions_mb": round(rss_mb(app.pid), 1),
            "sessions": idle_sessions,
        }
        memory["mb_per_session"] = round((memory["rss_after_sessions_mb"] - idle_rss) / idle_sessions, 3)
        clients = [
            Client(f"http://127.0.0.1:{app_port}/", verbose=False, analytics_enabled=False) for _ in range(max(levels))
        ]
        for client in clients:  # a browser's page load opens its session; so does this first call
            client.predict("Hola", max_tokens=5, host="custom", api_name="/stream")
        asyncio.run(direct(upstream_url, 1))  # warm up the direct path too
        for users in levels:
            rounds = max(1, 10 // users)  # at least 10 replies, so 10 ms CPU ticks average out
            baseline = merge([asyncio.run(direct(upstream_url, users)) for _ in range(rounds)])
            lean = merge([asyncio.run(through_app_lean(base, users, app.pid)) for _ in range(rounds)])
            cpu_before, client_before = cpu_seconds(app.pid), time.process_time()
            measured = through_app(clients, users)
            gradio_client_cpu = (cpu_seconds(app.pid) - cpu_before) / users
            rows.append(
                {
                    "users": users,
                    "wall_ratio": round(lean["wall_s"] / baseline["wall_s"], 2),
                    "ttft_p50_ms": round(1000 * percentile(lean["ttft"], 0.5)),
                    "ttft_p95_ms": round(1000 * percentile(lean["ttft"], 0.95)),
                    "direct_ttft_p50_ms": round(1000 * percentile(baseline["ttft"], 0.5)),
                    "cpu_ms_per_reply": round(1000 * lean["cpu_per_reply_s"], 1),
                    "gradio_client_wall_ratio": round(measured["wall_s"] / baseline["wall_s"], 2),
                    "gradio_client_cpu_ms_per_reply": round(1000 * gradio_client_cpu, 1),
                    "gradio_client_load_cpu_s": round(time.process_time() - client_before, 2),
                }
            )
            print(rows[-1], flush=True)
    finally:
        app.terminate()
        upstream.terminate()
        app.wait()
        upstream.wait()
    return {"streams": rows, "memory": memory, "cold_start": cold_start(cold_repeats)}


def print_table(results: dict) -> None:
    print(
        "\n| users | wall app/direct | TTFT p50 ms (direct) | TTFT p95 ms | server CPU ms/reply "
        "| gradio_client: wall app/direct, CPU ms/reply |"
    )
    print("|---|---|---|---|---|---|")
    for row in results["streams"]:
        print(
            f"| {row['users']} | {row['wall_ratio']} | {row['ttft_p50_ms']} ({row['direct_ttft_p50_ms']}) "
            f"| {row['ttft_p95_ms']} | {row['cpu_ms_per_reply']} "
            f"| {row['gradio_client_wall_ratio']}, {row['gradio_client_cpu_ms_per_reply']} |"
        )
    cold, memory, model = results["cold_start"], results["memory"], results["builtin"]
    print(f"\ncold start: app {cold['app_start_s']} s / import gradio {cold['import_gradio_s']} s = {cold['ratio']}x")
    print(
        f"memory: {memory['rss_idle_mb']} MB idle, {memory['rss_after_sessions_mb']} MB with "
        f"{memory['sessions']} sessions = {memory['mb_per_session']} MB per session"
    )
    print(f"builtin model: {model['model_tokens_per_s']} tokens/s, server start-up {model['server_startup_s']} s")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="N = 5 only, one cold start (for the test suite)")
    parser.add_argument("--users", type=int, nargs="*", help="levels of concurrent users (default 1 10 50 100)")
    args = parser.parse_args(argv)
    levels, cold_repeats = ([5], 1) if args.smoke else (args.users or [1, 10, 50, 100], 3)
    results = run(levels, cold_repeats, 10 if args.smoke else IDLE_SESSIONS)
    results["builtin"] = builtin_speed.measure(quick=args.smoke)
    results["setup"] = {
        "first_token_ms": FIRST_TOKEN_MS,
        "token_ms": TOKEN_MS,
        "tokens": TOKENS,
        "cores": len(CORES),
        "smoke": args.smoke,
    }
    print_table(results)
    record.save("classroom", results, smoke=args.smoke)
    return results


if __name__ == "__main__":
    main()
