"""Chat tab — the lesson's chat.py: one call, every choice, usage and finish_reason."""

from __future__ import annotations

import gradio as gr

from ..playground import Playground
from ..ui_text import CHAT_EXAMPLE_LABELS, CHAT_EXAMPLES
from .common import fail, format_usage, language, require_text, settings_from_knobs


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
        try:
            messages = [{"role": "system", "content": system_prompt}] if system_prompt.strip() else []
            messages.append({"role": "user", "content": user_prompt})
            chat_request = playground.request(
                host_id, model_name, messages, settings_from_knobs(temperature, max_tokens, n)
            )
            result = await playground.complete(chat_request)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name) from None
        info = {
            "model": result.model,
            "finish_reasons": [c.finish_reason for c in result.choices],
            "usage": result.usage,
            "tokens": format_usage(result.usage),
            "latency_s": round(result.latency_s, 3),
        }
        return format_answers(result.choices), info

    send.click(chat, [system, prompt, temperature, max_tokens, n, host, model], [answers, details], api_name="chat")
    prompt.submit(chat, [system, prompt, temperature, max_tokens, n, host, model], [answers, details], api_name=False)
