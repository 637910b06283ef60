"""How it works — the lesson's opening: text becomes tokens with IDs, and a model writes by picking the next
token by probability. Tokens for three encodings; the next token's candidates as a chart that temperature and
top_p reshape without a new call; pick, sample or run ten steps, and undo."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from components.api.boundary import as_caller, fail, language
from components.classroom.playground import Playground
from components.i18n import preset, translate
from components.lessons import tokens
from components.lessons.next_token import draw, reshape, shaded_tokens
from components.lessons.teaching import chat_messages
from components.ui.tabs.common import PRIVATE, PageLoad, knob_slider

ENCODING_CHOICES = ["auto", *tokens.ENCODINGS]
STEPS = 10


def token_view(text: str, encoding: str, model: str, lang: str) -> tuple[str, str]:
    chosen = tokens.encoding_for(model) if encoding == "auto" else encoding
    found = tokens.tokenize(text or "", chosen)
    summary = translate("lab.count", lang, count=len(found), characters=len(text or ""), encoding=chosen)
    return shaded_tokens(found), summary


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
    reply = "".join(path) if path else translate("lab.empty_path", lang)
    return f"> {prompt}\n\n{translate('lab.reply', lang)} `{reply}`"


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("lab.intro"))
    with gr.Row():
        text = gr.Textbox(label=i18n("lab.text"), value=preset("lab_sentence", "en"), lines=3, scale=3)
        encoding = gr.Dropdown(ENCODING_CHOICES, value="auto", label=i18n("lab.encoding"), scale=1)
    shown = gr.HTML(label=i18n("lab.tokens"))
    summary = gr.Markdown()
    compare = gr.Button(i18n("lab.compare"), size="sm")
    with gr.Row(visible=False) as pair:
        spanish, english = gr.HTML(), gr.HTML()
    gr.Markdown(i18n("lab.next"))
    with gr.Row():
        with gr.Column():
            system = gr.Textbox(label=i18n("knobs.system"), lines=1)
            prompt = gr.Textbox(label=i18n("lab.prompt"), value=preset("lab_prompt", "en"), lines=2)
            top_k = gr.Slider(1, 20, value=10, step=1, label=i18n("lab.top_logprobs"))
            temperature = knob_slider("temperature", i18n)
            top_p = knob_slider("top_p", i18n)
            with gr.Row():
                ask = gr.Button(i18n("lab.ask"), variant="primary")
                sample = gr.Button(i18n("lab.sample"))
                steps = gr.Button(i18n("lab.steps"))
                undo = gr.Button(i18n("lab.undo"))
            use_builtin = gr.Button(i18n("lab.builtin"), size="sm", visible=False)
        with gr.Column():
            plot = gr.BarPlot(x="token", y="probability", color="top_p", sort="-y", label=i18n("lab.chart"), height=320)
            note = gr.Markdown()
            pick = gr.Radio([], label=i18n("lab.candidates"))
            path_shown = gr.Markdown(label=i18n("lab.path"), elem_id="lab-path")
    candidates = gr.State([])
    path = gr.State([])

    def show_tokens(value: str, chosen: str, model_name: str, request: gr.Request):
        lang = language(request)
        try:
            playground.limits.admit_light()
            return token_view(value, chosen, model_name or "", lang)
        except Exception as error:
            raise fail(playground, error, lang, "", "") from None

    def show_pair(chosen: str, model_name: str, request: gr.Request):
        lang = language(request)
        halves = [token_view(sentence, chosen, model_name or "", lang) for sentence in preset("lab_pair", lang)]
        return gr.Row(visible=True), *(f"{html}<p>{count}</p>" for html, count in halves)

    async def next_candidates(system_prompt, user_prompt, k, reply, host_id, model_name, lang, request):
        try:
            messages = chat_messages(system_prompt, user_prompt)
            if reply:
                messages.append({"role": "assistant", "content": "".join(reply)})
            return await playground.next_token(host_id, model_name, messages, int(k))
        except Exception as error:
            raise fail(playground, error, lang, host_id, model_name, request) from None

    def shown_outputs(found, reply, user_prompt, t, p, lang):
        frame, chart_note = chart(found, t, p, lang)
        options = [(f"{row['token']!r}  {row['probability']:.1%}", i) for i, row in enumerate(found)]
        return (
            found,
            reply,
            frame,
            chart_note,
            gr.Radio(choices=options, value=None),
            path_view(user_prompt, reply, lang),
        )

    async def ask_again(system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request: gr.Request):
        lang = language(request)
        found = await next_candidates(system_prompt, user_prompt, k, reply, host_id, model_name, lang, request)
        return *shown_outputs(found, reply, user_prompt, t, p, lang), gr.Button(visible=False)

    async def append(
        choice, found, system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request: gr.Request
    ):
        if choice is None or not found:
            return (gr.skip(),) * 7
        reply = [*reply, found[int(choice)]["token"]]
        return await ask_again(system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request)

    async def sample_one(found, system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request: gr.Request):
        if not found:
            return await ask_again(system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request)
        reply = [*reply, draw(found, t, p)["token"]]
        return await ask_again(system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request)

    async def run_steps(found, system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request: gr.Request):
        lang = language(request)
        for _ in range(STEPS):
            if not found:
                found = await next_candidates(system_prompt, user_prompt, k, reply, host_id, model_name, lang, request)
            reply = [*reply, draw(found, t, p)["token"]]
            found = await next_candidates(system_prompt, user_prompt, k, reply, host_id, model_name, lang, request)
            yield *shown_outputs(found, reply, user_prompt, t, p, lang), gr.Button(visible=False)

    async def undo_one(system_prompt, user_prompt, k, t, p, reply, host_id, model_name, request: gr.Request):
        return await ask_again(system_prompt, user_prompt, k, t, p, reply[:-1], host_id, model_name, request)

    def reshape_chart(found, t, p, request: gr.Request):  # no call to the model: the same candidates, reshaped
        return chart(found, t, p, language(request))

    def offer_builtin(host_id: str):  # a host without logprobs: one click to the model that has them
        return gr.Button(visible=host_id != "builtin")

    common = [system, prompt, top_k, temperature, top_p, path, host, model]
    outputs = [candidates, path, plot, note, pick, path_shown, use_builtin]
    events = [
        ask.click(as_caller(ask_again), common, outputs, **PRIVATE),
        pick.input(as_caller(append), [pick, candidates, *common], outputs, **PRIVATE),
        sample.click(as_caller(sample_one), [candidates, *common], outputs, **PRIVATE),
        steps.click(as_caller(run_steps), [candidates, *common], outputs, **PRIVATE),
        undo.click(as_caller(undo_one), common, outputs, **PRIVATE),
    ]
    for event in events:
        event.failure(offer_builtin, host, use_builtin, **PRIVATE)
    use_builtin.click(lambda: ("builtin", gr.Button(visible=False)), None, [host, use_builtin], **PRIVATE)
    prompt.change(lambda: ([], []), None, [candidates, path], **PRIVATE)  # a new prompt starts a new reply
    for slider in (temperature, top_p):
        slider.change(reshape_chart, [candidates, temperature, top_p], [plot, note], **PRIVATE)
    text.change(as_caller(show_tokens), [text, encoding, model], [shown, summary], **PRIVATE)
    encoding.change(as_caller(show_tokens), [text, encoding, model], [shown, summary], **PRIVATE)
    model.change(as_caller(show_tokens), [text, encoding, model], [shown, summary], **PRIVATE)
    compare.click(show_pair, [encoding, model], [pair, spanish, english], **PRIVATE)
    return PageLoad(
        [text, prompt, shown, summary],
        lambda lang: [
            preset("lab_sentence", lang),
            preset("lab_prompt", lang),
            *token_view(preset("lab_sentence", lang), "auto", "", lang),
        ],
    )
