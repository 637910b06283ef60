"""Compare, Sweep and the "All parameters" panel in headless Chromium, in Spanish and in English. Screenshots
are kept in tests/artifacts/ to be looked at."""

import os
import re

import pytest

from components.i18n import translate
from tests.browser_support import (
    ARTIFACTS,
    CHROMIUM,
    LOCALES,
    UI_TEXT,
    choose_sample_image,
    tab,
    wait_quiet,
    wait_text,
)

pytestmark = pytest.mark.slow

if not CHROMIUM and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Chromium is not installed: bash tests/setup.sh installs it (as root)", allow_module_level=True)


def visible(page, label, text):
    return page.get_by_label(text[label], exact=True).filter(visible=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_compare_three_columns_then_a_temperature_sweep(page_in, locale):
    lang = LOCALES[locale]
    text = UI_TEXT[lang]
    page = page_in(locale)
    tab(page, text, "compare.tab")
    temperatures = page.get_by_label("number input for " + text["knobs.temperature"], exact=True).filter(visible=True)
    assert [temperatures.nth(i).input_value() for i in range(3)] == ["0", "1", "1.5"]
    page.get_by_role("button", name=text["compare.send"], exact=True).click()
    bots = page.locator('[data-testid="bot"]:visible')
    total = translate("stats.total", lang, cost="$0")  # each column's cost line: the builtin model is free
    wait_text(page.locator("body"), lambda body: body.count(total) == 3, timeout_s=30)
    assert bots.count() == 3 and all(bots.nth(i).inner_text().strip() for i in range(3))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"compare-{locale}.png"), full_page=True)

    box = visible(page, "compare.message", text)
    box.fill("¿Y el atún?" if lang == "es" else "And the tuna?")
    page.get_by_role("button", name=text["compare.send"], exact=True).click()  # to each column with its history
    wait_text(page.locator("body"), lambda _: bots.count() == 6, timeout_s=30)
    users = page.locator('[data-testid="user"]:visible')
    assert users.count() == 6

    page.get_by_label(text["compare.same"], exact=True).check()  # columns 2 and 3 take column 1's knobs
    wait_text(page.locator("body"), lambda _: [temperatures.nth(i).input_value() for i in range(3)] == ["0"] * 3)

    tab(page, text, "sweep.tab")
    page.get_by_role("button", name=text["sweep.run"], exact=True).click()
    identical = "3 de 3 idénticas" if lang == "es" else "3 of 3 identical"
    # Once in the tab's "try this" note, then in the grid; "…" marks a sample still running.
    wait_text(page.locator("body"), lambda body: body.count(identical) >= 2 and "…" not in body, timeout_s=40)
    rows = page.evaluate(  # Gradio's grid: a div per row, a cell per column
        "[...document.querySelectorAll('.virtual-row')].filter(row => row.offsetParent)"
        ".map(row => [...row.querySelectorAll('.body-cell')].map(cell => cell.innerText.trim()))"
    )
    assert [row[0] for row in rows] == ["0", "0.5", "1", "1.5"], rows
    assert rows[0][-1] == identical and len(set(rows[0][1:4])) == 1  # temperature 0: one answer, 3 times
    for label in ("sweep.distinct_plot", "sweep.length_plot"):
        plot = page.locator(".block", has_text=text[label]).filter(visible=True).last
        wait_text(plot, lambda _, plot=plot: plot.locator("canvas, svg").count() > 0)  # drawn
    page.screenshot(path=str(ARTIFACTS / f"sweep-{locale}.png"), full_page=True)


def test_all_parameters_say_what_is_sent_and_the_body_shows_it(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    page.get_by_text(text["params.panel"], exact=True).filter(visible=True).first.click()
    not_sent = visible(page, "params.not_sent", text).first
    assert "top_p" in not_sent.input_value() and "seed" in not_sent.input_value()
    visible(page, "knobs.seed", text).first.fill("7")
    top_p = page.get_by_label("number input for " + text["knobs.top_p"], exact=True).filter(visible=True).first
    top_p.fill("0.5")
    top_p.press("Enter")
    wait_text(not_sent, lambda value: "top_p" not in value and "seed" not in value and "presence_penalty" in value)
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    sent = page.locator(".block", has_text=text["params.sent"]).filter(visible=True).last
    wait_text(sent, lambda body: "seed" in body and "top_p" in body)
    shown = sent.inner_text()
    assert re.search(r"seed\W+7", shown) and re.search(r"top_p\W+0\.5", shown) and "presence_penalty" not in shown
    wait_text(page.locator("body"), lambda body: "cost $0 · this tab so far $0" in body)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-all-parameters-en-US.png"), full_page=True)


def test_stop_stops_every_column_and_keeps_their_text(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    tab(page, text, "compare.tab")
    models = page.get_by_label(text["model.label"], exact=True).filter(visible=True)
    for index in range(1, 4):  # the page's own model box first, then one per column
        models.nth(index).fill("fault-long")  # 20 tokens a second up to max_tokens (200): 10 s unless stopped
        models.nth(index).press("Enter")
    page.get_by_role("button", name=text["compare.send"], exact=True).click()
    bots = page.locator('[data-testid="bot"]:visible')
    wait_text(page.locator("body"), lambda _: bots.count() == 3 and all(b.inner_text().strip() for b in bots.all()))
    page.get_by_role("button", name=text["common.stop"], exact=True).filter(visible=True).click()
    # Stopped means quiet: a column still streaming changes every 50 ms for ~10 s and never goes quiet here. How
    # soon the cancel lands depends on the machine's load, so the test waits for quiet, not a fixed time.
    kept = wait_quiet(lambda: [b.inner_text() for b in bots.all()], quiet_s=1.0, timeout_s=6)
    page.wait_for_timeout(1500)
    assert [b.inner_text() for b in bots.all()] == kept and all(kept)  # stopped, and the text so far stays


RUNS = {  # tab: its run button (the builtin model answers each with the page's presets)
    "chat.tab": "chat.send",
    "persona.tab": "persona.run",
    "fewshot.tab": "fewshot.run",
    "chain.tab": "chain.run",
    "vision.tab": "vision.run",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_tab_shows_the_code_of_what_it_sent(page_in, locale):
    lang = LOCALES[locale]
    text = UI_TEXT[lang]
    page = page_in(locale)
    ARTIFACTS.mkdir(exist_ok=True)
    said = translate("code.builtin", lang)  # the script's comments are in the reader's language
    for key, run in RUNS.items():
        tab(page, text, key)
        if key == "vision.tab":
            choose_sample_image(page)
        page.get_by_role("button", name=text[run], exact=True).filter(visible=True).last.click()
        page.get_by_text(text["code.view"], exact=True).filter(visible=True).first.click()
        code = page.locator(".cm-content").filter(visible=True).first
        wait_text(code, lambda shown: "client.chat.completions.create(" in shown and said in shown, timeout_s=30)
        shown = code.inner_text()
        assert 'base_url="http://127.0.0.1:' in shown and "api_key=os.environ" not in shown  # the builtin: no key
        if key == "vision.tab":
            assert "base64.b64encode" in shown
        if key == "chain.tab":
            assert ".replace(" in shown and "prompt_1" in shown  # the editor draws only the lines in sight
        page.screenshot(path=str(ARTIFACTS / f"code-{locale}-{key.split('.')[0]}.png"), full_page=True)


def test_export_a_session_from_a_tab(page_in):
    text = UI_TEXT["es"]
    page = page_in("es-ES")
    export = page.get_by_role("button", name=text["export.button"], exact=True).filter(visible=True).first
    export.click()  # nothing sent yet: it says so
    wait_text(page.locator("body"), lambda body: translate("export.nothing", "es") in body)
    for _ in range(2):
        page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
        wait_text(page.locator("body"), lambda body: "finish_reason" in body and "coste" in body)
        page.wait_for_timeout(300)
    export.click()
    links = page.locator("a[href*='session.']").filter(visible=True)
    wait_text(page.locator("body"), lambda _: links.count() == 3)
    hrefs = [link.get_attribute("href") for link in links.all()]
    files = {href.rsplit("/", 1)[-1].split("?")[0]: page.request.get(href).text() for href in hrefs}
    assert sorted(files) == ["session.json", "session.md", "session.py"], hrefs
    script = files["session.py"]
    assert script.count("client.chat.completions.create(") == 2 and "# La petición" in script  # both calls
    assert "ghp_testsecret4242" not in "".join(files.values())
    page.screenshot(path=str(ARTIFACTS / "export-es-ES.png"), full_page=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_students_key_is_used_and_found_nowhere(page_in, launched_app, session_fake_host, locale, caplog):
    import logging

    lang = LOCALES[locale]
    text = UI_TEXT[lang]
    key = f"sk-student-{lang}-5f6e7d8c9b0a"
    page = page_in(locale)
    caplog.set_level(logging.DEBUG)
    page.get_by_text(text["keys.panel"], exact=True).click()
    box = page.get_by_label("OPENAI_COMPAT_KEY", exact=True)
    box.fill(key)
    # A key goes only with the student's own endpoint and model (a school network's server: local URLs allowed).
    page.get_by_label("OPENAI_COMPAT_BASE_URL", exact=True).fill(f"{session_fake_host.url}/v1")
    page.get_by_label("OPENAI_COMPAT_MODEL", exact=True).fill("fake-model-a")
    ARTIFACTS.mkdir(exist_ok=True)
    page.get_by_role("button", name=text["keys.save"], exact=True).click()
    wait_text(page.locator("body"), lambda body: translate("keys.saved", lang, hosts="")[:12] in body)
    assert box.input_value() == ""  # the box is emptied: the key stays on the server
    page.screenshot(path=str(ARTIFACTS / f"keys-{locale}.png"), full_page=True)
    host = page.get_by_label(text["host.label"], exact=True).first
    host.click()
    page.get_by_role("option", name=translate("host.custom", lang)).click()
    since = len(session_fake_host.seen)
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: session_fake_host.answer in body)
    used = [s.headers.get("authorization") for s in session_fake_host.seen[since:] if s.path.endswith("/completions")]
    assert used == [f"Bearer {key}"]  # this session's calls carry its own key
    page.get_by_text(text["code.view"], exact=True).filter(visible=True).first.click()
    page.get_by_role("button", name=text["export.button"], exact=True).filter(visible=True).first.click()
    links = page.locator("a[href*='session.']").filter(visible=True)
    wait_text(page.locator("body"), lambda _: links.count() == 3)
    seen = [page.inner_text("body"), page.content()]
    seen.append(page.evaluate("[...document.querySelectorAll('input, textarea')].map(e => e.value).join('\\n')"))
    seen.append(page.evaluate("JSON.stringify(Object.assign({}, localStorage, sessionStorage))"))
    seen += [page.request.get(link.get_attribute("href")).text() for link in links.all()]
    demo = launched_app[0]
    seen += [page.request.get(demo.local_url + path).text() for path in ("config", "gradio_api/info")]
    seen.append(caplog.text)
    assert all(key not in part for part in seen)
    launched_app[1].keys.typed.clear()  # the next test starts clean


def test_a_shared_link_restores_the_tab_and_carries_no_key(page_in, launched_app, browser):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    system = page.get_by_label(text["knobs.system"], exact=True).filter(visible=True).first
    system.fill("Answer only with rhymes, like a cat poet.")
    temperature = page.get_by_label("number input for " + text["knobs.temperature"], exact=True).filter(visible=True)
    temperature.first.fill("0.3")
    temperature.first.press("Enter")
    page.get_by_text(text["keys.panel"], exact=True).click()
    page.get_by_label("OPENAI_COMPAT_KEY", exact=True).fill("sk-never-in-a-link-1234")
    page.get_by_role("button", name=text["keys.save"], exact=True).click()
    page.get_by_role("button", name=text["share.button"], exact=True).click()
    link = wait_text(page.locator("#share-link input, #share-link textarea").first, lambda value: "setup=" in value)
    assert "tab=chat" in link and "sk-never-in-a-link" not in link
    from urllib.parse import parse_qs, urlparse

    from components.classroom.setups import decode_setup

    setup = decode_setup(parse_qs(urlparse(link).query)["setup"][0])
    assert setup["system"] == "Answer only with rhymes, like a cat poet." and setup["temperature"] == 0.3
    assert "sk-never-in-a-link" not in str(setup)
    other = browser.new_context(locale="es-ES").new_page()  # someone else opens the link, in Spanish
    other.set_default_timeout(20_000)
    other.goto(link.replace(urlparse(link).netloc, urlparse(launched_app[0].local_url).netloc))
    spanish = UI_TEXT["es"]
    restored = other.get_by_label(spanish["knobs.system"], exact=True).filter(visible=True).first
    wait_text(restored, lambda value: value == "Answer only with rhymes, like a cat poet.")
    assert other.get_by_role("tab", name=spanish["chat.tab"]).get_attribute("aria-selected") == "true"
    number = other.get_by_label("number input for " + spanish["knobs.temperature"], exact=True).filter(visible=True)
    assert number.first.input_value() == "0.3"
    other.screenshot(path=str(ARTIFACTS / "shared-link-es-ES.png"), full_page=True)
    other.context.close()
    launched_app[1].keys.typed.clear()
