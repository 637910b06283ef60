"""How fast the builtin model is: generation tokens/s (model alone and through HTTP + the openai SDK,
no simulated latency) and start-up time. Run: python -m benchmarks.builtin_speed"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

from openai import OpenAI

from benchmarks import record
from components.builtin_model.model import NGramModel, Sampling
from tests.support import free_port, wait_until_up

MODEL = "builtin-tiny"
CORES = sorted(os.sched_getaffinity(0))
SERVER_CORE, CLIENT_CORE = CORES[0], CORES[-1]


def model_tokens_per_s(total: int = 200_000) -> float:
    model = NGramModel.load()
    rng, produced = random.Random(0), 0
    started = time.perf_counter()
    while produced < total:
        for _ in model.generate("en", "llm", Sampling(temperature=1.0), rng):
            produced += 1
    return produced / (time.perf_counter() - started)


def load_seconds(repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        NGramModel.load()
        times.append(time.perf_counter() - started)
    return min(times)


# A 2,000-token conversation (system message, few-shot turns, history): the context the cache model and
# the persona blend are built from on every request.
LONG_CONTEXT = [
    {"role": "system", "content": "Act like Yoda from Star Wars. Answer in his tone and style."},
    *[
        {"role": role, "content": text}
        for _ in range(36)
        for role, text in (
            ("user", "Tell me about cats, tuna, haiku and the tokens a language model reads, one by one."),
            ("assistant", "Hmm. Patient the cat is, and tuna it wants. Tokens, small pieces of text they are."),
        )
    ],
    {"role": "user", "content": "Explain LLMs in one paragraph"},
]


def streamed_tokens_per_s(client: OpenAI, messages: list[dict], repeats: int = 20, length: int | None = None) -> float:
    """Tokens per second streamed; with `length`, every reply is exactly that long (ignore_eos)."""
    begin, tokens = time.perf_counter(), 0
    for _ in range(repeats):
        stream = client.chat.completions.create(
            model=MODEL,
            messages=messages,
            max_tokens=length or 2000,
            stream=True,
            stream_options={"include_usage": True},
            extra_body={"ignore_eos": True} if length else None,
        )
        for chunk in stream:
            if chunk.usage:
                tokens += chunk.usage.completion_tokens
    return tokens / (time.perf_counter() - begin)


def serve_startup_and_http_speed() -> tuple[float, float, float, float, int]:
    port = free_port()
    started = time.perf_counter()
    # The server gets one core of its own; this client (the openai SDK parsing every chunk) the other.
    server = subprocess.Popen(
        ["taskset", "-c", str(SERVER_CORE), sys.executable, "-m", "components.builtin_model", "--port", str(port)]
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/v1/models", server)
        startup = time.perf_counter() - started
        client = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="x")
        messages = [{"role": "user", "content": "Explain LLMs in one paragraph"}]
        begin, tokens = time.perf_counter(), 0
        for _ in range(20):
            response = client.chat.completions.create(model=MODEL, messages=messages, max_tokens=2000, n=8)
            tokens += response.usage.completion_tokens
        non_streaming = tokens / (time.perf_counter() - begin)
        streaming = streamed_tokens_per_s(client, messages)
        long_context = streamed_tokens_per_s(client, LONG_CONTEXT, length=500)
        prompt_tokens = client.chat.completions.create(model=MODEL, messages=LONG_CONTEXT, max_tokens=1).usage
        return startup, non_streaming, streaming, long_context, prompt_tokens.prompt_tokens
    finally:
        server.terminate()
        server.wait()


def measure(quick: bool = False) -> dict:
    affinity = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {CLIENT_CORE})  # everything measured here runs on one core
    try:
        tokens = model_tokens_per_s(20_000 if quick else 200_000)
        results = {"model_tokens_per_s": round(tokens), "model_load_s": round(load_seconds(), 3)}
        startup, non_streaming, streaming, long_context, context_tokens = serve_startup_and_http_speed()
    finally:
        os.sched_setaffinity(0, affinity)
    results.update(
        {
            "server_startup_s": round(startup, 3),
            "http_tokens_per_s": round(non_streaming),
            "http_streaming_tokens_per_s": round(streaming),
            f"http_streaming_tokens_per_s_500_token_replies_{context_tokens}_token_context": round(long_context),
        }
    )
    return results


def main() -> dict:
    results = measure()
    print(json.dumps(results, indent=2))
    record.save("builtin_speed", results)
    return results


if __name__ == "__main__":
    main()
