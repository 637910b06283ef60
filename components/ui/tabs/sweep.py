"""Sweep tab — one prompt, one parameter at several values, k samples each, all sent at once: a grid of the
answers and plots of how many differ and how long they are against the value."""

from __future__ import annotations

import time

import gradio as gr
import pandas as pd

from components.api.boundary import as_caller, fail, language
from components.classroom.playground import Playground
from components.core.calls import Completion
from components.i18n import preset, translate, ui
from components.lessons.experiments import SWEEPABLE, run_sweep, sweep_requests, sweep_row, sweep_values, verdict
from components.lessons.teaching import chat_messages, require_text
from components.ui.tabs.common import PRIVATE, PageLoad, knob_slider
from components.ui.tabs.knob_panel import cost_line

UI_INTERVAL_S = 0.1


def parameter_choices(lang: str) -> list[tuple[str, str]]:
    return [(f"{ui(f'knobs.{name}', lang)} ({name})", name) for name in SWEEPABLE]


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("sweep.intro"))
    with gr.Row():
        with gr.Column(scale=2):
            system = gr.Textbox(label=i18n("knobs.system"), lines=2)
            message = gr.Textbox(label=i18n("chat.prompt"), value=preset("sweep_message", "en"), lines=2)
            with gr.Row():
                parameter = gr.Dropdown(parameter_choices("en"), value="temperature", label=i18n("sweep.parameter"))
                values = gr.Textbox("0, 0.5, 1, 1.5", label=i18n("sweep.values"), info=i18n("sweep.values.info"))
            samples = gr.Slider(1, 5, value=3, step=1, label=i18n("sweep.samples"))
            with gr.Accordion(i18n("params.panel"), open=False):
                temperature = knob_slider("temperature", i18n)
                max_tokens = knob_slider("max_tokens", i18n, value=60)  # twelve short answers fit on a screen
            with gr.Row():
                run = gr.Button(i18n("sweep.run"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
            cost = gr.Markdown()
        with gr.Column(scale=3):
            distinct_plot = gr.LinePlot(x="value", y="distinct", label=i18n("sweep.distinct_plot"), height=220)
            length_plot = gr.LinePlot(x="value", y="mean_tokens", label=i18n("sweep.length_plot"), height=220)
    grid = gr.Dataframe(label=i18n("sweep.grid"), wrap=True, interactive=False)
    total = gr.State(0.0)  # this tab's running cost in this session

    async def sweep_grid(
        request: gr.Request, text, system_prompt, name, wanted, k, spent, host_id, model_name, base_t, base_max
    ):
        lang = language(request)
        try:
            messages = chat_messages(system_prompt, require_text(text))
            tried = sweep_values(wanted, name, lang)
            base = {"temperature": base_t, "max_tokens": base_max}
            rows = sweep_requests(playground, host_id, model_name, messages, name, tried, k, lang, **base)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        cells: list[list] = [[None] * int(k) for _ in tried]
        last = 0.0
        yield *views(name, tried, cells, lang, host_id, model_name), gr.skip(), gr.skip()
        async for row, sample, result in run_sweep(playground, rows):
            cells[row][sample] = result
            if time.perf_counter() - last >= UI_INTERVAL_S:
                last = time.perf_counter()
                yield *views(name, tried, cells, lang, host_id, model_name), gr.skip(), gr.skip()
        usage = {"prompt_tokens": 0, "completion_tokens": 0}
        for result in (c for row in cells for c in row if isinstance(c, Completion)):
            for key in usage:
                usage[key] += (result.usage or {}).get(key) or 0
        line, spent = cost_line(playground, host_id, rows[0][0].model, usage, spent, lang)
        yield *views(name, tried, cells, lang, host_id, model_name), line, spent

    def views(name: str, tried: list, cells: list[list], lang: str, host_id: str, model_name: str):
        """The grid (a row per value, a cell per sample, the verdict) and the two plots."""
        summaries = [sweep_row(value, row) for value, row in zip(tried, cells)]
        header = [name] + [f"{ui('sweep.sample', lang)} {i + 1}" for i in range(len(cells[0]))]
        table = []
        for value, row, summary in zip(tried, cells, summaries):
            shown = [_cell(playground, cell, lang, host_id, model_name) for cell in row]
            table.append([f"{value:g}", *shown, verdict(summary, len(row), lang)])
        grid_value = pd.DataFrame(table, columns=[*header, ui("sweep.verdict", lang)])
        done = [s for s, row in zip(summaries, cells) if all(c is not None for c in row) and s["answers"]]
        points = pd.DataFrame(
            {
                "value": [s["value"] for s in done],
                "distinct": [s["distinct"] for s in done],
                "mean_tokens": [round(s["mean_tokens"], 1) for s in done],
            }
        )
        plot = {"x_title": name}
        share = f"{76 / len(cells[0]):.0f}%"  # every sample column as wide as the others, all in sight
        return (
            gr.Dataframe(grid_value, column_widths=["10%", *[share] * len(cells[0]), "14%"]),
            gr.LinePlot(points, y_title=ui("sweep.distinct", lang), **plot),
            gr.LinePlot(points, y_title=ui("sweep.mean_tokens", lang), **plot),
        )

    inputs = [message, system, parameter, values, samples, total, host, model, temperature, max_tokens]
    outputs = [grid, distinct_plot, length_plot, cost, total]
    events = [t(as_caller(sweep_grid), inputs, outputs, **PRIVATE) for t in (run.click, values.submit)]
    stop.click(None, None, None, cancels=events, **PRIVATE)
    return PageLoad(
        [parameter, message],
        lambda lang: [gr.Dropdown(choices=parameter_choices(lang)), preset("sweep_message", lang)],
        {"system": system, "message": message, "parameter": parameter, "values": values, "samples": samples},
    )


def _cell(playground: Playground, cell, lang: str, host: str, model: str) -> str:
    if cell is None:
        return "…"
    if isinstance(cell, Exception):
        return translate("sweep.failed", lang, error=playground.explain(cell, lang, host, model))
    return cell.choices[0].text if cell.choices else ""
