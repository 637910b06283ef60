"""Prompt engineering tab — the lesson's prompt_engineering.py: the same question with and without a
persona's system message, streamed side by side."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted, Waiting, side_by_side, throttled, with_waiting
from components.core.records import Call
from components.core.settings import GenerationSettings
from components.i18n import preset, ui
from components.lessons.teaching import chat_messages
from components.ui.tabs.code_view import code_view, export_panel
from components.ui.tabs.common import PRIVATE, PageLoad, knob_slider, short_stats, waiting_note, wire_run
from components.ui.tabs.knob_panel import cost_line


def persona_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("persona_labels", lang).items()]


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("persona.intro"))
    with gr.Row():
        with gr.Column():
            persona = gr.Dropdown(persona_choices("en"), value="yoda", label=i18n("persona.preset"))
            system = gr.Textbox(label=i18n("knobs.system"), value=preset("personas", "en")["yoda"], lines=3)
            question = gr.Textbox(label=i18n("persona.question"), value=preset("persona_question", "en"), lines=2)
            compare = gr.Checkbox(value=True, label=i18n("persona.compare"))
            temperature = knob_slider("temperature", i18n)
            max_tokens = knob_slider("max_tokens", i18n)
            with gr.Row():
                run = gr.Button(i18n("persona.run"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
        with gr.Column():
            with_system = gr.Textbox(label=i18n("persona.with"), lines=8, interactive=False)
            without_system = gr.Textbox(label=i18n("persona.without"), lines=8, interactive=False)
            stats = gr.Markdown()
            python_code, curl_code = code_view(i18n)
            export_panel(i18n, playground, "persona")

    def fill_persona(key: str, request: gr.Request) -> str:
        personas = preset("personas", language(request))
        return personas.get(key, personas["custom"])

    async def run_persona(
        system_prompt, user_question, both, spent, temperature, max_tokens, host_id, model_name, request: gr.Request
    ):
        lang = language(request)
        texts, lines, errors = ["", ""], ["", ""], []
        try:
            settings = GenerationSettings.from_knobs(lang, temperature=temperature, max_tokens=max_tokens)
            runs = [chat_messages(system_prompt, user_question)] + ([chat_messages("", user_question)] if both else [])
            requests = [playground.request(host_id, model_name, m, settings) for m in runs]
            titles = [ui("persona.with", lang), ui("persona.without", lang)]
            code = code_for(playground, [Call(r, True, t) for r, t in zip(requests, titles)], request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        streams = side_by_side(*(throttled(playground.stream(r)) for r in requests))
        async for item in with_waiting(streams):
            if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                yield texts[0], texts[1], waiting_note(playground, item, lang, host_id), spent, *code
                continue
            index, update = item
            if isinstance(update, Exception):  # one side failing leaves the other running
                errors.append(update)
                partial = update.partial.text if isinstance(update, StreamInterrupted) else ""
                texts[index] = f"{partial}\n\n⚠️ {playground.explain(update, lang, host_id, model_name)}".strip()
            else:
                texts[index], lines[index] = update.text, short_stats(update, lang)
                if update.done:
                    done_call = Call(requests[index], True, titles[index])
                    playground.remember(session_of(request), "persona", done_call, update.text, update.usage)
                    cost, spent = cost_line(playground, host_id, requests[index].model, update.usage, spent, lang)
                    lines[index] += f" · {cost}"
            yield texts[0], texts[1], "  \n".join(line for line in lines if line), spent, *code
        if errors:
            raise fail(playground, errors[0], lang, host_id, model_name, request)

    persona.change(fill_persona, persona, system, **PRIVATE)
    total = gr.State(0.0)  # this tab's running cost in this session
    inputs = [system, question, compare, total, temperature, max_tokens, host, model]
    outputs = [with_system, without_system, stats, total, python_code, curl_code]
    wire_run(
        playground,
        [run.click],
        run_persona,
        inputs,
        outputs,
        {"temperature": temperature, "max_tokens": max_tokens},
        stop,
    )
    return PageLoad(
        [persona, system, question],
        lambda lang: [
            gr.Dropdown(choices=persona_choices(lang)),
            preset("personas", lang)["yoda"],
            preset("persona_question", lang),
        ],
        shared={"persona": persona, "system": system, "question": question, "compare": compare}
        | {"temperature": temperature, "max_tokens": max_tokens},
    )
