"""A class pressing Send at once, on a timeline: when each student's request reaches the host, and when each
first token reaches the student, from the burst's start. The playground beside the one-tab Gradio app
(`benchmarks/one_tab_app.py`), taking turns round by round (about 2 minutes):

    python -m benchmarks.burst_timeline [--users 100] [--rounds 3]
    python -m benchmarks.burst_timeline --smoke     # 5 users, 1 round (keeps this script working)

The host is a small OpenAI-compatible server on its own core that notes when each request arrives and answers
20 tokens, the first after 300 ms. If the app took its students first come, first served, the requests would
arrive spread over the burst; if it takes every event a step at a time, they arrive together at its end.
(The load client counts a first token at the first update after the question's: for the one-tab app, which
shows no question, that is its second token, 20 ms late.)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx2

from benchmarks import record
from benchmarks.classroom import ROOT, UPSTREAM_CORE, percentile, pinned, serve
from benchmarks.lean_client import PageEvent, Session, page_stream_values
from benchmarks.stream_reference import page_event
from tests.support import free_port, wait_until_up

PROMPT = "Escribe un haiku sobre un gato"
APPS = {"playground": [sys.executable, "app.py"], "one-tab app": [sys.executable, "-m", "benchmarks.one_tab_app"]}


def serve_host(port: int, log: Path) -> None:
    """The host: each chat request's arrival time (time.time()) goes to `log`, one line each."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, StreamingResponse
    from starlette.routing import Route

    arrivals = log.open("a", buffering=1)

    def chunk(delta: dict, finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return f"data: {json.dumps({'id': 'c', 'object': 'chat.completion.chunk', 'choices': [choice]})}\n\n"

    async def chat(request):
        arrivals.write(f"{time.time()}\n")
        await request.body()

        async def tokens():
            await asyncio.sleep(0.3)
            for i in range(20):
                yield chunk({"content": f"w{i} "})
                await asyncio.sleep(0.02)
            yield chunk({}, "stop") + "data: [DONE]\n\n"

        return StreamingResponse(tokens(), media_type="text/event-stream")

    async def models(request):
        return JSONResponse({"object": "list", "data": [{"id": "builtin-tiny", "object": "model"}]})

    routes = [Route("/v1/models", models), Route("/v1/chat/completions", chat, methods=["POST"])]
    uvicorn.run(Starlette(routes=routes), host="127.0.0.1", port=port, log_level="warning")


async def page_event_of(http: httpx2.AsyncClient, base: str, name: str) -> PageEvent:
    if name == "playground":
        return await page_event(http, base)
    config = (await http.get(f"{base}/config")).json()  # the one-tab app's chat: (message, history)
    chat = next(d for d in config["dependencies"] if len(d["inputs"]) == 2)
    return PageEvent(chat["id"], [("stream.message", ""), (None, [])])


def percentiles(values: list[float]) -> list[int]:
    return [round(percentile(values, q)) for q in (0.05, 0.5, 0.95)]


async def burst(http, base: str, event: PageEvent, sessions: list[Session], log: Path) -> dict:
    seen_before = len(log.read_text().split())
    started = time.time()
    data = page_stream_values(PROMPT, 20)
    results = await asyncio.gather(*(session.stream(event, data) for session in sessions))
    arrivals = [1000 * (float(t) - started) for t in log.read_text().split()[seen_before:]]
    firsts = [1000 * r["first_s"] for r in results]
    return {"arrival_ms_p5_p50_p95": percentiles(arrivals), "first_token_ms_p5_p50_p95": percentiles(firsts)}


async def measure(bases: dict[str, str], log: Path, users: int, rounds: int) -> dict:
    limits = httpx2.Limits(max_connections=4 * users + 10, max_keepalive_connections=4 * users + 10)
    out: dict[str, list] = {name: [] for name in bases}
    async with httpx2.AsyncClient(timeout=120, limits=limits) as http:
        events = {name: await page_event_of(http, base, name) for name, base in bases.items()}
        sessions = {name: [Session(http, base) for _ in range(users)] for name, base in bases.items()}
        for name, base in bases.items():  # a first round opens the connections: not counted
            await burst(http, base, events[name], sessions[name], log)
        for _ in range(rounds):
            for name, base in bases.items():
                await asyncio.sleep(1.0)
                out[name].append(await burst(http, base, events[name], sessions[name], log))
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="5 users, 1 round (for the test suite)")
    parser.add_argument("--serve-host", nargs=2, metavar=("PORT", "LOG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.smoke:
        args.users, args.rounds = 5, 1
    if args.serve_host:
        serve_host(int(args.serve_host[0]), Path(args.serve_host[1]))
        return {}
    log, host_port = ROOT / "benchmarks" / "results" / ".arrivals", free_port()
    log.write_text("")
    command = [sys.executable, "-m", "benchmarks.burst_timeline", "--serve-host", str(host_port), str(log)]
    processes = [subprocess.Popen(pinned(UPSTREAM_CORE, command), cwd=ROOT)]
    try:
        wait_until_up(f"http://127.0.0.1:{host_port}/v1/models", processes[0])
        bases = {}
        for name, app in APPS.items():
            process, bases[name] = serve(app, f"http://127.0.0.1:{host_port}/v1")
            processes.append(process)
        results = asyncio.run(measure(bases, log, args.users, args.rounds))
    finally:
        for process in processes:
            process.terminate()
            process.wait()
        log.unlink(missing_ok=True)
    print(f"{args.users} users at once, ms from the burst's start (p5 / p50 / p95), round by round:")
    for name, rounds in results.items():
        for r in rounds:
            print(
                f"  {name:12} requests reach the host {r['arrival_ms_p5_p50_p95']}, "
                f"first tokens {r['first_token_ms_p5_p50_p95']}"
            )
    record.save("burst_timeline", {"users": args.users, **results}, smoke=args.smoke)
    return results


if __name__ == "__main__":
    main()
