"""Compare tab — one system message and one question, two or three columns (host, model, knobs), all
streaming at once; each column keeps its own history, so a follow-up goes to each with its own past."""

from __future__ import annotations

import gradio as gr

from components.api.boundary import as_caller, fail, language
from components.classroom.playground import Playground
from components.core.errors import refused_parameter
from components.core.history import to_openai_messages
from components.core.pacing import Waiting, with_waiting
from components.core.settings import KNOBS
from components.i18n import preset
from components.lessons.experiments import COLUMN_STARTS, column_requests, run_columns
from components.lessons.teaching import chat_messages, require_text
from components.ui.tabs.common import CHAT_BUTTONS, PRIVATE, PageLoad, short_stats, waiting_note, wire_run
from components.ui.tabs.knob_panel import cost_line, knob_panel

COLUMNS = 3
COLUMN_KNOBS = tuple(name for name in KNOBS if not KNOBS[name].several_answers)  # one answer a column
NOTE = {"title": "⚠️"}  # the app's own note in a column: never sent to the model

# The same-settings switch copies column 1's knobs into the others, in the browser (no server event).
COPY_JS = """(same, ...v) => { const k = v.length / 3;
  return same ? [...v.slice(0, k), ...v.slice(0, k)] : v.slice(k); }"""


class CompareTab:
    """The Compare tab: its components, and its handlers (each returns a dict keyed by component)."""

    def __init__(self, playground: Playground, i18n: gr.I18n):
        self.playground = playground
        gr.Markdown(i18n("compare.intro"))
        start = playground.default_host
        hosts = playground.host_choices("en")
        with gr.Row():
            self.system = gr.Textbox(label=i18n("knobs.system"), value=preset("stream_system", "en"), lines=2, scale=2)
            self.message = gr.Textbox(
                label=i18n("compare.message"), value=preset("compare_message", "en"), lines=2, scale=3
            )
        with gr.Row():
            self.send_button = gr.Button(i18n("compare.send"), variant="primary")
            self.stop_button = gr.Button(i18n("common.stop"), variant="stop")
            self.clear_button = gr.Button(i18n("compare.clear"))
            self.third = gr.Checkbox(True, label=i18n("compare.third"))
            self.same = gr.Checkbox(False, label=i18n("compare.same"))
        self.hosts, self.models, self.chatbots, self.stats, self.panels, self.columns = [], [], [], [], [], []
        with gr.Row(equal_height=False):
            for number in range(COLUMNS):
                with gr.Column(min_width=260) as column:
                    gr.Markdown(i18n(f"compare.column{number + 1}"))
                    self.hosts.append(gr.Dropdown(hosts, value=start, label=i18n("host.label")))
                    self.models.append(gr.Dropdown([], value=None, allow_custom_value=True, label=i18n("model.label")))
                    self.chatbots.append(gr.Chatbot(height=320, show_label=False, buttons=CHAT_BUTTONS))
                    self.stats.append(gr.Markdown())
                    with gr.Accordion(i18n("compare.knobs"), open=True):
                        self.panels.append(knob_panel(i18n, names=COLUMN_KNOBS, start=COLUMN_STARTS[number]))
                self.columns.append(column)
        self.total = gr.State(0.0)  # this tab's running cost in this session
        self.refused_columns = gr.State(None)  # where a model refused a knob: what "retry without" resets
        self.wire()

    @property
    def outputs(self) -> list:
        """What `send` may update."""
        return [self.message, *self.chatbots, *self.stats, self.total, self.refused_columns]

    def arguments(self, values: dict) -> dict:
        """The page's values as the /compare endpoint's columns (the same checks and requests)."""
        count = COLUMNS if values[self.third] else COLUMNS - 1
        knobs = [panel.values_of(values) for panel in self.panels]
        if values[self.same]:
            knobs = [knobs[0]] * COLUMNS
        columns = [
            {"host": values[self.hosts[i]], "model": values[self.models[i]] or "", "knobs": knobs[i]}
            for i in range(count)
        ]
        return {"message": values[self.message], "system_prompt": values[self.system], "columns": columns}

    async def send(self, values: dict, request: gr.Request):
        playground, lang = self.playground, language(request)
        a = self.arguments(values)
        text, count, spent = a["message"], len(a["columns"]), values[self.total]
        histories = [list(values[chatbot] or []) for chatbot in self.chatbots]
        try:
            require_text(text)
            messages = [
                to_openai_messages(histories[i], a["system_prompt"], playground.uploads) + chat_messages("", text)
                for i in range(count)
            ]
            requests = column_requests(playground, a["columns"], messages, lang)
        except Exception as error:
            first = a["columns"][0]
            raise fail(playground, error, lang, first["host"], first["model"], request) from None
        for history in histories[:count]:
            history += [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
        lines, noted, states = [""] * COLUMNS, set(), []

        def shown() -> dict:
            return {self.message: "", **dict(zip(self.chatbots, histories)), **dict(zip(self.stats, lines))}

        async for item in with_waiting(run_columns(playground, requests)):
            if isinstance(item, Waiting):  # every column is still waiting: say so in each one not done
                for i, sent in enumerate(requests):
                    if not (states and states[i].done):
                        lines[i] = waiting_note(playground, item, lang, sent.host)
                yield shown()
                continue
            states = item
            for i, state in enumerate(states):
                histories[i][-1] = {"role": "assistant", "content": state.update.text}
                lines[i] = short_stats(state.update, lang)
                if state.error is not None and i not in noted:  # its own message; the others go on
                    noted.add(i)
                    note = playground.explain(state.error, lang, requests[i].host, requests[i].model)
                    histories[i].append({"role": "assistant", "content": note, "metadata": NOTE})
            yield shown()
        for i, state in enumerate(states):
            if state.update.done:
                sent = requests[i]
                line, spent = cost_line(playground, sent.host, sent.model, state.update.usage, spent, lang)
                lines[i] += f" · {line}"
        refused = [i for i, state in enumerate(states) if refused_parameter(state.error)]
        # With "same settings" every column sent column 1's knobs: the reset goes there too.
        reset = list(range(COLUMNS)) if refused and values[self.same] else refused
        yield {**shown(), self.total: spent, self.refused_columns: reset}
        if refused:  # the event fails, so the one-click "retry without" is offered (the other columns stay)
            error, sent = states[refused[0]].error, requests[refused[0]]
            raise fail(playground, error, lang, sent.host, sent.model, request)

    def clear(self) -> dict:
        return {**{chatbot: [] for chatbot in self.chatbots}, **{line: "" for line in self.stats}}

    def show_third(self, on: bool) -> dict:
        return {self.columns[-1]: gr.Column(visible=on)}

    async def models_for(self, host_id: str, request: gr.Request):
        names = await self.playground.models(host_id)
        return gr.Dropdown(choices=names, value=names[0] if names else None)

    def wire(self) -> None:
        inputs = {self.message, self.system, self.same, self.third, self.total, *self.hosts, *self.models}
        inputs |= {*self.chatbots, *(c for panel in self.panels for c in panel.inputs)}
        knobs = {name: [panel.components[name] for panel in self.panels] for name in COLUMN_KNOBS}
        triggers = [self.send_button.click, self.message.submit]
        wire_run(
            self.playground,
            triggers,
            self.send,
            inputs,
            self.outputs,
            knobs,
            self.stop_button,
            self.refused_columns,
            name="compare_chat",
        )
        self.clear_button.click(self.clear, None, self.chatbots + self.stats, **PRIVATE)
        self.third.change(self.show_third, self.third, self.columns[-1], **PRIVATE)
        first, others = self.panels[0].inputs, [c for p in self.panels[1:] for c in p.inputs]
        copy = [c.change for c in [self.same, *first]]
        gr.on(copy, None, [self.same, *first, *others], others, js=COPY_JS, **PRIVATE)
        for host_box, model_box in zip(self.hosts, self.models):
            host_box.change(as_caller(self.models_for), host_box, model_box, **PRIVATE)

    def localized(self, lang: str) -> list:
        playground = self.playground
        choices = playground.host_choices(lang)
        configured = playground.configured_model(playground.default_host)  # known once the app listens
        models = [gr.Dropdown(choices=[configured] if configured else [], value=configured or None)] * COLUMNS
        hosts = [gr.Dropdown(choices=choices) for _ in self.hosts]
        return [preset("stream_system", lang), preset("compare_message", lang), *hosts, *models]

    def page_load(self) -> PageLoad:
        shared = {"system": self.system, "message": self.message, "third": self.third, "same": self.same}
        for number, (host_box, model_box, panel) in enumerate(zip(self.hosts, self.models, self.panels), start=1):
            shared |= {f"host{number}": host_box, f"model{number}": model_box}
            shared |= {f"{name}{number}": control for name, control in panel.components.items()}
        return PageLoad([self.system, self.message, *self.hosts, *self.models], self.localized, shared)


def build(playground: Playground, i18n: gr.I18n, host: gr.Dropdown, model: gr.Dropdown) -> PageLoad:
    return CompareTab(playground, i18n).page_load()
