"""How it works — the lesson's opening: text becomes tokens with IDs, and a model writes by picking the next
token by probability. Tokens for three encodings; the next token's candidates as a chart that temperature and
top_p reshape without a new call; pick, sample or run ten steps, and undo."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from components.api.boundary import as_caller, fail, language
from components.classroom.playground import Playground
from components.core.pacing import Waiting, once, with_waiting
from components.i18n import UserError, preset, translate
from components.lessons import tokens
from components.lessons.next_token import draw, reshape, shaded_tokens
from components.lessons.teaching import chat_messages
from components.ui.tabs.common import PRIVATE, PageLoad, knob_slider, waiting_note

ENCODING_CHOICES = ["auto", *tokens.ENCODINGS]
STEPS = 10
REPLY_ENDED = object()  # the likeliest next token is the end of the reply: a reply complete, not a failure


def token_view(text: str, encoding: str, model: str, lang: str) -> str:
    """The text's tokens shaded, then their count (one component: each one more costs a page its load time)."""
    chosen = tokens.encoding_for(model) if encoding == "auto" else encoding
    found = tokens.tokenize(text or "", chosen)
    summary = translate("lab.count", lang, count=len(found), characters=len(text or ""), encoding=chosen)
    return f"{shaded_tokens(found)}<p>{summary}</p>"


def chart(candidates: list[dict], temperature: float, top_p: float, lang: str):
    rows = reshape(candidates, temperature, top_p)
    kept, cut = translate("lab.kept", lang), translate("lab.cut", lang)
    frame = pd.DataFrame(
        {
            "token": [f"{i + 1}. {row['token']!r}" for i, row in enumerate(rows)],
            "probability": [round(row["shaped"], 4) for row in rows],
            "top_p": [kept if row["kept"] else cut for row in rows],
        }
    )
    note = translate(
        "lab.note",
        lang,
        count=len(rows),
        temperature=temperature,
        top_p=top_p,
        kept=sum(row["kept"] for row in rows),
    )
    return frame, note


def path_view(prompt: str, path: list[str], lang: str) -> str:
    reply = with_visible_whitespace("".join(path)) if path else translate("lab.empty_path", lang)
    code = f"`` {reply} ``" if "`" in reply else f"`{reply}`"  # a backtick in the reply must not end the span
    return f"> {prompt}\n\n{translate('lab.reply', lang, count=len(path))} {code}"


def with_visible_whitespace(reply: str) -> str:
    """A picked line break or a space at the end would not show (the next token starts there): mark them."""
    body = reply.rstrip()
    return (body + reply[len(body) :].replace(" ", "␣")).replace("\n", "⏎")


class LabTab:
    """How it works: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown):
        self.playground, self.host, self.model = playground, host, model
        gr.Markdown(i18n("lab.intro"))
        with gr.Row():
            self.text = gr.Textbox(label=i18n("lab.text"), value=preset("lab_sentence", "en"), lines=3, scale=3)
            self.encoding = gr.Dropdown(ENCODING_CHOICES, value="auto", label=i18n("lab.encoding"), scale=1)
        self.shown = gr.Markdown(label=i18n("lab.tokens"))  # (gr.HTML would load a 106 KB module more)
        self.compare = gr.Button(i18n("lab.compare"), size="sm")
        with gr.Row(visible=False) as self.pair:
            self.spanish, self.english = gr.Markdown(), gr.Markdown()
        gr.Markdown(i18n("lab.next"))
        with gr.Row():
            with gr.Column():
                self.system = gr.Textbox(label=i18n("knobs.system"), lines=1)
                self.prompt = gr.Textbox(label=i18n("lab.prompt"), value=preset("lab_prompt", "en"), lines=2)
                self.top_k = gr.Slider(1, 20, value=10, step=1, label=i18n("lab.top_logprobs"))
                self.temperature = knob_slider("temperature", i18n)
                self.top_p = knob_slider("top_p", i18n)
                with gr.Row():
                    self.ask = gr.Button(i18n("lab.ask"), variant="primary")
                    self.sample = gr.Button(i18n("lab.sample"))
                    self.steps = gr.Button(i18n("lab.steps"))
                    self.undo = gr.Button(i18n("lab.undo"))
                with gr.Row():
                    self.try_again = gr.Button(i18n("lab.try_again"), size="sm", visible=False)
                    self.use_builtin = gr.Button(i18n("lab.builtin"), size="sm", visible=False)
            with gr.Column():
                # The chart and the choice appear with the first candidates (a page opens faster without them).
                with gr.Column(visible=False) as self.candidates_view:
                    self.plot = gr.BarPlot(
                        x="token", y="probability", color="top_p", sort="-y", label=i18n("lab.chart"), height=320
                    )
                    self.pick = gr.Radio([], label=i18n("lab.candidates"))
                self.note = gr.Markdown()
                self.path_shown = gr.Markdown(label=i18n("lab.path"), elem_id="lab-path")
        self.candidates = gr.State([])
        self.path = gr.State([])
        self.wire()

    @property
    def outputs(self) -> list:
        """What the next-token handlers may update."""
        shown = [self.candidates, self.path, self.candidates_view, self.plot, self.note, self.pick, self.path_shown]
        return [*shown, self.try_again, self.use_builtin]

    def show_tokens(self, values: dict, request: gr.Request) -> dict:
        lang = language(request)
        try:
            self.playground.limits.admit_light()
            shown = token_view(values[self.text], values[self.encoding], values[self.model] or "", lang)
        except Exception as error:
            raise fail(self.playground, error, lang, "", "") from None
        return {self.shown: shown}

    def show_pair(self, values: dict, request: gr.Request) -> dict:
        lang, chosen, model_name = language(request), values[self.encoding], values[self.model] or ""
        spanish, english = (token_view(sentence, chosen, model_name, lang) for sentence in preset("lab_pair", lang))
        return {self.pair: gr.Row(visible=True), self.spanish: spanish, self.english: english}

    async def next_candidates(self, values: dict, reply: list[str], request: gr.Request):
        """The candidates for the token after `reply`; while the host is slow, Waiting notes first."""
        host_id, model_name, lang = values[self.host], values[self.model], language(request)
        try:
            messages = chat_messages(values[self.system], values[self.prompt])
            if reply:
                messages.append({"role": "assistant", "content": "".join(reply)})
            call = self.playground.next_token(host_id, model_name, messages, int(values[self.top_k]))
            async for item in with_waiting(once(call)):
                yield item
        except Exception as error:
            if isinstance(error, UserError) and error.key == "reply_ended":
                yield REPLY_ENDED
                return
            raise fail(self.playground, error, lang, host_id, model_name, request) from None

    def shown_for(self, values: dict, found: list[dict], reply: list[str], lang: str) -> dict:
        t, p = values[self.temperature], values[self.top_p]
        frame, chart_note = chart(found, t, p, lang)
        options = [(f"{row['token']!r}  {row['probability']:.1%}", i) for i, row in enumerate(found)]
        return {
            self.candidates: found,
            self.path: reply,
            self.candidates_view: gr.Column(visible=True),
            self.plot: frame,
            self.note: chart_note,
            self.pick: gr.Radio(choices=options, value=None),
            self.path_shown: path_view(values[self.prompt], reply, lang),
            self.try_again: gr.Button(visible=False),
            self.use_builtin: gr.Button(visible=False),
        }

    async def ask_after(self, values: dict, reply: list[str], request: gr.Request):
        """Ask for the candidates after `reply` and show them (a waiting note while the host is slow)."""
        lang = language(request)
        async for item in self.next_candidates(values, reply, request):
            if isinstance(item, Waiting):
                yield {self.note: waiting_note(self.playground, item, lang, values[self.host])}
            elif item is REPLY_ENDED:
                yield self.ended(values, reply, lang)
            else:
                yield self.shown_for(values, item, reply, lang)

    def ended(self, values: dict, reply: list[str], lang: str) -> dict:
        """The reply is complete: it stays, with a note saying so, and there is nothing left to pick."""
        return {
            self.candidates: [],
            self.path: reply,
            self.candidates_view: gr.Column(visible=False),
            self.note: translate("reply_ended", lang),
            self.pick: gr.Radio(choices=[], value=None),
            self.path_shown: path_view(values[self.prompt], reply, lang),
            self.try_again: gr.Button(visible=False),
            self.use_builtin: gr.Button(visible=False),
        }

    async def ask_again(self, values: dict, request: gr.Request):
        async for update in self.ask_after(values, values[self.path], request):
            yield update

    async def append(self, values: dict, request: gr.Request):
        choice, found = values[self.pick], values[self.candidates]
        if choice is None or not found:
            yield {}  # nothing picked: nothing changes
            return
        async for update in self.ask_after(values, [*values[self.path], found[int(choice)]["token"]], request):
            yield update

    async def sample_one(self, values: dict, request: gr.Request):
        found, reply = values[self.candidates], values[self.path]
        if found:
            reply = [*reply, draw(found, values[self.temperature], values[self.top_p])["token"]]
        async for update in self.ask_after(values, reply, request):
            yield update

    async def run_steps(self, values: dict, request: gr.Request):
        found, reply = values[self.candidates], values[self.path]
        if not found:
            async for update in self.ask_after(values, reply, request):
                found = update.get(self.candidates, found)
                yield update
        for _ in range(STEPS):
            if not found:  # the reply ended: the steps stop there
                return
            reply = [*reply, draw(found, values[self.temperature], values[self.top_p])["token"]]
            async for update in self.ask_after(values, reply, request):
                found = update.get(self.candidates, found)
                yield update

    async def undo_one(self, values: dict, request: gr.Request):
        async for update in self.ask_after(values, values[self.path][:-1], request):
            yield update

    def reshape_chart(self, values: dict, request: gr.Request) -> dict:  # no call: the same candidates, reshaped
        frame, note = chart(values[self.candidates], values[self.temperature], values[self.top_p], language(request))
        return {self.plot: frame, self.note: note}

    def offer_retry(self, host_id: str) -> dict:
        """After a failure: one click to ask again, and (a host without probabilities) one to the builtin model."""
        return {self.try_again: gr.Button(visible=True), self.use_builtin: gr.Button(visible=host_id != "builtin")}

    def switch_to_builtin(self) -> dict:
        return {self.host: "builtin", self.use_builtin: gr.Button(visible=False)}

    def wire(self) -> None:
        common = {self.system, self.prompt, self.top_k, self.temperature, self.top_p, self.path, self.host, self.model}
        with_found = common | {self.candidates}
        events = [
            self.ask.click(as_caller(self.ask_again), common, self.outputs, **PRIVATE),
            self.try_again.click(as_caller(self.ask_again), common, self.outputs, **PRIVATE),
            self.pick.input(as_caller(self.append), with_found | {self.pick}, self.outputs, **PRIVATE),
            self.sample.click(as_caller(self.sample_one), with_found, self.outputs, **PRIVATE),
            self.steps.click(as_caller(self.run_steps), with_found, self.outputs, **PRIVATE),
            self.undo.click(as_caller(self.undo_one), common, self.outputs, **PRIVATE),
        ]
        for event in events:
            event.failure(self.offer_retry, self.host, [self.try_again, self.use_builtin], **PRIVATE)
        self.use_builtin.click(self.switch_to_builtin, None, [self.host, self.use_builtin], **PRIVATE)
        # a new prompt starts a new reply
        self.prompt.change(lambda: {self.candidates: [], self.path: []}, None, [self.candidates, self.path], **PRIVATE)
        for slider in (self.temperature, self.top_p):
            reshaped = {self.candidates, self.temperature, self.top_p}
            slider.change(self.reshape_chart, reshaped, [self.plot, self.note], **PRIVATE)
        for control in (self.text, self.encoding, self.model):
            control.change(
                as_caller(self.show_tokens),
                {self.text, self.encoding, self.model},
                self.shown,
                **PRIVATE,
            )
        self.compare.click(
            self.show_pair, {self.encoding, self.model}, [self.pair, self.spanish, self.english], **PRIVATE
        )

    def page_load(self) -> PageLoad:
        return PageLoad(
            [self.text, self.prompt, self.shown],
            lambda lang: [
                preset("lab_sentence", lang),
                preset("lab_prompt", lang),
                token_view(preset("lab_sentence", lang), "auto", "", lang),
            ],
        )


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return LabTab(playground, i18n, host, model).page_load()
