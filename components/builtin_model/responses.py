"""OpenAI's Responses API on the builtin model (/v1/responses): `input` as text or messages, `instructions`,
`max_output_tokens`, temperature/top_p, `text.format` (json_object / json_schema as in chat), streaming with the
typed events the SDK reads, and `previous_response_id` for the last responses kept (a bounded memory). The same
model, checks and limits as chat: a Responses body is read as the chat request it amounts to."""

from __future__ import annotations

import json
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator

from .api import ApiError, ParsedRequest, parse
from .generation import Finish, run_choice
from .model import NGramModel

KEPT_RESPONSES = 1000  # the last responses a previous_response_id may name (the oldest are forgotten)
PART_TYPES = {"input_text", "output_text", "text"}


class ResponseMemory:
    """The conversation behind each recent response id, for previous_response_id."""

    def __init__(self, most: int = KEPT_RESPONSES):
        self.most, self.kept = most, OrderedDict()

    def remember(self, response_id: str, messages: list[dict]) -> None:
        self.kept[response_id] = messages
        while len(self.kept) > self.most:
            self.kept.popitem(last=False)

    def recall(self, response_id) -> list[dict]:
        if response_id not in self.kept:
            message = f"Previous response with id '{response_id}' not found."
            raise ApiError(400, message, "previous_response_id", "previous_response_not_found")
        return list(self.kept[response_id])


def _messages(given) -> list[dict]:
    """`input` as chat messages: a text is one user message; items keep their role, their text parts joined."""
    if isinstance(given, str):
        return [{"role": "user", "content": given}]
    if not isinstance(given, list) or not given:
        raise ApiError(400, "Invalid 'input': expected a string or a non-empty array of messages.", "input")
    messages = []
    for i, item in enumerate(given):
        role, content = (item.get("role"), item.get("content")) if isinstance(item, dict) else (None, None)
        if isinstance(content, list):
            texts = [p.get("text") for p in content if isinstance(p, dict) and p.get("type") in PART_TYPES]
            content = "\n".join(t for t in texts if isinstance(t, str)) if len(texts) == len(content) else None
        if role not in ("user", "assistant", "system", "developer") or not isinstance(content, str):
            message = f"Invalid 'input[{i}]': expected a message with a role and text content (images are not read)."
            raise ApiError(400, message, f"input[{i}]", "invalid_value")
        messages.append({"role": role, "content": content})
    return messages


def parse_response_request(body: object, model: NGramModel, memory: ResponseMemory) -> tuple[ParsedRequest, dict]:
    """The chat request a Responses body amounts to, and what the answer repeats of the request."""
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    if body.get("tools"):
        raise ApiError(400, "This server's /v1/responses takes no tools: use /v1/chat/completions.", "tools")
    earlier = memory.recall(body["previous_response_id"]) if body.get("previous_response_id") else []
    instructions = body.get("instructions")
    if instructions is not None and not isinstance(instructions, str):
        raise ApiError(400, "Invalid 'instructions': expected a string.", "instructions", "invalid_type")
    current = _messages(body.get("input"))
    system = [{"role": "developer", "content": instructions}] if instructions else []
    text = body.get("text") or {}
    text_format = (text.get("format") or {"type": "text"}) if isinstance(text, dict) else None
    if not isinstance(text_format, dict):
        raise ApiError(400, "Invalid 'text.format': expected an object.", "text.format", "invalid_type")
    chat = {
        "model": body.get("model"),
        "messages": system + earlier + current,
        "temperature": body.get("temperature"),
        "top_p": body.get("top_p"),
        "max_tokens": body.get("max_output_tokens"),
        "stream": bool(body.get("stream")),
    }
    if text_format.get("type") == "json_schema":  # the Responses shape: name, schema and strict at one level
        chat["response_format"] = {
            "type": "json_schema",
            "json_schema": {k: v for k, v in text_format.items() if k != "type"},
        }
    elif text_format.get("type") != "text":
        chat["response_format"] = text_format
    parsed = parse(chat, model)
    echoed = {
        "instructions": instructions,
        "max_output_tokens": body.get("max_output_tokens"),
        "previous_response_id": body.get("previous_response_id"),
        "temperature": 1.0 if body.get("temperature") is None else body.get("temperature"),
        "top_p": 1.0 if body.get("top_p") is None else body.get("top_p"),
        "text": {"format": text_format},
        "conversation": earlier + current,
    }
    return parsed, echoed


def response_events(model: NGramModel, parsed: ParsedRequest, echoed: dict, memory: ResponseMemory) -> Iterator[dict]:
    """The response as the SDK's stream events (its last event holds the whole response)."""
    response_id, message_id = f"resp_{uuid.uuid4().hex}", f"msg_{uuid.uuid4().hex}"
    conversation = echoed.pop("conversation")
    shell = {
        "id": response_id,
        "object": "response",
        "created_at": time.time(),
        "model": parsed.model,
        "status": "in_progress",
        "output": [],
        "parallel_tool_calls": False,
        "tool_choice": "none",
        "tools": [],
        "error": None,
        "incomplete_details": None,
        "metadata": {},
        "usage": None,
        **echoed,
    }
    item = {"type": "message", "id": message_id, "status": "in_progress", "role": "assistant", "content": []}
    part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    where = {"item_id": message_id, "output_index": 0, "content_index": 0}
    yield {"type": "response.created", "response": shell}
    yield {"type": "response.in_progress", "response": shell}
    yield {"type": "response.output_item.added", "output_index": 0, "item": item}
    yield {"type": "response.content_part.added", **where, "part": part}
    text, finish = "", None
    for event in run_choice(model, parsed.plan, 0):
        if isinstance(event, Finish):
            finish = event
        elif event.text:
            text += event.text
            yield {"type": "response.output_text.delta", **where, "delta": event.text, "logprobs": []}
    done_part = {**part, "text": text}
    yield {"type": "response.output_text.done", **where, "text": text, "logprobs": []}
    yield {"type": "response.content_part.done", **where, "part": done_part}
    cut = finish is not None and finish.reason == "length"
    done_item = {**item, "status": "incomplete" if cut else "completed", "content": [done_part]}
    yield {"type": "response.output_item.done", "output_index": 0, "item": done_item}
    output_tokens = finish.completion_tokens if finish else 0
    usage = {
        "input_tokens": parsed.prompt_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": parsed.prompt_tokens + output_tokens,
    }
    final = {**shell, "status": "incomplete" if cut else "completed", "output": [done_item], "usage": usage}
    if cut:
        final["incomplete_details"] = {"reason": "max_output_tokens"}
    memory.remember(response_id, [*conversation, {"role": "assistant", "content": text}])
    yield {"type": "response.incomplete" if cut else "response.completed", "response": final}


def sse(events: Iterator[dict]) -> Iterator[str]:
    for number, event in enumerate(events):
        event = {**event, "sequence_number": number}
        yield f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
