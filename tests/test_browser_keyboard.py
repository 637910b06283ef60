"""Everything a tab does, with the keyboard alone (WCAG 2.1.1), focus always visible (2.4.7): in Chromium, a chat
sent and a sweep run by Tab, typing and Enter only."""

import pytest

from tests.browser_support import LOCALES, UI_TEXT, wait_text

pytestmark = pytest.mark.slow

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const label = element.getAttribute("aria-label") || element.labels?.[0]?.innerText || element.innerText || "";
  return {tag: element.tagName, label: label.trim(), visible: ring || shadow || element.matches(":focus-visible")};
}"""


def tab_to(page, wanted, most: int = 400) -> dict:
    """Press Tab until the focused element's name starts with `wanted`; every stop on the way shows its focus."""
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["label"][:30])
        if focused["label"].startswith(wanted):
            assert focused["visible"], focused
            return focused
    raise AssertionError(f"{wanted!r} cannot be reached with Tab; stops: {seen[:60]}")


@pytest.mark.parametrize("locale", LOCALES)
def test_a_chat_and_a_sweep_with_the_keyboard_alone(page_in, launched_app, locale):
    text = UI_TEXT[LOCALES[locale]]
    page = page_in(locale)  # (on the Chat tab)
    page.locator("body").click(position={"x": 1, "y": 1})  # focus starts at the top of the page
    tab_to(page, text["chat.prompt"])
    page.keyboard.press("Control+A")
    page.keyboard.type("Hola")
    tab_to(page, text["chat.send"])
    page.keyboard.press("Enter")
    wait_text(page.locator("body"), lambda body: "finish_reason" in body, timeout_s=30)

    demo, _ = launched_app
    page.goto(f"{demo.local_url}compare")
    page.get_by_role("tab", name=text["sweep.tab"]).wait_for()
    page.locator("body").click(position={"x": 1, "y": 1})
    tab_to(page, text["sweep.tab"])  # the tab itself, chosen with Enter
    page.keyboard.press("Enter")
    tab_to(page, text["sweep.run"])
    page.keyboard.press("Enter")
    wait_text(page.locator("body"), lambda body: "cost $" in body or "coste $" in body, timeout_s=60)
