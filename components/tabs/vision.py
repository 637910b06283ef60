"""Vision tab (openai-chat-vision-quickstart's idea): an image as a base64 data URL part beside the
question, checked and shrunk before it is sent, the answer streamed."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from ..calls import StreamInterrupted, throttled
from ..images import prepare_image
from ..playground import Playground
from ..presets import VISION_QUESTION
from ..teaching import InputError
from .common import PageLoad, fail, knobs, language, require_text, settings_from_knobs, short_stats

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SAMPLES = [str(ASSETS / "cat.png"), str(ASSETS / "tokens_chart.png")]


def vision_messages(question: str, data_url: str, detail: str) -> list[dict]:
    image_part = {"type": "image_url", "image_url": {"url": data_url, "detail": detail or "auto"}}
    return [{"role": "user", "content": [{"type": "text", "text": question}, image_part]}]


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("vision.intro"))
    with gr.Row():
        with gr.Column():
            # A plain file input: we check the bytes ourselves, so a bad file gets our message, not a crash.
            image = gr.File(label=i18n("vision.image"), file_types=["image"], type="filepath")
            gr.Examples([[path] for path in SAMPLES], [image], label=i18n("vision.samples"))
            question = gr.Textbox(label=i18n("vision.question"), value=VISION_QUESTION["es"])
            detail = gr.Radio(["auto", "low", "high"], value="auto", label=i18n("vision.detail"))
            temperature, max_tokens = knobs(i18n)
            with gr.Row():
                run = gr.Button(i18n("vision.run"), variant="primary")
                stop = gr.Button(i18n("common.stop"), variant="stop")
        with gr.Column():
            answer = gr.Textbox(label=i18n("vision.answer"), lines=6, interactive=False)
            stats = gr.Markdown()
            preview = gr.Image(label=i18n("vision.preview"), type="filepath", interactive=False, height=220)
            sent = gr.JSON(label=i18n("vision.sent"))

    async def ask_about_image(
        image_path: str | None,
        user_question: str,
        detail_level: str,
        temperature: float,
        max_tokens: int,
        host_id: str,
        model_name: str,
        request: gr.Request,
    ):
        lang = language(request)
        require_text(user_question, lang)
        try:
            if not image_path:
                raise InputError("no_image")
            prepared = prepare_image(image_path)
            request_value = playground.request(
                host_id,
                model_name,
                vision_messages(user_question, prepared.data_url, detail_level),
                settings_from_knobs(temperature, max_tokens, 1),
            )
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name) from None
        shown = {**prepared.summary(), "detail": detail_level}
        yield "", "…", image_path, shown
        try:
            async for update in throttled(playground.stream(request_value)):
                yield update.text, short_stats(update), image_path, shown
        except Exception as error:
            partial = error.partial.text if isinstance(error, StreamInterrupted) else ""
            yield partial, "⚠️ " + playground.explain(error, lang, host_id, model_name), image_path, shown
            raise fail(playground, error, lang, host_id, model_name) from None

    event = run.click(
        ask_about_image,
        [image, question, detail, temperature, max_tokens, host, model],
        [answer, stats, preview, sent],
        api_name="vision",
    )
    stop.click(None, None, None, cancels=[event])
    return PageLoad([question], lambda lang: [VISION_QUESTION[lang]])
