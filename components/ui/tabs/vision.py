"""Vision tab (openai-chat-vision-quickstart's idea): an image as a base64 data URL part beside the
question, checked and shrunk before it is sent, the answer streamed."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted, Waiting, throttled, with_waiting
from components.core.images import prepare_image
from components.core.records import Call
from components.core.settings import GenerationSettings
from components.i18n import UserError, preset
from components.lessons.teaching import vision_messages
from components.ui.tabs.code_view import code_view, export_panel
from components.ui.tabs.common import PageLoad, knob_slider, short_stats, waiting_note, wire_run
from components.ui.tabs.knob_panel import cost_line

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SAMPLES = [str(ASSETS / "cat.png"), str(ASSETS / "tokens_chart.png")]


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("vision.intro"))
    with gr.Row():
        with gr.Column():
            # A plain file input: we check the bytes ourselves, so a bad file gets our message, not a crash.
            image = gr.File(label=i18n("vision.image"), file_types=["image"], type="filepath")
            gr.Examples([[path] for path in SAMPLES], [image], label=i18n("vision.samples"))
            question = gr.Textbox(label=i18n("vision.question"), value=preset("vision_question", "en"))
            detail = gr.Radio(["auto", "low", "high"], value="auto", label=i18n("vision.detail"))
            temperature = knob_slider("temperature", i18n)
            max_tokens = knob_slider("max_tokens", i18n)
            with gr.Row():
                run = gr.Button(i18n("vision.run"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
        with gr.Column():
            answer = gr.Textbox(label=i18n("vision.answer"), lines=6, interactive=False)
            stats = gr.Markdown()
            preview = gr.Image(label=i18n("vision.preview"), type="filepath", interactive=False, height=220)
            sent = gr.JSON(label=i18n("vision.sent"))
            python_code, curl_code = code_view(i18n)
            export_panel(i18n, playground, "vision")

    async def ask_about_image(
        image_path,
        user_question,
        detail_level,
        spent,
        temperature,
        max_tokens,
        host_id,
        model_name,
        request: gr.Request,
    ):
        lang = language(request)
        try:
            settings = GenerationSettings.from_knobs(lang, temperature=temperature, max_tokens=max_tokens)
            if not image_path:
                raise UserError("no_image")
            prepared = prepare_image(image_path, playground.uploads)
            messages = vision_messages(user_question, prepared.data_url, detail_level)
            request_value = playground.request(host_id, model_name, messages, settings)
            changed = prepared.resized or prepared.size_bytes != prepared.original_bytes
            shrunk = (prepared.width, prepared.height) if changed else None
            sent_call = Call(request_value, stream=True, image_file=Path(image_path).name, resized_to=shrunk)
            code = code_for(playground, [sent_call], request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        shown = {**prepared.summary(), "detail": detail_level}
        text = ""
        yield text, "…", image_path, shown, spent, *code
        try:
            async for update in with_waiting(throttled(playground.stream(request_value))):
                if isinstance(update, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield text, waiting_note(playground, update, lang, host_id), image_path, shown, spent, *code
                    continue
                text, line = update.text, short_stats(update, lang)
                if update.done:
                    playground.remember(session_of(request), "vision", sent_call, update.text, update.usage)
                    cost, spent = cost_line(playground, host_id, request_value.model, update.usage, spent, lang)
                    line += f" · {cost}"
                yield text, line, image_path, shown, spent, *code
        except Exception as error:
            partial = error.partial.text if isinstance(error, StreamInterrupted) else text
            note = "⚠️ " + playground.explain(error, lang, host_id, model_name)
            yield partial, note, image_path, shown, spent, *code
            raise fail(playground, error, lang, host_id, model_name, request) from None

    total = gr.State(0.0)  # this tab's running cost in this session
    inputs = [image, question, detail, total, temperature, max_tokens, host, model]
    outputs = [answer, stats, preview, sent, total, python_code, curl_code]
    knobs = {"temperature": temperature, "max_tokens": max_tokens}
    wire_run(playground, [run.click], ask_about_image, inputs, outputs, knobs, stop)
    shared = {"question": question, "detail": detail, **knobs}
    return PageLoad([question], lambda lang: [preset("vision_question", lang)], shared)
