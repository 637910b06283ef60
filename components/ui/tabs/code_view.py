"""The "Code" view under a tab's answer: the Python script and the curl command of what the tab just sent,
written by components/lessons/code.py from the very request values the handler sent."""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from components.api.boundary import as_caller, fail, language, session_of
from components.api.code_endpoints import reader_url
from components.classroom.playground import Playground
from components.i18n import translate
from components.lessons.export import export_files, fresh_export_folder
from components.lessons.library_code import LIBRARIES, library_script
from components.ui.tabs.common import PRIVATE

# A tab's handler yields its code views' values with every update, never gr.skip(): a skipped output makes
# Gradio build a new component for the session each time, and those were found to pile up (~10 KB a reply).


def code_view(i18n: gr.I18n) -> tuple[gr.Code, gr.Code]:
    with gr.Accordion(i18n("code.view"), open=False):
        with gr.Tab("Python"):
            python = gr.Code(language="python", buttons=["copy", "download"], show_label=False, wrap_lines=True)
        with gr.Tab("curl"):
            curl = gr.Code(language="shell", buttons=["copy", "download"], show_label=False, wrap_lines=True)
    return python, curl


def library_panel(i18n: gr.I18n, playground: Playground, tab: str) -> None:
    """The last call this tab sent, written for another of the lesson's libraries (library_code.py)."""
    with gr.Accordion(i18n("library.view"), open=False):
        with gr.Row():
            choice = gr.Dropdown(
                [(name, library) for library, name in LIBRARIES.items()],
                value=None,
                label=i18n("library.choice"),
                info=i18n("library.info"),
                scale=3,
            )
            again = gr.Button(i18n("library.write"), size="sm", scale=1)
        script = gr.Code(language="python", buttons=["copy", "download"], show_label=False, wrap_lines=True)

    def write(library: str | None, request: gr.Request) -> str:
        lang = language(request)
        kept = playground.sent.get(session_of(request) or "", {}).get(tab, [])
        if not library:
            return ""
        if not kept:
            gr.Info(translate("export.nothing", lang))
            return ""
        call = kept[-1].call
        try:
            endpoint = playground.resolve_host(call.request.host, call.request.model)
        except Exception as error:
            raise fail(playground, error, lang, call.request.host, call.request.model, request) from None
        return library_script(library, call, endpoint, reader_url(request, playground.builtin_url), lang)

    gr.on([choice.input, again.click], as_caller(write), choice, script, **PRIVATE)


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
        paths = export_files(kept, playground.resolve_host, url, lang, folder)
        return gr.File(value=[str(path) for path in paths], visible=True)

    button.click(as_caller(export), None, files, **PRIVATE)
