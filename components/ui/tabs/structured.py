"""Structured outputs tab (the lesson's structured_outputs_*.py): the answer's shape as pydantic classes typed as
Python (read, never run), sent as a strict JSON Schema in response_format; the model's JSON, the fields the class
parses from it, and every validation problem or refusal, said as such."""

from __future__ import annotations

import json

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.i18n import preset, translate, ui
from components.lessons.plans import Plans
from components.lessons.schemas import structured_result
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import IN_SIGHT, PRIVATE, Awaited, PageLoad, knob_slider, wire_run
from components.ui.tabs.knob_panel import cost_line


def preset_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("structured_labels", lang).items()]


def headers(lang: str) -> list[str]:
    return [ui("structured.field", lang), ui("structured.value", lang)]


def field_rows(value, prefix: str = "") -> list[list[str]]:
    """The parsed answer as (field, value) rows: nested fields as owner.name, list items as likes[0]."""
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in field_rows(item, f"{prefix}.{key}" if prefix else key)]
    if isinstance(value, list) and value and any(isinstance(item, (dict, list)) for item in value):
        return [row for i, item in enumerate(value) for row in field_rows(item, f"{prefix}[{i}]")]
    return [[prefix, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)]]


def status_line(shown: dict, lang: str) -> str:
    if shown["refusal"]:
        return translate("structured.refusal", lang, refusal=shown["refusal"])
    if shown["parsed"] is not None:
        return translate("structured.valid", lang, name=shown["shape"])
    problems = shown["problems"]
    head = translate("structured.invalid", lang, name=shown["shape"], count=len(problems))
    return head + "\n" + "\n".join(f"- `{problem}`" for problem in problems[:12])


class StructuredTab:
    """The Structured outputs tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("structured.intro"))
        with gr.Row():
            with gr.Column():
                self.preset = gr.Radio(preset_choices("en"), label=i18n("structured.preset"))
                source, message = preset("structured", "en")["cat"]
                self.schema = gr.Code(source, language="python", label=i18n("structured.schema"), interactive=True)
                self.system = gr.Textbox(label=i18n("knobs.system"), lines=1)
                self.message = gr.Textbox(label=i18n("structured.message"), lines=3, value=message)
                self.knobs = {name: knob_slider(name, i18n) for name in IN_SIGHT}
                with gr.Row():
                    self.run_button = gr.Button(i18n("structured.run"), variant="primary")
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            with gr.Column():
                self.status = gr.Markdown()
                self.parsed = gr.Dataframe(
                    headers=headers("en"),
                    label=i18n("structured.parsed"),
                    interactive=False,
                    wrap=True,
                )
                self.raw = gr.Code(language="json", label=i18n("structured.raw"), interactive=False)
                self.json_schema = gr.JSON(label=i18n("structured.json_schema"))
                self.sent = gr.JSON(label=i18n("params.sent"))
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "structured")
                export_panel(i18n, playground, "structured")
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `run` may update."""
        shown = [self.status, self.parsed, self.raw, self.json_schema, self.sent, self.total]
        return [*shown, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /structured endpoint's arguments (the same plan builds both requests)."""
        return {
            "message": values[self.message],
            "schema": values[self.schema] or "",
            "system_prompt": values[self.system],
            "host": values[self.host],
            "model": values[self.model],
            **{name: values[control] for name, control in self.knobs.items()},
        }

    def load_preset(self, key: str, request: gr.Request) -> dict:
        source, message = preset("structured", language(request))[key]
        return {self.schema: source, self.message: message}

    async def run(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        host_id, model_name, spent = a["host"], a["model"], values[self.total]
        try:  # a schema that cannot be read is said here, with its line, before anything is sent
            (call,) = self.plans.structured(a, lang)
            shape = self.plans.shape(a, lang)
            python_code, curl_code = code_for(playground, [call], request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        body = call.request.to_api()
        code = {self.python_code: python_code, self.curl_code: curl_code}
        yield {self.json_schema: body["response_format"], self.sent: body, self.status: "…", **code}
        awaited = Awaited(playground, playground.complete(call.request), lang, host_id)
        try:
            async for note in awaited.notes():
                yield {self.status: note}
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        result = awaited.result
        choice = result.choices[0]
        shown = structured_result(shape, choice.text, choice.refusal)
        playground.remember(session_of(request), "structured", call, choice.text, result.usage)
        cost, spent = cost_line(playground, host_id, call.request.model, result.usage, spent, lang)
        yield {
            self.status: f"{status_line(shown, lang)}\n\n{cost}",
            self.parsed: field_rows(shown["parsed"]) if shown["parsed"] is not None else [],
            self.raw: choice.text,
            self.total: spent,
        }

    def wire(self) -> None:
        inputs = {self.message, self.schema, self.system, self.total, self.host, self.model, *self.knobs.values()}
        wire_run(
            self.playground,
            [self.run_button.click],
            self.run,
            inputs,
            self.outputs,
            self.knobs,
            self.stop_button,
            name="structured_output",
        )
        self.preset.input(self.load_preset, self.preset, [self.schema, self.message], **PRIVATE)

    def page_load(self) -> PageLoad:
        shared = {"message": self.message, "schema": self.schema, "system_prompt": self.system, **self.knobs}
        return PageLoad(
            [self.preset, self.schema, self.message, self.parsed],
            lambda lang: [
                gr.Radio(choices=preset_choices(lang)),
                *preset("structured", lang)["cat"],
                gr.Dataframe(headers=headers(lang)),
            ],
            shared,
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return StructuredTab(playground, i18n, host, model).page_load()
