"""Few-shot tab — the lesson's few_shot_examples.py: examples sent as real user/assistant turns."""

from __future__ import annotations

import asyncio

import gradio as gr

from ..messages import translate
from ..playground import Playground
from ..presets import FEW_SHOT, FEW_SHOT_LABELS
from ..teaching import example_pairs, few_shot_messages
from .common import PageLoad, fail, format_usage, knobs, language, require_text, settings_from_knobs

HEADERS = ["on", "user", "assistant"]


def table_rows(preset: str, lang: str) -> list[list]:
    return [[True, user, assistant] for user, assistant in FEW_SHOT[preset][lang][1]]


def preset_values(key: str, lang: str) -> list:
    system_prompt, _, example_question = FEW_SHOT[key][lang]
    return [system_prompt, table_rows(key, lang), example_question]


def rows_of(table) -> list[list]:
    """The table as rows, whether it comes as a list, a {"data": …} dict (gradio_client) or a DataFrame."""
    if table is None:
        return []
    if isinstance(table, dict):
        return list(table.get("data") or [])
    if hasattr(table, "values") and hasattr(table, "columns"):
        return table.values.tolist()
    return list(table)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("fewshot.intro"))
    system_es, _, question_es = FEW_SHOT["hints"]["es"]
    with gr.Row():
        with gr.Column():
            preset = gr.Dropdown(
                [(label, key) for key, label in FEW_SHOT_LABELS.items()], value="hints", label=i18n("fewshot.preset")
            )
            system = gr.Textbox(label=i18n("knobs.system"), value=system_es, lines=2)
            table = gr.Dataframe(
                value=table_rows("hints", "es"),
                headers=HEADERS,
                datatype=["bool", "str", "str"],
                type="array",
                interactive=True,
                column_count=3,
                label=i18n("fewshot.table"),
                wrap=True,
            )
            question = gr.Textbox(label=i18n("fewshot.question"), value=question_es)
            compare = gr.Checkbox(value=True, label=i18n("fewshot.compare"))
            temperature, max_tokens = knobs(i18n, max_tokens=100)
            run = gr.Button(i18n("fewshot.run"), variant="primary")
        with gr.Column():
            answer = gr.Textbox(label=i18n("fewshot.answer"), lines=4, interactive=False)
            zero_shot = gr.Textbox(label=i18n("fewshot.zero"), lines=4, interactive=False)
            notes = gr.Markdown()
            sent = gr.JSON(label=i18n("fewshot.messages"))

    def load_preset(key: str, request: gr.Request):
        return preset_values(key, language(request))

    async def run_few_shot(
        system_prompt: str,
        rows,
        user_question: str,
        with_zero_shot: bool,
        temperature: float,
        max_tokens: int,
        host_id: str,
        model_name: str,
        request: gr.Request,
    ):
        lang = language(request)
        require_text(user_question, lang)
        pairs, incomplete = example_pairs(rows_of(rows))
        messages = few_shot_messages(system_prompt, pairs, user_question)
        runs = [messages] + ([few_shot_messages(system_prompt, [], user_question)] if with_zero_shot else [])
        try:
            settings = settings_from_knobs(temperature, max_tokens, 1)
            requests = [playground.request(host_id, model_name, m, settings) for m in runs]
            results = await asyncio.gather(*(playground.complete(r) for r in requests))
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name) from None
        lines = [f"few-shot: tokens {format_usage(results[0].usage)}"]
        if with_zero_shot:
            lines.append(f"zero-shot: tokens {format_usage(results[1].usage)}")
        if incomplete:
            lines.append("⚠️ " + translate("few_shot_incomplete", lang, count=incomplete))
        zero_text = results[1].choices[0].text if with_zero_shot else ""
        return results[0].choices[0].text, zero_text, "  \n".join(lines), messages

    preset.change(load_preset, preset, [system, table, question], api_name=False)
    run.click(
        run_few_shot,
        [system, table, question, compare, temperature, max_tokens, host, model],
        [answer, zero_shot, notes, sent],
        api_name="few_shot",
    )
    return PageLoad([system, table, question], lambda lang: preset_values("hints", lang))
