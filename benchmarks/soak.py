"""A hosted copy over time: students arrive, each opens a session, sends N messages with its growing history
through the Streaming tab's own event (a browser-like client), and leaves; another arrives. Prints the app's
RSS every 30 s with replies, sessions and failures, then the growth per session.
`python -m benchmarks.soak [--students 40 --messages 5 --sessions 2000 --max-sessions N]`"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time

import httpx2

from benchmarks import classroom, record
from benchmarks.lean_client import PAGE_STREAM, Session, find_page_event, page_stream_values
from benchmarks.procstat import rss_mb
from tests.support import free_port, wait_until_up

TOKENS = 20


def start_upstream(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "components.builtin_model", "--port", str(port), "--ignore-eos"]
    command += ["--first-token-ms", "50", "--token-ms", "2"]  # a quick host: the app's memory is the subject
    process = subprocess.Popen(classroom.pinned(classroom.UPSTREAM_CORE, command), cwd=classroom.ROOT)
    wait_until_up(f"http://127.0.0.1:{port}/v1/models", process)
    return process


def start_app(port: int, upstream: str, max_sessions: int | None) -> subprocess.Popen:
    env = classroom.app_env(port, upstream)
    if max_sessions:
        env["PLAYGROUND_MAX_SESSIONS"] = str(max_sessions)
    command = classroom.pinned(classroom.APP_CORE, [sys.executable, "app.py"])
    app = subprocess.Popen(command, cwd=classroom.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}/", app)
    return app


async def soak(base: str, pid: int, students: int, messages: int, sessions: int, report_s: float) -> dict:
    limits = httpx2.Limits(max_connections=4 * students + 10, max_keepalive_connections=4 * students + 10)
    counts = {"replies": 0, "sessions": 0, "failures": 0}
    samples: list[dict] = []
    async with httpx2.AsyncClient(timeout=120, limits=limits) as http:
        event = await find_page_event(http, base, PAGE_STREAM)

        async def student() -> None:
            while counts["sessions"] < sessions:
                counts["sessions"] += 1
                session, history = Session(http, base), []
                for number in range(messages):
                    data = page_stream_values(f"Pregunta {number}: háblame de gatos", TOKENS)
                    data["stream.chatbot"] = history
                    result = await session.stream(event, data)
                    if not result["success"]:
                        counts["failures"] += 1
                        break
                    counts["replies"] += 1
                    history = result["final"][0]

        async def reporter() -> None:
            started = time.monotonic()
            while True:
                sample = {"s": round(time.monotonic() - started), "rss_mb": round(rss_mb(pid), 1), **counts}
                samples.append(sample)
                print(json.dumps(sample), flush=True)
                await asyncio.sleep(report_s)

        report = asyncio.create_task(reporter())
        await asyncio.gather(*(student() for _ in range(students)))
        report.cancel()
    samples.append({"s": "end", "rss_mb": round(rss_mb(pid), 1), **counts})
    print(json.dumps(samples[-1]), flush=True)
    return {"samples": samples, **counts}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--max-sessions", type=int, default=None, help="PLAYGROUND_MAX_SESSIONS for the app")
    parser.add_argument("--report-s", type=float, default=30)
    args = parser.parse_args(argv)
    upstream_port, app_port = free_port(), free_port()
    upstream = start_upstream(upstream_port)
    app = start_app(app_port, f"http://127.0.0.1:{upstream_port}/v1", args.max_sessions)
    try:
        baseline = rss_mb(app.pid)
        print(json.dumps({"baseline_rss_mb": round(baseline, 1), "max_sessions": args.max_sessions or "default"}))
        results = asyncio.run(
            soak(f"http://127.0.0.1:{app_port}", app.pid, args.students, args.messages, args.sessions, args.report_s)
        )
    finally:
        app.terminate()
        upstream.terminate()
        app.wait()
        upstream.wait()
    grown = results["samples"][-1]["rss_mb"] - baseline
    print(
        f"RSS {baseline:.0f} -> {results['samples'][-1]['rss_mb']:.0f} MB after {results['sessions']} sessions "
        f"({grown / max(results['sessions'], 1):.3f} MB per session), {results['replies']} replies, "
        f"{results['failures']} failures"
    )
    results = {"baseline_rss_mb": baseline, "max_sessions": args.max_sessions or "default", **results}
    record.save("soak", results)
    return results


if __name__ == "__main__":
    main()
