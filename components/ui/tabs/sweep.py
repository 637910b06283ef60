"""Sweep tab — one prompt, one parameter at several values, k samples each, all sent at once: a grid of the
answers and plots of how many differ and how long they are against the value."""

from __future__ import annotations

import time

import gradio as gr
import pandas as pd

from components.api.boundary import fail, language
from components.classroom.playground import Playground
from components.core.calls import Completion
from components.core.errors import refused_parameter
from components.core.pacing import Waiting, with_waiting
from components.i18n import preset, translate, ui
from components.lessons.experiments import (
    SWEEP_STARTS,
    SWEEPABLE,
    run_sweep,
    sweep_requests,
    sweep_row,
    sweep_values,
    verdict,
)
from components.lessons.teaching import chat_messages, require_text
from components.ui.tabs.common import IN_SIGHT, PageLoad, Screen, knob_slider, waiting_note, wire_run
from components.ui.tabs.knob_panel import cost_line

UI_INTERVAL_S = 0.1


def parameter_choices(lang: str) -> list[tuple[str, str]]:
    return [(f"{ui(f'knobs.{name}', lang)} ({name})", name) for name in SWEEPABLE]


class SweepTab:
    """The Sweep tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.host, self.model = playground, host, model
        gr.Markdown(i18n("sweep.intro"))
        with gr.Row():
            with gr.Column(scale=2):
                self.system = gr.Textbox(label=i18n("knobs.system"), lines=2)
                self.message = gr.Textbox(label=i18n("chat.prompt"), value=preset("sweep_message", "en"), lines=2)
                with gr.Row():
                    self.parameter = gr.Dropdown(
                        parameter_choices("en"), value=SWEEPABLE[0], label=i18n("sweep.parameter")
                    )
                    self.values = gr.Textbox(
                        "0, 0.5, 1, 1.5", label=i18n("sweep.values"), info=i18n("sweep.values.info")
                    )
                self.samples = gr.Slider(1, 5, value=3, step=1, label=i18n("sweep.samples"))
                with gr.Accordion(i18n("params.panel"), open=False):
                    # twelve short answers fit on a screen: max tokens starts at 60 here
                    self.knobs = {name: knob_slider(name, i18n, value=SWEEP_STARTS.get(name)) for name in IN_SIGHT}
                with gr.Row():
                    self.run_button = gr.Button(i18n("sweep.run"), variant="primary")
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
                self.cost = gr.Markdown()
            with gr.Column(scale=3):
                self.distinct_plot = gr.LinePlot(x="value", y="distinct", label=i18n("sweep.distinct_plot"), height=220)
                self.length_plot = gr.LinePlot(x="value", y="mean_tokens", label=i18n("sweep.length_plot"), height=220)
        self.grid = gr.Dataframe(label=i18n("sweep.grid"), wrap=True, interactive=False)
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `run` may update."""
        return [self.grid, self.distinct_plot, self.length_plot, self.cost, self.total]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /sweep endpoint's arguments."""
        return {
            "message": values[self.message],
            "system_prompt": values[self.system],
            "parameter": values[self.parameter],
            "values": values[self.values],
            "samples": values[self.samples],
            "host": values[self.host],
            "model": values[self.model],
            **{name: values[control] for name, control in self.knobs.items()},
        }

    async def run(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        host_id, model_name, name, spent = a["host"], a["model"], a["parameter"], values[self.total]
        try:
            messages = chat_messages(a["system_prompt"], require_text(a["message"]))
            tried = sweep_values(a["values"], name, lang)
            base = {knob: a[knob] for knob in self.knobs}
            rows = sweep_requests(playground, host_id, model_name, messages, name, tried, a["samples"], lang, **base)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        cells: list[list] = [[None] * int(a["samples"]) for _ in tried]
        last, screen = 0.0, Screen()
        yield screen.show(
            {**self.views(name, tried, cells, lang, host_id, model_name), self.cost: "", self.total: spent}
        )
        async for item in with_waiting(run_sweep(playground, rows)):
            if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                yield screen.show({self.cost: waiting_note(playground, item, lang, host_id)})
                continue
            row, sample, result = item
            cells[row][sample] = result
            if time.perf_counter() - last >= UI_INTERVAL_S:
                last = time.perf_counter()
                yield screen.show(self.views(name, tried, cells, lang, host_id, model_name))
        usage = {"prompt_tokens": 0, "completion_tokens": 0}
        for result in (c for row in cells for c in row if isinstance(c, Completion)):
            for key in usage:
                usage[key] += (result.usage or {}).get(key) or 0
        line, spent = cost_line(playground, host_id, rows[0][0].model, usage, spent, lang)
        yield screen.show(
            {**self.views(name, tried, cells, lang, host_id, model_name), self.cost: line, self.total: spent}
        )
        refused = next((c for row in cells for c in row if refused_parameter(c)), None)
        if refused is not None:  # the event fails, so the one-click "retry without" is offered; the grid stays
            raise fail(playground, refused, lang, host_id, model_name, request)

    def views(self, name: str, tried: list, cells: list[list], lang: str, host_id: str, model_name: str) -> dict:
        """The grid (a row per value, a cell per sample, the verdict) and the two plots."""
        summaries = [sweep_row(value, row) for value, row in zip(tried, cells)]
        header = [name] + [f"{ui('sweep.sample', lang)} {i + 1}" for i in range(len(cells[0]))]
        table = []
        for value, row, summary in zip(tried, cells, summaries):
            shown = [_cell(self.playground, cell, lang, host_id, model_name) for cell in row]
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
        return {
            self.grid: gr.Dataframe(grid_value, column_widths=["10%", *[share] * len(cells[0]), "14%"]),
            self.distinct_plot: gr.LinePlot(points, y_title=ui("sweep.distinct", lang), **plot),
            self.length_plot: gr.LinePlot(points, y_title=ui("sweep.mean_tokens", lang), **plot),
        }

    def wire(self) -> None:
        inputs = {self.message, self.system, self.parameter, self.values, self.samples, self.total}
        inputs |= {self.host, self.model, *self.knobs.values()}
        triggers = [self.run_button.click, self.values.submit]
        wire_run(
            self.playground, triggers, self.run, inputs, self.outputs, self.knobs, self.stop_button, name="sweep_grid"
        )

    def page_load(self) -> PageLoad:
        return PageLoad(
            [self.parameter, self.message],
            lambda lang: [gr.Dropdown(choices=parameter_choices(lang)), preset("sweep_message", lang)],
            {"system": self.system, "message": self.message, "parameter": self.parameter}
            | {"values": self.values, "samples": self.samples},
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return SweepTab(playground, i18n, host, model).page_load()


def _cell(playground: Playground, cell, lang: str, host: str, model: str) -> str:
    if cell is None:
        return "…"
    if isinstance(cell, Exception):
        return translate("sweep.failed", lang, error=playground.explain(cell, lang, host, model))
    return cell.choices[0].text if cell.choices else ""
