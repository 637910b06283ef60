"""What each API endpoint sends, as values (records.Call, records.Chain), built once: the endpoint sends them and
its `_code` twin writes them as a script. `a` is the endpoint's arguments by name. No gradio here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from components.classroom.playground import Playground
from components.core.history import to_openai_messages
from components.core.hosts import HOSTS_BY_ID
from components.core.images import PreparedImage, prepare_image
from components.core.records import Call, Chain, ToolRun
from components.core.settings import KNOBS, ChatRequest, GenerationSettings
from components.i18n import UserError, preset, ui
from components.lessons.app_tools import tool_definitions
from components.lessons.schemas import read_schema, response_format_of
from components.lessons.teaching import (
    chat_messages,
    check_steps,
    example_pairs,
    few_shot_messages,
    persona_prompt,
    require_text,
    vision_messages,
)
from components.lessons.tool_loop import choice_value, read_tools

SHOWN_ALTERNATIVES = 5  # alternatives asked for each token when the page shows probabilities


def knobs_in(arguments: dict) -> dict:
    """The knob parameters among an endpoint's arguments."""
    return {name: arguments[name] for name in KNOBS if name in arguments}


class Plans:
    def __init__(self, playground: Playground):
        self.playground = playground

    def settings(self, a: dict, lang: str) -> GenerationSettings:
        """The knobs among `a`; with `probabilities` (the page's switch) also every token's logprob and its
        top alternatives."""
        if a["host"] not in HOSTS_BY_ID:
            raise UserError("unknown_host", host=a["host"])
        settings = GenerationSettings.from_knobs(lang, **knobs_in(a))
        if a.get("probabilities"):
            settings = settings.model_copy(update={"logprobs": True, "top_logprobs": SHOWN_ALTERNATIVES})
        return settings

    def request(self, a: dict, lang: str, messages: list[dict]) -> ChatRequest:
        return self.playground.request(a["host"], a["model"], messages, self.settings(a, lang))

    def chat(self, a: dict, lang: str) -> list[Call]:
        return [Call(self.request(a, lang, chat_messages(a["system_prompt"], a["message"])))]

    def stream(self, a: dict, lang: str) -> list[Call]:
        history = to_openai_messages(a["history"], a["system_prompt"], self.playground.uploads)
        messages = history + chat_messages("", a["message"])
        return [Call(self.request(a, lang, messages), stream=True)]

    def persona(self, a: dict, lang: str) -> list[Call]:
        # The page sends its system box as it is; the API names a preset (or writes the prompt itself).
        system = a["system_prompt"] if "system_prompt" in a else persona_prompt(a["persona"], lang)
        calls = [Call(self.request(a, lang, chat_messages(system, a["question"])), True, ui("persona.with", lang))]
        if a["compare"]:
            calls.append(
                Call(self.request(a, lang, chat_messages("", a["question"])), True, ui("persona.without", lang))
            )
        return calls

    def few_shot(self, a: dict, lang: str) -> list[Call]:
        examples, system_prompt = a["examples"], a["system_prompt"]
        if examples is None:  # the lesson's "hints, not answers"
            preset_system, preset_pairs, _ = preset("few_shot", lang)["hints"]
            examples = [list(pair) for pair in preset_pairs]
            system_prompt = preset_system if system_prompt is None else system_prompt
        pairs, _ = example_pairs(examples)
        messages = few_shot_messages(system_prompt or "", pairs, a["question"])
        calls = [Call(self.request(a, lang, messages), title=ui("fewshot.answer", lang))]
        if a["zero_shot"]:
            zero = few_shot_messages(system_prompt or "", [], a["question"])
            calls.append(Call(self.request(a, lang, zero), title=ui("fewshot.zero", lang)))
        return calls

    def chain(self, a: dict, lang: str) -> Chain:
        templates = check_steps(preset("chain", lang)[1] if a["steps"] is None else a["steps"])
        return Chain(self.request(a, lang, []), require_text(a["input"]), templates)

    def shape(self, a: dict, lang: str):
        """The answer's shape: the pydantic classes typed as Python (read, never run); left out, a cat's profile."""
        return read_schema(preset("structured", lang)["cat"][0] if a.get("schema") is None else a["schema"])

    def structured(self, a: dict, lang: str) -> list[Call]:
        """The message, with the answer's shape as a strict JSON Schema in response_format, as parse() sends it."""
        shape = self.shape(a, lang)
        settings = self.settings(a, lang).model_copy(update={"response_format": response_format_of(shape)})
        messages = chat_messages(a["system_prompt"], require_text(a["message"]))
        return [Call(self.playground.request(a["host"], a["model"], messages, settings))]

    def tools(self, a: dict, lang: str) -> ToolRun:
        """The message with the tools (their JSON; left out: the app's weather tool), tool_choice and
        parallel_tool_calls: the loop's first request."""
        text = a.get("tools")
        if text is None:
            text = json.dumps(tool_definitions(["get_weather"], preset("tool_descriptions", lang)))
        tools = read_tools(text)
        messages = chat_messages(a["system_prompt"], require_text(a["message"]))
        request = self.request(a, lang, messages).model_copy(
            update={
                "tools": tools,
                "tool_choice": choice_value(a.get("tool_choice"), tools),
                "parallel_tool_calls": a.get("parallel_tool_calls"),
            }
        )
        return ToolRun(request)

    def vision(self, a: dict, lang: str) -> list[Call]:
        return self.vision_and_image(a, lang)[0]

    def vision_and_image(self, a: dict, lang: str) -> tuple[list[Call], PreparedImage]:
        """The call, and the image as sent (checked, maybe shrunk: the page shows what became of it). The page
        streams the answer (`stream`); the API waits for it."""
        path = image_path(a["image"])
        if not path:
            raise UserError("no_image")
        settings = self.settings(a, lang)  # a bad knob is said before the image is read
        prepared = prepare_image(path, self.playground.uploads)
        question = a["question"] or preset("vision_question", lang)
        messages = vision_messages(question, prepared.data_url, a["detail"])
        request = self.playground.request(a["host"], a["model"], messages, settings)
        changed = prepared.resized or prepared.size_bytes != prepared.original_bytes  # shrunk or re-encoded
        resized = (prepared.width, prepared.height) if changed else None
        call = Call(request, bool(a.get("stream")), image_file=Path(path).name, resized_to=resized)
        return [call], prepared


def image_path(image) -> str | None:
    """The uploaded file's path, whether gradio_client sent FileData or a plain dict, or the page a path."""
    if isinstance(image, str):
        return image
    return (image or {}).get("path") if isinstance(image, dict) else getattr(image, "path", None)


def arguments(values: dict[str, Any]) -> dict[str, Any]:
    """An endpoint's arguments from its locals(), its knobs among them."""
    own = {k: v for k, v in values.items() if k not in ("request", "lang", "self", "knobs")}
    return {**own, **(values.get("knobs") or {})}
