"""The Function calling tab and /tools: the bodies that reach the wire at each step of the loop (tools,
tool_choice, the model's tool_calls and each `tool` result as OpenAI expects them), the app's own tools run on
fixed data and never on anything evaluated, the loop's script run for real, and tools' JSON that cannot be read."""

import ast
import json
import subprocess
import sys

import gradio as gr
import pytest

from components.i18n import preset
from components.lessons.app_tools import run_tool_call, tool_definitions
from components.lessons.tool_loop import read_tools
from tests.support import FakeHost, tab_on_fake
from tests.test_page_handlers import page_request, run, shown

WEATHER_TOOLS = tool_definitions(["get_weather"], preset("tool_descriptions", "en"))
MADRID = {"city": "Madrid", "degrees": 21, "unit": "celsius", "sky": "sunny"}


@pytest.fixture
def tab_on_fake_host():
    """A Function calling tab whose custom host is a fake that calls a tool until a result is in."""
    from components.ui.tabs.tools import ToolsTab

    with tab_on_fake(ToolsTab, "It is sunny in Madrid") as (tab, shared, host):
        values = {
            tab.message: "What's the weather in Madrid?",
            tab.tools: json.dumps(WEATHER_TOOLS),
            tab.choice: "required",
            tab.parallel: "false",
            tab.system: "",
            tab.loop: None,
            tab.total: 0.0,
        }
        yield tab, {**values, **shared}, host


def clicks(tab, handlers: list, values: dict, lang: str = "en") -> list[dict]:
    """What the page shows after each click, in order, as one session clicks them (its run kept between clicks;
    one event loop, as on the server)."""
    import asyncio

    async def collect():
        finals = []
        for handler in handlers:
            handler, changes = handler if isinstance(handler, tuple) else (handler, {})
            values.update(changes)  # what the reader changed before this click
            final = shown([update async for update in handler(values, page_request(lang))])
            values[tab.loop] = final[tab.loop]
            finals.append(final)
        return finals

    return asyncio.run(collect())


def sent_bodies(host: FakeHost) -> list[dict]:
    return [seen.body for seen in host.seen if seen.path.endswith("/chat/completions")]


def test_stepping_sends_each_request_of_the_loop_as_openai_expects_it(tab_on_fake_host):
    tab, values, host = tab_on_fake_host
    first, second, third = clicks(tab, [tab.step] * 3, values)
    # 1: ask → the model calls get_weather
    assert "get_weather" in first[tab.conversation] and "🛠" in first[tab.status]
    user = {"role": "user", "content": "What's the weather in Madrid?"}
    assert first[tab.bodies] == sent_bodies(host)[:1]
    assert sent_bodies(host)[0] == {
        "model": "fake-model-a",
        "messages": [user],
        "tools": WEATHER_TOOLS,
        "tool_choice": "required",
        "parallel_tool_calls": False,
    }
    # 2: the app runs the tool; nothing is sent
    assert "📦" in second[tab.status] and second[tab.bodies] == first[tab.bodies]
    assert "Madrid" in second[tab.conversation] and "sunny" in second[tab.conversation]
    # 3: the result goes back; the model answers
    call = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Madrid"}'}}
    assert sent_bodies(host)[1]["messages"] == [
        user,
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": json.dumps(MADRID)},
    ]
    assert sent_bodies(host)[1]["tool_choice"] == "auto"  # "required" again would never end
    assert third[tab.status].startswith("✅") and "It is sunny in Madrid" in third[tab.conversation]
    assert third[tab.bodies] == sent_bodies(host)
    assert "for request_number in range(" in first[tab.python_code] and "def get_weather(" in first[tab.python_code]


def test_run_to_the_end_and_a_new_setup_starts_afresh(tab_on_fake_host):
    tab, values, host = tab_on_fake_host
    final, again = clicks(tab, [tab.run, (tab.step, {tab.choice: "none"})], values, "es")
    assert final[tab.status].startswith("✅") and len(sent_bodies(host)) == 3
    # a finished run, another setup: a new loop
    assert sent_bodies(host)[-1]["tool_choice"] == "none" and again[tab.status].startswith("✅")
    assert "tool_calls" not in again[tab.conversation]


def test_a_model_that_keeps_calling_is_stopped_and_what_it_did_is_kept(tab_on_fake_host):
    tab, values, host = tab_on_fake_host
    values[tab.tools] = json.dumps(WEATHER_TOOLS + tool_definitions(["cat_fact"], preset("tool_descriptions", "en")))
    values[tab.choice] = "get_weather"
    host.answer = "x"
    from components.lessons import tool_loop

    original = host.calls_a_tool
    host.calls_a_tool = lambda body: "get_weather"  # a model that never stops calling
    try:
        final = shown(run(tab.run, values))
    finally:
        host.calls_a_tool = original
    assert len(sent_bodies(host)) == tool_loop.MOST_ROUNDS and final[tab.status].startswith("⏹")
    assert sent_bodies(host)[0]["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}
    assert final[tab.conversation].count("**tool**") == tool_loop.MOST_ROUNDS


@pytest.mark.parametrize(
    "tools, said",
    [
        ("[{]", "Línea 1"),
        ('[{"type": "function", "function": {"name": "a b"}}]', "Herramienta 1"),
        ('[{"type": "function", "function": {"name": "f", "parameters": {"type": "string"}}}]', "objeto JSON Schema"),
        ("[" * 3000 + "]" * 3000, "anidado"),
        ("[]", "de 1 a 8"),
    ],
)
def test_tools_that_cannot_be_read_are_said_and_nothing_is_sent(tab_on_fake_host, tools, said):
    tab, values, host = tab_on_fake_host
    values[tab.tools] = tools
    with pytest.raises(gr.Error) as refused:
        run(tab.step, values, "es")
    assert said in refused.value.message
    assert not sent_bodies(host)


def test_the_app_runs_only_its_own_tools_on_fixed_data_whatever_the_model_writes():
    def call(name, arguments):
        return run_tool_call({"id": "c", "type": "function", "function": {"name": name, "arguments": arguments}})

    assert call("get_weather", '{"city": "bogota", "unit": "fahrenheit"}')["degrees"] == 57
    assert "error" in call("get_weather", "{\"city\": \"__import__('os').system('id')\"}")
    assert "error" in call("eval", '{"source": "1+1"}') and "error" in call("get_weather", "not json")
    assert "error" in call("get_weather", '{"city": "Madrid", "extra": 1}')
    assert call("convert_units", '{"value": 42, "from_unit": "km", "to_unit": "mi"}')["result"] == 26.0976
    assert "error" in call("convert_units", '{"value": 1e308, "from_unit": "gal", "to_unit": "ml"}')
    assert "error" in call("convert_units", '{"value": NaN, "from_unit": "c", "to_unit": "f"}')
    assert call("cat_fact", '{"topic": "ronroneo", "language": "es"}')["topic"] == "purring"


def test_the_loop_script_runs_against_the_builtin_model_and_answers_with_the_tools_result(launched_app, tmp_path):
    """The code view's script, run as a student would run it: the builtin model calls get_weather, the script's
    own copy of the function answers, and the final answer says the result."""
    from gradio_client import Client

    demo, _ = launched_app
    client = Client(demo.local_url, verbose=False, analytics_enabled=False)
    asked = {"message": "¿Qué tiempo hace en Lima?", "tool_choice": "required", "temperature": 0}
    script = client.predict(**asked, api_name="/tools_code")
    (tmp_path / "loop.py").write_text(script)
    ran = subprocess.run([sys.executable, "loop.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr
    called, answered = ran.stdout.splitlines()
    degrees = str(ast.literal_eval(called.partition(" -> ")[2])["degrees"])  # 18 °C or 64 °F
    assert called.startswith("get_weather({'city': 'Lima'") and "Lima" in answered and degrees in answered
    answer = client.predict(**asked, api_name="/tools")
    assert answer["answer"] == answered  # the same loop, the same answer
    roles = [message["role"] for message in answer["messages"]]
    assert roles == ["user", "assistant", "tool", "assistant"] and len(answer["requests"]) == 2


def test_the_presets_are_tools_the_app_reads_in_both_languages():
    for lang in ("en", "es"):
        for names, message in preset("tools", lang).values():
            read = read_tools(json.dumps(tool_definitions(names, preset("tool_descriptions", lang))))
            assert [tool["function"]["name"] for tool in read] == names and message


EXPECTED = {  # preset: (the tool the builtin model calls, a value its arguments copy from the message)
    "weather": ("get_weather", {"en": "Madrid", "es": "Bogotá"}),
    "cat": ("cat_fact", {"en": "sleep", "es": "ronronean"}),
    "units": ("convert_units", {"en": "km", "es": "km"}),
    "all": ("get_weather", {"en": "London", "es": "Lima"}),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_preset_on_the_builtin_model_calls_its_tool_with_arguments_the_app_answers(builtin_url, lang):
    import openai

    client = openai.OpenAI(base_url=builtin_url, api_key="no-key-needed")
    for key, (names, message) in preset("tools", lang).items():
        tools = tool_definitions(names, preset("tool_descriptions", lang))
        for seed in range(5):
            reply = client.chat.completions.create(
                model="builtin-tiny", messages=[{"role": "user", "content": message}], tools=tools, seed=seed
            )
            calls = reply.choices[0].message.tool_calls or []
            if key == "haiku":  # no tool fits: it answers in text
                assert not calls and reply.choices[0].message.content, (key, lang)
                continue
            (call,) = calls
            tool, copied = EXPECTED[key]
            assert call.function.name == tool and copied[lang] in call.function.arguments, (key, lang, call)
            result = run_tool_call(call.model_dump())
            assert "error" not in result, (key, lang, call, result)
