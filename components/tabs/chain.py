"""Chained calls tab — the lesson's chained_calls.py: explain → review → rewrite, each step streamed into
its own box; edit any output and re-run only the steps after it."""

from __future__ import annotations

import gradio as gr

from ..calls import StreamInterrupted, throttled
from ..playground import Playground
from ..presets import CHAIN
from ..teaching import MAX_STEPS, render_step
from .common import PageLoad, fail, knobs, language, settings_from_knobs, short_stats

DEFAULT_STEPS = len(CHAIN["es"][1])


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("chain.intro"))
    first_input_es, templates_es = CHAIN["es"]
    first_input = gr.Textbox(label=i18n("chain.input"), value=first_input_es)
    with gr.Row():
        count = gr.Slider(1, MAX_STEPS, value=DEFAULT_STEPS, step=1, label=i18n("chain.steps"), scale=3)
        add = gr.Button(i18n("chain.add"), scale=1)
        remove = gr.Button(i18n("chain.remove"), scale=1)
    templates, outputs, stats, groups, reruns = [], [], [], [], []
    for step in range(1, MAX_STEPS + 1):
        with gr.Group(visible=step <= DEFAULT_STEPS) as group:
            gr.Markdown(f"**{step}.**")
            with gr.Row():
                default = templates_es[step - 1] if step <= DEFAULT_STEPS else "{previous}"
                templates.append(gr.Textbox(label=i18n("chain.template"), value=default, lines=4))
                outputs.append(gr.Textbox(label=i18n("chain.output"), lines=4, interactive=True))
            stats.append(gr.Markdown())
            reruns.append(gr.Button(i18n("chain.rerun"), size="sm", visible=step < MAX_STEPS))
        groups.append(group)
    temperature, max_tokens = knobs(i18n)
    start_after = gr.Number(value=0, visible=False, precision=0)  # steps already done (their outputs are kept)
    with gr.Row():
        run = gr.Button(i18n("chain.run"), variant="primary")
        stop = gr.Button(i18n("common.stop"), variant="stop")

    async def run_chain(
        input_text: str,
        step_count: float,
        done_steps: float,
        t1: str,
        t2: str,
        t3: str,
        t4: str,
        t5: str,
        o1: str,
        o2: str,
        o3: str,
        o4: str,
        o5: str,
        temperature: float,
        max_tokens: int,
        host_id: str,
        model_name: str,
        request: gr.Request,
    ):
        lang = language(request)
        step_count, done_steps = int(step_count), int(done_steps or 0)
        step_templates = [t1, t2, t3, t4, t5]
        texts = [t or "" for t in (o1, o2, o3, o4, o5)]
        lines = [""] * MAX_STEPS
        settings = settings_from_knobs(temperature, max_tokens, 1)
        for index in range(done_steps, step_count):
            texts[index], lines[index] = "", "…"
            try:
                prompt = render_step(step_templates[index], index + 1, input_text or "", texts)
                request_value = playground.request(host_id, model_name, [{"role": "user", "content": prompt}], settings)
                async for update in throttled(playground.stream(request_value)):
                    texts[index], lines[index] = update.text, short_stats(update)
                    yield *texts, *lines
            except Exception as error:  # keep what arrived; the steps after this one are not run
                if isinstance(error, StreamInterrupted):
                    texts[index] = error.partial.text
                lines[index] = "⚠️ " + playground.explain(error, lang, host_id, model_name)
                yield *texts, *lines
                raise fail(playground, error, lang, host_id, model_name) from None
        yield *texts, *lines

    def show_steps(step_count: float):
        return [gr.Group(visible=i < int(step_count)) for i in range(MAX_STEPS)]

    inputs = [first_input, count, start_after, *templates, *outputs, temperature, max_tokens, host, model]
    events = [run.click(run_chain, inputs, [*outputs, *stats], api_name="chain")]
    for step, button in enumerate(reruns, start=1):
        marked = button.click(lambda step=step: step, None, start_after, api_name=False)
        events.append(marked.then(run_chain, inputs, [*outputs, *stats], api_name=False))
        events[-1].then(lambda: 0, None, start_after, api_name=False)
    stop.click(None, None, None, cancels=events)
    count.change(show_steps, count, groups, api_name=False)
    add.click(lambda c: min(int(c) + 1, MAX_STEPS), count, count, api_name=False)
    remove.click(lambda c: max(int(c) - 1, 1), count, count, api_name=False)
    return PageLoad([first_input, *templates[:DEFAULT_STEPS]], lambda lang: [CHAIN[lang][0], *CHAIN[lang][1]])
