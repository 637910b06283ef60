"""Streaming tab — the lesson's chat_stream.py plus a history: token by token, Stop keeps the text."""

from __future__ import annotations

import gradio as gr

from ..calls import StreamInterrupted, StreamUpdate, Waiting, throttled, with_waiting
from ..history import to_openai_messages
from ..messages import translate
from ..playground import Playground
from .common import (
    fail,
    language,
    require_text,
    retry_without,
    settings_from_knobs,
    short_stats,
    waiting_note,
)

NOTE = {"title": "⚠️"}  # a metadata title marks the app's own notes: never sent to the model


def format_others(update: StreamUpdate) -> str:
    return "\n\n---\n\n".join(f"**#{i + 1}**\n\n{text}" for i, text in enumerate(update.texts) if i > 0)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> None:
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
            system = gr.Textbox(
                label=i18n("knobs.system"),
                lines=3,
                value="Eres un asistente útil que hace muchas referencias a gatos y usa emojis.",
            )
            temperature = gr.Slider(
                0, 2, value=0.7, step=0.1, label=i18n("knobs.temperature"), info=i18n("knobs.temperature.info")
            )
            max_tokens = gr.Slider(
                0, 1024, value=200, step=1, label=i18n("knobs.max_tokens"), info=i18n("knobs.max_tokens.info")
            )
            n = gr.Slider(1, 5, value=1, step=1, label=i18n("knobs.n"), info=i18n("knobs.n.info"))

    async def stream_chat(
        text: str,
        history: list | None,
        system_prompt: str,
        temperature: float,
        max_tokens: int,
        n: int,
        host_id: str,
        model_name: str,
        request: gr.Request,
    ):
        lang = language(request)
        require_text(text, lang)
        history = list(history or [])
        messages = to_openai_messages(history, system_prompt) + [{"role": "user", "content": text}]
        history += [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
        yield history, "", "", ""
        update = None
        try:
            chat_request = playground.request(
                host_id, model_name, messages, settings_from_knobs(temperature, max_tokens, n)
            )
            async for update in with_waiting(throttled(playground.stream(chat_request))):
                if isinstance(update, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield history, "", waiting_note(playground, update, lang, host_id), gr.skip()
                    continue
                history[-1] = {"role": "assistant", "content": update.text}
                yield history, "", short_stats(update), format_others(update)
        except StreamInterrupted as error:  # keep what arrived, say what happened
            history[-1] = {"role": "assistant", "content": error.partial.text}
            note = playground.explain(error, lang, host_id, model_name)
            yield history + [{"role": "assistant", "content": note, "metadata": NOTE}], "", "", ""
            raise fail(playground, error, lang, host_id, model_name, request) from None
        except Exception as error:  # nothing arrived: give the message back so nothing is lost
            yield history[:-2], text, "", ""
            raise fail(playground, error, lang, host_id, model_name, request) from None
        if update and "content_filter" in update.finish_reasons:
            note = translate("content_filter_answer", lang, host=playground.host_label(host_id))
            yield history + [{"role": "assistant", "content": note, "metadata": NOTE}], "", short_stats(update), ""

    inputs = [message, chatbot, system, temperature, max_tokens, n, host, model]
    outputs = [chatbot, message, stats, others]
    submitted = message.submit(stream_chat, inputs, outputs, api_name="stream")
    clicked = send.click(stream_chat, inputs, outputs, api_name=False)
    # A retry resends the message the failed call gave back to the box (it also returned the history).
    retried = retry_without(
        playground,
        [submitted, clicked],
        {"temperature": temperature, "max_tokens": max_tokens, "n": n},
        lambda click: click.then(stream_chat, inputs, outputs, api_name=False),
    )
    stop.click(None, None, None, cancels=[submitted, clicked, retried])
    clear.click(lambda: ([], "", "", ""), None, outputs, api_name=False)
