"""Chat tab — the lesson's chat.py: one call, every choice, usage and finish_reason."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.i18n import preset, translate
from components.lessons.plans import Plans
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import (
    PRIVATE,
    Awaited,
    PageLoad,
    format_usage,
    probability_panel,
    probability_view,
    wire_run,
)
from components.ui.tabs.knob_panel import context_note, cost_line, knob_panel, wire_meter


def format_answers(choices) -> str:
    blocks = [f"**#{c.index + 1}** · finish_reason: `{c.finish_reason}`\n\n{c.text}" for c in choices]
    return "\n\n---\n\n".join(blocks)


def example_choices(lang: str) -> list[tuple[str, str]]:
    return [(label, key) for key, label in preset("chat_example_labels", lang).items()]


class ChatTab:
    """The Chat tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("chat.intro"))
        first_system, first_prompt = preset("chat_examples", "en")["haiku"]
        with gr.Row():
            with gr.Column():
                self.example = gr.Dropdown(example_choices("en"), value="haiku", label=i18n("chat.examples"))
                self.system = gr.Textbox(label=i18n("knobs.system"), value=first_system, lines=2)
                self.prompt = gr.Textbox(label=i18n("chat.prompt"), value=first_prompt, lines=3)
                self.meter = gr.Markdown()
                self.panel = knob_panel(i18n)
                with gr.Row():
                    self.send_button = gr.Button(i18n("chat.send"), variant="primary")
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            with gr.Column():
                self.answers = gr.Markdown(label=i18n("chat.answers"), container=True, min_height=120)
                self.cost = gr.Markdown()
                self.show, self.shaded, self.logprobs = probability_panel(i18n)
                self.details = gr.JSON(label=i18n("chat.details"))
                self.sent = gr.JSON(label=i18n("params.sent"))
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "chat")
                export_panel(i18n, playground, "chat")
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `send` may update."""
        shown = [self.answers, self.cost, self.total, self.details, self.shaded, self.logprobs, self.sent]
        return [*shown, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /chat endpoint's arguments (the same plan builds both requests)."""
        return {
            "message": values[self.prompt],
            "system_prompt": values[self.system],
            "host": values[self.host],
            "model": values[self.model],
            "probabilities": values[self.show],
            **self.panel.values_of(values),
        }

    def fill_example(self, key: str, request: gr.Request) -> dict:
        system, prompt = preset("chat_examples", language(request)).get(key, ("", ""))
        return {self.system: system, self.prompt: prompt}

    async def send(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        host_id, model_name = values[self.host], values[self.model]
        result = None
        try:
            (call,) = self.plans.chat(self.arguments(values), lang)
            body = call.request.to_api()
            python_code, curl_code = code_for(playground, [call], request, lang)
            shown = {self.sent: body, self.python_code: python_code, self.curl_code: curl_code}
            awaited = Awaited(playground, playground.complete(call.request), lang, host_id)
            async for note in awaited.notes():
                yield {self.answers: note, **shown}
            result = awaited.result
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        info = {
            "model": result.model,
            "finish_reasons": [c.finish_reason for c in result.choices],
            "usage": result.usage,
            "tokens": format_usage(result.usage),
            "latency_s": round(result.latency_s, 3),
        }
        answers = format_answers(result.choices)
        if "content_filter" in info["finish_reasons"]:
            note = translate("content_filter_answer", lang, host=playground.host_label(host_id, lang))
            answers = f"⚠️ {note}\n\n{answers}"
        entries = result.choices[0].logprobs if result.choices else None
        first = result.choices[0].text if result.choices else ""
        playground.remember(session_of(request), "chat", call, first, result.usage)
        spent_text, spent = cost_line(playground, host_id, result.model, result.usage, values[self.total], lang)
        yield {
            self.answers: answers,
            self.cost: spent_text,
            self.total: spent,
            self.details: info,
            self.shaded: probability_view(entries),
            self.logprobs: entries,
            **shown,
        }

    def measure(self, values: dict, request: gr.Request) -> dict:
        system, prompt, lang = values[self.system], values[self.prompt], language(request)
        return {
            self.meter: context_note(
                self.playground, values[self.host], values[self.model], system, [], [], prompt, lang
            )
        }

    def wire(self) -> None:
        inputs = {self.system, self.prompt, self.show, self.total, self.host, self.model, *self.panel.inputs}
        triggers = [self.send_button.click, self.prompt.submit]
        wire_run(
            self.playground,
            triggers,
            self.send,
            inputs,
            self.outputs,
            self.panel.components,
            self.stop_button,
            name="chat",
        )
        self.example.change(self.fill_example, self.example, [self.system, self.prompt], **PRIVATE)
        meter_inputs = [self.host, self.model, self.system, self.prompt]
        wire_meter([c.change for c in meter_inputs], self.measure, set(meter_inputs), self.meter)

    def page_load(self) -> PageLoad:
        return PageLoad(
            [self.example, self.system, self.prompt],
            lambda lang: [gr.Dropdown(choices=example_choices(lang)), *preset("chat_examples", lang)["haiku"]],
            shared={"system": self.system, "prompt": self.prompt, **self.panel.components},
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return ChatTab(playground, i18n, host, model).page_load()
