"""The presenter view, for a teacher at a projector: `?view=presenter` (or the header's button) sets type 1.5× the
normal page's, full-contrast help text, the whole width, and folds the set-up away (the Keys panel, sharing, the
builtin model's notes).
It is the browser's own state (a class on the page and the address's `view`): nothing of a student's page
changes. A QR code of the page's public address, made offline, lets a class open it without typing."""

from __future__ import annotations

import base64
import functools
import html

import gradio as gr

from components.api.boundary import as_caller, language
from components.i18n import translate, ui
from components.lessons.lesson_path import Lesson, step_link
from components.ui.tabs.common import PRIVATE
from components.ui.tabs.share import page_url

SCALE = 1.5
SIZES = {"xxs": 9, "xs": 10, "sm": 12, "md": 14, "lg": 16, "xl": 22, "xxl": 26}  # the theme's, in px
PRESENTER_CSS = (
    "html.presenter, html.presenter .gradio-container {"  # (the theme's sizes are set on the root)
    + " ".join(f"--text-{name}: {round(px * SCALE)}px;" for name, px in SIZES.items())
    + " --block-info-text-color: var(--body-text-color); --body-text-color-subdued: var(--body-text-color);"
    + " max-width: none !important; }\n"
    + "html.presenter .setup-only, html:not(.presenter) #lesson-bar { display: none !important; }\n"
    + ".presenter-bar button { white-space: nowrap; min-width: max-content !important; flex: none !important; }\n"
    + "#lesson-bar nav { display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; }\n"
    + "html.presenter .gradio-container p, html.presenter .gradio-container li { font-size: var(--text-lg); }\n"
)
# On every page load: the address's ?view=presenter turns the view on (a cached page is the same for everyone).
# In that view, → and ← walk the lesson and R runs the tab (never while typing in a box).
PRESENTER_ON_LOAD = """() => {
  const view = new URLSearchParams(window.location.search).get("view");
  document.documentElement.classList.toggle("presenter", view === "presenter");
  if (window.__lessonKeys) return;
  window.__lessonKeys = true;
  // The bar is Markdown, whose links open a new tab: a step of the lesson opens here, in the presenter's tab.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("#lesson-bar a[href]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    window.location.assign(link.href);
  }, true);
  document.addEventListener("keydown", (event) => {
    if (!document.documentElement.classList.contains("presenter")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable='true']")) return;
    const press = (element) => { if (element) { event.preventDefault(); element.click(); } };
    if (event.key === "ArrowRight") press(document.getElementById("lesson-next"));
    else if (event.key === "ArrowLeft") press(document.getElementById("lesson-previous"));
    else if (event.key === "r" || event.key === "R") {
      const runs = [...document.querySelectorAll("button.primary")];
      press(runs.find((button) => button.offsetParent !== null && !button.closest(".setup-only")));
    }
  });
}"""
# The button: the view on or off, and the address says so (a reload or a copied link keeps it).
PRESENTER_TOGGLE = """() => {
  const on = document.documentElement.classList.toggle("presenter");
  const address = new URL(window.location.href);
  if (on) { address.searchParams.set("view", "presenter"); } else { address.searchParams.delete("view"); }
  window.history.replaceState(null, "", address);
}"""


def presenter_controls(i18n: gr.I18n, path: str) -> gr.Markdown:
    """The header's presenter button, the QR code of this page's public address, and the lesson's bar (filled
    when the page opens: `lesson_bar`)."""
    with gr.Row(elem_classes="presenter-bar"):
        toggle = gr.Button(i18n("presenter.toggle"), size="sm", scale=0)
        show_qr = gr.Button(i18n("presenter.qr"), size="sm", scale=0)
    # Markdown, which shows this HTML too: gr.HTML would load a 106 KB module more on every page
    bar = gr.Markdown(elem_id="lesson-bar")
    qr = gr.Markdown(visible=False, elem_id="page-qr")
    toggle.click(None, None, None, js=PRESENTER_TOGGLE, **PRIVATE)

    def qr_code(request: gr.Request) -> dict:
        address = page_address(request, path)
        said = translate("presenter.qr_alt", language(request), address=address)
        return {qr: gr.Markdown(qr_html(address, said), visible=True)}

    show_qr.click(as_caller(qr_code), None, qr, **PRIVATE)
    return bar


def lesson_bar(lesson: Lesson, request: gr.Request | None, lang: str) -> str:
    """Where the presenter is in the lesson ("3 / 11"), the teacher's line, links to the steps around it (→ and ←
    follow them), and on the first step the page's QR code."""
    steps = lesson.for_language(lang)
    params = getattr(request, "query_params", None) or {}
    try:
        number = min(max(int(params.get("step", 0)), 0), len(steps))
    except ValueError:
        number = 0
    home = page_url(request)
    parts = []
    if number > 1:
        link = html.escape(step_link(home, steps, number - 1))
        parts.append(f'<a id="lesson-previous" href="{link}">{html.escape(ui("lesson.previous", lang))}</a>')
    if number:
        parts.append(f"<strong>{number} / {len(steps)}</strong>")
    if number < len(steps):
        label = ui("lesson.next" if number else "lesson.begin", lang)
        parts.append(
            f'<a id="lesson-next" href="{html.escape(step_link(home, steps, number + 1))}">{html.escape(label)}</a>'
        )
    said = f"<p>{html.escape(steps[number - 1].say)}</p>" if number else ""
    if lesson.problem is not None:
        problem = translate(lesson.problem.key, lang, **lesson.problem.details)
        said += f"<p>{html.escape(translate('lesson.problem', lang, problem=problem))}</p>"
    if number == 1:
        address = page_address(request, "")
        said += qr_html(address, translate("presenter.qr_alt", lang, address=address))
    label = html.escape(ui("lesson.label", lang))  # said, not an aria-label: Markdown's sanitiser drops that
    return f"<nav><span>{label}</span>{''.join(parts)}</nav>{said}"


def page_address(request: gr.Request | None, path: str) -> str:
    """The page's address as the reader reached it (behind a proxy, its public one)."""
    return page_url(request) + path


@functools.lru_cache(maxsize=64)  # bounded: the address comes from a header any visitor may set
def qr_html(address: str, alt: str) -> str:
    """The address as a QR code (segno: made here, offline) with the address written under it."""
    import segno  # a QR code is a job for a library: error correction, masks, versions

    svg = segno.make(address, error="m").svg_inline(scale=8, border=2, dark="#000", light="#fff")
    data = base64.b64encode(svg.encode()).decode("ascii")
    return (
        f'<figure style="text-align:center;margin:0">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}" style="width:min(60vw,420px)">'
        f'<figcaption style="font-size:var(--text-xl);word-break:break-all">{html.escape(address)}</figcaption>'
        f"</figure>"
    )
