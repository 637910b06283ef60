"""Chat tab — the lesson's chat.py: one call, every choice, usage and finish_reason."""

from __future__ import annotations

import gradio as gr

from ..calls import Waiting, once, with_waiting
from ..messages import translate
from ..playground import Playground
from ..ui_text import CHAT_EXAMPLE_LABELS, CHAT_EXAMPLES
from .common import (
    fail,
    format_usage,
    language,
    require_text,
    retry_without,
    settings_from_knobs,
    waiting_note,
)


def format_answers(choices) -> str:
    blocks = [f"**#{c.index + 1}** · finish_reason: `{c.finish_reason}`\n\n{c.text}" for c in choices]
    return "\n\n---\n\n".join(blocks)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> None:
    gr.Markdown(i18n("chat.intro"))
    with gr.Row():
        with gr.Column():
            system = gr.Textbox(label=i18n("knobs.system"), value=CHAT_EXAMPLES[0][0], lines=2)
            prompt = gr.Textbox(label=i18n("chat.prompt"), value=CHAT_EXAMPLES[0][1], lines=3)
            with gr.Row():
                temperature = gr.Slider(
                    0, 2, value=0.7, step=0.1, label=i18n("knobs.temperature"), info=i18n("knobs.temperature.info")
                )
                max_tokens = gr.Slider(
                    0, 1024, value=100, step=1, label=i18n("knobs.max_tokens"), info=i18n("knobs.max_tokens.info")
                )
                n = gr.Slider(1, 5, value=1, step=1, label=i18n("knobs.n"), info=i18n("knobs.n.info"))
            send = gr.Button(i18n("chat.send"), variant="primary")
            gr.Examples(
                [list(e) for e in CHAT_EXAMPLES],
                [system, prompt],
                label=i18n("chat.examples"),
                example_labels=CHAT_EXAMPLE_LABELS,  # the table headers would not be translated
            )
        with gr.Column():
            answers = gr.Markdown(label=i18n("chat.answers"), container=True, min_height=120)
            details = gr.JSON(label=i18n("chat.details"))

    async def chat(
        system_prompt: str,
        user_prompt: str,
        temperature: float,
        max_tokens: int,
        n: int,
        host_id: str,
        model_name: str,
        request: gr.Request,
    ):
        lang = language(request)
        require_text(user_prompt, lang)
        result = None
        try:
            messages = [{"role": "system", "content": system_prompt}] if system_prompt.strip() else []
            messages.append({"role": "user", "content": user_prompt})
            settings = settings_from_knobs(temperature, max_tokens, n)
            chat_request = playground.request(host_id, model_name, messages, settings)
            async for item in with_waiting(once(playground.complete(chat_request))):
                if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield waiting_note(playground, item, lang, host_id), gr.skip()
                else:
                    result = item
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        info = {
            "model": result.model,
            "finish_reasons": [c.finish_reason for c in result.choices],
            "usage": result.usage,
            "tokens": format_usage(result.usage),
            "latency_s": round(result.latency_s, 3),
        }
        answers = format_answers(result.choices)
        if "content_filter" in info["finish_reasons"]:
            note = translate("content_filter_answer", lang, host=playground.host_label(host_id))
            answers = f"⚠️ {note}\n\n{answers}"
        yield answers, info

    inputs = [system, prompt, temperature, max_tokens, n, host, model]
    events = [
        send.click(chat, inputs, [answers, details], api_name="chat"),
        prompt.submit(chat, inputs, [answers, details], api_name=False),
    ]
    retry_without(
        playground,
        events,
        {"temperature": temperature, "max_tokens": max_tokens, "n": n},
        lambda click: click.then(chat, inputs, [answers, details], api_name=False),
    )
