"""Streaming tab — the lesson's chat_stream.py plus a history: token by token, Stop keeps the text."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted, StreamUpdate
from components.core.history import to_openai_messages
from components.core.pacing import QUESTION_AFTER_REQUEST_S, SENT, Waiting, throttled, with_waiting
from components.i18n import preset, translate
from components.lessons.plans import Plans
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import (
    CHAT_BUTTONS,
    PRIVATE,
    PageLoad,
    Screen,
    probability_panel,
    probability_view,
    short_stats,
    waiting_note,
    wire_run,
)
from components.ui.tabs.knob_panel import context_note, cost_line, knob_panel, wire_meter

NOTE = {"title": "⚠️"}  # a metadata title marks the app's own notes: never sent to the model


def format_others(update: StreamUpdate) -> str:
    return "\n\n---\n\n".join(f"**#{i + 1}**\n\n{text}" for i, text in enumerate(update.texts) if i > 0)


class StreamTab:
    """The Streaming tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("stream.intro"))
        with gr.Row():
            with gr.Column(scale=3):
                self.chatbot = gr.Chatbot(label=i18n("stream.chatbot"), height=420, buttons=CHAT_BUTTONS)
                self.message = gr.Textbox(label=i18n("stream.message"), placeholder=i18n("stream.placeholder"), lines=1)
                with gr.Row():
                    self.send_button = gr.Button(i18n("stream.send"), variant="primary")
                    self.stop_button = gr.Button(i18n("stream.stop"), variant="stop")
                    self.clear_button = gr.Button(i18n("stream.clear"))
                self.stats = gr.Markdown(label=i18n("stream.stats"))
                self.others = gr.Markdown(label=i18n("stream.others"))
            with gr.Column(scale=2):
                self.system = gr.Textbox(label=i18n("knobs.system"), lines=3, value=preset("stream_system", "en"))
                self.meter = gr.Markdown()
                self.panel = knob_panel(i18n)
                self.pace = gr.Slider(
                    0,
                    200,
                    value=playground.page_pace or 0,
                    step=5,
                    label=i18n("stream.pace"),
                    info=i18n("stream.pace.info"),
                )
                self.show, self.shaded, self.logprobs = probability_panel(i18n)
                self.sent = gr.JSON(label=i18n("params.sent"))
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "stream")
                export_panel(i18n, playground, "stream")
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `send` may update."""
        shown = [self.chatbot, self.message, self.stats, self.others, self.shaded, self.logprobs, self.sent]
        return [*shown, self.total, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /stream endpoint's arguments (the same plan builds both requests)."""
        return {
            "message": values[self.message],
            "history": list(values[self.chatbot] or []),
            "system_prompt": values[self.system],
            "host": values[self.host],
            "model": values[self.model],
            "probabilities": values[self.show],
            **self.panel.values_of(values),
        }

    async def send(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        text, history, host_id, model_name = a["message"], a["history"], a["host"], a["model"]
        try:
            (call,) = self.plans.stream(a, lang)
            python_code, curl_code = code_for(playground, [call], request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        code = {self.python_code: python_code, self.curl_code: curl_code}
        history += [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
        cleared = {self.stats: "", self.others: "", self.shaded: [], self.logprobs: None}
        update, spent, screen = None, values[self.total], Screen(postprocessed=True)
        sent = {self.sent: call.request.to_api(stream=True), self.total: spent}
        try:
            paced = playground.stream(call.request, pace=values[self.pace])  # (only the builtin host's)
            async for update in with_waiting(throttled(paced), sent_first_s=QUESTION_AFTER_REQUEST_S):
                if update is SENT:  # the question, once the request has left
                    yield screen.show({self.chatbot: history, self.message: "", **cleared, **sent, **code})
                    continue
                if isinstance(update, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield screen.show({self.stats: waiting_note(playground, update, lang, host_id)})
                    continue
                history[-1] = {"role": "assistant", "content": update.text}
                stats = short_stats(update, lang)
                if update.done:
                    playground.remember(session_of(request), "stream", call, update.text, update.usage)
                    spent_text, spent = cost_line(playground, host_id, call.request.model, update.usage, spent, lang)
                    stats = f"{stats} · {spent_text}"
                yield screen.show(
                    {
                        self.chatbot: history,
                        self.stats: stats,
                        self.others: format_others(update),
                        self.shaded: probability_view(update.logprobs),
                        self.logprobs: update.logprobs or None,
                        self.total: spent,
                    }
                )
        except StreamInterrupted as error:  # keep what arrived, say what happened
            history[-1] = {"role": "assistant", "content": error.partial.text}
            note = playground.explain(error, lang, host_id, model_name)
            yield screen.show({self.chatbot: history + [{"role": "assistant", "content": note, "metadata": NOTE}]})
            raise fail(playground, error, lang, host_id, model_name, request) from None
        except Exception as error:  # nothing arrived: give the message back so nothing is lost
            yield screen.show({self.chatbot: history[:-2], self.message: text, self.stats: ""})
            raise fail(playground, error, lang, host_id, model_name, request) from None
        if update and "content_filter" in update.finish_reasons:
            note = translate("content_filter_answer", lang, host=playground.host_label(host_id, lang))
            note_message = {"role": "assistant", "content": note, "metadata": NOTE}
            yield screen.show({self.chatbot: history + [note_message], self.stats: short_stats(update, lang)})

    def clear(self) -> dict:
        empty = {self.stats: "", self.others: "", self.shaded: [], self.logprobs: None, self.sent: None}
        return {self.chatbot: [], self.message: "", **empty}

    def measure(self, values: dict, request: gr.Request) -> dict:
        try:  # a meter must never fail an event: an odd history shape just leaves it empty
            past = to_openai_messages(values[self.chatbot], "", self.playground.uploads)
        except Exception:
            return {self.meter: ""}
        system, text, lang = values[self.system], values[self.message], language(request)
        host_id, model_name = values[self.host], values[self.model]
        return {self.meter: context_note(self.playground, host_id, model_name, system, [], past, text, lang)}

    def wire(self) -> None:
        inputs = {self.message, self.chatbot, self.system, self.show, self.total, self.host, self.model, self.pace}
        triggers = [self.message.submit, self.send_button.click]
        # A retry resends the message the failed call gave back to the box (it also returned the history).
        wire_run(
            self.playground,
            triggers,
            self.send,
            inputs | set(self.panel.inputs),
            self.outputs,
            self.panel.components,
            self.stop_button,
            name="stream_chat",
            postprocess=False,
        )
        self.clear_button.click(self.clear, None, self.outputs[:7], **PRIVATE)
        # Measured while the next message is typed, not on every streamed update of the conversation.
        meter_inputs = [self.host, self.model, self.system, self.message, self.chatbot]
        wire_meter([c.change for c in meter_inputs[:4]], self.measure, set(meter_inputs), self.meter)

    def page_load(self) -> PageLoad:
        shared = {"system": self.system, **self.panel.components}
        return PageLoad([self.system], lambda lang: [preset("stream_system", lang)], shared)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return StreamTab(playground, i18n, host, model).page_load()
