"""Few-shot tab — the lesson's few_shot_examples.py: examples sent as real user/assistant turns."""

from __future__ import annotations

import asyncio

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import Waiting, once, with_waiting
from components.core.records import Call
from components.core.settings import GenerationSettings
from components.i18n import preset, translate, ui
from components.lessons.teaching import example_pairs, few_shot_messages
from components.ui.tabs.code_view import code_view, export_panel
from components.ui.tabs.common import PRIVATE, PageLoad, format_usage, knob_slider, waiting_note, wire_run
from components.ui.tabs.knob_panel import context_note, cost_line, wire_meter


def headers(lang: str) -> list[str]:
    return [ui(f"fewshot.{column}", lang) for column in ("on", "user", "assistant")]


def preset_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("few_shot_labels", lang).items()]


def preset_values(key: str, lang: str) -> list:
    system_prompt, pairs, example_question = preset("few_shot", lang)[key]
    table = gr.Dataframe(value=[[True, user, assistant] for user, assistant in pairs], headers=headers(lang))
    return [system_prompt, table, example_question]


def rows_of(table) -> list[list]:
    """The table's rows, whether they come as a list or as a DataFrame."""
    if table is None:
        return []
    if hasattr(table, "values") and hasattr(table, "columns"):
        return table.values.tolist()
    return list(table)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("fewshot.intro"))
    system_en, pairs_en, question_en = preset("few_shot", "en")["hints"]
    with gr.Row():
        with gr.Column():
            chosen = gr.Dropdown(preset_choices("en"), value="hints", label=i18n("fewshot.preset"))
            system = gr.Textbox(label=i18n("knobs.system"), value=system_en, lines=2)
            table = gr.Dataframe(
                value=[[True, user, assistant] for user, assistant in pairs_en],
                headers=headers("en"),
                datatype=["bool", "str", "str"],
                type="array",
                interactive=True,
                column_count=3,
                label=i18n("fewshot.table"),
                wrap=True,
            )
            question = gr.Textbox(label=i18n("fewshot.question"), value=question_en)
            meter = gr.Markdown()
            compare = gr.Checkbox(value=True, label=i18n("fewshot.compare"))
            temperature = knob_slider("temperature", i18n)
            max_tokens = knob_slider("max_tokens", i18n)
            with gr.Row():
                run = gr.Button(i18n("fewshot.run"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
        with gr.Column():
            answer = gr.Textbox(label=i18n("fewshot.answer"), lines=4, interactive=False)
            zero_shot = gr.Textbox(label=i18n("fewshot.zero"), lines=4, interactive=False)
            notes = gr.Markdown()
            sent = gr.JSON(label=i18n("fewshot.messages"))
            python_code, curl_code = code_view(i18n)
            export_panel(i18n, playground, "few_shot")

    def load_preset(key: str, request: gr.Request):
        return preset_values(key, language(request))

    async def run_few_shot(
        system_prompt,
        rows,
        user_question,
        with_zero_shot,
        spent,
        temperature,
        max_tokens,
        host_id,
        model_name,
        request: gr.Request,
    ):
        lang = language(request)
        results = None
        try:
            settings = GenerationSettings.from_knobs(lang, temperature=temperature, max_tokens=max_tokens)
            pairs, incomplete = example_pairs(rows_of(rows))
            runs = [few_shot_messages(system_prompt, pairs, user_question)]
            if with_zero_shot:
                runs.append(few_shot_messages(system_prompt, [], user_question))
            requests = [playground.request(host_id, model_name, m, settings) for m in runs]
            titles = [ui("fewshot.answer", lang), ui("fewshot.zero", lang)]
            code = code_for(playground, [Call(r, title=t) for r, t in zip(requests, titles)], request, lang)

            async def both():  # a coroutine, so the calls start inside with_waiting (which watches their statuses)
                return await asyncio.gather(*(playground.complete(r) for r in requests))

            async for item in with_waiting(once(both())):
                if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield gr.skip(), gr.skip(), waiting_note(playground, item, lang, host_id), gr.skip(), spent, *code
                else:
                    results = item
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        lines = [translate("few_shot.tokens", lang, usage=format_usage(results[0].usage))]
        if with_zero_shot:
            lines.append(translate("zero_shot.tokens", lang, usage=format_usage(results[1].usage)))
        for sent_request, title, result in zip(requests, titles, results):
            answer = result.choices[0].text if result.choices else ""
            playground.remember(session_of(request), "few_shot", Call(sent_request, title=title), answer, result.usage)
        used = [r.usage or {} for r in results]
        usage = {key: sum(u.get(key) or 0 for u in used) for key in ("prompt_tokens", "completion_tokens")}
        cost, spent = cost_line(playground, host_id, requests[0].model, usage, spent, lang)
        lines.append(cost)
        if incomplete:
            lines.append("⚠️ " + translate("few_shot_incomplete", lang, count=incomplete))
        zero_text = results[1].choices[0].text if with_zero_shot else ""
        yield results[0].choices[0].text, zero_text, "  \n".join(lines), runs[0], spent, *code

    def measure(host_id, model_name, system_prompt, rows, user_question, request: gr.Request):
        pairs, _ = example_pairs(rows_of(rows))
        turns = few_shot_messages("", pairs, "?")[:-1]  # the examples as turns, without a question
        lang = language(request)
        return context_note(playground, host_id, model_name, system_prompt, turns, [], user_question, lang)

    chosen.change(load_preset, chosen, [system, table, question], **PRIVATE)
    meter_inputs = [host, model, system, table, question]
    wire_meter([c.change for c in meter_inputs], measure, meter_inputs, meter)
    total = gr.State(0.0)  # this tab's running cost in this session
    inputs = [system, table, question, compare, total, temperature, max_tokens, host, model]
    outputs = [answer, zero_shot, notes, sent, total, python_code, curl_code]
    knobs = {"temperature": temperature, "max_tokens": max_tokens}
    wire_run(playground, [run.click], run_few_shot, inputs, outputs, knobs, stop)
    return PageLoad(
        [chosen, system, table, question],
        lambda lang: [gr.Dropdown(choices=preset_choices(lang)), *preset_values("hints", lang)],
        shared={"system": system, "examples": table, "question": question, "compare": compare, **knobs},
    )
