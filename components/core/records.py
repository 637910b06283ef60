"""What a session sent and got back, as plain records: a call (its request value), a chain of steps, and an
exchange (a call and its answer, what exports are made of). No gradio here."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from components.core.settings import ChatRequest


@dataclass(frozen=True)
class Call:
    """One request of a script: its value, a title printed before its answer (e.g. "few-shot"), and where an
    image in it comes from."""

    request: ChatRequest
    stream: bool = False
    title: str = ""
    image_file: str | None = None  # the data URL of the request's image is read from this file
    resized_to: tuple[int, int] | None = None


@dataclass(frozen=True)
class Chain:
    """A chain of steps: each step's prompt template, filled with {input}, {previous} and {stepN}."""

    request: ChatRequest  # the first step's request (host, model, settings); each step sends its own prompt
    first_input: str
    templates: list[str] = field(default_factory=list)
    stream: bool = True


@dataclass(frozen=True)
class ToolRun:
    """A function-calling loop: its first request (the tools, tool_choice, the user's message), sent again with
    each round's tool calls and results until the model answers in text."""

    request: ChatRequest


@dataclass(frozen=True)
class Exchange:
    """One call a session made and what came back: what an export is made of."""

    call: Call
    answer: str
    usage: dict | None = None


def without_image_data(call: Call) -> Call:
    """The call with each image's base64 replaced by a short note (a kept session must stay small)."""
    if not call.image_file:
        return call
    messages = json.loads(json.dumps(call.request.messages))
    for message in messages:
        for part in message["content"] if isinstance(message["content"], list) else []:
            if "image_url" in part:
                url = part["image_url"]["url"]
                part["image_url"]["url"] = f"{url.split(',', 1)[0]},<{call.image_file}>"
    return Call(
        call.request.model_copy(update={"messages": messages}),
        call.stream,
        call.title,
        call.image_file,
        call.resized_to,
    )
