"""What a new session costs: N users, each a fresh gradio_client sending M messages (with its history)
through /stream, against the playground (`python app.py`) and against the smallest one-tab streaming app
(benchmarks/one_tab_app.py), both on the same builtin upstream. Prints server CPU per new session (opening
the client: /config and /info) and per reply. `python -m benchmarks.sessions [--users 20 --messages 3]`"""

from __future__ import annotations

import argparse
import concurrent.futures
import subprocess
import sys
import time
import urllib.request

from benchmarks import classroom, record
from benchmarks.procstat import cpu_seconds
from tests.support import free_port, wait_until_up


def start(kind: str, port: int, upstream: str) -> subprocess.Popen:
    command = [sys.executable, "app.py"] if kind == "playground" else [sys.executable, "-m", "benchmarks.one_tab_app"]
    process = subprocess.Popen(
        classroom.pinned(classroom.APP_CORE, command),
        cwd=classroom.ROOT,
        env=classroom.app_env(port, upstream),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"http://127.0.0.1:{port}/", process)
    return process


def measure(kind: str, upstream: str, users: int, messages: int) -> dict:
    from gradio_client import Client

    port = free_port()
    app = start(kind, port, upstream)
    base = f"http://127.0.0.1:{port}/"
    try:
        config_bytes = len(urllib.request.urlopen(f"{base}config").read())
        Client(base, verbose=False, analytics_enabled=False).predict("warm up", max_tokens=5, api_name="/stream")
        before = cpu_seconds(app.pid)
        with concurrent.futures.ThreadPoolExecutor(users) as pool:
            clients = list(pool.map(lambda _: Client(base, verbose=False, analytics_enabled=False), range(users)))
        opened = cpu_seconds(app.pid)

        def student(client) -> int:
            history: list[dict] = []
            for number in range(messages):
                question = f"{classroom.PROMPT} ({number})"
                answer = client.predict(question, history=history, max_tokens=classroom.TOKENS, api_name="/stream")
                history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
            return messages

        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(users) as pool:
            replies = sum(pool.map(student, clients))
        wall = time.perf_counter() - started
        after = cpu_seconds(app.pid)
    finally:
        app.terminate()
        app.wait()
    return {
        "config_kb": round(config_bytes / 1024, 1),
        "cpu_ms_per_session": round(1000 * (opened - before) / users, 1),
        "cpu_ms_per_reply": round(1000 * (after - opened) / replies, 1),
        "cpu_ms_per_reply_with_session": round(1000 * (after - before) / replies, 1),
        "wall_s": round(wall, 2),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--messages", type=int, default=3)
    args = parser.parse_args(argv)
    upstream_port = free_port()
    upstream = classroom.start_upstream(upstream_port)
    try:
        url = f"http://127.0.0.1:{upstream_port}/v1"
        results = {kind: measure(kind, url, args.users, args.messages) for kind in ("one_tab", "playground")}
    finally:
        upstream.terminate()
        upstream.wait()
    ratio = results["playground"]["cpu_ms_per_reply_with_session"] / results["one_tab"]["cpu_ms_per_reply_with_session"]
    results["ratio_per_reply_with_session"] = round(ratio, 2)
    print(f"{args.users} users x {args.messages} messages, fresh gradio_client each (server CPU, one core)")
    print("app        | config KB | ms/new session | ms/reply | ms/reply incl. session | wall s")
    for kind in ("one_tab", "playground"):
        r = results[kind]
        print(
            f"{kind:<10} | {r['config_kb']:>9} | {r['cpu_ms_per_session']:>14} | {r['cpu_ms_per_reply']:>8} | "
            f"{r['cpu_ms_per_reply_with_session']:>22} | {r['wall_s']}"
        )
    print(f"playground / one tab, per reply incl. its session: {ratio:.2f}x")
    record.save("sessions", results)
    return results


if __name__ == "__main__":
    main()
