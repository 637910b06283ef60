"""Function calling tab (the lesson's function_calling_*.py): tools as editable JSON Schema functions, tool_choice
and parallel_tool_calls, and the whole loop shown message by message — the model's tool_calls, each result the
app's own tools give as a `tool` message, the final answer — walked a step at a time or run to the end, with
every request body and the loop's code."""

from __future__ import annotations

import json

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.records import Call
from components.i18n import UserError, preset, translate, ui
from components.lessons.app_tools import tool_definitions
from components.lessons.plans import Plans
from components.lessons.tool_loop import CHOICES, MOST_ROUNDS, ToolLoop, conversation, read_tools, tool_names
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import IN_SIGHT, PRIVATE, Awaited, PageLoad, knob_slider, wire_run
from components.ui.tabs.knob_panel import cost_line

PARALLEL = {"": None, "true": True, "false": False}


def preset_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("tools_labels", lang).items()]


def preset_values(key: str, lang: str) -> tuple[str, str]:
    """A preset's tools (the app's own, described in the reader's language) as JSON, and its message."""
    names, message = preset("tools", lang)[key]
    return json.dumps(tool_definitions(names, preset("tool_descriptions", lang)), indent=2, ensure_ascii=False), message


def choice_list(names: list[str]) -> list[str]:
    return [*CHOICES, *names]


def parallel_choices(lang: str) -> list[tuple[str, str]]:
    return [(ui("tools.not_sent", lang), ""), ("true", "true"), ("false", "false")]


class ToolsTab:
    """The Function calling tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("tools.intro"))
        tools_json, message = preset_values("weather", "en")
        with gr.Row():
            with gr.Column():
                self.preset = gr.Radio(preset_choices("en"), label=i18n("tools.preset"))
                self.tools = gr.Code(tools_json, language="json", label=i18n("tools.tools"), interactive=True)
                self.system = gr.Textbox(label=i18n("knobs.system"), lines=1)
                self.message = gr.Textbox(label=i18n("tools.message"), lines=2, value=message)
                with gr.Row():
                    self.choice = gr.Dropdown(
                        choice_list(["get_weather"]),
                        value="auto",
                        label=i18n("tools.choice"),
                        info=i18n("tools.choice.info"),
                    )
                    self.parallel = gr.Radio(
                        parallel_choices("en"), value="", label=i18n("tools.parallel"), info=i18n("tools.parallel.info")
                    )
                self.knobs = {name: knob_slider(name, i18n) for name in IN_SIGHT}
                with gr.Row():
                    self.step_button = gr.Button(i18n("tools.step"), variant="primary")
                    self.run_button = gr.Button(i18n("tools.run"))
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            with gr.Column():
                self.status = gr.Markdown()
                self.conversation = gr.Markdown(container=True, elem_id="tools-loop")
                self.bodies = gr.JSON(label=i18n("tools.bodies"))
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "tools")
                export_panel(i18n, playground, "tools")
        self.loop = gr.State(None)  # this session's run: (the arguments it started from, its ToolLoop)
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What a step may update."""
        return [self.status, self.conversation, self.bodies, self.loop, self.total, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /tools endpoint's arguments (the same plan builds both requests)."""
        return {
            "message": values[self.message],
            "tools": values[self.tools] or "",
            "tool_choice": values[self.choice],
            "parallel_tool_calls": PARALLEL.get(values[self.parallel]),
            "system_prompt": values[self.system],
            "host": values[self.host],
            "model": values[self.model],
            **{name: values[control] for name, control in self.knobs.items()},
        }

    def load_preset(self, key: str, request: gr.Request) -> dict:
        tools_json, message = preset_values(key, language(request))
        names = preset("tools", language(request))[key][0]
        return {
            self.tools: tools_json,
            self.message: message,
            self.choice: gr.Dropdown(choice_list(names), value="auto"),
        }

    def offer_choices(self, tools_json: str, chosen: str) -> dict:
        """tool_choice offers the tools' names as they are now (a JSON that cannot be read leaves them as they were:
        running says what is wrong with it)."""
        try:
            names = tool_names(read_tools(tools_json))
        except UserError:
            return {self.choice: gr.Dropdown()}
        return {self.choice: gr.Dropdown(choice_list(names), value=chosen if chosen in choice_list(names) else "auto")}

    async def step(self, values: dict, request: gr.Request):
        async for update in self.advance(values, request, to_the_end=False):
            yield update

    async def run(self, values: dict, request: gr.Request):
        async for update in self.advance(values, request, to_the_end=True):
            yield update

    async def advance(self, values: dict, request: gr.Request, to_the_end: bool):
        """One step of the loop (ask the model, or run the tools it asked for), or every step to the end. A run
        goes on from where it is while the setup is the same; a new setup (or a finished run) starts afresh."""
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        host_id, model_name, spent = a["host"], a["model"], values[self.total]
        try:
            planned = self.plans.tools(a, lang)  # a tools' JSON that cannot be read is said here, before anything
            python_code, curl_code = code_for(playground, planned, request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        started, loop = values[self.loop] or (None, None)
        if loop is None or started != a or loop.done:
            loop = ToolLoop(planned.request, list(planned.request.messages))
        code = {self.python_code: python_code, self.curl_code: curl_code}
        while True:
            count = len(loop.waiting)
            call = loop.step()
            if call is None:  # it ran the tools the model asked for
                status = translate("tools.ran", lang, count=count)
            else:
                yield {
                    **self.shown(loop, a, lang),
                    self.status: translate("tools.asking", lang, number=loop.asked),
                    **code,
                }
                code, awaited = {}, Awaited(playground, playground.complete(call), lang, host_id)
                try:
                    async for note in awaited.notes():
                        yield {self.status: note}
                except Exception as error:
                    raise fail(playground, error, lang, host_id, model_name, request) from None
                result = awaited.result
                choice = result.choices[0]
                loop.take(choice)
                said = choice.text or json.dumps(choice.tool_calls or [], ensure_ascii=False)
                playground.remember(session_of(request), "tools", Call(call), said, result.usage)
                cost, spent = cost_line(playground, host_id, call.model, result.usage, spent, lang)
                wants = translate("tools.wants", lang, count=len(loop.waiting)) if loop.waiting else ""
                status = f"{wants}\n\n{cost}".strip()
            if loop.answer is not None:
                status = translate("tools.answered", lang, asked=loop.asked) + "\n\n" + status
            elif loop.done:
                status = translate("tools.limit", lang, most=MOST_ROUNDS) + "\n\n" + status
            yield {**self.shown(loop, a, lang), self.status: status, self.total: spent, **code}
            if loop.done or not to_the_end:
                return

    def shown(self, loop: ToolLoop, started: dict, lang: str) -> dict:
        said = f"#### {ui('tools.conversation', lang)}\n\n{conversation(loop.messages)}"  # its heading: in sight
        bodies = list(loop.bodies)  # as they are now: the loop goes on
        return {self.conversation: said, self.bodies: bodies, self.loop: (started, loop)}

    def wire(self) -> None:
        inputs = {self.message, self.tools, self.choice, self.parallel, self.system, self.loop, self.total}
        inputs |= {self.host, self.model, *self.knobs.values()}
        for handler, button, name in (
            (self.step, self.step_button, "tools_step"),
            (self.run, self.run_button, "tools_run"),
        ):
            wire_run(
                self.playground, [button.click], handler, inputs, self.outputs, self.knobs, self.stop_button, name=name
            )
        self.preset.input(self.load_preset, self.preset, [self.tools, self.message, self.choice], **PRIVATE)
        self.tools.blur(self.offer_choices, [self.tools, self.choice], self.choice, **PRIVATE)

    def page_load(self) -> PageLoad:
        shared = {
            "message": self.message,
            "tools": self.tools,
            "tool_choice": self.choice,
            "system_prompt": self.system,
        }
        return PageLoad(
            [self.preset, self.tools, self.message, self.parallel],
            lambda lang: [
                gr.Radio(choices=preset_choices(lang)),
                *preset_values("weather", lang),
                gr.Radio(choices=parallel_choices(lang)),
            ],
            {**shared, **self.knobs},
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return ToolsTab(playground, i18n, host, model).page_load()
