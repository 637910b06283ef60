"""Compare tab — one system message and one question, two or three columns (host, model, knobs), all
streaming at once; each column keeps its own history, so a follow-up goes to each with its own past."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import as_caller, fail, language
from components.classroom.playground import Playground
from components.core.history import to_openai_messages
from components.core.hosts import host_label
from components.core.settings import KNOBS
from components.i18n import preset
from components.lessons.experiments import column_requests, run_columns
from components.lessons.teaching import chat_messages, require_text
from components.ui.tabs.common import PRIVATE, PageLoad, short_stats
from components.ui.tabs.knob_panel import cost_line, knob_panel

COLUMNS = 3
COLUMN_KNOBS = tuple(name for name in KNOBS if not KNOBS[name].several_answers)  # one answer a column
NOTE = {"title": "⚠️"}  # the app's own note in a column: never sent to the model
START_TEMPERATURES = (0.0, 1.0, 1.5)  # so the first run already shows what temperature does

# The same-settings switch copies column 1's knobs into the others, in the browser (no server event).
COPY_JS = """(same, ...v) => { const k = v.length / 3;
  return same ? [...v.slice(0, k), ...v.slice(0, k)] : v.slice(k); }"""


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    gr.Markdown(i18n("compare.intro"))
    start = playground.default_host
    hosts = [(host_label(h.id, "en"), h.id) for h in playground.hosts]
    with gr.Row():
        system = gr.Textbox(label=i18n("knobs.system"), value=preset("stream_system", "en"), lines=2, scale=2)
        message = gr.Textbox(label=i18n("compare.message"), value=preset("compare_message", "en"), lines=2, scale=3)
    with gr.Row():
        send = gr.Button(i18n("compare.send"), variant="primary")
        stop = gr.Button(i18n("common.stop"), variant="stop")
        clear = gr.Button(i18n("compare.clear"))
        third = gr.Checkbox(True, label=i18n("compare.third"))
        same = gr.Checkbox(False, label=i18n("compare.same"))
    host_boxes, model_boxes, chatbots, stats, panels, columns = [], [], [], [], [], []
    with gr.Row(equal_height=False):
        for number in range(COLUMNS):
            with gr.Column(min_width=260) as column:
                gr.Markdown(i18n(f"compare.column{number + 1}"))
                host_boxes.append(gr.Dropdown(hosts, value=start, label=i18n("host.label")))
                model_boxes.append(gr.Dropdown([], value=None, allow_custom_value=True, label=i18n("model.label")))
                chatbots.append(gr.Chatbot(height=320, show_label=False))
                stats.append(gr.Markdown())
                with gr.Accordion(i18n("compare.knobs"), open=True):
                    panel = knob_panel(i18n, names=COLUMN_KNOBS, start={"temperature": START_TEMPERATURES[number]})
                panels.append(panel)
            columns.append(column)
    total = gr.State(0.0)  # this tab's running cost in this session
    knob_inputs = [c for panel in panels for c in panel.inputs]

    async def compare_chat(request: gr.Request, text, system_prompt, copy_first, use_third, spent, *values):
        lang = language(request)
        count = COLUMNS if use_third else COLUMNS - 1
        hosts_, models_ = values[:COLUMNS], values[COLUMNS : 2 * COLUMNS]
        histories = [list(h or []) for h in values[2 * COLUMNS : 3 * COLUMNS]]
        knob_values = values[3 * COLUMNS :]
        size = len(COLUMN_KNOBS)
        knobs = [panels[i].values(knob_values[i * size : (i + 1) * size]) for i in range(COLUMNS)]
        if copy_first:
            knobs = [knobs[0]] * COLUMNS
        try:
            require_text(text)
            wanted = [{"host": hosts_[i], "model": models_[i] or "", "knobs": knobs[i]} for i in range(count)]
            messages = [
                to_openai_messages(histories[i], system_prompt, playground.uploads) + chat_messages("", text)
                for i in range(count)
            ]
            requests = column_requests(playground, wanted, messages, lang)
        except Exception as error:
            raise fail(playground, error, lang, hosts_[0], models_[0] or "", request) from None
        for history in histories[:count]:
            history += [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
        lines, noted, states = [""] * COLUMNS, set(), []
        async for states in run_columns(playground, requests):
            for i, state in enumerate(states):
                histories[i][-1] = {"role": "assistant", "content": state.update.text}
                lines[i] = short_stats(state.update, lang)
                if state.error is not None and i not in noted:  # its own message; the others go on
                    noted.add(i)
                    note = playground.explain(state.error, lang, requests[i].host, requests[i].model)
                    histories[i].append({"role": "assistant", "content": note, "metadata": NOTE})
            yield "", *histories, *lines, gr.skip()
        for i, state in enumerate(states):
            if state.update.done:
                sent = requests[i]
                line, spent = cost_line(playground, sent.host, sent.model, state.update.usage, spent, lang)
                lines[i] += f" · {line}"
        yield "", *histories, *lines, spent

    inputs = [message, system, same, third, total, *host_boxes, *model_boxes, *chatbots, *knob_inputs]
    outputs = [message, *chatbots, *stats, total]
    events = [t(as_caller(compare_chat), inputs, outputs, **PRIVATE) for t in (send.click, message.submit)]
    stop.click(None, None, None, cancels=events, **PRIVATE)
    clear.click(lambda: ([],) * COLUMNS + ("",) * COLUMNS, None, chatbots + stats, **PRIVATE)
    third.change(lambda on: gr.Column(visible=on), third, columns[-1], **PRIVATE)
    first, others = panels[0].inputs, [c for p in panels[1:] for c in p.inputs]
    gr.on([c.change for c in [same, *first]], None, [same, *first, *others], others, js=COPY_JS, **PRIVATE)

    async def models_for(host_id: str, request: gr.Request):
        names = await playground.models(host_id)
        return gr.Dropdown(choices=names, value=names[0] if names else None)

    for host_box, model_box in zip(host_boxes, model_boxes):
        host_box.change(as_caller(models_for), host_box, model_box, **PRIVATE)

    def localized(lang: str) -> list:
        choices = [(host_label(h.id, lang), h.id) for h in playground.hosts]
        configured = playground.configured_model(start)  # known once the app listens (the builtin's URL)
        models = [gr.Dropdown(choices=[configured] if configured else [], value=configured or None)] * COLUMNS
        return (
            [preset("stream_system", lang), preset("compare_message", lang)]
            + [gr.Dropdown(choices=choices) for _ in host_boxes]
            + models
        )

    shared = {"system": system, "message": message, "third": third, "same": same}
    for number, (host_box, model_box, panel) in enumerate(zip(host_boxes, model_boxes, panels), start=1):
        shared |= {f"host{number}": host_box, f"model{number}": model_box}
        shared |= {f"{name}{number}": control for name, control in panel.components.items()}
    return PageLoad([system, message, *host_boxes, *model_boxes], localized, shared)
