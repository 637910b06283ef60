"""Shareable setups in the page: "Share this tab's setup" writes a link with the tab's controls (its PageLoad's
`shared` components, plus host and model); opening the link restores that tab in that state. No key travels:
the Keys panel is never among the shared components."""

from __future__ import annotations

import gradio as gr

from components.api.code_endpoints import public_origin
from components.classroom.setups import decode_setup, share_link
from components.ui.tabs.common import PRIVATE, PageLoad


def share_panel(i18n: gr.I18n):
    with gr.Row(elem_classes="setup-only"):  # (folded away in the presenter view)
        button = gr.Button(i18n("share.button"), size="sm", scale=0, min_width=260)
        link = gr.Textbox(show_label=False, visible=False, buttons=["copy"], scale=4, max_lines=1, elem_id="share-link")
    return button, link


def page_url(request: gr.Request | None) -> str:
    """The page's address as the reader reached it (a hosted copy's public one)."""
    return f"{public_origin(request) or 'http://127.0.0.1:7860'}/"


def wire_share(button, link, current_tab: gr.State, host, model, loads: dict[str, PageLoad], path: str = "") -> None:
    """`path`: the page these tabs are on ("" the main page)."""
    inputs = [current_tab, host, model] + [c for load in loads.values() for c in load.shared.values()]

    def share(request: gr.Request, tab_id: str, host_id: str, model_name: str, *values):
        position, chosen = 0, {}
        for each, load in loads.items():
            part = values[position : position + len(load.shared)]
            position += len(load.shared)
            if each == tab_id:
                chosen = {name: _plain(value) for name, value in zip(load.shared, part)}
        chosen |= {"_host": host_id, "_model": model_name or ""}
        return gr.Textbox(value=share_link(page_url(request) + path, tab_id, chosen), visible=True)

    button.click(share, inputs, link, **PRIVATE)


def _plain(value):
    """A control's value as JSON (a table may come as a DataFrame)."""
    return value.values.tolist() if hasattr(value, "values") and hasattr(value, "columns") else value


def restore(request: gr.Request | None, loads: dict[str, PageLoad], values: dict[int, object], hosts: list[str]):
    """From the link's ?tab=…&setup=…: (the tab to open or None, host, model), and `values` (component id →
    value) updated with the setup's. A broken link restores nothing and loses nothing."""
    params = getattr(request, "query_params", None) or {}
    tab_id, setup = params.get("tab"), decode_setup(params.get("setup"))
    if tab_id not in loads or setup is None:
        return None, None, None
    apply_setup(loads[tab_id], setup, values)
    host = setup.get("_host") if setup.get("_host") in hosts else None
    return tab_id, host, setup.get("_model") if host else None


def apply_setup(load: PageLoad, setup: dict, values: dict[int, object]) -> None:
    """A tab's setup (a shared link's, or the one its browser left on another page) into `values`."""
    for name, component in load.shared.items():
        if name in setup:
            current = values.get(id(component))
            if isinstance(current, gr.Dropdown):  # keep the localised choices, take the shared value
                values[id(component)] = gr.Dropdown(choices=current.choices, value=setup[name])
            else:
                values[id(component)] = setup[name]


def setup_of(load: PageLoad, values: dict) -> dict:
    """A tab's setup from its controls' values (keyed by component), as a share link carries it."""
    return {name: _plain(values[component]) for name, component in load.shared.items() if component in values}
