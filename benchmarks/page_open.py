"""Opening the page on a school laptop, and a class opening it at once: the playground against the smallest
one-tab Gradio streaming chat app (benchmarks/one_tab_app.py), both on the same builtin upstream.

    python -m benchmarks.page_open            # 7 interleaved loads each in Chromium at 4x CPU throttling, then
                                              # 100 visitors opening each app within 10 s (about 5 minutes)
    python -m benchmarks.page_open --smoke    # 1 load each, 10 visitors (keeps this script working)

In the browser (Playwright + Debian Chromium, a fresh context per load: nothing cached), per load: the time until
the first text box is visible ("ready to type", timed in the page), the bytes transferred until the network is
idle, and the JS heap then (after a garbage collection). The visitors use a browser-like client: `/` (the config
inside) and every page-load event through the queue's stream; each visitor's time to ready, and the server's CPU
per new session."""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
import uuid

import httpx2

from benchmarks import record
from benchmarks.classroom import percentile, serve, start_upstream
from benchmarks.procstat import cpu_seconds
from tests.browser_support import CHROMIUM, FLAGS
from tests.support import free_port

THROTTLE = 4  # Chrome's CPU throttling: a school laptop
APPS = {"one-tab app": [sys.executable, "-m", "benchmarks.one_tab_app"], "playground": [sys.executable, "app.py"]}
CONFIG_MARK = "window.gradio_config = "  # how Gradio writes a page's config into its HTML
# "Ready to type", timed inside the page: the first frame with a visible text box, in ms since navigation started
# (polling from outside added its own jitter to loads whose spread already decides the ratio).
READY_PROBE = """(() => {
  const look = () => {
    for (const box of document.querySelectorAll("textarea")) {
      const r = box.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && getComputedStyle(box).visibility !== "hidden") {
        window.__readyToType = performance.now();
        return;
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""


def load_in_browser(browser, url: str) -> dict:
    """One cold load in a fresh context at THROTTLE x CPU: ready to type, bytes, JS heap."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    cdp.on("Network.eventSourceMessageReceived", lambda event: received.append(len(event.get("data", ""))))
    page.add_init_script(READY_PROBE)
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__readyToType !== undefined", timeout=120_000, polling=100)
    ready = page.evaluate("window.__readyToType") / 1000
    try:
        page.wait_for_load_state("networkidle", timeout=30_000)
    except Exception:  # a stream left open: what arrived so far counts
        pass
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    return {"ready_s": ready, "bytes": sum(received), "heap_mb": metrics["JSHeapUsedSize"] / 2**20}


def browser_loads(urls: dict[str, str], loads: int) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {name: [] for name in urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for url in urls.values():  # a first load of each warms the server (imports, caches), not counted
            load_in_browser(browser, url)
        order = random.Random(21)
        for _ in range(loads):
            # interleaved, in shuffled order: a noisy moment hits both apps, and neither always goes first
            for name in order.sample(list(urls), len(urls)):
                results[name].append(load_in_browser(browser, urls[name]))
        browser.close()
    return results


def page_config(html: str) -> dict:
    """The config Gradio writes into the page (a browser reads it there: it asks for no /config)."""
    start = html.index(CONFIG_MARK) + len(CONFIG_MARK)
    return json.loads(html[start : html.index(";</script>", start)])


async def open_like_a_browser(http: httpx2.AsyncClient, base: str) -> float:
    """`/` (its config inside), then each of its page-load events through the queue's stream, as a browser opens
    the page."""
    started = time.perf_counter()
    page = await http.get(f"{base}/")
    page.raise_for_status()
    config = page_config(page.text)
    session = uuid.uuid4().hex[:11]
    loads = [d for d in config["dependencies"] if any(t[1] == "load" for t in d.get("targets", []))]
    components = {c["id"]: c.get("props", {}) for c in config["components"]}
    for dependency in loads:
        body = {
            "data": [components.get(i, {}).get("value") for i in dependency["inputs"]],
            "fn_index": dependency["id"],
            "session_hash": session,
            "event_data": None,
            "trigger_id": None,
        }
        (await http.post(f"{base}/gradio_api/queue/join", json=body)).raise_for_status()
        url = f"{base}/gradio_api/queue/data"
        async with http.stream("GET", url, params={"session_hash": session}) as response:
            async for line in response.aiter_lines():
                if line.startswith("data:") and json.loads(line[5:]).get("msg") == "process_completed":
                    if not json.loads(line[5:]).get("success"):
                        raise RuntimeError(f"a page-load event failed: {line[:200]}")
                    break
    return time.perf_counter() - started


async def visitors(base: str, count: int, within_s: float, pid: int) -> dict:
    """`count` visitors arriving at random moments within `within_s` seconds."""
    limits = httpx2.Limits(max_connections=2 * count + 10, max_keepalive_connections=2 * count + 10)
    async with httpx2.AsyncClient(timeout=120, limits=limits) as http:
        await open_like_a_browser(http, base)  # first-use imports and caches are not a visitor's cost

        async def one(delay: float) -> float | None:
            await asyncio.sleep(delay)
            try:
                return await open_like_a_browser(http, base)
            except Exception:
                return None

        rng = random.Random(7)
        before = cpu_seconds(pid)
        times = await asyncio.gather(*(one(rng.uniform(0, within_s)) for _ in range(count)))
        cpu = cpu_seconds(pid) - before
    ready = [t for t in times if t is not None]
    return {
        "visitors": count,
        "ready": len(ready),
        "p50_s": round(percentile(ready, 0.5), 3) if ready else None,
        "p95_s": round(percentile(ready, 0.95), 3) if ready else None,
        "cpu_ms_per_session": round(1000 * cpu / count, 1),
    }


def summary(loads: list[dict]) -> dict:
    return {
        "ready_s": [round(x["ready_s"], 2) for x in loads],
        "ready_s_median": round(statistics.median(x["ready_s"] for x in loads), 2),
        "kb": round(statistics.median(x["bytes"] for x in loads) / 1000),
        "heap_mb": round(statistics.median(x["heap_mb"] for x in loads), 1),
    }


def run(loads: int, visitor_count: int, within_s: float) -> dict:
    upstream_port = free_port()
    upstream = start_upstream(upstream_port)
    started = {name: serve(command, f"http://127.0.0.1:{upstream_port}/v1") for name, command in APPS.items()}
    try:
        in_browser = browser_loads({name: url for name, (_, url) in started.items()}, loads)
        crowds = {
            name: asyncio.run(visitors(url, visitor_count, within_s, process.pid))
            for name, (process, url) in started.items()
        }
    finally:
        for process, _ in started.values():
            process.terminate()
            process.wait()
        upstream.terminate()
        upstream.wait()
    return {"browser": {name: summary(x) for name, x in in_browser.items()}, "visitors": crowds}


def print_table(results: dict) -> None:
    one, ours = results["browser"]["one-tab app"], results["browser"]["playground"]
    print(f"\nChromium, CPU throttled {THROTTLE}x, median of {len(one['ready_s'])} cold loads each:\n")
    print("| | one-tab app | playground | ratio |\n|---|---|---|---|")
    rows = (("ready to type", "ready_s_median", " s"), ("bytes", "kb", " KB"), ("JS heap", "heap_mb", " MB"))
    for label, field, unit in rows:
        print(f"| {label} | {one[field]}{unit} | {ours[field]}{unit} | {ours[field] / one[field]:.2f}x |")
    print("\n| visitors within the window | ready | p50 s | p95 s | server CPU ms per new session |")
    print("|---|---|---|---|---|")
    for name, crowd in results["visitors"].items():
        print(
            f"| {name}: {crowd['visitors']} | {crowd['ready']} | {crowd['p50_s']} | {crowd['p95_s']} "
            f"| {crowd['cpu_ms_per_session']} |"
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="1 load each, 10 visitors (for the test suite)")
    args = parser.parse_args(argv)
    loads, count, within = (1, 10, 2.0) if args.smoke else (7, 100, 10.0)
    results = run(loads, count, within)
    results["setup"] = {"throttle": THROTTLE, "loads": loads, "visitors": count, "within_s": within}
    print_table(results)
    record.save("page_open", results, smoke=args.smoke)
    return results


if __name__ == "__main__":
    main()
