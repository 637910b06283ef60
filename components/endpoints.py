"""The playground's API for gradio_client: one typed endpoint per tab, with the parameters a person would
pass (the message first, everything else optional with the page's defaults) and plain return values.
They share the tabs' logic (teaching.py, Playground); the page's own events are private."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import gradio as gr
from gradio.data_classes import FileData

from . import tokens
from .calls import side_by_side, throttled
from .experiment_endpoints import register_experiments
from .history import to_openai_messages
from .hosts import HOSTS_BY_ID
from .i18n import UserError, preset
from .images import prepare_image
from .knobs import EVERY_KNOB, KNOBS
from .playground import Playground
from .settings import GenerationSettings
from .tabs.common import fail, language
from .teaching import (
    chat_messages,
    check_steps,
    example_pairs,
    few_shot_messages,
    persona_prompt,
    require_text,
    run_chain,
    vision_messages,
)

TEMPERATURE, MAX_TOKENS = KNOBS["temperature"].default, KNOBS["max_tokens"].default


def knobs_in(arguments: dict) -> dict:
    """The knob parameters among an endpoint's arguments (its signature is what a student reads; this keeps
    the call from listing them a second time)."""
    return {name: arguments[name] for name in EVERY_KNOB if name in arguments}


def register(playground: Playground) -> None:
    """Add the endpoints to the Blocks being built. `host` defaults to the app's start host and `model` to
    that host's default model."""
    start = playground.default_host

    def checked(host: str, lang: str, **knobs: Any) -> GenerationSettings:
        if host not in HOSTS_BY_ID:
            raise UserError("unknown_host", host=host)
        return GenerationSettings.from_knobs(lang, **knobs)

    async def chat(
        message: str,
        system_prompt: str = "",
        temperature: float = TEMPERATURE,
        max_tokens: int = MAX_TOKENS,
        n: int = 1,
        host: str = start,
        model: str = "",
        top_p: float = 1,
        seed: int | None = None,
        stop: list[str] | None = None,
        presence_penalty: float = 0,
        frequency_penalty: float = 0,
        json_mode: bool = False,
        request: gr.Request = None,
    ) -> dict:
        """One call: every choice's text and finish_reason, the usage, the latency, the model, the cost in USD
        (None when the price is unknown) and the request body that was sent. A knob at its default is not sent."""
        lang = language(request)
        try:
            settings = checked(host, lang, **knobs_in(locals()))
            sent = playground.request(host, model, chat_messages(system_prompt, message), settings)
            result = await playground.complete(sent)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return {
            "choices": [{"text": c.text, "finish_reason": c.finish_reason} for c in result.choices],
            "usage": result.usage,
            "latency_s": round(result.latency_s, 3),
            "model": result.model,
            "cost_usd": playground.prices.cost(host, result.model, result.usage),
            "request": sent.to_api(),
        }

    async def stream(
        message: str,
        history: list[dict] | None = None,
        system_prompt: str = "",
        temperature: float = TEMPERATURE,
        max_tokens: int = MAX_TOKENS,
        host: str = start,
        model: str = "",
        top_p: float = 1,
        seed: int | None = None,
        stop: list[str] | None = None,
        presence_penalty: float = 0,
        frequency_penalty: float = 0,
        json_mode: bool = False,
        request: gr.Request = None,
    ) -> AsyncIterator[str]:
        """The answer text so far, as it streams. `history`: earlier turns as [{"role", "content"}, …]."""
        lang = language(request)
        try:
            settings = checked(host, lang, **knobs_in(locals()))
            messages = to_openai_messages(history, system_prompt) + chat_messages("", message)
            async for update in throttled(playground.stream(playground.request(host, model, messages, settings))):
                yield update.text
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None

    async def persona(
        question: str,
        persona: str = "yoda",
        compare: bool = True,
        temperature: float = TEMPERATURE,
        max_tokens: int = MAX_TOKENS,
        host: str = start,
        model: str = "",
        request: gr.Request = None,
    ) -> dict:
        """The same question with a persona's system message and (compare=True) without one. `persona` is a
        preset id (yoda, chespirito, pirate, teacher, json, eli10) or a system prompt of your own."""
        lang = language(request)
        try:
            settings = checked(host, lang, temperature=temperature, max_tokens=max_tokens)
            system = persona_prompt(persona, lang)
            runs = [chat_messages(system, question)] + ([chat_messages("", question)] if compare else [])
            texts: list[str | None] = ["", "" if compare else None]
            streams = [playground.stream(playground.request(host, model, m, settings)) for m in runs]
            async for index, item in side_by_side(*streams):
                if isinstance(item, Exception):
                    raise item
                texts[index] = item.text
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return {"system_prompt": system, "with_system": texts[0], "without_system": texts[1]}

    async def few_shot(
        question: str,
        examples: list[list[str]] | None = None,
        system_prompt: str | None = None,
        zero_shot: bool = True,
        temperature: float = TEMPERATURE,
        max_tokens: int = MAX_TOKENS,
        host: str = start,
        model: str = "",
        request: gr.Request = None,
    ) -> dict:
        """Examples as real user/assistant turns before the question: `examples` is [[user, assistant], …]
        (left out: the lesson's "hints, not answers" examples and their system message)."""
        lang = language(request)
        try:
            settings = checked(host, lang, temperature=temperature, max_tokens=max_tokens)
            if examples is None:
                preset_system, preset_pairs, _ = preset("few_shot", lang)["hints"]
                examples = [list(pair) for pair in preset_pairs]
                system_prompt = preset_system if system_prompt is None else system_prompt
            pairs, _ = example_pairs(examples)
            runs = [few_shot_messages(system_prompt or "", pairs, question)]
            if zero_shot:
                runs.append(few_shot_messages(system_prompt or "", [], question))
            requests = [playground.request(host, model, m, settings) for m in runs]
            results = await asyncio.gather(*(playground.complete(r) for r in requests))
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return {
            "answer": results[0].choices[0].text,
            "zero_shot_answer": results[1].choices[0].text if zero_shot else None,
            "messages": runs[0],
        }

    async def chain(
        input: str,
        steps: list[str] | None = None,
        temperature: float = TEMPERATURE,
        max_tokens: int = MAX_TOKENS,
        host: str = start,
        model: str = "",
        request: gr.Request = None,
    ) -> list[str]:
        """Each step's output, in order. A step template uses {input}, {previous} and {step1}…{step5}
        (left out: the lesson's explain → review → rewrite)."""
        lang = language(request)
        try:
            settings = checked(host, lang, temperature=temperature, max_tokens=max_tokens)
            templates = check_steps(preset("chain", lang)[1] if steps is None else steps)
            outputs = [""] * len(templates)
            async for _ in run_chain(playground, host, model, require_text(input), templates, settings, outputs):
                pass
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return outputs

    async def vision(
        image: FileData,
        question: str | None = None,
        detail: str = "auto",
        temperature: float = TEMPERATURE,
        max_tokens: int = MAX_TOKENS,
        host: str = start,
        model: str = "",
        request: gr.Request = None,
    ) -> str:
        """The answer about an image (checked, shrunk and sent as a base64 data URL)."""
        lang = language(request)
        try:
            settings = checked(host, lang, temperature=temperature, max_tokens=max_tokens)
            path = (image or {}).get("path") if isinstance(image, dict) else getattr(image, "path", None)
            if not path:
                raise UserError("no_image")
            prepared = prepare_image(path)
            messages = vision_messages(question or preset("vision_question", lang), prepared.data_url, detail)
            result = await playground.complete(playground.request(host, model, messages, settings))
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        return result.choices[0].text

    async def models(host: str = start, request: gr.Request = None) -> list[str]:
        """The host's model names, its configured model first."""
        try:
            checked(host, language(request))
        except Exception as error:
            raise fail(playground, error, language(request), host, "") from None
        return await playground.models(host)

    def tokenize(text: str, encoding: str = "o200k_base", request: gr.Request = None) -> list[dict]:
        """The text's tokens: [{"token", "id"}] for encoding o200k_base (GPT-4o, 4.1, 5), cl100k_base (GPT-4,
        3.5) or builtin."""
        try:
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
            checked(host, lang)
            messages = chat_messages(system_prompt, text)
            if reply_so_far:
                messages.append({"role": "assistant", "content": reply_so_far})
            return await playground.next_token(host, model, messages, top_logprobs)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None

    for endpoint in (chat, stream, persona, few_shot, chain, vision, models, tokenize, next_token):
        gr.api(endpoint, api_name=endpoint.__name__, concurrency_limit=None)
    register_experiments(playground)  # /compare and /sweep
