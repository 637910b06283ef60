"""The README's screenshots, taken from today's page: `python -m tests.screenshots` starts `python app.py` on the
builtin model, drives Debian's Chromium with Playwright (as the browser tests do) and writes docs/*.png."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.browser_support import CHROMIUM, FLAGS, UI_TEXT, choose_sample_image, tab, wait_text
from tests.support import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TEXT = UI_TEXT["en"]


def shoot(page, name: str) -> None:
    page.wait_for_timeout(500)  # the last update painted
    page.screenshot(path=str(DOCS / name), full_page=True)
    print("wrote", DOCS / name)


def take_all(url: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000}).new_page()
        page.set_default_timeout(30_000)
        page.goto(url)
        wait_text(page.get_by_label(TEXT["model.label"], exact=True), lambda model: model == "builtin-tiny")

        tab(page, TEXT, "chat.tab")
        page.get_by_role("button", name=TEXT["chat.send"], exact=True).first.click()
        wait_text(page.locator("body"), lambda body: "finish_reason" in body)
        shoot(page, "screenshot.png")

        tab(page, TEXT, "lab.tab")
        page.get_by_role("button", name=TEXT["lab.ask"], exact=True).click()
        wait_text(page.locator("#lab-path"), lambda path: "Reply so far" in path)
        page.get_by_role("button", name=TEXT["lab.steps"], exact=True).click()
        page.wait_for_timeout(2000)
        shoot(page, "lab.png")

        tab(page, TEXT, "compare.tab")
        page.get_by_role("button", name=TEXT["compare.send"], exact=True).click()
        wait_text(page.locator("body"), lambda body: body.count("finish_reason") >= 3)
        shoot(page, "compare.png")

        tab(page, TEXT, "sweep.tab")
        page.get_by_role("button", name=TEXT["sweep.run"], exact=True).click()
        wait_text(page.locator("body"), lambda body: "cost $" in body)
        shoot(page, "sweep.png")

        tab(page, TEXT, "vision.tab")
        choose_sample_image(page)
        page.get_by_role("button", name=TEXT["vision.run"], exact=True).click()
        wait_text(page.get_by_label(TEXT["vision.answer"], exact=True), lambda answer: "can't see" in answer)
        page.get_by_text(TEXT["code.view"]).locator("visible=true").first.click()
        shoot(page, "code.png")

        tab(page, TEXT, "structured.tab")
        page.get_by_role("button", name=TEXT["structured.run"], exact=True).click()
        wait_text(page.locator("body"), lambda body: "✅" in body)
        shoot(page, "structured.png")

        tab(page, TEXT, "tools.tab")
        page.get_by_role("button", name=TEXT["tools.run"], exact=True).click()
        wait_text(page.locator("body"), lambda body: "✅" in body)
        page.get_by_text(TEXT["code.view"]).locator("visible=true").first.click()
        shoot(page, "tools.png")

        tab(page, TEXT, "chat.tab")
        page.get_by_text(TEXT["keys.panel"]).click()
        page.get_by_label("OPENAI_API_KEY", exact=True).wait_for()
        shoot(page, "keys.png")
        presenter(browser, url)
        browser.close()


def presenter(browser, url: str) -> None:
    """The presenter view as a projector shows it (1920×1080, one screen): the lesson's third step, run."""
    from components.lessons.lesson_path import default_lesson, step_link

    page = browser.new_context(locale="en-US", viewport={"width": 1920, "height": 1080}).new_page()
    page.set_default_timeout(30_000)
    page.goto(step_link(url, default_lesson("en"), 3))
    prompt = page.get_by_label(TEXT["chat.prompt"], exact=True)
    wait_text(prompt, lambda shown: shown.strip() != "")
    page.locator("body").press("r")
    wait_text(page.locator("body"), lambda body: "finish_reason" in body)
    page.wait_for_timeout(500)
    page.screenshot(path=str(DOCS / "presenter.png"))
    print("wrote", DOCS / "presenter.png")


def main() -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("API_HOST", "OPENAI", "AZURE", "OLLAMA", "HF_"))}
    env.update(GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1")
    app = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, app)
        take_all(url)
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=30)


if __name__ == "__main__":
    main()
