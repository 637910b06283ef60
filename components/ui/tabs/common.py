"""What every tab shares: the knob controls built from knobs.py, waiting notes, the one-click retry, the
probability panel and small formatters."""

from __future__ import annotations

import functools
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import gradio as gr
from gradio.context import LocalContext
from pydantic import BaseModel

from components.api.boundary import as_caller, language, session_of
from components.classroom.playground import Playground
from components.core.calls import StreamUpdate
from components.core.pacing import Waiting, once, with_waiting
from components.core.settings import KNOBS, knob_sending
from components.i18n import translate

IN_SIGHT = tuple(name for name, knob in KNOBS.items() if knob.in_sight)  # the knobs every tab shows
PRIVATE = {"api_visibility": "private"}  # page-only events: the API is components/api/endpoints.py
# A chat's buttons: Gradio's third, "share", posts to Hugging Face's discussions (and has no name a screen reader
# can say).
CHAT_BUTTONS = ["copy", "copy_all"]


def knob_slider(name: str, i18n: gr.I18n, maximum: float | None = None, value: float | None = None) -> gr.Slider:
    """A knob's slider: range, start and help text from its one definition (its "not sent" value included).
    `maximum` narrows the range for a tab (e.g. n up to 5 on the page); `value` starts it elsewhere."""
    knob = KNOBS[name]
    low = knob.unsent if isinstance(knob.unsent, (int, float)) and knob.unsent < knob.minimum else knob.minimum
    return gr.Slider(
        low,
        maximum or knob.slider_maximum or knob.maximum,
        value=knob.start if value is None else value,
        step=knob.step,
        label=i18n(f"knobs.{name}"),
        info=i18n(f"knobs.{name}.info"),
    )


def format_usage(usage: dict | None) -> str:
    if not usage:
        return "–"
    return f"{usage.get('prompt_tokens', '?')} + {usage.get('completion_tokens', '?')} = {usage.get('total_tokens')}"


def short_stats(update: StreamUpdate, lang: str) -> str:
    """One line under an answer: time, first token, speed, tokens, finish_reason (of every choice)."""
    parts = [f"⏱ {update.elapsed_s:.2f} s"]
    if update.time_to_first_token_s is not None:
        parts.append(translate("stats.first_token", lang, seconds=f"{update.time_to_first_token_s:.2f}"))
    if update.tokens_per_s:
        parts.append(translate("stats.speed", lang, rate=f"{update.tokens_per_s:.0f}"))
    if update.done:
        parts.append(translate("stats.tokens", lang, usage=format_usage(update.usage)))
        parts.append("finish_reason " + ", ".join(f"`{reason}`" for reason in update.finish_reasons))
    return " · ".join(parts)


def waiting_note(playground: Playground, waiting: Waiting, lang: str, host: str) -> str:
    label, seconds = playground.host_label(host, lang), f"{waiting.waited_s:.0f}"
    retried = [status for status in waiting.statuses if status == 429 or status >= 500]
    if retried:
        return translate("retrying", lang, host=label, status=retried[-1], count=len(retried), seconds=seconds)
    return translate("waiting", lang, host=label, seconds=seconds)


class Awaited:
    """One call a tab waits for: a note while the host is slow or retrying (not a frozen page), then its result.

    awaited = Awaited(playground, playground.complete(request), lang, host_id)
    async for note in awaited.notes():
        yield {status_box: note}
    result = awaited.result
    """

    def __init__(self, playground: Playground, work: Awaitable, lang: str, host: str):
        self.playground, self.work, self.lang, self.host = playground, work, lang, host
        self.result = None

    async def notes(self):
        async for item in with_waiting(once(self.work)):
            if isinstance(item, Waiting):
                yield waiting_note(self.playground, item, self.lang, self.host)
            else:
                self.result = item


def retry_without(
    playground: Playground, events: list, knob_components: dict, rerun: Callable, place: str, columns=None
):
    """After a failure where the model refused one of these knobs, offer one click that resets it to "not
    sent" and runs again. `rerun(button_click)` wires the same handler after the reset and returns that event.
    A knob may have a control per column (Compare): then `columns` (a State the handler fills) says in which
    columns it was refused, and only those are reset."""
    button = gr.Button(visible=False, variant="secondary", size="sm")
    refused = gr.State(None)
    controls = {name: c if isinstance(c, list) else [c] for name, c in knob_components.items()}
    every_control = [c for column_controls in controls.values() for c in column_controls]

    def offer(request: gr.Request):
        refused_field = playground.refused.get(session_of(request) or "", {}).pop(place, None)
        param = getattr(knob_sending(refused_field), "name", None)
        if param not in controls:
            return {button: gr.Button(visible=False), refused: None}
        text = translate("retry_without", language(request), param=param)
        return {button: gr.Button(text, visible=True), refused: param}

    def reset(values: dict):
        # The button hides in this same event: hidden by a parallel one, it could hide the next offer.
        param, where = values[refused], values[columns] if columns is not None else None
        update = {button: gr.Button(visible=False)}
        for index, control in enumerate(controls.get(param, [])):
            if where is None or index in where:
                update[control] = gr.update(value=KNOBS[param].control_unsent)
        return update

    read = {refused} | ({columns} if columns is not None else set())
    click = button.click(reset, read, [button, *every_control], **PRIVATE)
    rerun_event = rerun(click)
    for event in [*events, rerun_event]:  # the retry itself may meet the next refused parameter
        event.failure(offer, None, [button, refused], **PRIVATE)
    return rerun_event


def wire_run(
    playground: Playground,
    triggers: list,
    handler,
    inputs,
    outputs: list,
    knobs: dict,
    stop,
    columns=None,
    name: str | None = None,
    postprocess: bool = True,
):
    """The usual wiring of a tab: each trigger (e.g. `run.click`) runs the handler; a refused knob offers a
    one-click retry without it; Stop cancels any of them. Returns every run event. `name`: the event's name in
    the page's config (scripts that drive the page, such as the benchmarks, find it by that name).
    `postprocess=False`: the handler sends values ready for the page (a `Screen(postprocessed=True)`), and its
    inputs are made ready on the event loop too (`inputs_on_the_loop`)."""
    name = name or handler.__name__
    place = f"{name}-{stop._id}"  # this tab's own: another tab's failure never takes its retry
    handler = as_caller(handler if postprocess else inputs_on_the_loop(handler), place, playground.page_pace)
    run = {"postprocess": postprocess, "preprocess": postprocess, **PRIVATE}
    events = [trigger(handler, inputs, outputs, api_name=name, **run) for trigger in triggers]
    rerun = lambda click: click.then(handler, inputs, outputs, **run)  # noqa: E731
    events.append(retry_without(playground, list(events), knobs, rerun, place, columns))
    stop.click(None, None, None, cancels=events, **PRIVATE)
    return events


def inputs_on_the_loop(handler):
    """An async generator handler of an event wired with preprocess=False, given its inputs as Gradio's
    preprocess would: each checked and converted by this session's own copy of its component (an update may have
    changed a dropdown's choices), here on the event loop. Gradio hands every input to a worker thread, one after
    the other: 18 thread hops before a Streaming tab's handler starts, and a class sending at once goes round the
    event loop 18 times before any request leaves for the host."""

    @functools.wraps(handler)
    async def steps(values: dict, *args, **kwargs):
        request = next((v for v in [*args, *kwargs.values()] if isinstance(v, gr.Request)), None)
        ready = {component: preprocessed(component, value, request) for component, value in values.items()}
        async for item in handler(ready, *args, **kwargs):
            yield item

    return steps


def preprocessed(component: gr.components.Component, value, request: gr.Request | None):
    """A value from the page as the handler receives it (a State's is already its own)."""
    if component.stateful:
        return value
    blocks, session = LocalContext.blocks.get(), getattr(request, "session_hash", None)
    if blocks is not None and session is not None and session in blocks.state_holder:
        component = blocks.state_holder[session][component._id]  # this session's copy
    model = getattr(component, "data_model", None)
    if model is not None and value is not None:
        value = model.model_validate(value, context={"validate_meta": True})
    return component.preprocess(value)


def probability_view(logprobs: list[dict] | None) -> list[tuple[str, float]]:
    """An answer token by token, each with its probability (a HighlightedText shades by it)."""
    return [(entry["token"], round(math.exp(entry["logprob"]), 3)) for entry in logprobs or []]


def alternatives(logprobs: list[dict] | None, index: int, lang: str) -> str:
    """The alternatives the model had at one token of the answer, most likely first."""
    if not logprobs or not 0 <= index < len(logprobs):
        return ""
    entry = logprobs[index]
    lines = [f"- `{alt['token']!r}` {math.exp(alt['logprob']):.1%}" for alt in entry["top"]]
    return translate("chat.alternatives_of", lang, token=f"`{entry['token']!r}`") + "\n" + "\n".join(lines)


def probability_panel(i18n: gr.I18n):
    """The switch, the shaded answer and its alternatives; selecting a token shows what else it could be."""
    show = gr.Checkbox(value=False, label=i18n("chat.probabilities"))
    shaded = gr.HighlightedText(label=i18n("chat.tokens"), visible=False, combine_adjacent=False)
    picked = gr.Markdown()
    logprobs = gr.State(None)

    def select(entries, event: gr.SelectData, request: gr.Request):
        return alternatives(entries, event.index if isinstance(event.index, int) else 0, language(request))

    shaded.select(select, logprobs, picked, **PRIVATE)
    show.change(lambda on: gr.HighlightedText(visible=on), show, shaded, **PRIVATE)
    return show, shaded, logprobs


class Screen:
    """What a streaming event shows, sent whole with every update. Gradio sends the page only what changed (it
    diffs a stream's updates), but an output left out of an update costs it a new component object (its "skip"):
    with code views and JSON boxes on a tab, that was a third of the server's CPU per streamed reply.

    `postprocessed=True` (for events wired with `postprocess=False`): each value is made into what the page
    receives here, on the event loop, once per change. Gradio would hand every output of every update to a worker
    thread, changed or not: a thread hop per output per update."""

    def __init__(self, postprocessed: bool = False) -> None:
        self.postprocessed = postprocessed
        self.shown: dict = {}
        self.messages: dict = {}  # per chatbot: [(message, as the page receives it)] already made ready

    def show(self, changes: dict) -> dict:
        if self.postprocessed:
            changes = {c: v if isinstance(c, gr.State) else self.ready(c, v) for c, v in changes.items()}
        self.shown.update(changes)
        return dict(self.shown)

    def ready(self, component, value):
        """A conversation streams into its last message: the earlier ones are made ready once, not per update."""
        if not isinstance(component, gr.Chatbot) or not isinstance(value, list):
            return page_value(component, value)
        before, made = self.messages.get(component, []), []
        for index, message in enumerate(value):
            same = index < len(before) and before[index][0] is message
            made.append(before[index] if same else (message, page_value(component, [message])))
        self.messages[component] = made
        return [shown for _, ready in made for shown in ready]


def page_ready(component: gr.components.Component, value):
    """A value or an update (a component such as `gr.Dropdown(choices=…)`) as an event wired with
    postprocess=False must return it: an update's own value made ready too."""
    if isinstance(value, gr.components.Component):
        update = {**value.constructor_args, "__type__": "update"}
        if update.get("value") is not None:  # made by the update's own component (a table's new headers…)
            update["value"] = page_value(value, update["value"])
        return update
    return page_value(component, value)


def page_value(component: gr.components.Component, value):
    """A value as Gradio's postprocess would send it to the page (for events wired with postprocess=False)."""
    value = component.postprocess(value)
    return value.model_dump() if isinstance(value, BaseModel) else value  # (a JSON box's value is a root model)


@dataclass
class PageLoad:
    """What a tab fills in the reader's language when the page opens. The app sends all tabs' values in one
    load event: a class opening the page at once costs one event per student, not one per tab."""

    outputs: list
    values: Callable[[str], list]
    shared: dict = field(default_factory=dict)  # name -> component: what a shared link of this tab restores
