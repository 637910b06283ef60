"""The Structured outputs tab and /structured: the body that reaches the wire (a strict JSON Schema, as parse()
sends it), what the page shows of a valid answer, an invalid one and a refusal, and a schema that cannot be read."""

import contextlib
import json

import gradio as gr
import pytest

from tests.support import tab_on_fake
from tests.test_page_handlers import run, shown

CAT = """from typing import Literal
from pydantic import BaseModel


class Owner(BaseModel):
    name: str


class Cat(BaseModel):
    name: str
    age: int
    colour: Literal["grey", "black"]
    owner: Owner
"""
TOM = {"name": "Tom", "age": 3, "colour": "grey", "owner": {"name": "Ana"}}


@contextlib.contextmanager
def tab_on(answer: str):
    """A Structured tab whose custom host is a fake answering `answer`."""
    from components.ui.tabs.structured import StructuredTab

    with tab_on_fake(StructuredTab, answer) as (tab, shared, host):
        values = {tab.message: "My grey cat Tom is 3, Ana's cat.", tab.schema: CAT, tab.system: "", tab.total: 0.0}
        yield tab, {**values, **shared}, host


@pytest.fixture
def valid():
    with tab_on(json.dumps(TOM)) as made:
        yield made


def test_the_page_sends_the_strict_schema_parse_sends_and_shows_every_field(valid):
    from openai.lib._parsing._completions import type_to_response_format_param

    from components.lessons.schemas import read_schema

    tab, values, host = valid
    final = shown(run(tab.run, values))
    (body,) = [seen.body for seen in host.seen if seen.path.endswith("/chat/completions")]
    assert body == {
        "model": "fake-model-a",
        "messages": [{"role": "user", "content": "My grey cat Tom is 3, Ana's cat."}],
        "response_format": json.loads(json.dumps(type_to_response_format_param(read_schema(CAT)))),
    }
    assert body["response_format"]["json_schema"]["strict"] is True
    assert final[tab.parsed] == [["name", "Tom"], ["age", "3"], ["colour", "grey"], ["owner.name", "Ana"]]
    assert final[tab.status].startswith("✅") and json.loads(final[tab.raw]) == TOM
    assert "response_format" in final[tab.python_code] and '"strict": true' in final[tab.curl_code]


def test_an_answer_that_breaks_the_shape_shows_each_problem_and_keeps_the_text():
    with tab_on(json.dumps({"name": "Tom", "age": "three", "colour": "blue"})) as (tab, values, host):
        final = shown(run(tab.run, values, "es"))
    assert final[tab.status].startswith("❌") and final[tab.parsed] == []
    for problem in ("age", "colour", "owner"):
        assert f"`{problem}:" in final[tab.status], final[tab.status]
    assert json.loads(final[tab.raw])["age"] == "three"  # the model's text, as it came


def test_a_schema_that_cannot_be_read_is_said_with_its_line_and_nothing_is_sent(valid):
    tab, values, host = valid
    values[tab.schema] = "class Cat(BaseModel):\n    name: str\n    age: __import__('os').system('id')"
    with pytest.raises(gr.Error) as refused:
        run(tab.run, values, "es")
    assert "Línea 3" in refused.value.message
    assert not host.seen


def test_the_api_parses_an_answer_of_the_builtin_model(app_client):
    answer = app_client.predict("Mi gato Tom es gris y tiene 3 años.", api_name="/structured")
    assert answer["parsed"]["nombre" if "nombre" in answer["parsed"] else "name"] == "Tom", answer
    assert answer["problems"] == [] and answer["refusal"] is None
    assert answer["request"]["response_format"]["json_schema"]["strict"] is True
    script = app_client.predict("Mi gato Tom", api_name="/structured_code")
    assert '"type": "json_schema"' in script and "chat.completions.create(" in script
