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
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from openai import AsyncOpenAI

from benchmarks import builtin_speed
from benchmarks.procstat import cpu_seconds, rss_mb
from tests.support import free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
FIRST_TOKEN_MS, TOKEN_MS, TOKENS = 300, 20, 60
PROMPT = "Escribe un haiku sobre un gato hambriento que quiere atún"
CORES = sorted(os.sched_getaffinity(0))
APP_CORE, UPSTREAM_CORE = CORES[0], CORES[-1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> float:
    started = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return time.perf_counter() - started
        except OSError:
            if process.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError(f"{url} did not come up") from None
            time.sleep(0.02)


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
    wait_for(f"http://127.0.0.1:{port}/v1/models", process)
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
    wait_for(f"http://127.0.0.1:{port}/", process)
    return process, time.perf_counter() - started


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
    def one(client) -> tuple[float, int]:
        started = time.perf_counter()
        job = client.submit(PROMPT, [], "", 0.7, TOKENS, 1, "custom", "", api_name="/stream")
        first = None
        for history, *_ in job:
            if first is None and history and history[-1]["role"] == "assistant" and _text(history[-1]):
                first = time.perf_counter() - started
        history = job.result()[0]
        return first, len(_text(history[-1]))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        results = list(pool.map(one, clients[:users]))
    wall = time.perf_counter() - started
    if any(length == 0 for _, length in results):
        raise RuntimeError("a streamed reply came back empty")
    return {"wall_s": wall, "ttft": [first for first, _ in results]}


def _text(message: dict) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(levels: list[int], cold_repeats: int) -> dict:
    from gradio_client import Client

    upstream_port, app_port = free_port(), free_port()
    upstream = start_upstream(upstream_port)
    upstream_url = f"http://127.0.0.1:{upstream_port}/v1"
    app, _ = start_app(app_port, upstream_url)
    rows = []
    try:
        idle_rss = rss_mb(app.pid)
        clients = [
            Client(f"http://127.0.0.1:{app_port}/", verbose=False, analytics_enabled=False) for _ in range(max(levels))
        ]
        through_app(clients, 1)  # warm up: first-call imports and caches are not what we measure
        for users in levels:
            baseline = asyncio.run(direct(upstream_url, users))
            cpu_before = cpu_seconds(app.pid)
            measured = through_app(clients, users)
            cpu_per_reply = (cpu_seconds(app.pid) - cpu_before) / users
            rows.append(
                {
                    "users": users,
                    "wall_ratio": round(measured["wall_s"] / baseline["wall_s"], 2),
                    "app_wall_s": round(measured["wall_s"], 2),
                    "direct_wall_s": round(baseline["wall_s"], 2),
                    "ttft_p50_ms": round(1000 * percentile(measured["ttft"], 0.5)),
                    "ttft_p95_ms": round(1000 * percentile(measured["ttft"], 0.95)),
                    "direct_ttft_p50_ms": round(1000 * percentile(baseline["ttft"], 0.5)),
                    "cpu_ms_per_reply": round(1000 * cpu_per_reply, 1),
                }
            )
            print(rows[-1], flush=True)
        sessions = len(clients)
        memory = {
            "rss_idle_mb": round(idle_rss, 1),
            "rss_after_sessions_mb": round(rss_mb(app.pid), 1),
            "sessions": sessions,
        }
        memory["mb_per_session"] = round((memory["rss_after_sessions_mb"] - idle_rss) / sessions, 3)
    finally:
        app.terminate()
        upstream.terminate()
        app.wait()
        upstream.wait()
    return {"streams": rows, "memory": memory, "cold_start": cold_start(cold_repeats)}


def print_table(results: dict) -> None:
    print("\n| users | app/direct wall | TTFT p50 (direct) ms | TTFT p95 ms | server CPU ms/reply |")
    print("|---|---|---|---|---|")
    for row in results["streams"]:
        print(
            f"| {row['users']} | {row['wall_ratio']} | {row['ttft_p50_ms']} ({row['direct_ttft_p50_ms']}) "
            f"| {row['ttft_p95_ms']} | {row['cpu_ms_per_reply']} |"
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
    args = parser.parse_args(argv)
    levels, cold_repeats = ([5], 1) if args.smoke else ([1, 10, 50, 100], 3)
    results = run(levels, cold_repeats)
    results["builtin"] = builtin_speed.measure(quick=args.smoke)
    results["setup"] = {
        "first_token_ms": FIRST_TOKEN_MS,
        "token_ms": TOKEN_MS,
        "tokens": TOKENS,
        "cores": len(CORES),
        "smoke": args.smoke,
    }
    print_table(results)
    RESULTS.mkdir(exist_ok=True)
    name = "smoke.json" if args.smoke else f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    main()
