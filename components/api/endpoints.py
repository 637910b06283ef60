"""The playground's API for gradio_client: one typed endpoint per tab, with the parameters a person would
pass (the message first, everything else optional with the page's defaults) and plain return values.
They share the tabs' logic (teaching.py, Playground); the page's own events are private."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import gradio as gr
from gradio.data_classes import FileData

from components.api.api_arguments import as_api
from components.api.boundary import fail, language
from components.api.code_endpoints import register_code_twin
from components.api.experiment_endpoints import register_experiments
from components.api.knob_parameters import with_knobs
from components.classroom.playground import Playground
from components.core.pacing import side_by_side, throttled
from components.lessons import tokens
from components.lessons.plans import Plans, arguments
from components.lessons.schemas import structured_result
from components.lessons.teaching import chat_messages, run_chain
from components.lessons.tool_loop import ToolLoop

ENDPOINTS = (
    *("chat", "stream", "persona", "few_shot", "chain", "vision", "structured", "tools"),
    *("models", "tokenize", "next_token"),
    *("compare", "sweep"),  # experiment_endpoints.py
)


def register(playground: Playground, names: tuple[str, ...] = ENDPOINTS) -> None:
    """Add the endpoints named to the Blocks (the page) being built. `host` defaults to the app's start host and
    `model` to that host's default model. Each tab's endpoint gets a `_code` twin: the same parameters, the script."""
    start = playground.default_host
    plans = Plans(playground)

    @with_knobs("all")
    async def chat(
        message: str,
        system_prompt: str = "",
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> dict:
        """One call: every choice's text and finish_reason, the usage, the latency, the model, the cost in USD
        (None when the price is unknown) and the request body that was sent. A knob at its default is not sent."""
        lang = language(request)
        try:
            (call,) = plans.chat(arguments(locals()), lang)
            result = await playground.complete(call.request)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return {
            "choices": [{"text": c.text, "finish_reason": c.finish_reason} for c in result.choices],
            "usage": result.usage,
            "latency_s": round(result.latency_s, 3),
            "model": result.model,
            "cost_usd": playground.prices.cost(host, result.model, result.usage),
            "request": call.request.to_api(),
        }

    @with_knobs("one_answer")
    async def stream(
        message: str,
        history: list[dict] | None = None,
        system_prompt: str = "",
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> AsyncIterator[str]:
        """The answer text so far, as it streams. `history`: earlier turns as [{"role", "content"}, …]."""
        lang = language(request)
        try:
            (call,) = plans.stream(arguments(locals()), lang)
            async for update in throttled(playground.stream(call.request)):
                yield update.text
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None

    @with_knobs("in_sight")
    async def persona(
        question: str,
        persona: str = "yoda",
        compare: bool = True,
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> dict:
        """The same question with a persona's system message and (compare=True) without one. `persona` is a
        preset id (yoda, chespirito, pirate, teacher, json, eli10) or a system prompt of your own."""
        lang = language(request)
        try:
            calls = plans.persona(arguments(locals()), lang)
            texts: list[str | None] = ["", "" if compare else None]
            async for index, item in side_by_side(*(playground.stream(c.request) for c in calls)):
                if isinstance(item, Exception):
                    raise item
                texts[index] = item.text
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        system = calls[0].request.messages[0]["content"]
        return {"system_prompt": system, "with_system": texts[0], "without_system": texts[1]}

    @with_knobs("in_sight")
    async def few_shot(
        question: str,
        examples: list[list[str]] | None = None,
        system_prompt: str | None = None,
        zero_shot: bool = True,
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> dict:
        """Examples as real user/assistant turns before the question: `examples` is [[user, assistant], …]
        (left out: the lesson's "hints, not answers" examples and their system message)."""
        lang = language(request)
        try:
            calls = plans.few_shot(arguments(locals()), lang)
            results = await asyncio.gather(*(playground.complete(c.request) for c in calls))
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return {
            "answer": results[0].choices[0].text,
            "zero_shot_answer": results[1].choices[0].text if zero_shot else None,
            "messages": calls[0].request.messages,
        }

    @with_knobs("in_sight")
    async def chain(
        input: str,
        steps: list[str] | None = None,
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> list[str]:
        """Each step's output, in order. A step template uses {input}, {previous} and {step1}…{step5}
        (left out: the lesson's explain → review → rewrite)."""
        lang = language(request)
        try:
            planned = plans.chain(arguments(locals()), lang)
            outputs = [""] * len(planned.templates)
            settings = planned.request.settings
            steps = run_chain(playground, host, model, planned.first_input, planned.templates, settings, outputs)
            async for _ in steps:
                pass
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return outputs

    @with_knobs("in_sight")
    async def vision(
        image: FileData,
        question: str | None = None,
        detail: str = "auto",
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> str:
        """The answer about an image (checked, shrunk and sent as a base64 data URL)."""
        lang = language(request)
        try:
            (call,) = plans.vision(arguments(locals()), lang)
            result = await playground.complete(call.request)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return result.choices[0].text

    @with_knobs("in_sight")
    async def structured(
        message: str,
        schema: str | None = None,
        system_prompt: str = "",
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> dict:
        """The answer under a shape: `schema` is pydantic classes typed as Python, read and never run (left out: a
        cat's profile). {"json": the model's text, "parsed": its fields as the last class validates them (None
        when it does not), "problems", "refusal", "shape", "request": the body sent}."""
        lang = language(request)
        try:
            (call,) = plans.structured(arguments(locals()), lang)
            result = await playground.complete(call.request)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        choice = result.choices[0]
        shown = structured_result(plans.shape(arguments(locals()), lang), choice.text, choice.refusal)
        return {**shown, "request": call.request.to_api()}

    @with_knobs("in_sight")
    async def tools(
        message: str,
        tools: str | None = None,
        tool_choice: str = "auto",
        parallel_tool_calls: bool | None = None,
        system_prompt: str = "",
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> dict:
        """The whole function-calling loop, run by the app: ask; run the tool calls the model asks for with the
        app's own tools (get_weather, cat_fact, convert_units: fixed sample data); send the results back; until it
        answers in text. `tools` is their JSON (left out: get_weather); `tool_choice` auto, required, none or a
        tool's name. {"answer", "messages": every message in order, "requests": each body sent}."""
        lang = language(request)
        try:
            planned = plans.tools(arguments(locals()), lang)
            loop = ToolLoop(planned.request, list(planned.request.messages))
            while not loop.done:
                call = loop.step()
                if call is not None:
                    loop.take((await playground.complete(call)).choices[0])
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return {"answer": loop.answer, "messages": loop.messages, "requests": loop.bodies}

    async def models(host: str = start, request: gr.Request = None) -> list[str]:
        """The host's model names, its configured model first."""
        try:
            plans.settings({"host": host}, language(request))  # an unknown host is refused
        except Exception as error:
            raise fail(playground, error, language(request), host, "") from None
        return await playground.models(host)

    def tokenize(text: str, encoding: str = "o200k_base", request: gr.Request = None) -> list[dict]:
        """The text's tokens: [{"token", "id"}] for encoding o200k_base (GPT-4o, 4.1, 5), cl100k_base (GPT-4,
        3.5) or builtin."""
        try:
            playground.limits.admit_light()
            return tokens.tokenize(text or "", encoding)
        except Exception as error:
            raise fail(playground, error, language(request), "", "") from None

    async def next_token(
        text: str,
        system_prompt: str = "",
        top_logprobs: int = 10,
        host: str = start,
        model: str = "",
        reply_so_far: str = "",
        request: gr.Request = None,
    ) -> list[dict]:
        """The likeliest next tokens, most likely first: [{"token", "logprob", "probability"}]. `reply_so_far`
        is the start of the reply to continue (exact on the builtin model; other hosts may begin a new reply)."""
        lang = language(request)
        try:
            plans.settings({"host": host}, lang)
            messages = chat_messages(system_prompt, text)
            if reply_so_far:
                messages.append({"role": "assistant", "content": reply_so_far})
            return await playground.next_token(host, model, messages, top_logprobs)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None

    for endpoint in (chat, stream, persona, few_shot, chain, vision, structured, tools, models, tokenize, next_token):
        if endpoint.__name__ in names:
            gr.api(as_api(endpoint), api_name=endpoint.__name__, concurrency_limit=None)
    register_experiments(playground, names)  # /compare and /sweep
    for endpoint in (chat, stream, persona, few_shot, chain, vision, structured, tools):
        if endpoint.__name__ in names:
            register_code_twin(playground, endpoint, getattr(plans, endpoint.__name__))
