"""What every tab shares: the boundary that turns errors into gr.Error, the reader's language,
the settings built from the knobs, and small formatters."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr

from ..calls import Waiting
from ..errors import refused_parameter
from ..messages import language_from_header, translate
from ..playground import Playground
from ..settings import GenerationSettings


def language(request: gr.Request | None) -> str:
    headers = getattr(request, "headers", None) or {}
    return language_from_header(headers.get("accept-language"))


def fail(
    playground: Playground, error: BaseException, lang: str, host: str, model: str, request: gr.Request | None = None
) -> gr.Error:
    """The one boundary: any error becomes a clear, localised gr.Error (never a stack trace)."""
    param = refused_parameter(error)
    if param and request is not None and request.session_hash:
        playground.refused[request.session_hash] = param  # read by the "retry without" button
    # gr.Error renders HTML: escape it, an upstream's message is not ours to trust.
    return gr.Error(html.escape(playground.explain(error, lang, host, model), quote=False), print_exception=False)


def require_text(text: str | None, lang: str) -> str:
    if not text or not text.strip():
        raise gr.Error(translate("empty_message", lang), print_exception=False)
    return text


def settings_from_knobs(temperature: float | None, max_tokens: int | None, n: int | None) -> GenerationSettings:
    """Values left at the API's own default are not sent: some models (reasoning ones) refuse them outright."""
    return GenerationSettings(
        temperature=None if temperature is None or temperature == 1 else temperature,
        max_tokens=int(max_tokens) if max_tokens else None,
        n=None if not n or int(n) == 1 else int(n),
    )


def format_usage(usage: dict | None) -> str:
    if not usage:
        return "–"
    return f"{usage.get('prompt_tokens', '?')} + {usage.get('completion_tokens', '?')} = {usage.get('total_tokens')}"


def knobs(i18n: gr.I18n, temperature: float = 0.7, max_tokens: int = 200) -> tuple[gr.Slider, gr.Slider]:
    """The two knobs every teaching tab has."""
    return (
        gr.Slider(
            0, 2, value=temperature, step=0.1, label=i18n("knobs.temperature"), info=i18n("knobs.temperature.info")
        ),
        gr.Slider(
            0, 1024, value=max_tokens, step=1, label=i18n("knobs.max_tokens"), info=i18n("knobs.max_tokens.info")
        ),
    )


def short_stats(update) -> str:
    """One line under an answer: time, first token, speed, tokens, finish_reason (of every choice)."""
    parts = [f"⏱ {update.elapsed_s:.2f} s"]
    if update.time_to_first_token_s is not None:
        parts.append(f"1st token {update.time_to_first_token_s:.2f} s")
    if update.tokens_per_s:
        parts.append(f"{update.tokens_per_s:.0f} tokens/s")
    if update.done:
        parts.append(f"tokens {format_usage(update.usage)}")
        parts.append("finish_reason " + ", ".join(f"`{reason}`" for reason in update.finish_reasons))
    return " · ".join(parts)


def waiting_note(playground: Playground, waiting: Waiting, lang: str, host: str) -> str:
    label, seconds = playground.host_label(host), f"{waiting.waited_s:.0f}"
    retried = [status for status in waiting.statuses if status == 429 or status >= 500]
    if retried:
        return translate("retrying", lang, host=label, status=retried[-1], count=len(retried), seconds=seconds)
    return translate("waiting", lang, host=label, seconds=seconds)


# Knob values that mean "not sent" (see settings_from_knobs), for a retry without a refused parameter.
UNSENT = {"temperature": 1, "max_tokens": 0, "max_completion_tokens": 0, "n": 1}


def retry_without(playground: Playground, events: list, knob_components: dict, rerun):
    """After a failure where the model refused one of these knobs, offer one click that resets it and runs
    again. `rerun(button_click)` wires the same handler after the reset and returns that event."""
    button = gr.Button(visible=False, variant="secondary", size="sm")
    refused = gr.State(None)

    def offer(request: gr.Request):
        param = playground.refused.pop(request.session_hash or "", None)
        if param not in knob_components:
            return gr.Button(visible=False), None
        return gr.Button(translate("retry_without", language(request), param=param), visible=True), param

    def reset(param: str | None):
        return [gr.update(value=UNSENT[name]) if name == param else gr.update() for name in knob_components]

    click = button.click(reset, refused, list(knob_components.values()), api_name=False)
    click.then(lambda: gr.Button(visible=False), None, button, api_name=False)
    rerun_event = rerun(click)
    for event in [*events, rerun_event]:  # the retry itself may meet the next refused parameter
        event.failure(offer, None, [button, refused], api_name=False)
    return rerun_event


@dataclass
class PageLoad:
    """What a tab fills in the reader's language when the page opens. The app sends all tabs' values in one
    load event: a class opening the page at once costs one event per student, not one per tab."""

    outputs: list
    values: Callable[[str], list]
