"""Chained calls tab — the lesson's chained_calls.py: explain → review → rewrite, each step streamed into
its own box; edit any output and re-run only the steps after it."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import as_caller, fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted
from components.core.pacing import Waiting, with_waiting
from components.core.records import Call
from components.i18n import preset
from components.lessons.plans import Plans
from components.lessons.teaching import MAX_STEPS, run_chain
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import IN_SIGHT, PRIVATE, PageLoad, knob_slider, retry_without, short_stats, waiting_note
from components.ui.tabs.knob_panel import cost_line


class ChainTab:
    """The Chained calls tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("chain.intro"))
        first_input_en, templates_en = preset("chain", "en")
        self.default_steps = len(templates_en)
        self.first_input = gr.Textbox(label=i18n("chain.input"), value=first_input_en)
        with gr.Row():
            self.count = gr.Slider(1, MAX_STEPS, value=self.default_steps, step=1, label=i18n("chain.steps"), scale=3)
            self.add = gr.Button(i18n("chain.add"), scale=1)
            self.remove = gr.Button(i18n("chain.remove"), scale=1)
        self.templates, self.step_outputs, self.stats, self.groups, self.reruns = [], [], [], [], []
        for step in range(1, MAX_STEPS + 1):
            with gr.Group(visible=step <= self.default_steps) as group:
                gr.Markdown(f"**{step}.**")
                with gr.Row():
                    default = templates_en[step - 1] if step <= self.default_steps else "{previous}"
                    self.templates.append(gr.Textbox(label=i18n("chain.template"), value=default, lines=4))
                    self.step_outputs.append(gr.Textbox(label=i18n("chain.output"), lines=4, interactive=True))
                self.stats.append(gr.Markdown())
                self.reruns.append(gr.Button(i18n("chain.rerun"), size="sm", visible=step < MAX_STEPS))
            self.groups.append(group)
        self.knobs = {name: knob_slider(name, i18n) for name in IN_SIGHT}
        # Steps already done (their outputs are kept): set by a step's "re-run after this" button.
        self.start_after = gr.Number(value=0, visible=False, precision=0)
        self.total = gr.State(0.0)  # this tab's running cost in this session
        with gr.Row():
            self.run_button = gr.Button(i18n("chain.run"), variant="primary")
            self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
        self.python_code, self.curl_code = code_view(i18n)
        library_panel(i18n, playground, "chain")
        export_panel(i18n, playground, "chain")
        self.wire()

    @property
    def outputs(self) -> list:
        """What `run` may update."""
        return [*self.step_outputs, *self.stats, self.total, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /chain endpoint's arguments (the same plan builds both requests)."""
        return {
            "input": values[self.first_input],
            "steps": [values[t] for t in self.templates][: int(values[self.count])],
            "host": values[self.host],
            "model": values[self.model],
            **{name: values[control] for name, control in self.knobs.items()},
        }

    async def run(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        host_id, model_name, spent = a["host"], a["model"], values[self.total]
        texts = [values[o] or "" for o in self.step_outputs]
        index = int(values[self.start_after] or 0)
        lines = [""] * MAX_STEPS
        code = {}  # until the request is known (a bad setting fails before)

        def shown() -> dict:
            return {**dict(zip(self.step_outputs, texts)), **dict(zip(self.stats, lines)), self.total: spent, **code}

        try:
            planned = self.plans.chain(a, lang)
            python_code, curl_code = code_for(playground, planned, request, lang)
            code = {self.python_code: python_code, self.curl_code: curl_code}
            settings, templates = planned.request.settings, planned.templates
            steps = run_chain(playground, host_id, model_name, planned.first_input, templates, settings, texts, index)
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
                yield shown()
        except Exception as error:  # keep what arrived; the steps after this one are not run
            if isinstance(error, StreamInterrupted):
                texts[index] = error.partial.text
            lines[index] = "⚠️ " + playground.explain(error, lang, host_id, model_name)
            yield shown()
            raise fail(playground, error, lang, host_id, model_name, request) from None

    def show_steps(self, step_count: float) -> dict:
        return {group: gr.Group(visible=i < int(step_count)) for i, group in enumerate(self.groups)}

    def wire(self) -> None:
        inputs = {self.first_input, self.count, self.start_after, self.total, *self.templates, *self.step_outputs}
        inputs |= {self.host, self.model, *self.knobs.values()}
        run_steps = as_caller(self.run, place="chain", pace=self.playground.page_pace)
        events = [self.run_button.click(run_steps, inputs, self.outputs, **PRIVATE)]
        for step, button in enumerate(self.reruns, start=1):
            marked = button.click(lambda step=step: step, None, self.start_after, **PRIVATE)
            events.append(marked.then(run_steps, inputs, self.outputs, **PRIVATE))
            events[-1].then(lambda: 0, None, self.start_after, **PRIVATE)
        rerun = lambda click: click.then(run_steps, inputs, self.outputs, **PRIVATE)  # noqa: E731
        events.append(retry_without(self.playground, list(events), self.knobs, rerun, "chain"))
        self.stop_button.click(None, None, None, cancels=events, **PRIVATE)
        self.count.change(self.show_steps, self.count, self.groups, **PRIVATE)
        self.add.click(lambda c: min(int(c) + 1, MAX_STEPS), self.count, self.count, **PRIVATE)
        self.remove.click(lambda c: max(int(c) - 1, 1), self.count, self.count, **PRIVATE)

    def page_load(self) -> PageLoad:
        return PageLoad(
            [self.first_input, *self.templates[: self.default_steps]],
            lambda lang: [preset("chain", lang)[0], *preset("chain", lang)[1]],
            {"input": self.first_input, "steps": self.count, **self.knobs}
            | {f"step{i + 1}": template for i, template in enumerate(self.templates)},
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return ChainTab(playground, i18n, host, model).page_load()
