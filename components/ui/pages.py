"""The playground's pages: each serves a group of tabs under the shared header (host and model, Keys, share).

A page's config carries only its own components and events (Gradio's multipage apps): a browser opening the
playground builds one group of tabs, not all nine. Every tab keeps its state while the reader moves between the
tabs of a page; moving to another page opens that page afresh, with the host and model the reader chose last and
each of its tabs as the reader last ran it (kept per browser: classroom.visitors)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

import gradio as gr

from components.api.boundary import as_caller, language, session_of, visitor_of_request
from components.api.endpoints import register
from components.classroom.playground import Playground
from components.i18n import ui
from components.lessons.lesson_path import Lesson
from components.ui.presenter import lesson_bar, presenter_controls
from components.ui.tabs import chain, chat, compare, few_shot, lab, persona, stream, structured, sweep, tools, vision
from components.ui.tabs.common import PRIVATE, PageLoad, page_ready
from components.ui.tabs.keys import build_keys
from components.ui.tabs.share import apply_setup, restore, setup_of, share_panel, wire_share

AS_SHOWN = object()  # a control the page load leaves as the page shows it
TAB_MODULES = {
    "lab": lab,
    "chat": chat,
    "stream": stream,
    "compare": compare,
    "sweep": sweep,
    "persona": persona,
    "few_shot": few_shot,
    "chain": chain,
    "vision": vision,
    "structured": structured,
    "tools": tools,
}
TAB_LABELS = {
    "lab": "lab.tab",
    "chat": "chat.tab",
    "stream": "stream.tab",
    "compare": "compare.tab",
    "sweep": "sweep.tab",
    "persona": "persona.tab",
    "few_shot": "fewshot.tab",
    "chain": "chain.tab",
    "vision": "vision.tab",
    "structured": "structured.tab",
    "tools": "tools.tab",
}


@dataclass(frozen=True)
class Page:
    path: str  # "" is the main page
    tabs: tuple[str, ...]
    endpoints: tuple[str, ...]  # the API endpoints its "Use via API" panel lists (they serve the same lessons)

    def name(self, lang: str) -> str:
        """Its name in the navigation bar: its tabs' names."""
        return " · ".join(ui(TAB_LABELS[tab_id], lang) for tab_id in self.tabs)


PAGES = (
    Page("", ("lab",), ("models", "tokenize", "next_token")),
    Page("chat", ("chat", "stream"), ("chat", "stream")),
    Page("compare", ("compare", "sweep"), ("compare", "sweep")),
    Page("techniques", ("persona", "few_shot", "chain"), ("persona", "few_shot", "chain")),
    Page("vision", ("vision",), ("vision",)),
    Page("structured", ("structured", "tools"), ("structured", "tools")),
)
PAGE_OF_TAB = {tab_id: page for page in PAGES for tab_id in page.tabs}


def navigation(lang: str) -> gr.Navbar:
    """Gradio's navigation bar in the reader's language: the main page, then the others (as links it adds)."""
    others = [(page.name(lang), page.path) for page in PAGES[1:]]
    return gr.Navbar(main_page_name=PAGES[0].name(lang), value=others)


def build_page(playground: Playground, i18n: gr.I18n, page: Page, demo: gr.Blocks, lesson: Lesson) -> None:
    """One page: its API endpoints, the header, its tabs, and the one event that fills them when it opens."""
    register(playground, page.endpoints)  # first, so the API endpoints own their names (/chat, /stream…)
    start_host = playground.default_host
    nav = navigation("en")
    gr.Markdown(i18n("app.header"))  # the title and the line under it: one component
    lesson_shown = presenter_controls(i18n, page.path)
    with gr.Row(equal_height=True):
        host = gr.Dropdown(
            playground.host_choices("en"), value=start_host, label=i18n("host.label"), info=i18n("host.info"), scale=1
        )
        model = gr.Dropdown(
            [], value=None, allow_custom_value=True, label=i18n("model.label"), info=i18n("model.info"), scale=2
        )
    # (folded away in the presenter view: a screen of text about the model before the lesson's tab)
    builtin_note = gr.Markdown(i18n("builtin.note"), visible=start_host == "builtin", elem_classes="setup-only")
    build_keys(playground, i18n, host)
    share_button, share_box = share_panel(i18n)
    current_tab = gr.State(page.tabs[0])  # which tab "share" shares
    loads: dict[str, PageLoad] = {}
    # A page of one tab shows it under the header, without a tab bar: the navigation bar names it already, and
    # Gradio's tabs take a school laptop ~0.6 s to set up before the first box shows (benchmarks.page_open).
    several_tabs = len(page.tabs) > 1
    tabs = gr.Tabs() if several_tabs else gr.Column(elem_id=f"tab-{page.tabs[0]}")
    with tabs:
        for tab_id in page.tabs:
            events_before = set(demo.fns)
            if several_tabs:
                with gr.Tab(i18n(TAB_LABELS[tab_id]), id=tab_id) as tab_block:
                    loads[tab_id] = TAB_MODULES[tab_id].build(playground, i18n, host, model)
                tab_block.select(lambda tab_id=tab_id: tab_id, None, current_tab, **PRIVATE)
            else:
                loads[tab_id] = TAB_MODULES[tab_id].build(playground, i18n, host, model)
            new_events = [demo.fns[key] for key in demo.fns if key not in events_before]
            remember_setup_on_run(playground, demo, tab_id, loads[tab_id], new_events)
    page_loads = list(loads.values())
    wire_share(share_button, share_box, current_tab, host, model, loads, page.path)

    async def models_for(host_id: str, request: gr.Request | None = None) -> dict:
        names = await playground.models(host_id)
        model_list = gr.Dropdown(choices=names, value=names[0] if names else None)
        return {model: model_list, builtin_note: gr.Markdown(visible=host_id == "builtin")}

    def remember(host_id: str, model_name: str | None, request: gr.Request) -> None:
        """What the reader chose, for the next page it opens ("" : the host's first model)."""
        playground.choices.remember(visitor_of_request(request), host_id, model_name or "")

    def remember_host(host_id: str, request: gr.Request) -> None:
        remember(host_id, "", request)

    async def open_page(host_id: str, request: gr.Request) -> dict:
        """One event per page load: host names, the model list and every tab's presets in the reader's
        language; the host and model chosen last on another page; a shared link's setup."""
        lang, browser = language(request), visitor_of_request(request)
        playground.keys.page_opened(session_of(request))  # the browser's keys, if it saved any, serve this page too
        localized = [value for load in page_loads for value in load.values(lang)]
        # The others get the value they already show (a value costs Gradio less than a skip; a component's
        # own value is already in the page's form).
        values = dict(zip(map(id, filled), localized + [AS_SHOWN] * len(extra)))
        offered = [h.id for h in playground.hosts]
        opened, shared_host, shared_model = restore(request, loads, values, offered)
        for tab_id, load in loads.items():  # the other tabs as this browser last ran them, on any page
            left = playground.tab_setups.of(browser, tab_id)
            if tab_id != opened and left:
                apply_setup(load, left, values)
        chosen_host, chosen_model = playground.choices.of(browser)
        if not shared_host and chosen_host in offered:
            shared_host, shared_model = chosen_host, chosen_model
        host_id = shared_host or host_id
        shown = await models_for(host_id)
        if shared_model:
            shown[model] = gr.Dropdown(choices=shown[model].choices, value=shared_model)
        where = {tabs: gr.Tabs(selected=opened), current_tab: opened} if opened and several_tabs else {}
        filled_in = {c: c.value if values[id(c)] is AS_SHOWN else page_ready(c, values[id(c)]) for c in filled}
        host_choice = gr.Dropdown(choices=playground.host_choices(lang), value=host_id)
        bar = lesson_bar(lesson, request, lang)
        return {nav: navigation(lang), host: host_choice, lesson_shown: bar, **shown, **where, **filled_in}

    host.change(as_caller(models_for), host, [model, builtin_note], **PRIVATE)
    # Only the reader's own choices are remembered (.input), not the values the page load sets.
    host.input(remember_host, host, None, **PRIVATE)
    model.input(remember, [host, model], None, **PRIVATE)
    localized_outputs = [output for load in page_loads for output in load.outputs]
    shared = [c for load in page_loads for c in load.shared.values()]
    extra = [c for c in dict.fromkeys(shared) if all(c is not o for o in localized_outputs)]
    filled = localized_outputs + extra  # a shared link may set these; the reader's language sets the first
    # Values made ready for the page here, not by Gradio: it would hand each of ~100 outputs to a worker thread.
    chosen_tab = [tabs, current_tab] if several_tabs else []
    page_outputs = [nav, host, model, builtin_note, lesson_shown, *chosen_tab, *filled]
    demo.load(as_caller(open_page), host, page_outputs, postprocess=False, **PRIVATE)


def remember_setup_on_run(playground: Playground, demo: gr.Blocks, tab_id: str, load: PageLoad, events: list) -> None:
    """When the tab runs (a click or an Enter on one of its events reading its setup), its setup is kept for its
    browser: moving to another page and back opens the page afresh, and the tab comes back as it was run."""
    shared = set(load.shared.values())
    triggers = {
        (block_id, event)
        for fn in events
        if shared & set(fn.inputs)
        for block_id, event in fn.targets
        if event in ("click", "submit") and block_id is not None
    }
    if not triggers:
        return

    def remember_setup(values: dict, request: gr.Request) -> None:
        playground.tab_setups.remember(visitor_of_request(request), tab_id, setup_of(load, values))

    listeners = [getattr(demo.blocks[block_id], event) for block_id, event in sorted(triggers)]
    gr.on(listeners, remember_setup, shared, None, **PRIVATE)


class TabLinks:
    """ASGI middleware: a link to a tab on the main page's address (`/?tab=stream&setup=…`, as share links and
    deep links were written before the tabs had pages) is sent on to the tab's page, setup and all."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope.get("path", "").removeprefix(scope.get("root_path", "")) or "/"
            query = scope.get("query_string", b"").decode("latin-1")
            tab_id = parse_qs(query).get("tab", [""])[0]
            page = PAGE_OF_TAB.get(tab_id)
            if path == "/" and page is not None and page.path:
                where = f"{scope.get('root_path', '')}/{page.path}?{query}".encode("latin-1")
                await send({"type": "http.response.start", "status": 307, "headers": [(b"location", where)]})
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)
