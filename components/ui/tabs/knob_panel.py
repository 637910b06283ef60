"""Every sampling knob as controls: temperature and max tokens in sight, the rest in an "All parameters"
panel that says which knobs are left out of the request. Also what an answer costs and the context meter,
shown the same way by every tab that has them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import gradio as gr

from components.api.boundary import as_caller
from components.classroom.playground import Playground
from components.core.prices import format_cost
from components.core.settings import KNOBS
from components.i18n import UserError, translate
from components.lessons.context_meter import context_use
from components.ui.tabs.common import PRIVATE, knob_slider

# Every knob, in GenerationSettings' order: a panel's controls and `values_of` follow it (a tab may pass fewer).
PANEL_KNOBS = tuple(KNOBS)
UNSENT = {name: knob.control_unsent for name, knob in KNOBS.items()}  # what each control holds when not sent


def parse_stops(text: str | list | None) -> list[str]:
    """One stop sequence per line; a typed \\n stands for a line break (the most common stop)."""
    if isinstance(text, list):
        return [s for s in text if s]
    return [line.replace("\\n", "\n") for line in (text or "").splitlines() if line]


NOT_SENT_JS = """(...v) => { const names = NAMES, unsent = UNSENT;
  const empty = (x) => x === null || x === undefined || String(x).trim() === "";
  return names.filter((name, i) => v[i] === unsent[i] || (unsent[i] === "" || unsent[i] === null) && empty(v[i]))
    .join(" · "); }"""


@dataclass
class KnobPanel:
    components: dict[str, gr.components.Component] = field(default_factory=dict)

    @property
    def inputs(self) -> list:
        return list(self.components.values())

    def values(self, knob_values) -> dict:
        """The handler's `*knob_values` as the keyword arguments of GenerationSettings.from_knobs."""
        values = dict(zip(self.components, knob_values))
        for name, value in values.items():
            if KNOBS[name].control == "lines":
                values[name] = parse_stops(value)
        return values

    def values_of(self, values: dict) -> dict:
        """The knobs' values by name, from a handler's values keyed by component."""
        return self.values([values[component] for component in self.components.values()])


def knob_panel(i18n: gr.I18n, names: tuple[str, ...] = PANEL_KNOBS, start: dict | None = None) -> KnobPanel:
    """The knobs in sight (temperature, max tokens) above, the others folded; a box lists what is not sent.
    `start`: where some sliders start instead of their knob's own start."""
    start = start or {}
    panel = KnobPanel()
    with gr.Row():
        for name in names:
            if KNOBS[name].in_sight:
                panel.components[name] = knob_control(name, i18n, start.get(name))
    with gr.Accordion(i18n("params.panel"), open=False):
        for name in names:
            if not KNOBS[name].in_sight:
                panel.components[name] = knob_control(name, i18n, start.get(name))
        not_sent = gr.Textbox(_not_sent(panel), label=i18n("params.not_sent"), interactive=False, lines=1)
    # Worked out in the browser: a slider being dragged must not cost the server an event per step.
    names, unsent = json.dumps(list(panel.components)), json.dumps([UNSENT[n] for n in panel.components])
    js = NOT_SENT_JS.replace("NAMES", names).replace("UNSENT", unsent)
    gr.on([c.change for c in panel.inputs], None, panel.inputs, not_sent, js=js, **PRIVATE)
    return panel


def knob_control(name: str, i18n: gr.I18n, value=None) -> gr.components.Component:
    """The control its definition names: a slider, a number box, a box of lines or a switch."""
    control = KNOBS[name].control
    label, info = i18n(f"knobs.{name}"), i18n(f"knobs.{name}.info")
    if control == "number":
        return gr.Number(value, precision=0, label=label, info=info)
    if control == "lines":
        return gr.Textbox(value or "", label=label, info=info, placeholder=i18n(f"knobs.{name}.placeholder"), lines=2)
    if control == "switch":
        return gr.Checkbox(bool(value), label=label, info=info)
    return knob_slider(name, i18n, value=value)


def _not_sent(panel: KnobPanel) -> str:
    return " · ".join(name for name, c in panel.components.items() if c.value in (UNSENT[name], None))


def cost_line(playground: Playground, host: str, model: str, usage: dict | None, total: float, lang: str):
    """(the text "cost $x · this tab so far $y", the new total). An unknown price is said, never guessed."""
    cost = playground.prices.cost(host, model, usage)
    total += cost or 0.0
    unknown = translate("cost.unknown", lang)
    text = translate("stats.cost", lang, cost=format_cost(cost, unknown))
    return f"{text} · {translate('stats.total', lang, cost=format_cost(total, unknown))}", total


def context_note(playground: Playground, host: str, model: str, system: str, examples, history, message, lang) -> str:
    """Before sending: the tokens this request will use, by part, against the model's context window."""
    try:
        playground.limits.admit_light()
    except UserError as refused:
        return playground.explain(refused, lang)
    try:
        name = model or playground.configured_model(host) or host
        use = context_use(name, system or "", examples or [], history or [], message or "")
    except Exception:  # a meter must never stop anyone typing
        return ""
    parts = {k: _count(v, lang) for k, v in vars(use).items() if k != "window"}
    if use.window is None:
        return translate("context.meter_unknown", lang, total=_count(use.total, lang), **parts)
    text = translate("context.meter", lang, total=_count(use.total, lang), window=_count(use.window, lang), **parts)
    return text + ("\n\n" + translate("context.too_long", lang) if use.total > use.window else "")


def wire_meter(triggers: list, measure, inputs: list, meter: gr.Markdown) -> None:
    """The context meter, measured as its visitor (light work counts against their limits), the latest only."""
    gr.on(triggers, as_caller(measure), inputs, meter, trigger_mode="always_last", **PRIVATE)


def _count(number: int, lang: str) -> str:
    """8,192 in English, 8.192 in Spanish."""
    return f"{number:,}".replace(",", ".") if lang == "es" else f"{number:,}"
