"""Function calling on the builtin model: the request's `tools` and `tool_choice` checked the way OpenAI checks
them, which tool (if any) a reply calls, and the answer after a tool's result.

With `tool_choice` "required" or a named tool it always calls one; with "auto" it calls the tool whose name and
description share words with the user's last message (by stems, Spanish or English: "¿Qué tiempo hace en Madrid?"
meets "get_weather: the current weather in a city"), and answers in text otherwise. Its arguments are written
under the tool's parameters schema (schema_mode.py). After a `tool` message it answers with that result."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .api_error import ApiError
from .words import STOPWORDS, stems

NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
MOST_TOOLS = 128
# Words a tool's description uses that say nothing about its subject
GENERIC = set(stems("get set current given return returns value values the a for of in to tool function data use"))
# The same subject in the other language (stems): a Spanish question meets an English description
SYNONYMS = {
    "weather": "tiempo clima temperatura lluvia llueve calor frío sol pronóstico forecast temperature rain cold hot"
    " sunny snow wind",
    "convert": "convertir convierte conversión unidad unidades unit units kilómetros millas grados metros km miles"
    " kilometers pounds libras kilos fahrenheit celsius",
    "cat": "gato gatos gata felino",
    "fact": "dato datos curiosidad curioso",
    "city": "ciudad",
    "time": "hora",
}
RESULT_REPLY = {"en": "According to {name}: {facts}.", "es": "Según {name}: {facts}."}


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    parameters: dict


def read_tools(body: dict) -> tuple[list[Tool], str | dict | None]:
    """The request's tools and tool_choice, checked as OpenAI does (its 400s)."""
    tools, choice = body.get("tools"), body.get("tool_choice")
    if tools is None:
        if choice is not None:
            message = "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified."
            raise ApiError(400, message, "tool_choice", "invalid_value")
        return [], None
    if not isinstance(tools, list) or len(tools) > MOST_TOOLS:
        message = f"Invalid 'tools': expected an array of at most {MOST_TOOLS} tools."
        raise ApiError(400, message, "tools", "invalid_type")
    read = []
    for i, tool in enumerate(tools):
        function = tool.get("function") if isinstance(tool, dict) and tool.get("type") == "function" else None
        name = function.get("name") if isinstance(function, dict) else None
        if not isinstance(name, str) or not NAME.match(name):
            message = f'Invalid \'tools[{i}]\': expected {{"type": "function", "function": {{"name": …}}}} '
            message += "with a name of letters, digits, _ or - (at most 64)."
            raise ApiError(400, message, f"tools[{i}].function.name", "invalid_value")
        parameters = function.get("parameters") or {"type": "object", "properties": {}}
        if not isinstance(parameters, dict):
            raise ApiError(400, f"Invalid 'tools[{i}].function.parameters': expected an object.", f"tools[{i}]")
        read.append(Tool(name, str(function.get("description") or ""), parameters))
    if choice not in (None, "auto", "none", "required"):
        function = choice.get("function") if isinstance(choice, dict) else None
        named = function.get("name") if isinstance(function, dict) else None
        if named not in {tool.name for tool in read}:
            message = 'Invalid \'tool_choice\': expected "none", "auto", "required" or a function of \'tools\'.'
            raise ApiError(400, message, "tool_choice", "invalid_value")
    return read, choice


def _subject(text: str) -> set[str]:
    words = set(stems(re.sub(r"[_-]|(?<=[a-z])(?=[A-Z])", " ", text))) - STOPWORDS - GENERIC
    for word, others in SYNONYMS.items():
        family = set(stems(f"{word} {others}"))
        if words & family:
            words |= family
    return words


def tool_to_call(tools: list[Tool], choice, texts: list[tuple[str, str]]) -> Tool | None:
    """The tool this reply calls, or None (a text answer)."""
    if not tools or choice == "none":
        return None
    if isinstance(choice, dict):
        return next(tool for tool in tools if tool.name == choice["function"]["name"])
    last_role = texts[-1][0] if texts else ""
    if choice != "required" and last_role == "tool":
        return None  # the result is in: answer with it
    asked = _subject(next((text for role, text in reversed(texts) if role == "user"), ""))
    scores = [len(asked & _subject(f"{tool.name} {tool.description}")) for tool in tools]
    best = max(range(len(tools)), key=lambda i: scores[i])
    return tools[best] if scores[best] or choice == "required" else None


def result_reply(texts: list[tuple[str, str]], names: dict[str, str], language: str) -> str | None:
    """After tool results (the last messages), the answer that says them."""
    results = []
    for role, text in reversed(texts):
        if role != "tool":
            break
        results.append(text)
    if not results:
        return None
    facts = []
    for text in reversed(results):
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        if isinstance(value, dict):
            shown = {key: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for key, v in value.items()}
            facts += [f"{key} {v}" for key, v in shown.items()]
        else:
            facts.append(str(value).strip())
    called = ", ".join(dict.fromkeys(names.values())) or "tool"
    return RESULT_REPLY[language].format(name=called, facts=", ".join(facts))
