"""What the browser tests share: Debian's Chromium driven by Playwright, a page of the launched app in a
locale, and small waits. Registered as a pytest plugin in conftest.py."""

import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.i18n import ui_text

UI_TEXT = ui_text()
CHROMIUM = shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCALES = {"en-US": "en", "es-ES": "es"}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "REQUIRE_BROWSER is set but chromium is missing"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page_in(browser, launched_app, request):
    """A fresh page of the launched app in a locale; a screenshot is kept when the test fails."""
    demo, _ = launched_app
    pages = []

    def open_page(locale: str):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(demo.local_url)
        text = UI_TEXT[LOCALES[locale]]
        shown_tab(page, text, "lab").wait_for()
        wait_ready(page, text, lambda model: model == "builtin-tiny")
        tab(page, text, "chat.tab")  # most tests start on Chat (the main page is the lab's)
        pages.append(page)
        return page

    yield open_page
    report = getattr(request.node, "rep_call", None)
    for index, page in enumerate(pages):
        if report is not None and report.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}.png"), full_page=True)
        page.context.close()


def wait_ready(page, text, model_shown=bool):
    """The page-load event fills the model list, the presets and the navigation bar: let it finish first."""
    wait_text(page.get_by_label(text["model.label"], exact=True).first, model_shown)  # (Compare has one per column too)
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:  # a long-lived connection may keep the network busy: the model value suffices
        pass


def shown_tab(page, text, tab_id: str):
    """A tab as the page shows it: on a page of several tabs, its tab; a page of one shows its tab without a tab
    bar (the navigation bar names it), in a box whose id names it."""
    from components.ui.pages import PAGE_OF_TAB, TAB_LABELS

    if len(PAGE_OF_TAB[tab_id].tabs) > 1:
        return page.get_by_role("tab", name=text[TAB_LABELS[tab_id]])
    return page.locator(f"#tab-{tab_id}")


def tab(page, text, key):
    """Open a tab as a student does: on this page, its tab; on another page, that page's link in the
    navigation bar first (a page of one tab shows it at once)."""
    from components.ui.pages import PAGE_OF_TAB, TAB_LABELS

    tab_id = next(tab_id for tab_id, label in TAB_LABELS.items() if label == key)
    lang = next(lang for lang, catalog in UI_TEXT.items() if catalog is text)
    wanted = PAGE_OF_TAB[tab_id]
    if urlparse(page.url).path.strip("/") != wanted.path:
        page.get_by_role("link", name=wanted.name(lang), exact=True).click()
        page.wait_for_url(lambda url: urlparse(url).path.strip("/") == wanted.path)
        wait_ready(page, text)
    if len(wanted.tabs) > 1:
        shown_tab(page, text, tab_id).click()


def choose_sample_image(page):
    """Click the Vision tab's first sample and wait until the image box holds it: the sample reaches the box
    through a server round trip, and a click on "Ask" before that sends no image."""
    page.locator("button.gallery-item:visible").first.click()
    wait_text(page.locator(".file-preview:visible").first, lambda shown: "cat.png" in shown.replace("\n", ""))


def wait_text(locator, predicate=bool, timeout_s=20):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = locator.input_value() if locator.evaluate("e => 'value' in e") else locator.inner_text()
        if predicate(value):
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out; last value: {value!r}")


def wait_quiet(read, quiet_s, timeout_s):
    """The value once it has stayed the same for quiet_s; fails if it keeps changing for timeout_s."""
    deadline = time.monotonic() + timeout_s
    value, since = read(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = read()
        if now != value:
            value, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return value
    raise AssertionError(f"still changing after {timeout_s} s: {value!r}")


# Every text the page shows, however briefly (a note that a retry replaces, a toast that closes): a
# MutationObserver keeps them, so a test never depends on polling at the right moment.
RECORD_TEXTS = """() => {
    window.__seenTexts = [];
    const keep = node => { const text = node.textContent; if (text) window.__seenTexts.push(text); };
    new MutationObserver(changes => changes.forEach(change => {
        if (change.type === 'characterData') keep(change.target);
        change.addedNodes.forEach(keep);
    })).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def record_texts(page) -> None:
    page.evaluate(RECORD_TEXTS)


def wait_seen(page, phrase: str, timeout_s: float = 60) -> None:
    """Wait until the page has shown `phrase` since record_texts(page), even if it is gone again."""
    page.wait_for_function(
        "phrase => window.__seenTexts.some(text => text.includes(phrase))", arg=phrase, timeout=timeout_s * 1000
    )
