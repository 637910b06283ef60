"""The presenter view in Chromium (es-ES, en-US): ?view=presenter and its button set type at least 1.5× the
normal page's and fold the set-up away, only in that browser; the QR code's alt text names the page's address and
its image is that address's code (the generator's own output for it)."""

import base64
import re

import pytest

from tests.browser_support import LOCALES, UI_TEXT, tab, wait_text

pytestmark = pytest.mark.slow

FONT_SIZE = "element => parseFloat(getComputedStyle(element).fontSize)"


def sizes(page, text) -> tuple[float, float]:
    """The computed type of a knob's label and of the tab's intro text."""
    label = page.get_by_text(text["knobs.temperature"], exact=True).first.evaluate(FONT_SIZE)
    intro = page.locator(".prose p").first.evaluate(FONT_SIZE)
    return label, intro


@pytest.mark.parametrize("locale", LOCALES)
def test_the_presenter_view_is_larger_and_folds_the_set_up_only_in_its_browser(page_in, locale):
    text = UI_TEXT[LOCALES[locale]]
    student, teacher = page_in(locale), page_in(locale)
    normal = sizes(student, text)
    assert student.get_by_text(text["keys.panel"]).is_visible()
    teacher.get_by_role("button", name=text["presenter.toggle"]).click()
    wait_text(teacher.locator("html"), lambda _: "view=presenter" in teacher.url)
    presented = sizes(teacher, text)
    assert all(big >= 1.5 * small for big, small in zip(presented, normal)), (presented, normal)
    assert not teacher.get_by_text(text["keys.panel"]).is_visible()
    assert sizes(student, text) == normal  # the student's page is as it was
    teacher.reload()  # the address keeps the view
    tab(teacher, text, "chat.tab")
    assert sizes(teacher, text)[0] >= 1.5 * normal[0]
    teacher.get_by_role("button", name=text["presenter.toggle"]).click()  # and leaves it
    assert sizes(teacher, text) == normal and "view=" not in teacher.url


@pytest.mark.parametrize("locale", LOCALES)
def test_the_qr_code_is_the_pages_address_and_says_so(page_in, locale):
    import segno

    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)
    page.get_by_role("button", name=text["presenter.qr"]).click()
    image = page.locator("#page-qr img")
    image.wait_for()
    address = page.locator("#page-qr figcaption").inner_text()
    assert address == page.url.split("?")[0]  # the page as this browser reached it
    assert address in image.get_attribute("alt")
    data = re.match(r"data:image/svg\+xml;base64,(.+)", image.get_attribute("src")).group(1)
    expected = segno.make(address, error="m").svg_inline(scale=8, border=2, dark="#000", light="#fff")
    assert base64.b64decode(data).decode() == expected


@pytest.mark.parametrize("locale", LOCALES)
def test_arrows_walk_the_lesson_and_each_step_opens_its_tab_prepared(page_in, launched_app, locale):
    from components.lessons.lesson_path import default_lesson, step_link

    text, lang = UI_TEXT[LOCALES[locale]], LOCALES[locale]
    steps = default_lesson(lang)
    demo, _ = launched_app
    page = page_in(locale)
    page.goto(step_link(demo.local_url, steps, 1))
    bar = page.locator("#lesson-bar")
    wait_text(bar, lambda shown: f"1 / {len(steps)}" in shown and steps[0].say in shown)
    assert "view=presenter" in page.url and page.locator("#lesson-bar img").count() == 1  # the QR code
    page.locator("body").press("ArrowRight")  # → step 2: Compare, its message prepared
    wait_text(bar, lambda shown: f"2 / {len(steps)}" in shown)
    message = page.get_by_label(text["compare.message"], exact=True)
    wait_text(message, lambda _: message.input_value() == steps[1].setup["message"])
    page.locator("body").press("ArrowRight")  # → step 3: Chat; R runs it
    wait_text(bar, lambda shown: f"3 / {len(steps)}" in shown)
    prompt = page.get_by_label(text["chat.prompt"], exact=True)
    wait_text(prompt, lambda _: prompt.input_value() == steps[2].setup["prompt"])
    page.locator("body").press("r")
    wait_text(page.locator("body"), lambda body: "finish_reason" in body, timeout_s=30)
    page.locator("body").press("ArrowLeft")  # ← back to step 2
    wait_text(bar, lambda shown: f"2 / {len(steps)}" in shown)


@pytest.fixture(scope="module")
def app_with_a_broken_lesson(tmp_path_factory):
    """`python app.py` with PLAYGROUND_LESSON naming a file whose second step is no tab."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from tests.support import free_port, wait_until_up

    lesson = tmp_path_factory.mktemp("lesson") / "lesson.yaml"
    lesson.write_text("- tab: chat\n- tab: kitchen\n")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("API_HOST", "OPENAI", "AZURE", "OLLAMA", "HF_"))}
    env.update(GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1", PLAYGROUND_LESSON=str(lesson))
    root = Path(__file__).resolve().parent.parent
    app = subprocess.Popen([sys.executable, "app.py"], cwd=root, env=env)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, app)
        yield url, app
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=30)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_broken_lesson_file_is_said_with_its_line_and_the_default_path_serves(
    browser, app_with_a_broken_lesson, locale
):
    from components.i18n import translate
    from components.lessons.lesson_path import default_lesson, step_link

    url, _ = app_with_a_broken_lesson
    lang = LOCALES[locale]
    steps = default_lesson(lang)
    page = browser.new_context(locale=locale).new_page()
    try:
        page.goto(step_link(url, steps, 1))
        bar = page.locator("#lesson-bar")
        said = wait_text(bar, lambda shown: "kitchen" in shown)
        where = translate("lesson.tab", lang, line=2, tab="kitchen", tabs="").split(":")[0]
        assert where in said  # "Line 2 of the lesson file" / "Línea 2 del archivo de la lección"
        assert f"1 / {len(steps)}" in said and steps[0].say in said  # the default path, step 1
    finally:
        page.context.close()
