"""A browser-like Gradio client for load tests: it speaks the queue protocol (POST /queue/join, then the
session's SSE stream /queue/data) with one shared async HTTP client, so a hundred users cost the load
generator little CPU — as real students' browsers cost the server's machine nothing."""

from __future__ import annotations

import json
import time
import uuid

import httpx2

# The Streaming tab's own (private) event, as the page sends it.
PAGE_STREAM = "stream_chat"


def page_stream_data(message: str, max_tokens: int, host: str = "custom") -> list:
    """Its inputs: message, chatbot history, system prompt, show probabilities, the tab's cost so far, host,
    model, then the knobs (tabs/knob_panel.PANEL_KNOBS: temperature, max tokens, n, top_p, seed, stop,
    presence and frequency penalty, JSON mode)."""
    return [message, [], "", False, 0.0, host, "", 0.7, max_tokens, 1, 1, None, "", 0, 0, False]


async def fn_index(http: httpx2.AsyncClient, base: str, api_name: str) -> int:
    config = (await http.get(f"{base}/config")).json()
    for dependency in config["dependencies"]:
        if dependency.get("api_name") == api_name:
            return dependency["id"]
    raise LookupError(api_name)


class Session:
    """One user: a session hash, like one open browser tab."""

    def __init__(self, http: httpx2.AsyncClient, base: str):
        self.http, self.base, self.hash = http, base, uuid.uuid4().hex[:11]

    async def stream(self, index: int, data: list) -> dict:
        """Run one event; return the time to the first streamed text, the total time, how many updates and
        the final outputs."""
        started = time.perf_counter()
        body = {"data": data, "fn_index": index, "session_hash": self.hash, "event_data": None, "trigger_id": None}
        joined = await self.http.post(f"{self.base}/gradio_api/queue/join", json=body)
        joined.raise_for_status()
        generating, first, success, final = 0, None, False, None
        url = f"{self.base}/gradio_api/queue/data"
        async with self.http.stream("GET", url, params={"session_hash": self.hash}) as response:
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                kind = message.get("msg")
                if kind == "process_generating":
                    generating += 1
                    if generating == 2 and first is None:  # the 1st update shows the question, the 2nd the answer
                        first = time.perf_counter() - started
                elif kind == "process_completed":
                    success = bool(message.get("success"))
                    final = (message.get("output") or {}).get("data")  # every output's final value
                    break
        total = time.perf_counter() - started
        return {
            "first_s": first if first is not None else total,
            "total_s": total,
            "updates": generating,
            "success": success,
            "final": final,
        }
