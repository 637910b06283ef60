"""The Keys panel: a student's own key (and endpoint or model) per host, kept only in this session's server-side
state and used for this session's calls; Forget clears them. On a Space with sign-in, the Hugging Face button."""

from __future__ import annotations

import os

import gradio as gr

from components.api.boundary import as_caller, language, session_of
from components.classroom.access import KEY_FIELDS
from components.classroom.playground import Playground
from components.core.hosts import SECRET_VARS, host_label
from components.i18n import UserError, translate
from components.ui.tabs.common import PRIVATE


def oauth_available(env=os.environ) -> bool:
    """Only on a Space with sign-in: elsewhere gr.LoginButton needs an online, logged-in machine."""
    return bool(env.get("OAUTH_CLIENT_ID") and env.get("SPACE_ID"))


def build_keys(playground: Playground, i18n: gr.I18n, host: gr.Dropdown) -> None:
    fields: dict[str, gr.Textbox] = {}
    with gr.Accordion(i18n("keys.panel"), open=False, elem_classes="setup-only"):  # (not in the presenter view)
        gr.Markdown(i18n("keys.intro"))
        if oauth_available(playground.env):
            gr.LoginButton()
        with gr.Row():
            for host_id, names in KEY_FIELDS.items():
                with gr.Column(min_width=220):
                    gr.Markdown(i18n(f"keys.{host_id}"))
                    for name in names:
                        secret = name in SECRET_VARS
                        fields[name] = gr.Textbox(label=name, type="password" if secret else "text", max_lines=1)
        with gr.Row():
            save = gr.Button(i18n("keys.save"), variant="primary", size="sm")
            forget = gr.Button(i18n("keys.forget"), size="sm")
        status = gr.Markdown()

    def host_choices(lang: str) -> gr.Dropdown:
        return gr.Dropdown(choices=playground.host_choices(lang))  # this caller's

    emptied = {box: "" for box in fields.values()}  # a key stays on the server, not in the page

    def use_keys(values: dict, request: gr.Request) -> dict:
        lang, session = language(request), session_of(request)
        try:
            playground.limits.admit_light()
        except UserError as refused:
            return {status: playground.explain(refused, lang)}
        if not session or session.endswith("#"):  # no identity cookie: keys could not be kept for this browser only
            return {**emptied, status: translate("keys.no_cookie", lang)}
        typed = {name: values[box] for name, box in fields.items() if values[box] and values[box].strip()}
        # Adding a key later keeps the ones given before (the boxes were emptied when they were saved).
        playground.keys.save(session, {**playground.keys.of(session), **typed})
        own = playground.keys.of(session)
        saved = [h for h, names in KEY_FIELDS.items() if any(own.get(n) for n in names)]
        note = translate("keys.saved", lang, hosts=", ".join(host_label(h, lang) for h in saved) or "–")
        return {**emptied, status: note, host: host_choices(lang)}

    def forget_keys(request: gr.Request) -> dict:
        lang = language(request)
        playground.keys.forget(session_of(request) or "")
        return {**emptied, status: translate("keys.forgotten", lang), host: host_choices(lang)}

    outputs = [*fields.values(), status, host]
    save.click(as_caller(use_keys), set(fields.values()), outputs, **PRIVATE)
    forget.click(as_caller(forget_keys), None, outputs, **PRIVATE)
