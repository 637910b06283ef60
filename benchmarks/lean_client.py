"""A browser-like Gradio client for load tests: it speaks the queue protocol (POST /queue/join, then the
session's SSE stream /queue/data) with one shared async HTTP client, so a hundred users cost the load
generator little CPU — as real students' browsers cost the server's machine nothing."""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any

import httpx2

# The Streaming tab's own (private) event, as the page sends it.
PAGE_STREAM = "stream_chat"
LABEL_KEY = re.compile(r'"key": "([^"]+)"')  # a control's catalog key, in its translated label


def page_stream_values(message: str, max_tokens: int, host: str = "custom") -> dict[str, Any]:
    """What a student sets on the Streaming tab, by the controls' catalog keys; the others keep their start."""
    return {
        "stream.message": message,
        "knobs.system": "",  # the workload the README's figures were measured with: no system message
        "knobs.max_tokens": max_tokens,
        "host.label": host,
        "model.label": "",
    }


@dataclass
class PageEvent:
    """A page event as the browser sends it: its index, and its inputs in the order the page lists them."""

    index: int
    inputs: list[tuple[str | None, Any]]  # (the control's catalog key, its start value) per input

    def data(self, values: dict[str, Any]) -> list:
        """The event's input values: `values` by catalog key (e.g. "stream.message"), every other at its start."""
        return [values.get(key, start) if key else start for key, start in self.inputs]


async def find_page_event(http: httpx2.AsyncClient, base: str, api_name: str) -> PageEvent:
    config = (await http.get(f"{base}/config")).json()
    components = {c["id"]: c.get("props", {}) for c in config["components"]}
    for dependency in config["dependencies"]:
        if dependency.get("api_name") == api_name:
            inputs = []
            for input_id in dependency["inputs"]:
                props = components[input_id]
                key = LABEL_KEY.search(str(props.get("label") or ""))
                inputs.append((key.group(1) if key else None, props.get("value")))
            return PageEvent(dependency["id"], inputs)
    raise LookupError(api_name)


def answer_grew(message: dict) -> bool:
    """Whether a streamed update adds text to the conversation (the event's first output). The 1st update shows
    the question; a note that the host is slow ("Waiting… 1 s") changes another output and is not a first token."""
    changes = ((message.get("output") or {}).get("data") or [[]])[0]
    return any(isinstance(change, list) and change[-1] for change in changes or [])


class Session:
    """One user: a session hash, like one open browser tab."""

    def __init__(self, http: httpx2.AsyncClient, base: str):
        self.http, self.base, self.hash = http, base, uuid.uuid4().hex[:11]

    async def stream(self, event: PageEvent, values: dict[str, Any]) -> dict:
        """Run one event with these values (by catalog key); return the time to the first streamed text, the
        total time, how many updates and queue-place messages came, and the final outputs."""
        started = time.perf_counter()
        body = {
            "data": event.data(values),
            "fn_index": event.index,
            "session_hash": self.hash,
            "event_data": None,
            "trigger_id": None,
        }
        joined = await self.http.post(f"{self.base}/gradio_api/queue/join", json=body)
        joined.raise_for_status()
        generating, estimations, first, success, final = 0, 0, None, False, None
        url = f"{self.base}/gradio_api/queue/data"
        async with self.http.stream("GET", url, params={"session_hash": self.hash}) as response:
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                kind = message.get("msg")
                estimations += kind == "estimation"
                if kind == "process_generating":
                    generating += 1
                    if first is None and generating > 1 and answer_grew(message):
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
            "estimations": estimations,  # the queue's "your place in line" messages
            "success": success,
            "final": final,
        }
