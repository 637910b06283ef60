"""WCAG 2.1 A/AA in Chromium with axe-core (tests/js: pinned, from npm, loaded into the page from node_modules: no
network): every tab of every page, es-ES and en-US, the normal and the presenter view, as it opens and after its
main button ran. Any serious or critical violation fails, named with the elements it found."""

from pathlib import Path

import pytest

from components.ui.pages import PAGES
from tests.browser_support import LOCALES, UI_TEXT, shown_tab

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
# After two animation frames (the page's own repairs run on the next one after any change), the WCAG 2.1 A and
# AA rules; the serious and critical violations, each with a few of its elements.
RUN_AXE = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const rules = {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}};
  const result = await axe.run(document, rules);
  return result.violations.filter((violation) => ["serious", "critical"].includes(violation.impact)).map(
    (violation) => ({rule: violation.id, count: violation.nodes.length,
                     examples: violation.nodes.slice(0, 3).map((node) => node.html.slice(0, 160))}));
}"""


def violations(page) -> list[dict]:
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


# When the page last changed, kept in the page (reading the whole page's text again and again is slow).
LAST_CHANGE = """() => {
  window.__lastChange = performance.now();
  new MutationObserver(() => { window.__lastChange = performance.now(); }).observe(
    document, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def settled(page) -> None:
    """Nothing on the page has changed for 0.7 s (an answer streamed to its end, a tab's animation done)."""
    page.wait_for_function("() => performance.now() - window.__lastChange > 700", timeout=60_000, polling=100)


@pytest.mark.parametrize("view", ["normal", "presenter"])
@pytest.mark.parametrize("locale", LOCALES)
def test_every_tab_has_no_serious_or_critical_violation(browser, launched_app, locale, view):
    assert AXE.exists(), "axe-core is missing: run tests/setup.sh (npm ci in tests/js)"
    demo, _ = launched_app
    text = UI_TEXT[LOCALES[locale]]
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1000})
    context.add_init_script(f"document.addEventListener('DOMContentLoaded', {LAST_CHANGE})")
    page = context.new_page()
    page.set_default_timeout(20_000)
    found = {}
    try:
        for each in PAGES:
            page.goto(f"{demo.local_url}{each.path}" + ("?view=presenter" if view == "presenter" else ""))
            shown_tab(page, text, each.tabs[0]).wait_for()
            settled(page)  # (the page-load event has filled the model list, the presets, the lesson bar)
            for tab_id in each.tabs:
                if len(each.tabs) > 1:
                    shown_tab(page, text, tab_id).click()
                    settled(page)
                found[f"{tab_id}, as it opens"] = violations(page)
                page.locator("button.primary:visible").first.click()  # the tab's main button: its results shown
                settled(page)
                found[f"{tab_id}, after a run"] = violations(page)
    finally:
        context.close()
    failing = {where: listed for where, listed in found.items() if listed}
    assert not failing, failing
    assert len(found) == 2 * sum(len(each.tabs) for each in PAGES)  # every tab was checked, twice
