"""Each page handler called directly, as the page would call it (values keyed by component), against a fake host:
the whole request body that reaches the wire, and what the handler shows. Fast: no server, no browser."""

import asyncio
import shutil

import gradio as gr
import pytest
from starlette.requests import Request

from components.classroom.playground import Playground


def page_request(lang: str = "en") -> gr.Request:
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "query_string": b"",
        "headers": [(b"accept-language", lang.encode())],
        "client": ("127.0.0.1", 50000),
    }
    return gr.Request(Request(scope), session_hash="page-handler-test")


@pytest.fixture
def page(fake_host):
    """A playground whose custom host is the fake, and the top bar's host and model dropdowns."""
    env = {"OPENAI_COMPAT_BASE_URL": f"{fake_host.url}/v1", "OPENAI_COMPAT_MODEL": "fake-model-a"}
    env["PLAYGROUND_ALLOW_LOCAL_URLS"] = "1"
    playground = Playground(env)
    with gr.Blocks():
        host, model = gr.Dropdown(["custom"], value="custom"), gr.Dropdown([], allow_custom_value=True)
        yield playground, host, model


def run(handler, values: dict, lang: str = "en") -> list[dict]:
    """Every update the handler yields (or returns), in order."""

    async def collect():
        result = handler(values, page_request(lang))
        if hasattr(result, "__aiter__"):
            return [update async for update in result]
        return [await result if asyncio.iscoroutine(result) else result]

    return asyncio.run(collect())


def shown(updates: list[dict]) -> dict:
    """What the page shows once every update has arrived (each one changes only the outputs it names)."""
    return {component: value for update in updates for component, value in update.items()}


def shows_the_code(tab, updates: list[dict]) -> bool:
    final = shown(updates)
    return "chat.completions.create(" in final[tab.python_code] and "curl" in final[tab.curl_code]


def whole_screens(tab, updates: list[dict]) -> bool:
    """Every streamed update names every output: one left out costs Gradio a new component per update."""
    return all(set(update) == set(tab.outputs) for update in updates)


def knob_values(panel, **changed) -> dict:
    """Every knob control at its start value, some changed (by knob name)."""
    return {c: changed.get(name, c.value) for name, c in panel.components.items()}


def test_chat_sends_the_body_the_api_would_and_shows_it(page, fake_host):
    from components.ui.tabs.chat import ChatTab

    playground, host, model = page
    tab = ChatTab(playground, gr.I18n(), host, model)
    values = {
        tab.system: "Eres un gato.",
        tab.prompt: "Escribe un haiku",
        tab.show: True,
        tab.total: 0.0,
        host: "custom",
        model: "fake-model-a",
        **knob_values(tab.panel, temperature=0.2, n=2, stop="FIN\n", seed=7, json_mode=False),
    }
    updates = run(tab.send, values)
    (seen,) = [s for s in fake_host.seen if s.path.endswith("/chat/completions")]
    assert seen.body == {
        "model": "fake-model-a",
        "messages": [{"role": "system", "content": "Eres un gato."}, {"role": "user", "content": "Escribe un haiku"}],
        "temperature": 0.2,
        "max_tokens": 200,
        "n": 2,
        "seed": 7,
        "stop": ["FIN"],
        "logprobs": True,
        "top_logprobs": 5,
    }
    last = updates[-1]
    assert last[tab.sent] == seen.body  # what the page shows is what was sent
    assert "Gato maúlla fuerte" in last[tab.answers]
    assert "temperature=0.2" in last[tab.python_code] and "fake-model-a" in last[tab.curl_code]
    assert set(last) <= set(tab.outputs)  # a dict keyed by the event's own outputs: nothing to miscount
    assert shows_the_code(tab, updates)


def test_chat_says_a_bad_knob_in_the_readers_language_and_sends_nothing(page, fake_host):
    from components.ui.tabs.chat import ChatTab

    playground, host, model = page
    tab = ChatTab(playground, gr.I18n(), host, model)
    values = {tab.system: "", tab.prompt: "Hola", tab.show: False, tab.total: 0.0, host: "custom", model: ""}
    with pytest.raises(gr.Error, match="Temperatura debe estar entre 0 y 2"):
        run(tab.send, {**values, **knob_values(tab.panel, temperature=3)}, lang="es")
    assert not [s for s in fake_host.seen if s.path.endswith("/chat/completions")]


def test_streaming_sends_the_history_and_keeps_every_update_keyed(page, fake_host):
    from components.ui.tabs.stream import StreamTab

    playground, host, model = page
    tab = StreamTab(playground, gr.I18n(), host, model)
    history = [{"role": "user", "content": "Hola"}, {"role": "assistant", "content": "¡Miau! ¿Qué tal?"}]
    values = {
        tab.message: "¿Y el atún?",
        tab.chatbot: history,
        tab.system: "Eres un gato. Responde en JSON.",
        tab.show: False,
        tab.total: 0.0,
        tab.pace: 0,  # (full speed)
        host: "custom",
        model: "fake-model-a",
        **knob_values(tab.panel, presence_penalty=0.5, json_mode=True),
    }
    updates = run(tab.send, values)
    (seen,) = [s for s in fake_host.seen if s.path.endswith("/chat/completions")]
    assert seen.body == {
        "model": "fake-model-a",
        "messages": [
            {"role": "system", "content": "Eres un gato. Responde en JSON."},
            {"role": "user", "content": "Hola"},
            {"role": "assistant", "content": "¡Miau! ¿Qué tal?"},
            {"role": "user", "content": "¿Y el atún?"},
        ],
        "temperature": 0.7,
        "max_tokens": 200,
        "presence_penalty": 0.5,
        "response_format": {"type": "json_object"},
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    assert updates[0][tab.sent] == seen.body and updates[0][tab.message] == ""
    # The page's own form of a message: the handler makes it (the event skips Gradio's postprocess).
    assert updates[-1][tab.chatbot][-1]["content"] == [{"type": "text", "text": "Gato maúlla fuerte "}]
    assert whole_screens(tab, updates)
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def sent_bodies(fake_host) -> list[dict]:
    return [s.body for s in fake_host.seen if s.path.endswith("/chat/completions")]


def test_prompt_engineering_sends_the_system_box_as_it_is_and_the_same_question_without_it(page, fake_host):
    from components.ui.tabs.persona import PersonaTab

    playground, host, model = page
    tab = PersonaTab(playground, gr.I18n(), host, model)
    values = {
        tab.system: "yoda",  # a word that is also a preset id: the page sends what the box says
        tab.question: "¿Qué es Python?",
        tab.compare: True,
        tab.total: 0.0,
        host: "custom",
        model: "fake-model-a",
        tab.knobs["temperature"]: 0.0,
        tab.knobs["max_tokens"]: 50,
    }
    updates = run(tab.run, values)
    common = {"model": "fake-model-a", "temperature": 0.0, "max_tokens": 50, "stream": True}
    common["stream_options"] = {"include_usage": True}
    question = {"role": "user", "content": "¿Qué es Python?"}
    assert sorted(sent_bodies(fake_host), key=lambda b: len(b["messages"])) == [
        {**common, "messages": [question]},
        {**common, "messages": [{"role": "system", "content": "yoda"}, question]},
    ]
    assert updates[-1][tab.with_system].strip() == updates[-1][tab.without_system].strip() == "Gato maúlla fuerte"
    assert whole_screens(tab, updates)
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def test_few_shot_sends_the_switched_on_examples_as_turns_and_a_zero_shot_twin(page, fake_host):
    from components.ui.tabs.few_shot import FewShotTab

    playground, host, model = page
    tab = FewShotTab(playground, gr.I18n(), host, model)
    rows = [[True, "2+2", "Pista: cuenta con los dedos."], [False, "off", "left out"], [True, "only a question", ""]]
    values = {
        tab.system: "Da pistas, no respuestas.",
        tab.table: rows,
        tab.question: "3+5",
        tab.compare: True,
        tab.total: 0.0,
        host: "custom",
        model: "fake-model-a",
        tab.knobs["temperature"]: 1,  # the host's own default: not sent
        tab.knobs["max_tokens"]: 0,  # not sent either
    }
    *waiting, update = run(tab.run, values)  # (a loaded machine may first show "waiting" notes, each alone)
    assert all(set(note) == {tab.notes, tab.python_code, tab.curl_code} and "⏳" in note[tab.notes] for note in waiting)
    system = {"role": "system", "content": "Da pistas, no respuestas."}
    question = {"role": "user", "content": "3+5"}
    example = [{"role": "user", "content": "2+2"}, {"role": "assistant", "content": "Pista: cuenta con los dedos."}]
    assert sorted(sent_bodies(fake_host), key=lambda b: len(b["messages"])) == [
        {"model": "fake-model-a", "messages": [system, question]},
        {"model": "fake-model-a", "messages": [system, *example, question]},
    ]
    assert update[tab.sent] == [system, *example, question] and shows_the_code(tab, [update])
    assert "1" in update[tab.notes] and "⚠️" in update[tab.notes]  # the incomplete row is said, not sent
    assert set(update) <= set(tab.outputs)


def test_chained_calls_fill_each_step_from_the_one_before(page, fake_host):
    from components.ui.tabs.chain import ChainTab

    playground, host, model = page
    tab = ChainTab(playground, gr.I18n(), host, model)
    values = {tab.first_input: "un bucle for", tab.count: 2, tab.start_after: 0, tab.total: 0.0}
    values |= {host: "custom", model: "fake-model-a", tab.knobs["temperature"]: 0.3, tab.knobs["max_tokens"]: 80}
    templates = ["Explica {input}", "Revisa: {previous}", "", "", ""]
    values |= dict(zip(tab.templates, templates)) | {output: "" for output in tab.step_outputs}
    updates = run(tab.run, values)
    settings = {"model": "fake-model-a", "temperature": 0.3, "max_tokens": 80, "stream": True}
    settings["stream_options"] = {"include_usage": True}
    assert sent_bodies(fake_host) == [
        {**settings, "messages": [{"role": "user", "content": "Explica un bucle for"}]},
        {**settings, "messages": [{"role": "user", "content": "Revisa: Gato maúlla fuerte "}]},
    ]
    last = updates[-1]
    assert [last[o] for o in tab.step_outputs[:3]] == ["Gato maúlla fuerte ", "Gato maúlla fuerte ", ""]
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def test_vision_sends_the_image_as_a_data_url_beside_the_question(page, fake_host, tmp_path):
    from components.core.uploads import Uploads
    from components.ui.tabs.vision import SAMPLES, VisionTab

    playground, host, model = page
    tab = VisionTab(playground, gr.I18n(), host, model)
    playground.uploads = Uploads(tmp_path)  # as Gradio would have it: the image uploaded into its folder
    uploaded = shutil.copy(SAMPLES[0], tmp_path / "cat.png")
    values = {tab.image: str(uploaded), tab.question: "¿Qué ves?", tab.detail: "low", tab.total: 0.0}
    values |= {host: "custom", model: "fake-model-a", tab.knobs["temperature"]: 0.7, tab.knobs["max_tokens"]: 200}
    updates = run(tab.run, values)
    (body,) = sent_bodies(fake_host)
    (message,) = body.pop("messages")
    assert body == {
        "model": "fake-model-a",
        "temperature": 0.7,
        "max_tokens": 200,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    text, image = message["content"]
    assert message["role"] == "user" and text == {"type": "text", "text": "¿Qué ves?"}
    assert image["image_url"]["detail"] == "low" and image["image_url"]["url"].startswith("data:image/png;base64,")
    assert updates[0][tab.sent]["detail"] == "low" and updates[-1][tab.answer].strip() == "Gato maúlla fuerte"
    assert whole_screens(tab, updates)
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def test_compare_sends_each_column_its_own_knobs_and_history(page, fake_host):
    from components.ui.tabs.compare import CompareTab

    playground, _, _ = page
    tab = CompareTab(playground, gr.I18n())
    values = {tab.message: "Hola", tab.system: "Sé breve.", tab.same: False, tab.third: False, tab.total: 0.0}
    values |= {tab.refused_columns: None}
    for number, (host_box, model_box, chatbot) in enumerate(zip(tab.hosts, tab.models, tab.chatbots)):
        values |= {host_box: "custom", model_box: f"fake-model-{'ab'[number % 2]}", chatbot: []}
    values[tab.chatbots[1]] = [{"role": "user", "content": "antes"}, {"role": "assistant", "content": "sí"}]
    for number, panel in enumerate(tab.panels):
        values |= knob_values(panel, temperature=[0.0, 1.5, 0.5][number], seed=number + 1)
    updates = run(tab.send, values)
    settings = {"max_tokens": 200, "stream": True, "stream_options": {"include_usage": True}}
    system, hola = {"role": "system", "content": "Sé breve."}, {"role": "user", "content": "Hola"}
    before = [{"role": "user", "content": "antes"}, {"role": "assistant", "content": "sí"}]
    assert sorted(sent_bodies(fake_host), key=lambda b: b["model"]) == [  # two columns: the third is off
        {"model": "fake-model-a", "messages": [system, hola], "temperature": 0.0, "seed": 1, **settings},
        {"model": "fake-model-b", "messages": [system, *before, hola], "temperature": 1.5, "seed": 2, **settings},
    ]
    last = updates[-1]
    assert last[tab.chatbots[0]][-1]["content"].strip() == "Gato maúlla fuerte" and last[tab.message] == ""
    assert last[tab.refused_columns] == []
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def test_sweep_sends_one_request_per_value_and_sample_changing_only_that_value(page, fake_host):
    from components.ui.tabs.sweep import SweepTab

    playground, host, model = page
    tab = SweepTab(playground, gr.I18n(), host, model)
    values = {tab.message: "Un nombre para un gato", tab.system: "", tab.parameter: "top_p", tab.values: "0.1, 0.9"}
    values |= {tab.samples: 2, tab.total: 0.0, host: "custom", model: "fake-model-a"}
    values |= {tab.knobs["temperature"]: 0.8, tab.knobs["max_tokens"]: 60}
    updates = run(tab.run, values)
    base = {"model": "fake-model-a", "messages": [{"role": "user", "content": "Un nombre para un gato"}]}
    base |= {"temperature": 0.8, "max_tokens": 60}
    assert sorted(sent_bodies(fake_host), key=lambda b: b["top_p"]) == [
        {**base, "top_p": p} for p in (0.1, 0.1, 0.9, 0.9)
    ]
    grid = updates[-1][tab.grid].value
    assert [row[0] for row in grid["data"]] == ["0.1", "0.9"] and whole_screens(tab, updates)
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def test_how_it_works_asks_for_one_token_and_its_alternatives(page, fake_host):
    from components.ui.tabs.lab import LabTab

    playground, host, model = page
    tab = LabTab(playground, gr.I18n(), host, model)
    values = {tab.system: "", tab.prompt: "Mi gato es", tab.top_k: 4, tab.temperature: 1.0, tab.top_p: 1.0}
    values |= {tab.path: ["muy"], tab.candidates: [], host: "custom", model: "fake-model-a"}
    updates = run(tab.ask_again, values)
    assert sent_bodies(fake_host) == [
        {
            "model": "fake-model-a",
            "messages": [{"role": "user", "content": "Mi gato es"}, {"role": "assistant", "content": "muy"}],
            "temperature": 0,
            "max_tokens": 1,
            "logprobs": True,
            "top_logprobs": 4,
        }
    ]
    shown = updates[-1]
    assert [c["token"] for c in shown[tab.candidates]][:1] == ["Gato"] and shown[tab.path] == ["muy"]
    assert all(set(update) <= set(tab.outputs) for update in updates)
    assert not hasattr(tab, "python_code") or shows_the_code(tab, updates)


def test_the_vision_samples_survive_gradios_clean_up(tmp_path, monkeypatch):
    """Gradio deletes the files its components handled (hourly, and when an app stops), and the samples are
    among them: after an hour of class, or when another copy stopped, a sample clicked was gone."""
    from pathlib import Path

    from gradio.route_utils import delete_files_created_by_app

    from components.ui.page import build_demo

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path))
    demo, _ = build_demo(Playground({}))
    cached = [Path(f) for f in tmp_path.rglob("*.png")]
    assert {f.name for f in cached} >= {"cat.png", "tokens_chart.png"}
    delete_files_created_by_app(demo, age=None)  # what Gradio runs when the app stops
    assert all(f.exists() for f in cached)


@pytest.fixture
def builtin_page(builtin_url):
    """A playground on the builtin model with its faults (fault-429 is retried, fault-reasoning refuses knobs)."""
    playground = Playground({})
    playground.builtin_url = builtin_url
    with gr.Blocks():
        host, model = gr.Dropdown(["builtin"], value="builtin"), gr.Dropdown([], allow_custom_value=True)
        yield playground, host, model


def compare_values(tab, second_model: str) -> dict:
    values = {tab.message: "Hola", tab.system: "", tab.same: False, tab.third: True, tab.total: 0.0}
    values |= {tab.refused_columns: None}
    for host_box, model_box, chatbot, name in zip(tab.hosts, tab.models, tab.chatbots, ["", second_model, ""]):
        values |= {host_box: "builtin", model_box: name, chatbot: []}
    for panel in tab.panels:
        values |= knob_values(panel, max_tokens=5)
    return values


def test_compare_says_a_busy_host_is_being_retried(builtin_page):
    from components.ui.tabs.compare import CompareTab

    playground, _, _ = builtin_page
    tab = CompareTab(playground, gr.I18n())
    updates = run(tab.send, compare_values(tab, "fault-429"))
    notes = [update[tab.stats[1]] for update in updates if tab.stats[1] in update]
    assert any("answered 429: retrying automatically" in note for note in notes)  # said while it waits


def test_compare_fails_where_a_knob_was_refused_so_retry_resets_that_column_only(builtin_page):
    from components.ui.tabs.compare import CompareTab

    playground, _, _ = builtin_page
    tab = CompareTab(playground, gr.I18n())
    updates = []
    with pytest.raises(gr.Error, match="does not accept the parameter"):
        run_until_failure(tab.send, compare_values(tab, "fault-reasoning"), updates)
    assert updates[-1][tab.refused_columns] == [1]  # what "retry without" resets: that column's knob only
    assert "finish_reason" in updates[-1][tab.stats[0]]  # the other columns finished their answers


def test_with_same_settings_a_refused_knob_is_reset_where_it_was_set_and_copied(builtin_page):
    from components.ui.tabs.compare import CompareTab

    playground, _, _ = builtin_page
    tab = CompareTab(playground, gr.I18n())
    same = compare_values(tab, "fault-reasoning") | {tab.same: True}  # column 1's knobs sent everywhere
    updates = []
    with pytest.raises(gr.Error, match="does not accept the parameter"):
        run_until_failure(tab.send, same, updates)
    assert updates[-1][tab.refused_columns] == [0, 1, 2]


def run_until_failure(handler, values: dict, seen: list):
    """The handler's updates, kept in `seen` even when it ends by failing (as the page keeps them)."""

    async def collect():
        try:
            async for update in handler(values, page_request()):
                seen.append(update)
        except gr.Error as error:
            return error
        return None

    error = asyncio.run(collect())
    if error is not None:
        raise error
    return seen


def sweep_values(tab, host, model, model_name: str) -> dict:
    values = {tab.message: "Hola", tab.system: "", tab.parameter: "temperature", tab.values: "0, 1"}
    values |= {tab.samples: 1, tab.total: 0.0, host: "builtin", model: model_name}
    return values | {tab.knobs["temperature"]: 0.7, tab.knobs["max_tokens"]: 5}


def test_sweep_says_a_busy_host_is_being_retried(builtin_page):
    from components.ui.tabs.sweep import SweepTab

    playground, host, model = builtin_page
    tab = SweepTab(playground, gr.I18n(), host, model)
    updates = run(tab.run, sweep_values(tab, host, model, "fault-429"))
    assert any("answered 429: retrying automatically" in update.get(tab.cost, "") for update in updates)


def test_sweep_fails_after_its_grid_so_a_refused_knob_can_be_retried(builtin_page):
    from components.ui.tabs.sweep import SweepTab

    playground, host, model = builtin_page
    tab = SweepTab(playground, gr.I18n(), host, model)
    seen = []
    with pytest.raises(gr.Error, match="does not accept the parameter 'temperature'"):
        run_until_failure(tab.run, sweep_values(tab, host, model, "fault-reasoning"), seen)
    assert len(seen[-1][tab.grid].value["data"]) == 2  # the grid stays, each cell saying why


def test_how_it_works_says_a_busy_host_is_retried_and_offers_to_try_again(builtin_page):
    from components.ui.tabs.lab import LabTab

    playground, host, model = builtin_page
    tab = LabTab(playground, gr.I18n(), host, model)
    values = {tab.system: "", tab.prompt: "Mi gato es", tab.top_k: 4, tab.temperature: 1.0, tab.top_p: 1.0}
    values |= {tab.path: [], tab.candidates: [], host: "builtin", model: "fault-429"}
    updates = []
    with pytest.raises(gr.Error, match="limiting how fast"):  # it stays busy: said, after the retries
        run_until_failure(tab.ask_again, values, updates)
    assert any("answered 429: retrying automatically" in update.get(tab.note, "") for update in updates)
    offered = tab.offer_retry("custom")  # after a failure: ask again, or move to the builtin model
    assert offered[tab.try_again].visible is True and offered[tab.use_builtin].visible is True


def test_the_reply_so_far_shows_a_picked_space_or_line_break():
    from components.ui.tabs.lab import path_view

    assert path_view("Hola", ["Mi", " gato", " "], "en").endswith("`Mi gato␣`")  # undoing it changes the view
    assert path_view("Hola", ["Mi", "\n", "gato"], "en").endswith("`Mi⏎gato`")
    assert path_view("Hola", ["a`b"], "en").endswith("`` a`b ``")
    assert "(tokens: 3)" in path_view("Hola", ["Mi", " gato", " "], "en")  # each pick is one token
    assert "(tokens: 0)" in path_view("Hola", [], "es")


def test_a_value_made_ready_for_the_page_is_what_gradio_would_send():
    from components.ui.tabs.common import page_ready

    with gr.Blocks():
        table = gr.Dataframe(value=[[True, "hi", "hello"]], headers=["on", "user", "assistant"])
        chatbot = gr.Chatbot()
    spanish = page_ready(table, gr.Dataframe(value=[[True, "hola", "¡hola!"]], headers=["sí", "usuario", "asistente"]))
    assert spanish["__type__"] == "update" and spanish["headers"] == ["sí", "usuario", "asistente"]
    assert spanish["value"]["headers"] == ["sí", "usuario", "asistente"]  # the update's own, not the table's
    assert spanish["value"]["data"] == [[True, "hola", "¡hola!"]]
    message = page_ready(chatbot, [{"role": "user", "content": "Miau"}])[0]
    assert message["role"] == "user" and message["content"] == [{"type": "text", "text": "Miau"}]


def test_the_states_events_listen_to_are_found_as_gradio_finds_them(tmp_path, monkeypatch):
    """sessions.watched_states_once answers what Gradio's own scan answers, for every event of the page and for a
    State that an event listens to."""
    from components.classroom import sessions
    from components.ui.page import build_demo

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path))
    demo, _ = build_demo(Playground({}))
    with demo:  # a State with a .change listener, set by an event
        counter = gr.State(0)
        shown = gr.Markdown()
        counter.change(lambda n: str(n), counter, shown)
        gr.Button().click(lambda n: n + 1, counter, counter)
    state = sessions.LeanSessionState(demo)
    state[counter._id] = 3
    expected = {index: demo.get_state_ids_to_track(fn, state) for index, fn in demo.fns.items()}
    sessions.watched_states_once(demo)
    assert {index: demo.get_state_ids_to_track(fn, state) for index, fn in demo.fns.items()} == expected
    assert any(ids == [counter._id] for ids, _ in expected.values())  # the listened-to State is found
    assert demo.get_state_ids_to_track(demo.fns[0], None) == ([], [])


def test_a_streamed_conversation_is_made_ready_as_gradio_would_make_it():
    """Screen makes a chatbot's earlier messages ready once: each update still equals the whole conversation's."""
    from components.ui.tabs.common import Screen, page_value

    with gr.Blocks():
        chatbot = gr.Chatbot()
    screen = Screen(postprocessed=True)
    history = [{"role": "user", "content": "Hola"}, {"role": "assistant", "content": "¡Miau!"}]
    history += [{"role": "user", "content": "¿Y el **atún**?"}, {"role": "assistant", "content": ""}]
    for text in ("Mmm", "Mmm, atún", "Mmm, atún rico"):
        history[-1] = {"role": "assistant", "content": text}
        assert screen.show({chatbot: history})[chatbot] == page_value(chatbot, history)
    history = history[:-2]  # a failed call gives the message back: the conversation shrinks
    assert screen.show({chatbot: history})[chatbot] == page_value(chatbot, history)
    history.append({"role": "assistant", "content": "note", "metadata": {"title": "⚠️"}})
    assert screen.show({chatbot: history})[chatbot] == page_value(chatbot, history)


def test_how_it_works_shows_a_reply_that_ends_as_complete_not_as_an_error(builtin_page):
    """On the builtin model "Whiskers twitch." is a whole haiku line: its likeliest next token is the end. Ten
    steps from there stop at once with a note; nothing fails and the reply stays."""
    from components.ui.tabs.lab import LabTab

    playground, host, model = builtin_page
    tab = LabTab(playground, gr.I18n(), host, model)
    values = {tab.system: "", tab.prompt: "Write a haiku about a cat", tab.top_k: 5, tab.temperature: 1.0}
    values |= {tab.top_p: 1.0, tab.path: ["Whiskers", " twitch", "."], tab.candidates: []}
    values |= {host: "builtin", model: "builtin-tiny"}
    updates = run(tab.run_steps, values)
    assert len(updates) == 1
    ended = updates[0]
    assert ended[tab.note].startswith("The model ends its reply here") and ended[tab.candidates] == []
    assert ended[tab.path] == ["Whiskers", " twitch", "."] and "Whiskers twitch." in ended[tab.path_shown]
    assert set(ended) <= set(tab.outputs)
