"""Prompt engineering tab — the lesson's prompt_engineering.py: the same question with and without a
persona's system message, streamed side by side."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted
from components.core.pacing import Waiting, side_by_side, throttled, with_waiting
from components.i18n import preset
from components.lessons.plans import Plans
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import (
    IN_SIGHT,
    PRIVATE,
    PageLoad,
    Screen,
    knob_slider,
    short_stats,
    waiting_note,
    wire_run,
)
from components.ui.tabs.knob_panel import cost_line


def persona_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("persona_labels", lang).items()]


class PersonaTab:
    """The Prompt engineering tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("persona.intro"))
        with gr.Row():
            with gr.Column():
                self.persona = gr.Dropdown(persona_choices("en"), value="yoda", label=i18n("persona.preset"))
                self.system = gr.Textbox(label=i18n("knobs.system"), value=preset("personas", "en")["yoda"], lines=3)
                self.question = gr.Textbox(
                    label=i18n("persona.question"), value=preset("persona_question", "en"), lines=2
                )
                self.compare = gr.Checkbox(value=True, label=i18n("persona.compare"))
                self.knobs = {name: knob_slider(name, i18n) for name in IN_SIGHT}
                with gr.Row():
                    self.run_button = gr.Button(i18n("persona.run"), variant="primary")
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            with gr.Column():
                self.with_system = gr.Textbox(label=i18n("persona.with"), lines=8, interactive=False)
                self.without_system = gr.Textbox(label=i18n("persona.without"), lines=8, interactive=False)
                self.stats = gr.Markdown()
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "persona")
                export_panel(i18n, playground, "persona")
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `run` may update."""
        return [self.with_system, self.without_system, self.stats, self.total, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /persona endpoint's arguments (the same plan builds both requests)."""
        return {
            "question": values[self.question],
            "system_prompt": values[self.system],
            "compare": values[self.compare],
            "host": values[self.host],
            "model": values[self.model],
            **{name: values[control] for name, control in self.knobs.items()},
        }

    def fill_persona(self, key: str, request: gr.Request) -> dict:
        personas = preset("personas", language(request))
        return {self.system: personas.get(key, personas["custom"])}

    async def run(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        host_id, model_name = values[self.host], values[self.model]
        texts, lines, errors, spent = ["", ""], ["", ""], [], values[self.total]
        try:
            calls = self.plans.persona(self.arguments(values), lang)
            python_code, curl_code = code_for(playground, calls, request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        screen = Screen(postprocessed=True)
        code = {self.python_code: python_code, self.curl_code: curl_code}
        yield screen.show({self.with_system: "", self.without_system: "", self.stats: "", self.total: spent, **code})
        streams = side_by_side(*(throttled(playground.stream(call.request)) for call in calls))
        async for item in with_waiting(streams):
            if isinstance(item, Waiting):  # a slow or retrying host: say so instead of a frozen page
                yield screen.show({self.stats: waiting_note(playground, item, lang, host_id)})
                continue
            index, update = item
            if isinstance(update, Exception):  # one side failing leaves the other running
                errors.append(update)
                partial = update.partial.text if isinstance(update, StreamInterrupted) else ""
                texts[index] = f"{partial}\n\n⚠️ {playground.explain(update, lang, host_id, model_name)}".strip()
            else:
                texts[index], lines[index] = update.text, short_stats(update, lang)
                if update.done:
                    call = calls[index]
                    playground.remember(session_of(request), "persona", call, update.text, update.usage)
                    cost, spent = cost_line(playground, host_id, call.request.model, update.usage, spent, lang)
                    lines[index] += f" · {cost}"
            stats = "  \n".join(line for line in lines if line)
            yield screen.show(
                {self.with_system: texts[0], self.without_system: texts[1], self.stats: stats, self.total: spent}
            )
        if errors:
            raise fail(playground, errors[0], lang, host_id, model_name, request)

    def wire(self) -> None:
        self.persona.change(self.fill_persona, self.persona, self.system, **PRIVATE)
        inputs = {self.system, self.question, self.compare, self.total, self.host, self.model, *self.knobs.values()}
        wire_run(
            self.playground,
            [self.run_button.click],
            self.run,
            inputs,
            self.outputs,
            self.knobs,
            self.stop_button,
            name="run_persona",
            postprocess=False,
        )

    def page_load(self) -> PageLoad:
        return PageLoad(
            [self.persona, self.system, self.question],
            lambda lang: [
                gr.Dropdown(choices=persona_choices(lang)),
                preset("personas", lang)["yoda"],
                preset("persona_question", lang),
            ],
            shared={"persona": self.persona, "system": self.system, "question": self.question}
            | {"compare": self.compare, **self.knobs},
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return PersonaTab(playground, i18n, host, model).page_load()
