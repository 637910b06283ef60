"""Streaming tab — the lesson's chat_stream.py plus a history: token by token, Stop keeps the text."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted, StreamUpdate, Waiting, throttled, with_waiting
from components.core.history import to_openai_messages
from components.core.records import Call
from components.i18n import preset, translate
from components.lessons.teaching import chat_messages
from components.ui.tabs.code_view import code_view, export_panel
from components.ui.tabs.common import (
    PRIVATE,
    PageLoad,
    answer_settings,
    probability_panel,
    probability_view,
    short_stats,
    waiting_note,
    wire_run,
)
from components.ui.tabs.knob_panel import context_note, cost_line, knob_panel, wire_meter

NOTE = {"title": "⚠️"}  # a metadata title marks the app's own notes: never sent to the model
SKIP2 = (gr.skip(), gr.skip())
SKIP4 = (*SKIP2, *SKIP2)


def format_others(update: StreamUpdate) -> str:
    return "\n\n---\n\n".join(f"**#{i + 1}**\n\n{text}" for i, text in enumerate(update.texts) if i > 0)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("stream.intro"))
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label=i18n("stream.chatbot"), height=420)
            message = gr.Textbox(label=i18n("stream.message"), placeholder=i18n("stream.placeholder"), lines=1)
            with gr.Row():
                send = gr.Button(i18n("stream.send"), variant="primary")
                stop = gr.Button(i18n("stream.stop"), variant="stop")
                clear = gr.Button(i18n("stream.clear"))
            stats = gr.Markdown(label=i18n("stream.stats"))
            others = gr.Markdown(label=i18n("stream.others"))
        with gr.Column(scale=2):
            system = gr.Textbox(label=i18n("knobs.system"), lines=3, value=preset("stream_system", "en"))
            meter = gr.Markdown()
            panel = knob_panel(i18n)
            show, shaded, logprobs = probability_panel(i18n)
            sent = gr.JSON(label=i18n("params.sent"))
            python_code, curl_code = code_view(i18n)
            export_panel(i18n, playground, "stream")
    total = gr.State(0.0)  # this tab's running cost in this session

    async def stream_chat(
        request: gr.Request, text, history, system_prompt, probabilities, spent, host_id, model_name, *knob_values
    ):
        lang = language(request)
        history = list(history or [])
        try:
            settings = answer_settings(lang, probabilities, **panel.values(knob_values))
            messages = to_openai_messages(history, system_prompt, playground.uploads) + chat_messages("", text)
            chat_request = playground.request(host_id, model_name, messages, settings)
            code = code_for(playground, [Call(chat_request, stream=True)], request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        body = chat_request.to_api(stream=True)
        history += [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
        yield history, "", "", "", [], None, body, spent, *code
        update = None
        try:
            async for update in with_waiting(throttled(playground.stream(chat_request))):
                if isinstance(update, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    note = waiting_note(playground, update, lang, host_id)
                    yield history, "", note, *SKIP4, gr.skip(), *code
                    continue
                history[-1] = {"role": "assistant", "content": update.text}
                stats = short_stats(update, lang)
                if update.done:
                    done_call = Call(chat_request, stream=True)
                    playground.remember(session_of(request), "stream", done_call, update.text, update.usage)
                    spent_text, spent = cost_line(playground, host_id, chat_request.model, update.usage, spent, lang)
                    stats = f"{stats} · {spent_text}"
                shown = probability_view(update.logprobs), update.logprobs or None
                yield history, "", stats, format_others(update), *shown, gr.skip(), spent, *code
        except StreamInterrupted as error:  # keep what arrived, say what happened
            history[-1] = {"role": "assistant", "content": error.partial.text}
            note = playground.explain(error, lang, host_id, model_name)
            yield history + [{"role": "assistant", "content": note, "metadata": NOTE}], "", "", "", *SKIP4, *code
            raise fail(playground, error, lang, host_id, model_name, request) from None
        except Exception as error:  # nothing arrived: give the message back so nothing is lost
            yield history[:-2], text, "", "", *SKIP4, *code
            raise fail(playground, error, lang, host_id, model_name, request) from None
        if update and "content_filter" in update.finish_reasons:
            note = translate("content_filter_answer", lang, host=playground.host_label(host_id, lang))
            note_message = {"role": "assistant", "content": note, "metadata": NOTE}
            yield history + [note_message], "", short_stats(update, lang), "", *SKIP4, *code

    def measure(host_id, model_name, system_prompt, text, history, request: gr.Request):
        try:  # a meter must never fail an event: an odd history shape just leaves it empty
            past = to_openai_messages(history, "", playground.uploads)
        except Exception:
            return ""
        return context_note(playground, host_id, model_name, system_prompt, [], past, text, language(request))

    inputs = [message, chatbot, system, show, total, host, model, *panel.inputs]
    outputs = [chatbot, message, stats, others, shaded, logprobs, sent, total, python_code, curl_code]
    # A retry resends the message the failed call gave back to the box (it also returned the history).
    wire_run(playground, [message.submit, send.click], stream_chat, inputs, outputs, panel.components, stop)
    clear.click(lambda: ([], "", "", "", [], None, None), None, outputs[:7], **PRIVATE)
    # Measured while the next message is typed, not on every streamed update of the conversation.
    meter_inputs = [host, model, system, message, chatbot]
    triggers = [c.change for c in meter_inputs[:4]]
    wire_meter(triggers, measure, meter_inputs, meter)
    return PageLoad([system], lambda lang: [preset("stream_system", lang)], {"system": system, **panel.components})
