"""Streaming side by side with an earlier commit, in one run: what the app costs per reply now, against a reference.

    python -m benchmarks.stream_reference                      # against d2cb0b9, before wave 2 (about 5 minutes)
    python -m benchmarks.stream_reference --reference REV --users 50 100 --rounds 4

Absolute figures move with the machine (`import gradio` took 2.5 s on the machine of 2026-11-26 and 6-8 s on
later ones), so "as cheap as before" is measured here: the reference commit is checked out in a temporary git
worktree and launched beside the current tree on the same upstream and the same core, and the two take turns,
round by round, streaming the page's own Streaming event with the browser-like client (`benchmarks.lean_client`).
The direct column is the same streams sent to the upstream with AsyncOpenAI.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx2

from benchmarks import record
from benchmarks.classroom import (
    PROMPT,
    ROOT,
    TOKENS,
    direct,
    percentile,
    serve,
    start_upstream,
    through_app_lean,
)
from benchmarks.lean_client import PAGE_STREAM, PageEvent, find_page_event
from tests.support import free_port

BEFORE_WAVE_2 = "d2cb0b9"  # the commit whose run (classroom-20261126T075946Z.json) the README's goal came from


async def page_event(http: httpx2.AsyncClient, base: str) -> PageEvent:
    """The page's Streaming event. Before the page and the API had separate events (d2cb0b9 and earlier), it was
    the public `stream` event, inputs (message, history, system, temperature, max_tokens, n, host, model)."""
    try:
        return await find_page_event(http, base, PAGE_STREAM)
    except LookupError:
        config = (await http.get(f"{base}/config")).json()
        index = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "stream")
        starts = [PROMPT, [], "", 0.7, TOKENS, 1, "custom", ""]
        keys = ["stream.message", None, "knobs.system", None, "knobs.max_tokens", None, "host.label", "model.label"]
        return PageEvent(index, list(zip(keys, starts)))


def run(reference: str, levels: list[int], rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "reference"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), reference], cwd=ROOT, check=True)
        upstream_port = free_port()
        upstream = start_upstream(upstream_port)
        upstream_url = f"http://127.0.0.1:{upstream_port}/v1"
        apps = {}
        try:
            app = [sys.executable, "app.py"]
            apps = {"reference": serve(app, upstream_url, cwd=tree), "now": serve(app, upstream_url)}
            asyncio.run(direct(upstream_url, 1))  # warm up the direct path too
            rows = [measure(apps, upstream_url, users, rounds) for users in levels]
        finally:
            for process, _ in apps.values():
                process.terminate()
                process.wait()
            upstream.terminate()
            upstream.wait()
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    return {"reference": reference, "streams": rows}


def measure(apps: dict, upstream_url: str, users: int, rounds: int) -> dict:
    seen: dict[str, list[dict]] = {name: [] for name in apps}
    direct_ttft: list[float] = []
    for _ in range(rounds):  # turns: a slower minute on this machine falls on both
        direct_ttft += asyncio.run(direct(upstream_url, users))["ttft"]
        for name, (process, base) in apps.items():
            seen[name].append(asyncio.run(through_app_lean(base, users, process.pid, find_event=page_event)))
    row = {"users": users, "rounds": rounds, "direct_ttft_p50_ms": round(1000 * percentile(direct_ttft, 0.5))}
    for name, measured in seen.items():
        ttft = [t for m in measured for t in m["ttft"]]
        row[name] = {
            "cpu_ms_per_reply": round(1000 * statistics.median(m["cpu_per_reply_s"] for m in measured), 1),
            "cpu_ms_per_round": [round(1000 * m["cpu_per_reply_s"], 1) for m in measured],
            "ttft_p50_ms": round(1000 * percentile(ttft, 0.5)),
            "ttft_p95_ms": round(1000 * percentile(ttft, 0.95)),
        }
    print(row, flush=True)
    return row


def print_table(results: dict, now: str) -> None:
    reference = results["reference"]
    print(f"\n| users | server CPU ms/reply: {reference} → {now} | TTFT p50 ms over direct: {reference} → {now} |")
    print("|---|---|---|")
    for row in results["streams"]:
        before, after, base = row["reference"], row["now"], row["direct_ttft_p50_ms"]
        ratio = after["cpu_ms_per_reply"] / before["cpu_ms_per_reply"]
        print(
            f"| {row['users']} | {before['cpu_ms_per_reply']} → {after['cpu_ms_per_reply']} ({ratio:.2f}×) "
            f"| +{before['ttft_p50_ms'] - base} → +{after['ttft_p50_ms'] - base} (direct {base}) |"
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=BEFORE_WAVE_2, help=f"commit to compare with (default {BEFORE_WAVE_2})")
    parser.add_argument("--users", type=int, nargs="*", default=[50, 100], help="levels of concurrent users")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds per level")
    args = parser.parse_args(argv)
    results = run(args.reference, args.users, args.rounds)
    results["setup"] = {"tokens": TOKENS, "rounds": args.rounds}
    print_table(results, record.commit())
    record.save("stream_reference", results)
    return results


if __name__ == "__main__":
    main()
