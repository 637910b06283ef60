"""Chained calls tab — the lesson's chained_calls.py: explain → review → rewrite, each step streamed into
its own box; edit any output and re-run only the steps after it."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import as_caller, fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted, Waiting, with_waiting
from components.core.records import Call, Chain
from components.core.settings import GenerationSettings
from components.i18n import preset
from components.lessons.teaching import MAX_STEPS, require_text, run_chain
from components.ui.tabs.code_view import code_view, export_panel
from components.ui.tabs.common import PRIVATE, PageLoad, knob_slider, retry_without, short_stats, waiting_note
from components.ui.tabs.knob_panel import cost_line


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("chain.intro"))
    first_input_en, templates_en = preset("chain", "en")
    default_steps = len(templates_en)
    first_input = gr.Textbox(label=i18n("chain.input"), value=first_input_en)
    with gr.Row():
        count = gr.Slider(1, MAX_STEPS, value=default_steps, step=1, label=i18n("chain.steps"), scale=3)
        add = gr.Button(i18n("chain.add"), scale=1)
        remove = gr.Button(i18n("chain.remove"), scale=1)
    templates, outputs, stats, groups, reruns = [], [], [], [], []
    for step in range(1, MAX_STEPS + 1):
        with gr.Group(visible=step <= default_steps) as group:
            gr.Markdown(f"**{step}.**")
            with gr.Row():
                default = templates_en[step - 1] if step <= default_steps else "{previous}"
                templates.append(gr.Textbox(label=i18n("chain.template"), value=default, lines=4))
                outputs.append(gr.Textbox(label=i18n("chain.output"), lines=4, interactive=True))
            stats.append(gr.Markdown())
            reruns.append(gr.Button(i18n("chain.rerun"), size="sm", visible=step < MAX_STEPS))
        groups.append(group)
    temperature = knob_slider("temperature", i18n)
    max_tokens = knob_slider("max_tokens", i18n)
    start_after = gr.Number(value=0, visible=False, precision=0)  # steps already done (their outputs are kept)
    total = gr.State(0.0)  # this tab's running cost in this session
    with gr.Row():
        run = gr.Button(i18n("chain.run"), variant="primary")
        stop = gr.Button(i18n("common.stop"), variant="stop")
    python_code, curl_code = code_view(i18n)
    export_panel(i18n, playground, "chain")

    async def run_steps(values: dict, request: gr.Request):
        """values: every input component's value (Gradio passes a dict when inputs are a set)."""
        step_templates, texts = [values[t] for t in templates], [values[o] or "" for o in outputs]
        input_text, host_id, model_name = values[first_input], values[host], values[model]
        step_count, done_steps, spent = values[count], values[start_after], values[total]
        lang = language(request)
        step_count, index = int(step_count), int(done_steps or 0)
        lines = [""] * MAX_STEPS
        code = (gr.skip(), gr.skip())  # until the request is known (a bad setting fails before)
        try:
            knobs = {"temperature": values[temperature], "max_tokens": values[max_tokens]}
            settings = GenerationSettings.from_knobs(lang, **knobs)
            planned = Chain(
                playground.request(host_id, model_name, [], settings), input_text, step_templates[:step_count]
            )
            code = code_for(playground, planned, request, lang)
            steps = run_chain(
                playground,
                host_id,
                model_name,
                require_text(input_text),
                step_templates[:step_count],
                settings,
                texts,
                start=index,
            )
            async for item in with_waiting(steps):
                if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    lines[index] = waiting_note(playground, item, lang, host_id)
                else:
                    index, update, step_request = item
                    lines[index] = short_stats(update, lang)
                    if update.done:
                        done_call = Call(step_request, stream=True, title=str(index + 1))
                        playground.remember(session_of(request), "chain", done_call, update.text, update.usage)
                        cost, spent = cost_line(playground, host_id, step_request.model, update.usage, spent, lang)
                        lines[index] += f" · {cost}"
                yield *texts, *lines, spent, *code
        except Exception as error:  # keep what arrived; the steps after this one are not run
            if isinstance(error, StreamInterrupted):
                texts[index] = error.partial.text
            lines[index] = "⚠️ " + playground.explain(error, lang, host_id, model_name)
            yield *texts, *lines, spent, *code
            raise fail(playground, error, lang, host_id, model_name, request) from None

    def show_steps(step_count: float):
        return [gr.Group(visible=i < int(step_count)) for i in range(MAX_STEPS)]

    inputs = {first_input, count, start_after, total, *templates, *outputs, temperature, max_tokens, host, model}
    shown = [*outputs, *stats, total, python_code, curl_code]
    run_steps = as_caller(run_steps, place="chain")
    events = [run.click(run_steps, inputs, shown, **PRIVATE)]
    for step, button in enumerate(reruns, start=1):
        marked = button.click(lambda step=step: step, None, start_after, **PRIVATE)
        events.append(marked.then(run_steps, inputs, shown, **PRIVATE))
        events[-1].then(lambda: 0, None, start_after, **PRIVATE)
    events.append(
        retry_without(
            playground,
            list(events),
            {"temperature": temperature, "max_tokens": max_tokens},
            lambda click: click.then(run_steps, inputs, shown, **PRIVATE),
            "chain",
        )
    )
    stop.click(None, None, None, cancels=events, **PRIVATE)
    count.change(show_steps, count, groups, **PRIVATE)
    add.click(lambda c: min(int(c) + 1, MAX_STEPS), count, count, **PRIVATE)
    remove.click(lambda c: max(int(c) - 1, 1), count, count, **PRIVATE)
    return PageLoad(
        [first_input, *templates[:default_steps]],
        lambda lang: [preset("chain", lang)[0], *preset("chain", lang)[1]],
        {"input": first_input, "steps": count, "temperature": temperature, "max_tokens": max_tokens}
        | {f"step{i + 1}": template for i, template in enumerate(templates)},
    )
