"""The "Code" view under a tab's answer: the Python script and the curl command of what the tab just sent,
written by components/code.py from the very request values the handler sent."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from ..code import Call, Chain, chain_script, curl_command, python_script
from ..export import export_files, fresh_export_folder
from ..i18n import translate
from ..playground import Playground
from .common import PRIVATE, as_caller, language, session_of

# A tab's handler yields its code views' values with every update, never gr.skip(): a skipped output makes
# Gradio build a new component for the session each time, and those were found to pile up (~10 KB a reply).


def code_view(i18n: gr.I18n) -> tuple[gr.Code, gr.Code]:
    with gr.Accordion(i18n("code.view"), open=False):
        with gr.Tab("Python"):
            python = gr.Code(language="python", buttons=["copy", "download"], show_label=False, wrap_lines=True)
        with gr.Tab("curl"):
            curl = gr.Code(language="shell", buttons=["copy", "download"], show_label=False, wrap_lines=True)
    return python, curl


def export_panel(i18n: gr.I18n, playground: Playground, tab: str) -> None:
    """One click: this tab's session as a replay script, JSON and a Markdown transcript."""
    button = gr.Button(i18n("export.button"), size="sm")
    files = gr.File(label=i18n("export.files"), file_count="multiple", visible=False, interactive=False)

    def export(request: gr.Request):
        lang = language(request)
        kept = playground.sent.get(session_of(request) or "", {}).get(tab, [])
        if not kept:
            gr.Info(translate("export.nothing", lang))
            return gr.File(visible=False)
        folder = fresh_export_folder(Path(tempfile.gettempdir()) / "playground-exports")
        url = reader_url(request, playground.builtin_url)
        paths = export_files(kept, playground.endpoint, url, lang, folder)
        return gr.File(value=[str(path) for path in paths], visible=True)

    button.click(as_caller(export), None, files, **PRIVATE)


def reader_url(request: gr.Request | None, fallback: str | None) -> str:
    """This app's /v1 as the reader reaches it (a hosted copy's public address, not its loopback)."""
    origin = public_origin(request)
    return f"{origin}/v1" if origin else fallback or "http://127.0.0.1:7860/v1"


def public_origin(request: gr.Request | None) -> str | None:
    """scheme://host as the reader reached the app (forwarded by a proxy such as Spaces'), or None."""
    headers = getattr(request, "headers", None) or {}
    host = headers.get("x-forwarded-host") or headers.get("host")
    if not host:
        return None
    scheme = headers.get("x-forwarded-proto") or ("https" if host.endswith(".hf.space") else "http")
    return f"{scheme.split(',')[0].strip()}://{host}"


def code_for(playground: Playground, sent: list[Call] | Chain, request: gr.Request | None, lang: str):
    """(python, curl) for what was sent; a chain's curl is its first step's request."""
    first = sent.request if isinstance(sent, Chain) else sent[0].request
    endpoint = playground.endpoint(first.host, first.model)
    url = reader_url(request, playground.builtin_url)
    if isinstance(sent, Chain):
        return chain_script(sent, endpoint, url, lang), curl_command(first, endpoint, url, stream=sent.stream)
    commands = [curl_command(call.request, endpoint, url, stream=call.stream) for call in sent]
    return python_script(sent, endpoint, url, lang), "\n".join(commands)
