"""Prompt engineering tab — the lesson's prompt_engineering.py: the same question with and without a
persona's system message, streamed side by side."""

from __future__ import annotations

import gradio as gr

from ..calls import StreamInterrupted, side_by_side, throttled
from ..playground import Playground
from ..presets import PERSONA_LABELS, PERSONA_QUESTION, PERSONAS
from .common import PageLoad, fail, knobs, language, require_text, settings_from_knobs, short_stats


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("persona.intro"))
    with gr.Row():
        with gr.Column():
            persona = gr.Dropdown(
                [(label, key) for key, label in PERSONA_LABELS.items()], value="yoda", label=i18n("persona.preset")
            )
            system = gr.Textbox(label=i18n("knobs.system"), value=PERSONAS["yoda"]["es"], lines=3)
            question = gr.Textbox(label=i18n("persona.question"), value=PERSONA_QUESTION["es"], lines=2)
            compare = gr.Checkbox(value=True, label=i18n("persona.compare"))
            temperature, max_tokens = knobs(i18n)
            with gr.Row():
                run = gr.Button(i18n("persona.run"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
        with gr.Column():
            with_system = gr.Textbox(label=i18n("persona.with"), lines=8, interactive=False)
            without_system = gr.Textbox(label=i18n("persona.without"), lines=8, interactive=False)
            stats = gr.Markdown()

    def fill_persona(key: str, request: gr.Request) -> str:
        return PERSONAS.get(key, PERSONAS["custom"])[language(request)]

    async def run_persona(
        system_prompt: str,
        user_question: str,
        with_comparison: bool,
        temperature: float,
        max_tokens: int,
        host_id: str,
        model_name: str,
        request: gr.Request,
    ):
        lang = language(request)
        require_text(user_question, lang)
        settings = settings_from_knobs(temperature, max_tokens, 1)
        texts, lines, errors = ["", ""], ["", ""], []
        try:
            runs = [[{"role": "system", "content": system_prompt}] if system_prompt.strip() else []]
            if with_comparison:
                runs.append([])
            requests = [
                playground.request(host_id, model_name, m + [{"role": "user", "content": user_question}], settings)
                for m in runs
            ]
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name) from None
        async for index, item in side_by_side(*(throttled(playground.stream(r)) for r in requests)):
            if isinstance(item, Exception):  # one side failing leaves the other running
                errors.append(item)
                partial = item.partial.text if isinstance(item, StreamInterrupted) else ""
                texts[index] = f"{partial}\n\n⚠️ {playground.explain(item, lang, host_id, model_name)}".strip()
            else:
                texts[index], lines[index] = item.text, short_stats(item)
            yield texts[0], texts[1], "  \n".join(line for line in lines if line)
        if errors:
            raise fail(playground, errors[0], lang, host_id, model_name)

    persona.change(fill_persona, persona, system, api_name=False)
    event = run.click(
        run_persona,
        [system, question, compare, temperature, max_tokens, host, model],
        [with_system, without_system, stats],
        api_name="persona",
    )
    stop.click(None, None, None, cancels=[event])
    return PageLoad([system, question], lambda lang: [PERSONAS["yoda"][lang], PERSONA_QUESTION[lang]])
