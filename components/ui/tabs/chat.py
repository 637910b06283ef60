"""Chat tab — the lesson's chat.py: one call, every choice, usage and finish_reason."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import Waiting, once, with_waiting
from components.core.records import Call
from components.i18n import preset, translate
from components.lessons.teaching import chat_messages
from components.ui.tabs.code_view import code_view, export_panel
from components.ui.tabs.common import (
    PRIVATE,
    PageLoad,
    answer_settings,
    format_usage,
    probability_panel,
    probability_view,
    waiting_note,
    wire_run,
)
from components.ui.tabs.knob_panel import context_note, cost_line, knob_panel, wire_meter


def format_answers(choices) -> str:
    blocks = [f"**#{c.index + 1}** · finish_reason: `{c.finish_reason}`\n\n{c.text}" for c in choices]
    return "\n\n---\n\n".join(blocks)


def example_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("chat_example_labels", lang).items()]


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("chat.intro"))
    first_system, first_prompt = preset("chat_examples", "en")["haiku"]
    with gr.Row():
        with gr.Column():
            example = gr.Dropdown(example_choices("en"), value="haiku", label=i18n("chat.examples"))
            system = gr.Textbox(label=i18n("knobs.system"), value=first_system, lines=2)
            prompt = gr.Textbox(label=i18n("chat.prompt"), value=first_prompt, lines=3)
            meter = gr.Markdown()
            panel = knob_panel(i18n)
            with gr.Row():
                send = gr.Button(i18n("chat.send"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
        with gr.Column():
            answers = gr.Markdown(label=i18n("chat.answers"), container=True, min_height=120)
            cost = gr.Markdown()
            show, shaded, logprobs = probability_panel(i18n)
            details = gr.JSON(label=i18n("chat.details"))
            sent = gr.JSON(label=i18n("params.sent"))
            python_code, curl_code = code_view(i18n)
            export_panel(i18n, playground, "chat")
    total = gr.State(0.0)  # this tab's running cost in this session

    def fill_example(key: str, request: gr.Request):
        return list(preset("chat_examples", language(request)).get(key, ("", "")))

    async def chat(
        request: gr.Request, system_prompt, user_prompt, probabilities, spent, host_id, model_name, *knob_values
    ):
        lang = language(request)
        result = None
        try:
            settings = answer_settings(lang, probabilities, **panel.values(knob_values))
            chat_request = playground.request(host_id, model_name, chat_messages(system_prompt, user_prompt), settings)
            body = chat_request.to_api()
            code = code_for(playground, [Call(chat_request)], request, lang)
            async for item in with_waiting(once(playground.complete(chat_request))):
                if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield waiting_note(playground, item, lang, host_id), *[gr.skip()] * 5, body, *code
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
        shown = format_answers(result.choices)
        if "content_filter" in info["finish_reasons"]:
            note = translate("content_filter_answer", lang, host=playground.host_label(host_id, lang))
            shown = f"⚠️ {note}\n\n{shown}"
        entries = result.choices[0].logprobs if result.choices else None
        first = result.choices[0].text if result.choices else ""
        playground.remember(session_of(request), "chat", Call(chat_request), first, result.usage)
        spent_text, spent = cost_line(playground, host_id, result.model, result.usage, spent, lang)
        yield shown, spent_text, spent, info, probability_view(entries), entries, body, *code

    def measure(host_id, model_name, system_prompt, user_prompt, request: gr.Request):
        return context_note(playground, host_id, model_name, system_prompt, [], [], user_prompt, language(request))

    inputs = [system, prompt, show, total, host, model, *panel.inputs]
    outputs = [answers, cost, total, details, shaded, logprobs, sent, python_code, curl_code]
    wire_run(playground, [send.click, prompt.submit], chat, inputs, outputs, panel.components, stop)
    example.change(fill_example, example, [system, prompt], **PRIVATE)
    meter_inputs = [host, model, system, prompt]
    wire_meter([c.change for c in meter_inputs], measure, meter_inputs, meter)
    return PageLoad(
        [example, system, prompt],
        lambda lang: [gr.Dropdown(choices=example_choices(lang)), *preset("chat_examples", lang)["haiku"]],
        shared={"system": system, "prompt": prompt, **panel.components},
    )
