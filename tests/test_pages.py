"""The playground's pages over HTTP: each serves only its own tabs, a link to a tab on the main page's address
goes on to the tab's page, and a browser's next page opens with the host and model it chose last."""

import re

import httpx2

from components.ui.pages import PAGE_OF_TAB, PAGES
from tests.visitor import Visitor


def test_a_tab_link_on_the_main_address_goes_on_to_the_tabs_page(launched_app):
    demo, _ = launched_app
    with httpx2.Client(base_url=demo.local_url, follow_redirects=False) as http:
        moved = http.get("/?tab=stream&setup=eJyrVkrLzClJLVKyUlAqSk1RqgUAPfoGLw")
        assert moved.status_code == 307
        assert moved.headers["location"] == "/chat?tab=stream&setup=eJyrVkrLzClJLVKyUlAqSk1RqgUAPfoGLw"
        for stays in ("/?tab=lab", "/?tab=nonsense", "/", "/chat?tab=stream"):
            assert http.get(stays).status_code == 200, stays


def test_each_page_serves_only_its_own_tabs(launched_app):
    demo, _ = launched_app
    with httpx2.Client(base_url=demo.local_url) as http:
        every = http.get("/config").json()
        pages = {page.path: http.get("/config", params={"page": page.path}).json() for page in PAGES}
    for path, config in pages.items():
        tabs = {c["props"].get("id") for c in config["components"] if c["type"] == "tabitem"} & set(PAGE_OF_TAB)
        # a page of one tab shows it without a tab bar, in a column named after it
        named = {(c["props"].get("elem_id") or "").removeprefix("tab-") for c in config["components"]}
        tabs |= named & set(PAGE_OF_TAB)
        assert tabs == set(next(page for page in PAGES if page.path == path).tabs)
        assert len(config["components"]) < len(every["components"]) / 2
    assert len(pages[""]["components"]) <= 100  # the page a class opens first
    # Scripts (gradio_client) read the whole config: every endpoint is there, each page's own on its page.
    public = {d["api_name"] for d in every["dependencies"] if d.get("api_visibility") == "public"}
    assert {"chat", "stream", "compare", "sweep", "persona", "few_shot", "chain", "vision", "tokenize"} <= public
    chat_page = {d["api_name"] for d in pages["chat"]["dependencies"] if d.get("api_visibility") == "public"}
    assert chat_page == {"chat", "stream", "chat_code", "stream_code"}


def page_load_name(path: str) -> str:
    index = [page.path for page in PAGES].index(path)
    return "open_page" if index == 0 else f"open_page_{index}"


def test_the_next_page_opens_with_the_host_and_model_chosen_last(launched_app):
    demo, _ = launched_app
    first = Visitor(demo.local_url)
    first.run("remember", ["custom", "my-own-model"])  # the reader picked a model on the main page
    other_page = Visitor(demo.local_url)  # a new session (another page) of the same browser
    other_page.http.cookies = first.http.cookies
    outputs = other_page.run(page_load_name(PAGE_OF_TAB["compare"].path), ["builtin"])
    assert outputs[1]["value"] == "custom" and outputs[2]["value"] == "my-own-model"
    stranger = Visitor(demo.local_url)  # another browser starts where the page starts
    outputs = stranger.run(page_load_name("chat"), ["builtin"])
    assert outputs[1]["value"] == "builtin" and outputs[2]["value"] == "builtin-tiny"


def test_a_page_opened_again_finds_its_tabs_as_this_browser_last_ran_them(launched_app):
    demo, _ = launched_app
    chat_page = Visitor(demo.local_url, language="es")
    chat_page.run_page("remember_setup", {"chat.prompt": "¿Qué come un gato pirata?", "knobs.system": "Eres Yoda."})
    back = Visitor(demo.local_url, language="es")  # the Chat page again, after a visit to another page
    back.http.cookies = chat_page.http.cookies
    load = page_load_name("chat")
    outputs = back.events[load][1]["outputs"]
    shown = [(label_key(back.components[i]), value) for i, value in zip(outputs, back.run(load, ["builtin"]))]
    assert ("chat.prompt", "¿Qué come un gato pirata?") in shown and ("knobs.system", "Eres Yoda.") in shown
    stranger = Visitor(demo.local_url, language="es")  # another browser: the page as it starts
    shown = [(label_key(back.components[i]), value) for i, value in zip(outputs, stranger.run(load, ["builtin"]))]
    assert ("chat.prompt", "¿Qué come un gato pirata?") not in shown and ("knobs.system", "Eres Yoda.") not in shown


def label_key(component: dict) -> str | None:
    found = re.search(r'"key": "([^"]+)"', str(component.get("props", {}).get("label") or ""))
    return found.group(1) if found else None
