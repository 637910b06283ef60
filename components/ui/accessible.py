"""A page every student can read and use (WCAG 2.1 AA): a theme whose help text and buttons have enough contrast,
and small repairs, in the browser, of what Gradio's own components render without a name or with too little
contrast. axe-core checks every tab in both languages and views (tests/test_browser_accessibility.py)."""

from __future__ import annotations

import json

import gradio as gr

from components.i18n import LANGUAGES, ui


def theme() -> gr.themes.Base:
    """Gradio's default theme with text that meets 4.5:1 on its background: the help text under every knob (grey
    #bbbbc2 on white, 1.9:1, which a projector washes out further), the accent (the chosen tab's name) and white
    on the orange and red buttons."""
    return gr.themes.Default().set(
        body_text_color_subdued="*neutral_500",  # 4.8:1 on white
        color_accent="*primary_700",  # the chosen tab's name, sliders, check boxes: 5.2:1 on white (orange-500: 2.8:1)
        body_text_color_subdued_dark="*neutral_400",
        button_primary_background_fill="*primary_700",  # white on it: 5.2:1
        button_primary_background_fill_hover="*primary_800",
        button_primary_background_fill_dark="*primary_700",
        button_primary_background_fill_hover_dark="*primary_800",
        button_cancel_background_fill="#b91c1c",  # white on it: 6.5:1
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_background_fill_dark="#b91c1c",
        button_cancel_background_fill_hover_dark="#991b1b",
    )


# The JSON views' colours (light mode): each of Gradio's, darkened in its own hue to 4.5:1 on white.
ACCESSIBLE_CSS = (
    ".gradio-container .json-node:not(.dark-mode) {"
    " --text-color: #9d6554; --string-color: #906654; --number-color: #557782; --bracket-color: #547878;"
    " --square-bracket-color: #ab565e; --punctuation-color: #5d7a7a; }\n"
)

# Run on every page load, and again whenever Gradio adds to the page:
# - the code views' syntax colours (CodeMirror's light "Nord" style: #d08770 on white is 2.8:1) are darkened, each
#   keeping its hue, until they reach 4.5:1 on the editor's background (dark mode: lightened);
# - Gradio's "Empty value" placeholder names a plain <div> (a name needs a role: it is an image of emptiness);
# - a code view that scrolls must be reachable with the keyboard: a read-only one's scroller joins the tab order
#   (CodeMirror leaves it out), an editable one's text says it is focusable (a checker does not count an editable
#   text as focusable without a tabindex);
# - the image box's drop area is named in English whatever it shows ("Haga clic para cargar"): its name becomes
#   the words it shows (a speech-input user says what they see);
# - the examples table's check boxes get a name ("Use example 2", from the catalogs), and the cell around each stops
#   claiming to be a button of its own (a control inside a control).
_ON_LOAD = """() => {
  const byLanguage = __NAMES__;
  const names = byLanguage[(document.documentElement.lang || navigator.language || "en").slice(0, 2)] || byLanguage.en;
  const channel = (value) => {
    value /= 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const rgb = (css) => (css.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const readable = (color, background) => {
    const toward = luminance(background) > 0.5 ? 0 : 255;
    let mixed = color;
    for (let step = 1; step <= 20 && ratio(mixed, background) < 4.6; step++) {
      mixed = color.map((value) => Math.round(value + (toward - value) * step / 20));
    }
    return mixed;
  };
  const codeColours = () => {
    const editor = document.querySelector(".cm-editor");
    if (!editor) return;
    const background = rgb(getComputedStyle(editor.closest(".block") || document.body).backgroundColor);
    if (background.length < 3) return;
    for (const sheet of document.styleSheets) {
      if (!sheet.ownerNode || sheet.ownerNode.tagName !== "STYLE") continue;
      let rules;
      try { rules = sheet.cssRules; } catch (error) { continue; }
      for (const rule of rules) {
        if (!rule.style || !rule.style.color || !/^\\.\\u037c\\w+$/.test(rule.selectorText || "")) continue;
        const color = rgb(rule.style.color);
        if (color.length === 3 && ratio(color, background) < 4.5) {
          rule.style.color = `rgb(${readable(color, background).join(", ")})`;
        }
      }
    }
  };
  const repair = () => {
    const each = (selector, work) => document.querySelectorAll(selector).forEach(work);
    each("div.empty[aria-label]:not([role])", (empty) => empty.setAttribute("role", "img"));
    each(".bool-cell[role='button'], .select-all-checkbox[role='button']", (cell) => cell.removeAttribute("role"));
    each(".select-all-checkbox input:not([aria-label])", (box) => box.setAttribute("aria-label", names.all));
    document.querySelectorAll("[data-testid^='cell-'] input[type='checkbox']:not([aria-label])").forEach((box) => {
      const row = Number((box.closest("[data-testid^='cell-']").dataset.testid.match(/cell-(\\d+)/) || [])[1]);
      box.setAttribute("aria-label", `${names.use} ${row + 1}`);
    });
    document.querySelectorAll(".cm-content:not([tabindex])").forEach((content) => {
      const scroller = content.closest(".cm-scroller");
      if (content.isContentEditable) content.tabIndex = 0;  // (the same tab stop, said out loud)
      else if (scroller && scroller.tabIndex < 0) scroller.tabIndex = 0;
    });
    // An error's header is a button (it folds the message) holding the close button: a control inside a control.
    document.querySelectorAll(".toast-header[role='button']").forEach((header) => {
      header.removeAttribute("role");
      header.removeAttribute("tabindex");
    });
    document.querySelectorAll(".upload-container[aria-label]").forEach((drop) => {
      const shown = drop.innerText.replace(/\\s+/g, " ").trim();
      if (shown && drop.getAttribute("aria-label") !== shown) drop.setAttribute("aria-label", shown);
    });
  };
  // Once per animation frame at most: a streamed answer changes the page many times a second.
  const whenChanged = (work) => {
    let queued = false;
    return () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; work(); }); } };
  };
  new MutationObserver(whenChanged(repair)).observe(document.body, {subtree: true, childList: true});
  // CodeMirror writes its styles into <style> elements of the head when an editor first appears.
  const head = {subtree: true, childList: true, characterData: true};
  new MutationObserver(whenChanged(codeColours)).observe(document.head, head);
  repair();
  codeColours();
}"""


def accessible_on_load() -> str:
    """The page-load script, with the check boxes' names in every language of the catalogs."""
    names = {
        lang: {"use": ui("fewshot.use_example", lang), "all": ui("fewshot.use_every_example", lang)}
        for lang in LANGUAGES
    }
    return _ON_LOAD.replace("__NAMES__", json.dumps(names, ensure_ascii=False))
