"""End to end in headless Chromium (Debian's, driven by Playwright), in Spanish and in English."""

import os
import re

import pytest

from tests.browser_support import (
    ARTIFACTS,
    CHROMIUM,
    LOCALES,
    UI_TEXT,
    choose_sample_image,
    record_texts,
    tab,
    wait_quiet,
    wait_seen,
    wait_text,
)

pytestmark = pytest.mark.slow  # left out of the fast tier (python -m pytest -m "not slow")

if not CHROMIUM and not os.environ.get("REQUIRE_BROWSER"):
    pytest.skip("Chromium is not installed: bash tests/setup.sh installs it (as root)", allow_module_level=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_tab_answers_on_the_builtin_host(page_in, locale):
    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)
    assert text["app.header"].splitlines()[0].lstrip("# ") in page.inner_text("body")

    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "finish_reason" in body)

    tab(page, text, "stream.tab")
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill("Hola, ¿cómo estás?" if locale == "es-ES" else "Hello, how are you?")
    box.press("Enter")
    wait_text(page.locator('[data-testid="bot"]').last)

    tab(page, text, "persona.tab")
    page.get_by_role("button", name=text["persona.run"], exact=True).click()
    wait_text(page.get_by_label(text["persona.with"], exact=True))
    wait_text(page.get_by_label(text["persona.without"], exact=True))

    tab(page, text, "fewshot.tab")
    page.get_by_role("button", name=text["fewshot.run"], exact=True).last.click()
    wait_text(page.get_by_label(text["fewshot.answer"], exact=True))

    tab(page, text, "chain.tab")
    page.get_by_role("button", name=text["chain.run"], exact=True).click()
    wait_text(page.get_by_label(text["chain.output"], exact=True).nth(2))

    tab(page, text, "vision.tab")
    choose_sample_image(page)
    page.get_by_role("button", name=text["vision.run"], exact=True).click()
    honest = "No puedo ver" if locale == "es-ES" else "can't see"
    wait_text(page.get_by_label(text["vision.answer"], exact=True), lambda answer: honest in answer)


def choose_model(page, name, language="en"):
    model = page.get_by_label(UI_TEXT[language]["model.label"], exact=True)
    model.fill(name)
    model.press("Enter")


def test_another_page_and_back_keeps_the_model_and_what_the_tab_ran(page_in):
    text = UI_TEXT["es"]
    page = page_in("es-ES")
    choose_model(page, "fault-slow", "es")
    page.get_by_label(text["chat.prompt"], exact=True).fill("¿Qué come un gato pirata?")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "finish_reason" in body)
    tab(page, text, "compare.tab")  # another page: a new page load
    assert page.get_by_label(text["model.label"], exact=True).first.input_value() == "fault-slow"
    tab(page, text, "chat.tab")  # and back
    wait_text(page.get_by_label(text["chat.prompt"], exact=True), lambda shown: shown == "¿Qué come un gato pirata?")
    assert page.get_by_label(text["model.label"], exact=True).input_value() == "fault-slow"


def test_stop_keeps_the_partial_text_and_the_chat_goes_on(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    choose_model(page, "fault-long")  # 20 tokens per second to max_tokens (200): 10 s unless stopped
    tab(page, text, "stream.tab")
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill("Tell me about cats")
    box.press("Enter")
    # The answer's element is redrawn with every streamed token: read in the page, not through an element handle
    # (one that keeps being replaced timed out under load).
    answer = "() => [...document.querySelectorAll('[data-testid=bot]')].pop()?.innerText || ''"
    page.wait_for_function(f"() => ({answer})().length > 15")
    page.get_by_role("button", name=text["stream.stop"], exact=True).first.click()
    kept = wait_quiet(lambda: page.evaluate(answer), quiet_s=1.0, timeout_s=6)  # however late the cancel lands
    page.wait_for_timeout(1000)
    assert page.evaluate(answer) == kept and len(kept) > 15  # stopped, and nothing lost
    choose_model(page, "builtin-tiny")
    box.fill("Gracias")
    box.press("Enter")
    wait_text(page.locator('[data-testid="bot"]').nth(1))
    assert page.locator('[data-testid="bot"]').first.inner_text() == kept


def test_markup_from_the_model_stays_inert(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    host = page.get_by_label(text["host.label"], exact=True)
    host.click()
    page.get_by_role("option", name="OpenAI-compatible URL").click()
    page.get_by_label(text["chat.prompt"], exact=True).fill("xss please")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "click me" in body)

    tab(page, text, "stream.tab")
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill("xss again")
    box.press("Enter")
    wait_text(page.locator('[data-testid="bot"]').last, lambda answer: "click me" in answer)

    tab(page, text, "persona.tab")
    page.get_by_label(text["persona.question"], exact=True).fill("xss")
    page.get_by_role("button", name=text["persona.run"], exact=True).click()
    wait_text(page.get_by_label(text["persona.with"], exact=True), lambda answer: "<script>" in answer)

    for link in page.get_by_text("click me").all():  # a javascript: link must not run when clicked
        if link.is_visible():
            link.click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None


@pytest.mark.parametrize(
    "locale, model, message",
    [
        ("en-US", "fault-401", "rejected the credentials (401)"),
        ("en-US", "fault-500", "a problem on its side (500)"),
        ("en-US", "fault-prompt_filter", "content filter blocked this request"),
        ("es-ES", "fault-401", "rechazó las credenciales (401)"),
    ],
)
def test_faults_show_a_clear_message_and_the_next_request_works(page_in, locale, model, message):
    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)
    page.get_by_label(text["model.label"], exact=True).fill(model)
    page.get_by_label(text["model.label"], exact=True).press("Enter")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: message in body)
    assert "Traceback" not in page.inner_text("body")
    page.get_by_label(text["model.label"], exact=True).fill("builtin-tiny")
    page.get_by_label(text["model.label"], exact=True).press("Enter")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "finish_reason" in body)


def test_a_busy_host_shows_that_it_is_retrying(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    choose_model(page, "fault-429")
    tab(page, text, "stream.tab")
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill("Hello")
    record_texts(page)  # the retry note shows only until the last retry fails
    box.press("Enter")
    wait_seen(page, "answered 429: retrying automatically")
    wait_seen(page, "(429). Wait 1 s")
    wait_text(box, lambda typed: typed == "Hello")  # given back after the last retry failed


def test_one_click_retry_without_a_refused_parameter(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    choose_model(page, "fault-reasoning")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "does not accept the parameter 'temperature'" in body)
    page.get_by_role("button", name="↻ Retry without 'temperature'").click()
    wait_text(page.locator("body"), lambda body: "does not accept the parameter 'max_tokens'" in body)
    page.get_by_role("button", name="↻ Retry without 'max_tokens'").click()
    wait_text(page.locator("body"), lambda body: "finish_reason" in body)


def pick_host(page, label):
    page.get_by_label(UI_TEXT["en"]["host.label"], exact=True).click()
    page.get_by_role("option", name=label).click()


@pytest.mark.parametrize(
    "host, model, message, keeps_text",
    [
        (None, "fault-404", "has no model 'fault-404' (404)", False),
        (None, "fault-503", "a problem on its side (503)", False),
        (None, "fault-hang", "did not answer in time", False),
        (None, "fault-drop", "The answer was cut off", True),
        (None, "fault-content_filter", "content filter stopped the answer", True),
        ("GitHub Models (retired)", None, "GitHub Models was retired on 30 July 2026", False),
        ("Ollama", None, "Could not reach Ollama at http://127.0.0.1:9/v1", False),
    ],
)
def test_streaming_faults_in_the_page(page_in, host, model, message, keeps_text):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    if host:
        pick_host(page, host)
    if model:
        choose_model(page, model)
    tab(page, text, "stream.tab")
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill("Tell me about cats")
    box.press("Enter")
    wait_text(page.locator("body"), lambda body: message in body, timeout_s=40)
    if keeps_text:
        assert page.locator('[data-testid="bot"]').first.inner_text().strip()  # what arrived stays
    else:
        assert box.input_value() == "Tell me about cats"  # nothing arrived: the message is given back


def english_only_fragments() -> set[str]:
    """Every piece of our English text (page, server messages, presets) that the Spanish catalog never uses."""
    from components.i18n import CATALOGS

    def strings(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            value = list(value.values())
        return [s for item in value for s in strings(item)] if isinstance(value, (list, tuple)) else []

    def fragments(text: str) -> list[str]:
        pieces = re.split(r"\{[^}]*\}|\*\*|`|\n|[:·—()'\"]|\. ", text)
        return [p.strip(" .,!?¿¡…⏳↻⚠️") for p in pieces if len(re.findall(r"[A-Za-z]", p)) >= 3]

    en, es = CATALOGS["en"], CATALOGS["es"]
    english = [s for section in ("UI", "MESSAGES", "PRESETS") for s in strings(getattr(en, section))]
    spanish = "\n".join(s for section in ("UI", "MESSAGES", "PRESETS") for s in strings(getattr(es, section)))
    return {
        f for text in english for f in fragments(text) if f and not re.search(rf"(?<!\w){re.escape(f)}(?!\w)", spanish)
    }


def page_texts(page) -> str:
    """What a reader sees: the visible text and the text inside every box. A JSON view (a request body, its
    "role": "user") is the API's own words, like code: left out."""
    values = page.evaluate("[...document.querySelectorAll('textarea, input')].map(e => e.value).join('\\n')")
    prose = page.evaluate(
        "(() => { const body = document.body.cloneNode(true);"
        " body.querySelectorAll('.json-node').forEach(e => e.remove());"
        " document.documentElement.appendChild(body); const text = body.innerText; body.remove(); return text; })()"
    )
    return prose + "\n" + values


TAB_KEYS = [
    "lab.tab",
    "chat.tab",
    "stream.tab",
    "compare.tab",
    "sweep.tab",
    "persona.tab",
    "fewshot.tab",
    "chain.tab",
    "vision.tab",
]


def test_the_spanish_page_has_no_english_text_in_any_tab(page_in):
    text = UI_TEXT["es"]
    page = page_in("es-ES")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()  # answers and stats, too
    wait_text(page.locator("body"), lambda body: "finish_reason" in body)
    seen = page_texts(page)
    tab(page, text, "stream.tab")
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill("Hola, ¿cómo estás?")
    box.press("Enter")
    wait_text(page.locator("body"), lambda body: "1.er token" in body)
    for key in TAB_KEYS:
        tab(page, text, key)
        page.wait_for_timeout(300)
        seen += "\n" + page_texts(page)
    english = sorted(f for f in english_only_fragments() if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", seen))
    assert english == [], f"English in the Spanish page: {english}"


@pytest.mark.parametrize("locale", LOCALES)
def test_screenshots_of_every_tab(page_in, locale):
    """Kept in tests/artifacts/ to be looked at; the English page's presets are English."""
    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)
    if locale == "en-US":
        from components.i18n import preset

        system, prompt = preset("chat_examples", "en")["haiku"]
        assert page.get_by_label(text["chat.prompt"], exact=True).input_value() == prompt
        assert page.get_by_label(text["knobs.system"], exact=True).filter(visible=True).first.input_value() == system
    ARTIFACTS.mkdir(exist_ok=True)
    for key in TAB_KEYS:
        tab(page, text, key)
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / f"tab-{locale}-{key.split('.')[0]}.png"), full_page=True)


def test_chat_has_a_stop_button(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    choose_model(page, "fault-hang")  # never answers: without Stop, a timeout error would show after retries
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "Waiting for Builtin demo model" in body)
    page.get_by_role("button", name=text["common.stop"], exact=True).first.click()
    page.wait_for_timeout(12_000)  # longer than the test host's timeout and retries
    assert "did not answer in time" not in page.inner_text("body")  # the call was stopped
    choose_model(page, "builtin-tiny")
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    wait_text(page.locator("body"), lambda body: "#1 · finish_reason" in body)


def test_waiting_notes_and_one_click_retry_on_a_teaching_tab(page_in):
    text = UI_TEXT["es"]
    page = page_in("es-ES")
    choose_model(page, "fault-429", "es")
    tab(page, text, "fewshot.tab")
    page.get_by_role("button", name=text["fewshot.run"], exact=True).last.click()
    wait_text(page.locator("body"), lambda body: "respondió 429: se reintenta automáticamente" in body)
    choose_model(page, "fault-reasoning", "es")
    tab(page, text, "persona.tab")
    page.get_by_role("button", name=text["persona.run"], exact=True).click()
    wait_text(page.locator("body"), lambda body: "no acepta el parámetro 'temperature'" in body)
    page.get_by_role("button", name="↻ Reintentar sin 'temperature'").click()
    wait_text(page.locator("body"), lambda body: "no acepta el parámetro 'max_tokens'" in body)
    page.get_by_role("button", name="↻ Reintentar sin 'max_tokens'").click()
    wait_text(page.get_by_label(text["persona.with"], exact=True))


def set_temperature(page, text, value: str):
    """Every visible temperature slider's number box (each tab has its own)."""
    for box in page.get_by_label(f"number input for {text['knobs.temperature']}").all():
        if box.is_visible():
            box.fill(value)
            box.press("Enter")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_builtin_model_shows_personas_formats_and_chains(page_in, locale):
    lang = LOCALES[locale]
    text = UI_TEXT[lang]
    page = page_in(locale)
    tab(page, text, "persona.tab")
    set_temperature(page, text, "0")
    page.get_by_role("button", name=text["persona.run"], exact=True).click()
    wait_text(page.get_by_label(text["persona.without"], exact=True))
    page.wait_for_timeout(1500)  # the builtin model answers in milliseconds: both are complete by now
    with_yoda = page.get_by_label(text["persona.with"], exact=True).input_value()
    without = page.get_by_label(text["persona.without"], exact=True).input_value()
    mark = "Mmm." if lang == "es" else "Hmm."
    assert mark in with_yoda and mark not in without and "padawan" not in without

    tab(page, text, "fewshot.tab")
    page.get_by_label(text["fewshot.preset"], exact=True).click()
    page.get_by_role("option", name="🇪🇸").click()  # English → Spanish, formal and informal: "Formal: …"
    set_temperature(page, text, "0")
    page.get_by_role("button", name=text["fewshot.run"], exact=True).last.click()
    few = wait_text(page.get_by_label(text["fewshot.answer"], exact=True))
    zero = wait_text(page.get_by_label(text["fewshot.zero"], exact=True))
    assert few.startswith("Formal:") and not zero.startswith("Formal:")
    page.screenshot(path=str(ARTIFACTS / f"builtin-{locale}-fewshot.png"), full_page=True)

    tab(page, text, "chain.tab")
    set_temperature(page, text, "0")
    page.get_by_role("button", name=text["chain.run"], exact=True).click()
    outputs = page.get_by_label(text["chain.output"], exact=True)
    wait_text(outputs.nth(2))
    page.wait_for_timeout(1500)
    first, second = outputs.nth(0).input_value(), outputs.nth(1).input_value()
    words = first.split()
    phrases = {" ".join(words[i : i + 4]) for i in range(len(words) - 3)}
    assert any(phrase in second for phrase in phrases), (first, second)  # step 2 builds on step 1
    page.screenshot(path=str(ARTIFACTS / f"builtin-{locale}-chain.png"), full_page=True)


def pick(radio, path_box, count: int) -> None:
    """Pick a candidate and wait for its own answer: the reply's token count says which pick has shown (a
    text change alone may be an earlier answer, and clicking again on a timer would pick twice). A click, not
    check(): the builtin model may answer, and uncheck the group, before check() looks at the radio again."""
    radio.click()
    wait_text(path_box, lambda shown: f"tokens: {count})" in shown, timeout_s=60)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_tokens_and_next_token_lab(page_in, locale):
    lang = LOCALES[locale]
    text = UI_TEXT[lang]
    page = page_in(locale)
    tab(page, text, "lab.tab")
    wait_text(page.locator(".tokens").first, lambda shown: len(shown) > 10)  # tokens with their IDs
    page.get_by_role("button", name=text["lab.compare"], exact=True).click()
    wait_text(page.locator("body"), lambda body: body.count("tokens · ") >= 3)
    prompt = page.get_by_label(text["lab.prompt"], exact=True)
    prompt.fill("Escribe un haiku sobre un gato" if lang == "es" else "Write a haiku about a cat")
    page.get_by_role("button", name=text["lab.ask"], exact=True).click()
    path_box = page.locator("#lab-path")
    wait_text(path_box, lambda shown: "tokens: 0)" in shown, timeout_s=60)  # the first candidates are shown
    for picked in range(1, 4):  # each pick adds one token: wait for that count, never for a time
        pick(page.get_by_role("radio").nth(picked % 2), path_box, picked)
    path = page.locator("#lab-path code").inner_text()  # each pick showed (a space or line break is marked)
    note = page.get_by_text("top_p 1 ").first.inner_text()
    set_temperature(page, text, "1.8")  # reshapes the chart: no call to the model
    wait_text(page.locator("body"), lambda body: "1.8" in body and note not in body)
    page.get_by_role("button", name=text["lab.undo"], exact=True).click()
    wait_text(path_box, lambda shown: "tokens: 2)" in shown, timeout_s=60)  # the last token is gone
    assert page.locator("#lab-path code").inner_text() != path
    page.screenshot(path=str(ARTIFACTS / f"lab-{locale}.png"), full_page=True)


def test_show_probabilities_on_chat(page_in):
    text = UI_TEXT["en"]
    page = page_in("en-US")
    page.get_by_label(text["chat.probabilities"]).first.check()
    page.get_by_role("button", name=text["chat.send"], exact=True).first.click()
    tokens = page.get_by_test_id("highlighted-text").first
    wait_text(tokens, lambda shown: len(shown) > 10)
    tokens.locator(".score-token").nth(1).click()
    wait_text(page.locator("body"), lambda body: "Alternatives to" in body)


# The last answer's text, each time it changes (polled every frame, so no update between two polls is lost).
RECORD_ANSWER = """() => {
    window.__answers = [];
    const look = () => {
        const bubbles = document.querySelectorAll('[data-testid="bot"]');
        const text = bubbles.length ? bubbles[bubbles.length - 1].innerText : "";
        if (text && text !== window.__answers[window.__answers.length - 1]) window.__answers.push(text);
        requestAnimationFrame(look);
    };
    look();
}"""


@pytest.mark.parametrize("locale", LOCALES)
def test_the_builtin_host_streams_at_a_pace_a_class_can_watch(page_in, locale):
    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)
    tab(page, text, "stream.tab")
    pace = page.get_by_label(f"number input for {text['stream.pace']}", exact=True)
    assert pace.input_value() == "25"  # the page's builtin host: 25 tokens a second unless BUILTIN_TOKENS_PER_S
    pace.fill("10")  # slower still (the setting works): even a short answer then shows many steps
    pace.press("Enter")
    page.evaluate(RECORD_ANSWER)
    box = page.get_by_label(text["stream.message"], exact=True)
    box.fill({"es-ES": "Explica los gatos en cuatro viñetas", "en-US": "Explain cats in four bullet points"}[locale])
    box.press("Enter")
    # the statistics line ends with the finish reason (the max tokens help text names finish_reason too)
    wait_text(page.locator("body"), lambda body: re.search(r"finish_reason\s+(stop|length)", body), timeout_s=40)
    answers = page.evaluate("window.__answers")
    final, partial = answers[-1], answers[:-1]
    assert len(partial) >= 10, answers
    # each text shown holds the one before it: one answer growing (compared without the list's marks and spaces,
    # which Markdown redraws as a line becomes a bullet), not answers replaced
    bare = [re.sub(r"[\s\-•]", "", answer) for answer in answers]
    assert all(later.startswith(earlier) for earlier, later in zip(bare, bare[1:])), answers
    assert final.count("\n") >= 3, final  # the four bullets asked for, one a line


@pytest.mark.parametrize("locale", LOCALES)
def test_structured_outputs_parse_the_builtin_models_json_into_a_table(page_in, locale):
    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)
    tab(page, text, "structured.tab")
    page.get_by_role("button", name=text["structured.run"], exact=True).click()
    wait_text(page.locator("body"), lambda body: "✅" in body, timeout_s=30)
    table = page.get_by_label(text["structured.parsed"]).first
    wait_text(table, lambda shown: "Tom" in shown and "3" in shown)
    assert ("gris" if locale == "es-ES" else "grey") in table.inner_text()
    page.screenshot(path=str(ARTIFACTS / f"structured-{locale}.png"), full_page=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_function_calling_walks_the_loop_step_by_step_on_the_builtin_model(page_in, locale):
    text = UI_TEXT[LOCALES[locale]]
    city = {"es-ES": "Bogotá", "en-US": "Madrid"}[locale]  # the presets' question, in the reader's language
    page = page_in(locale)
    tab(page, text, "tools.tab")
    status = page.locator("body")
    loop = page.locator("#tools-loop")
    page.get_by_role("button", name=text["tools.step"], exact=True).click()  # the model asks for get_weather
    wait_text(status, lambda body: "🛠" in body, timeout_s=30)
    wait_text(loop, lambda shown: "get_weather" in shown and "tool_calls" in shown)
    page.get_by_role("button", name=text["tools.step"], exact=True).click()  # the app runs it
    wait_text(status, lambda body: "📦" in body)
    wait_text(loop, lambda shown: "**tool**" not in shown and "sky" in shown)  # the result, as a tool message
    page.get_by_role("button", name=text["tools.run"], exact=True).click()  # the model answers with it
    wait_text(status, lambda body: "✅" in body)
    final = loop.inner_text()
    assert final.count(city) >= 3, final  # asked, called with, and said in the answer
    page.screenshot(path=str(ARTIFACTS / f"tools-{locale}.png"), full_page=True)
