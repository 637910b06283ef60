"""Function calling as the lesson's scripts do it (function_calling_*.py): tools written as JSON Schema functions,
then a loop — ask the model; if it asks for tool calls, run each with the app's own tools and send the results
back as `tool` messages; stop when it answers in text. Each step is one of these two, so a student can walk it.
What a visitor types here (the tools' JSON) is untrusted: read as JSON, bounded, never run. No gradio here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from components.core.calls import Choice
from components.core.settings import ChatRequest
from components.i18n import UserError
from components.lessons.app_tools import run_tool_call

MOST_CHARACTERS = 12_000
MOST_TOOLS = 8
MOST_DEPTH = 12  # of a tool's parameters schema
MOST_ROUNDS = 5  # requests to the model in one run: a model that keeps calling tools is stopped here
NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
CHOICES = ("auto", "required", "none")


def read_tools(text: str) -> list[dict]:
    """The tools' JSON as `tools=[...]` sends it, or UserError("tools.*") naming what is wrong and where. A bare
    function ({"name", "description", "parameters"}) or a single tool is taken as the list it stands for."""
    if not (text or "").strip():
        raise UserError("tools.empty")
    if len(text) > MOST_CHARACTERS:
        raise UserError("tools.too_long", most=MOST_CHARACTERS)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError("tools.json", line=error.lineno, problem=error.msg) from None
    except RecursionError:
        raise UserError("tools.too_deep", most=MOST_DEPTH) from None
    tools = value if isinstance(value, list) else [value]
    if not tools or len(tools) > MOST_TOOLS:
        raise UserError("tools.count", most=MOST_TOOLS)
    read, names = [], set()
    for number, tool in enumerate(tools, start=1):
        if isinstance(tool, dict) and "function" not in tool and "name" in tool:
            tool = {"type": "function", "function": tool}  # the bare function
        function = tool.get("function") if isinstance(tool, dict) and tool.get("type") == "function" else None
        if not isinstance(function, dict) or set(function) - {"name", "description", "parameters", "strict"}:
            raise UserError("tools.shape", number=number)
        name = function.get("name")
        if not isinstance(name, str) or not NAME.match(name):
            raise UserError("tools.name", number=number)
        if name in names:
            raise UserError("tools.duplicate", name=name)
        names.add(name)
        if not isinstance(function.get("description", ""), str):
            raise UserError("tools.shape", number=number)
        parameters = function.get("parameters", {"type": "object", "properties": {}})
        if not isinstance(parameters, dict) or parameters.get("type") != "object":
            raise UserError("tools.parameters", name=name)
        if _depth(parameters) > MOST_DEPTH:
            raise UserError("tools.too_deep", most=MOST_DEPTH)
        read.append({"type": "function", "function": function})
    return read


def _depth(value, level: int = 0) -> int:
    if isinstance(value, dict):
        return max((_depth(item, level + 1) for item in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(item, level + 1) for item in value), default=level)
    return level


def tool_names(tools: list[dict]) -> list[str]:
    return [tool["function"]["name"] for tool in tools]


def choice_value(choice: str | None, tools: list[dict]) -> str | dict | None:
    """The page's tool_choice (auto, required, none or a tool's name) as the request sends it."""
    choice = (choice or "auto").strip()
    if choice in CHOICES:
        return choice
    if choice in tool_names(tools):
        return {"type": "function", "function": {"name": choice}}
    raise UserError("tools.choice", choice=choice[:64], names=", ".join(tool_names(tools)))


@dataclass
class ToolLoop:
    """A run of the loop: the first request (host, model, knobs, tools), the messages so far, each request body
    sent, the tool calls waiting to be run, and the answer once the model writes one."""

    request: ChatRequest
    messages: list[dict]
    bodies: list[dict] = field(default_factory=list)
    waiting: list[dict] = field(default_factory=list)  # the model's tool calls the app has not run yet
    answer: str | None = None
    results: int = 0  # tool results sent back

    @property
    def asked(self) -> int:
        return len(self.bodies)

    @property
    def done(self) -> bool:
        return self.answer is not None or (self.asked >= MOST_ROUNDS and not self.waiting)

    def step(self) -> ChatRequest | None:
        """One step of the loop: run the tool calls the model is waiting for (then None), or else the next request
        to send (kept among the bodies sent); the caller sends it and gives the model's message to `take`."""
        if self.waiting:
            self.run_tools()
            return None
        request = self.next_request()
        self.bodies.append(request.to_api())
        return request

    def next_request(self) -> ChatRequest:
        """The next request: the messages so far. Once results are in, "required" or a named tool would make the
        model call again and again: from then on it may choose ("auto"), as the code view's loop does too."""
        choice = self.request.tool_choice
        if self.results and choice not in (None, "auto", "none"):
            choice = "auto"
        return self.request.model_copy(update={"messages": list(self.messages), "tool_choice": choice})

    def take(self, choice: Choice) -> None:
        """The model's message: its tool calls wait to be run, or its text is the answer."""
        message: dict = {"role": "assistant", "content": choice.text or None}
        if choice.tool_calls:
            message["tool_calls"] = choice.tool_calls
            self.waiting = list(choice.tool_calls)
        else:
            self.answer = choice.text
        self.messages.append(message)

    def run_tools(self) -> None:
        """Run each waiting call with the app's tools; each result goes back as a `tool` message."""
        for call in self.waiting:
            result = json.dumps(run_tool_call(call), ensure_ascii=False)
            self.messages.append({"role": "tool", "tool_call_id": str(call.get("id", "")), "content": result})
            self.results += 1
        self.waiting = []


def code_span(text: str) -> str:
    """Text shown as it is, on one line, in Markdown (a span fenced by more backticks than it holds)."""
    text = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def conversation(messages: list[dict]) -> str:
    """The messages, numbered, as the page shows the loop: what each role said, the calls, the results."""
    lines = []
    for number, message in enumerate(messages, start=1):
        role = message["role"]
        if message.get("tool_calls"):
            calls = [
                f"   - {code_span(call['function']['name'] + '(' + call['function'].get('arguments', '') + ')')}"
                f" · id {code_span(call.get('id', ''))}"
                for call in message["tool_calls"]
            ]
            lines.append(f"{number}. **assistant** → `tool_calls`\n" + "\n".join(calls))
        elif role == "tool":
            said = code_span(message["content"])
            lines.append(f"{number}. **tool** · id {code_span(message['tool_call_id'])}\n   {said}")
        else:
            text = str(message.get("content") or "").strip().replace("\n", "\n   ")
            lines.append(f"{number}. **{role}** · {text}")
    return "\n".join(lines)
