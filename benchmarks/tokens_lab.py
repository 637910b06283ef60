"""How fast the tokens lab is: tokenizing 10,000 characters in each encoding (in-process), and one next-token
step on the builtin host through the app (`python app.py`, its own core), as server CPU per step and as the
time a caller waits. Reshaping the chart on a slider move calls nothing. `python -m benchmarks.tokens_lab`"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from benchmarks import classroom, record
from benchmarks.procstat import cpu_seconds
from components.lessons.tokens import ENCODINGS, tokenize
from tests.support import free_port, wait_until_up

TEXT = ("Hablaremos de los modelos de lenguaje grandes: we will talk about tokens and probabilities. " * 120)[:10_000]


def tokenize_ms(repeats: int = 20) -> dict:
    results = {}
    for encoding in ENCODINGS:
        tokenize(TEXT, encoding)  # loads the encoding
        started = time.perf_counter()
        for _ in range(repeats):
            count = len(tokenize(TEXT, encoding))
        results[encoding] = {"ms_per_10000_chars": round(1000 * (time.perf_counter() - started) / repeats, 2)}
        results[encoding]["tokens"] = count
    return results


def next_token_step(steps: int = 50) -> dict:
    from gradio_client import Client

    port = free_port()
    app = subprocess.Popen(
        classroom.pinned(classroom.APP_CORE, [sys.executable, "app.py"]),
        cwd=classroom.ROOT,
        env=classroom.app_env(port, None),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", app)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
        client.predict("Escribe un haiku sobre un gato", api_name="/next_token")  # warm up
        before, started = cpu_seconds(app.pid), time.perf_counter()
        reply = ""
        for _ in range(steps):
            try:
                candidates = client.predict(
                    "Escribe un haiku sobre un gato", reply_so_far=reply, api_name="/next_token"
                )
                reply += candidates[0]["token"]
            except Exception:  # the reply ended: start it again
                reply = ""
        wall, cpu = time.perf_counter() - started, cpu_seconds(app.pid) - before
    finally:
        app.terminate()
        app.wait()
    return {"server_cpu_ms_per_step": round(1000 * cpu / steps, 1), "wait_ms_per_step": round(1000 * wall / steps, 1)}


def main() -> dict:
    results = {"tokenize": tokenize_ms(), "next_token_builtin_through_the_app": next_token_step()}
    print(json.dumps(results, indent=2))
    record.save("tokens_lab", results)
    return results


if __name__ == "__main__":
    main()
