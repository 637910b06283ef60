"""Vision tab (openai-chat-vision-quickstart's idea): an image as a base64 data URL part beside the
question, checked and shrunk before it is sent, the answer streamed."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from components.api.boundary import fail, language, session_of
from components.api.code_endpoints import code_for
from components.classroom.playground import Playground
from components.core.calls import StreamInterrupted
from components.core.pacing import Waiting, throttled, with_waiting
from components.i18n import preset
from components.lessons.plans import Plans
from components.ui.tabs.code_view import code_view, export_panel, library_panel
from components.ui.tabs.common import IN_SIGHT, PageLoad, Screen, knob_slider, short_stats, waiting_note, wire_run
from components.ui.tabs.knob_panel import cost_line

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SAMPLES = [str(ASSETS / "cat.png"), str(ASSETS / "tokens_chart.png")]


class VisionTab:
    """The Vision tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.plans, self.host, self.model = playground, Plans(playground), host, model
        gr.Markdown(i18n("vision.intro"))
        with gr.Row():
            with gr.Column():
                # A plain file input: we check the bytes ourselves, so a bad file gets our message, not a crash.
                self.image = gr.File(label=i18n("vision.image"), file_types=["image"], type="filepath")
                gr.Examples([[path] for path in SAMPLES], [self.image], label=i18n("vision.samples"))
                # Gradio's clean-up (every half hour, and at shutdown) deletes the files a component handled,
                # samples included: the Vision samples would vanish after an hour, or when another app stops.
                self.image.keep_in_cache.update(self.image.temp_files)
                self.question = gr.Textbox(label=i18n("vision.question"), value=preset("vision_question", "en"))
                self.detail = gr.Radio(["auto", "low", "high"], value="auto", label=i18n("vision.detail"))
                self.knobs = {name: knob_slider(name, i18n) for name in IN_SIGHT}
                with gr.Row():
                    self.run_button = gr.Button(i18n("vision.run"), variant="primary")
                    self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            with gr.Column():
                self.answer = gr.Textbox(label=i18n("vision.answer"), lines=6, interactive=False)
                self.stats = gr.Markdown()
                self.preview = gr.Image(label=i18n("vision.preview"), type="filepath", interactive=False, height=220)
                self.sent = gr.JSON(label=i18n("vision.sent"))
                self.python_code, self.curl_code = code_view(i18n)
                library_panel(i18n, playground, "vision")
                export_panel(i18n, playground, "vision")
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.wire()

    @property
    def outputs(self) -> list:
        """What `run` may update."""
        return [self.answer, self.stats, self.preview, self.sent, self.total, self.python_code, self.curl_code]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /vision endpoint's arguments (the same plan builds both requests)."""
        return {
            "image": values[self.image],
            "question": values[self.question],
            "detail": values[self.detail],
            "host": values[self.host],
            "model": values[self.model],
            "stream": True,
            **{name: values[control] for name, control in self.knobs.items()},
        }

    async def run(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        host_id, model_name, spent = a["host"], a["model"], values[self.total]
        try:
            (call,), prepared = self.plans.vision_and_image(a, lang)
            python_code, curl_code = code_for(playground, [call], request, lang)
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None
        sent = {**prepared.summary(), "detail": a["detail"]}
        shown = {self.preview: a["image"], self.sent: sent, self.python_code: python_code, self.curl_code: curl_code}
        text, screen = "", Screen()
        yield screen.show({self.answer: text, self.stats: "…", self.total: spent, **shown})
        try:
            async for update in with_waiting(throttled(playground.stream(call.request))):
                if isinstance(update, Waiting):  # a slow or retrying host: say so instead of a frozen page
                    yield screen.show({self.stats: waiting_note(playground, update, lang, host_id)})
                    continue
                text, line = update.text, short_stats(update, lang)
                if update.done:
                    playground.remember(session_of(request), "vision", call, update.text, update.usage)
                    cost, spent = cost_line(playground, host_id, call.request.model, update.usage, spent, lang)
                    line += f" · {cost}"
                yield screen.show({self.answer: text, self.stats: line, self.total: spent})
        except Exception as error:
            partial = error.partial.text if isinstance(error, StreamInterrupted) else text
            note = "⚠️ " + playground.explain(error, lang, host_id, model_name)
            yield screen.show({self.answer: partial, self.stats: note})
            raise fail(playground, error, lang, host_id, model_name, request) from None

    def wire(self) -> None:
        inputs = {self.image, self.question, self.detail, self.total, self.host, self.model, *self.knobs.values()}
        wire_run(
            self.playground,
            [self.run_button.click],
            self.run,
            inputs,
            self.outputs,
            self.knobs,
            self.stop_button,
            name="ask_about_image",
        )

    def page_load(self) -> PageLoad:
        shared = {"question": self.question, "detail": self.detail, **self.knobs}
        return PageLoad([self.question], lambda lang: [preset("vision_question", lang)], shared)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return VisionTab(playground, i18n, host, model).page_load()
