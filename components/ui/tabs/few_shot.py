"""Few-shot tab — the lesson's few_shot_examples.py: examples sent as real user/assistant turns."""

from __future__ import annotations

import asyncio

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.i18n import preset, translate, ui
from components.lessons.plans import Plans
from components.lessons.teaching import example_pairs, few_shot_messages
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import IN_SIGHT, PRIVATE, Awaited, PageLoad, format_usage, knob_slider, wire_run
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


class FewShotTab:
    """The Few-shot tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("fewshot.intro"))
        system_en, pairs_en, question_en = preset("few_shot", "en")["hints"]
        with gr.Row():
            with gr.Column():
                self.chosen = gr.Dropdown(preset_choices("en"), value="hints", label=i18n("fewshot.preset"))
                self.system = gr.Textbox(label=i18n("knobs.system"), value=system_en, lines=2)
                self.table = gr.Dataframe(
                    value=[[True, user, assistant] for user, assistant in pairs_en],
                    headers=headers("en"),
                    datatype=["bool", "str", "str"],
                    type="array",
                    interactive=True,
                    column_count=3,
                    label=i18n("fewshot.table"),
                    wrap=True,
                    column_widths=["16%", "42%", "42%"],  # the whole example in sight, its words wrapped
                )
                self.question = gr.Textbox(label=i18n("fewshot.question"), value=question_en)
                self.meter = gr.Markdown()
                self.compare = gr.Checkbox(value=True, label=i18n("fewshot.compare"))
                self.knobs = {name: knob_slider(name, i18n) for name in IN_SIGHT}
                with gr.Row():
                    self.run_button = gr.Button(i18n("fewshot.run"), variant="primary")
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            with gr.Column():
                self.answer = gr.Textbox(label=i18n("fewshot.answer"), lines=4, interactive=False)
                self.zero_shot = gr.Textbox(label=i18n("fewshot.zero"), lines=4, interactive=False)
                self.notes = gr.Markdown()
                self.sent = gr.JSON(label=i18n("fewshot.messages"))
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "few_shot")
                export_panel(i18n, playground, "few_shot")
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `run` may update."""
        shown = [self.answer, self.zero_shot, self.notes, self.sent, self.total]
        return [*shown, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /few_shot endpoint's arguments (the same plan builds both requests)."""
        return {
            "question": values[self.question],
            "examples": rows_of(values[self.table]),
            "system_prompt": values[self.system],
            "zero_shot": values[self.compare],
            "host": values[self.host],
            "model": values[self.model],
            **{name: values[control] for name, control in self.knobs.items()},
        }

    def load_preset(self, key: str, request: gr.Request) -> dict:
        system, table, question = preset_values(key, language(request))
        return {self.system: system, self.table: table, self.question: question}

    async def run(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        host_id, model_name, spent = a["host"], a["model"], values[self.total]
        results = None
        try:
            calls = self.plans.few_shot(a, lang)
            _, incomplete = example_pairs(a["examples"])
            python_code, curl_code = code_for(playground, calls, request, lang)
            code = {self.python_code: python_code, self.curl_code: curl_code}

            async def every_call():  # a coroutine, so the calls start inside with_waiting (which watches them)
                return await asyncio.gather(*(playground.complete(call.request) for call in calls))

            awaited = Awaited(playground, every_call(), lang, host_id)
            async for note in awaited.notes():
                yield {self.notes: note, **code}
            results = awaited.result
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        lines = [translate("few_shot.tokens", lang, usage=format_usage(results[0].usage))]
        if a["zero_shot"]:
            lines.append(translate("zero_shot.tokens", lang, usage=format_usage(results[1].usage)))
        for call, result in zip(calls, results):
            answer = result.choices[0].text if result.choices else ""
            playground.remember(session_of(request), "few_shot", call, answer, result.usage)
        used = [r.usage or {} for r in results]
        usage = {key: sum(u.get(key) or 0 for u in used) for key in ("prompt_tokens", "completion_tokens")}
        cost, spent = cost_line(playground, host_id, calls[0].request.model, usage, spent, lang)
        lines.append(cost)
        if incomplete:
            lines.append("⚠️ " + translate("few_shot_incomplete", lang, count=incomplete))
        yield {
            self.answer: results[0].choices[0].text,
            self.zero_shot: results[1].choices[0].text if a["zero_shot"] else "",
            self.notes: "  \n".join(lines),
            self.sent: calls[0].request.messages,
            self.total: spent,
            **code,
        }

    def measure(self, values: dict, request: gr.Request) -> dict:
        pairs, _ = example_pairs(rows_of(values[self.table]))
        turns = few_shot_messages("", pairs, "?")[:-1]  # the examples as turns, without a question
        system, question, lang = values[self.system], values[self.question], language(request)
        note = context_note(self.playground, values[self.host], values[self.model], system, turns, [], question, lang)
        return {self.meter: note}

    def wire(self) -> None:
        self.chosen.change(self.load_preset, self.chosen, [self.system, self.table, self.question], **PRIVATE)
        meter_inputs = [self.host, self.model, self.system, self.table, self.question]
        wire_meter([c.change for c in meter_inputs], self.measure, set(meter_inputs), self.meter)
        inputs = {self.system, self.table, self.question, self.compare, self.total, self.host, self.model}
        inputs |= set(self.knobs.values())
        wire_run(
            self.playground,
            [self.run_button.click],
            self.run,
            inputs,
            self.outputs,
            self.knobs,
            self.stop_button,
            name="run_few_shot",
        )

    def page_load(self) -> PageLoad:
        return PageLoad(
            [self.chosen, self.system, self.table, self.question],
            lambda lang: [gr.Dropdown(choices=preset_choices(lang)), *preset_values("hints", lang)],
            shared={"system": self.system, "examples": self.table, "question": self.question}
            | {"compare": self.compare, **self.knobs},
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return FewShotTab(playground, i18n, host, model).page_load()
