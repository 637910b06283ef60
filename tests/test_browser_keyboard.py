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
  const cell = element.closest("[data-testid^='cell-']");
  return {tag: element.tagName, label: label.trim(), visible: ring || shadow || element.matches(":focus-visible"),
          cell: cell ? cell.dataset.testid : null};
}"""


def tab_to(page, wanted, most: int = 400, exact: bool = False) -> dict:
    """Press Tab until the focused element's name starts with `wanted` (or, given a cell's test id such as
    "cell-0-0", until that table cell has focus); every stop on the way shows its focus."""
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["label"][:30])
        named = focused["label"] == wanted if exact else focused["label"].startswith(wanted)
        if named or focused["cell"] == wanted:
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


def focused_in(page, cell: str, tag: str | None = None) -> None:
    """Wait until the focus is in table cell `cell` (on a `tag` element there, if given)."""
    page.wait_for_function(
        """([cell, tag]) => {
          const element = document.activeElement;
          const holder = element && element.closest("[data-testid^='cell-']");
          return holder && holder.dataset.testid === cell && (!tag || element.tagName === tag);
        }""",
        arg=[cell, tag],
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_examples_table_with_the_keyboard_alone(page_in, launched_app, locale):
    """Few-shot's table: Tab reaches it, Space turns an example off, the arrows move, Enter edits a cell and Enter
    keeps it; the run sends what the keyboard made."""
    from components.i18n import preset

    text, lang = UI_TEXT[LOCALES[locale]], LOCALES[locale]
    _, pairs, _ = preset("few_shot", lang)["hints"]
    demo, _ = launched_app
    page = page_in(locale)
    page.goto(f"{demo.local_url}techniques")
    page.get_by_role("tab", name=text["fewshot.tab"]).wait_for()
    page.locator("body").click(position={"x": 1, "y": 1})
    tab_to(page, text["fewshot.tab"])  # the tab itself, chosen with Enter
    page.keyboard.press("Enter")
    tab_to(page, "cell-0-0")  # the first example's "on" box, named in the reader's language (ui/accessible.py)
    box = page.locator("[data-testid='cell-0-0'] input[type='checkbox']")
    assert box.get_attribute("aria-label") == f"{text['fewshot.use_example']} 1"
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector(\"[data-testid='cell-0-0'] input\").checked")
    # The second example's question, edited. Each key acts once the table has followed the one before (the table
    # moves its focus a frame later: a key pressed sooner would act on the cell before).
    page.keyboard.press("ArrowDown")
    focused_in(page, "cell-1-0")
    page.keyboard.press("ArrowRight")
    focused_in(page, "cell-1-1")
    page.keyboard.press("Enter")
    focused_in(page, "cell-1-1", "TEXTAREA")  # its editor open
    page.keyboard.press("End")
    page.keyboard.type(" (keyboard)")
    page.keyboard.press("Enter")
    tab_to(page, text["fewshot.run"], exact=True)  # ("Ejecutar", not "Ejecutar también zero-shot")
    page.keyboard.press("Enter")

    def sent(body: str) -> str:  # what the page shows under "Messages sent" (the table above holds the edit too)
        return body.split(text["fewshot.messages"])[-1]

    shown = wait_text(page.locator("body"), lambda body: f"{pairs[1][0]} (keyboard)" in sent(body), timeout_s=30)
    assert pairs[0][0] not in sent(shown)  # the example turned off is not sent
