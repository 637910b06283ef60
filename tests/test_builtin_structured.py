"""Structured outputs and function calling on the builtin model, over its /v1 with the openai SDK: what parse()
and the tools loop of the lesson's scripts send, and OpenAI's 400s for what it cannot honour."""

import json
from typing import Literal

import openai
import pytest
from pydantic import BaseModel, Field

MODEL = "builtin-tiny"


class Owner(BaseModel):
    name: str = Field(description="the owner's first name")
    city: str


class CatProfile(BaseModel):
    name: str = Field(description="the cat's name")
    age: int = Field(description="age in years")
    colour: Literal["grey", "black", "orange", "white"]
    likes: list[str]
    indoor: bool
    owner: Owner  # nested: the SDK's strict schema puts it in $defs and refers to it


class WeatherArguments(BaseModel):
    city: str
    unit: Literal["celsius", "fahrenheit"]


WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "the city"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}
CAT_FACT = {
    "type": "function",
    "function": {"name": "cat_fact", "description": "A fact about cats", "parameters": {"type": "object"}},
}


@pytest.fixture(scope="module")
def client(builtin_url):
    return openai.OpenAI(base_url=builtin_url, api_key="no-key-needed", max_retries=0)


def test_parse_with_a_pydantic_model_always_validates_and_copies_what_was_said(client):
    asked = [{"role": "user", "content": "My grey cat Tom is 3 years old and lives with Ana in Madrid."}]
    parsed = [
        client.chat.completions.parse(
            model=MODEL, messages=asked, response_format=CatProfile, temperature=0.7, seed=i
        ).choices[0]
        for i in range(20)
    ]
    assert all(isinstance(choice.message.parsed, CatProfile) for choice in parsed)  # parse() validated each one
    cats = [choice.message.parsed for choice in parsed]
    assert all(cat.name == "Tom" and cat.age == 3 and cat.colour == "grey" for cat in cats), cats
    assert all(cat.owner.name == "Ana" and cat.owner.city == "Madrid" for cat in cats), cats
    assert list(json.loads(parsed[0].message.content)) == list(CatProfile.model_fields)  # keys in order


def test_a_json_schema_without_strict_and_with_bounds_is_kept_too(client):
    schema = {
        "type": "object",
        "properties": {
            "title": {"type": "string", "maxLength": 12},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 8}, "minItems": 2, "maxItems": 2},
            "score": {"type": "number", "minimum": 1, "maximum": 5},
        },
        "required": ["title", "tags", "score"],
    }
    for seed in range(10):
        answer = client.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": "Review a movie about cats"}],
            response_format={"type": "json_schema", "json_schema": {"name": "review", "schema": schema}},
            seed=seed,
        )
        review = json.loads(answer.choices[0].message.content)
        assert len(review["title"]) <= 12 and len(review["tags"]) == 2 and all(len(t) <= 8 for t in review["tags"])
        assert 1 <= review["score"] <= 5


def test_a_required_tool_call_always_has_valid_arguments(client):
    for seed in range(20):
        choice = client.chat.completions.create(
            model=MODEL,
            messages=[{"role": "user", "content": "Hola"}],
            tools=[WEATHER],
            tool_choice="required",
            temperature=0.7,
            seed=seed,
        ).choices[0]
        (call,) = choice.message.tool_calls
        assert choice.finish_reason == "tool_calls" and choice.message.content is None
        assert call.function.name == "get_weather" and call.id.startswith("call_")
        WeatherArguments.model_validate_json(call.function.arguments)


def called(client, question: str, seed: int) -> list[str]:
    message = (
        client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": question}], tools=[WEATHER, CAT_FACT], seed=seed
        )
        .choices[0]
        .message
    )
    return [call.function.name for call in message.tool_calls or []]


def test_auto_calls_the_weather_tool_for_weather_and_answers_a_haiku_in_text(client):
    weather = [
        called(client, q, seed)
        for q in ("What's the weather in Madrid?", "¿Qué tiempo hace en Lima?")
        for seed in range(10)
    ]
    haiku = [called(client, "Write a haiku about the moon", seed) for seed in range(20)]
    assert sum(calls == ["get_weather"] for calls in weather) >= 18, weather
    assert sum(calls == [] for calls in haiku) >= 18, haiku


def test_the_whole_loop_a_call_its_result_and_an_answer_that_uses_it(client):
    messages = [{"role": "user", "content": "What's the weather in Madrid?"}]
    first = client.chat.completions.create(model=MODEL, messages=messages, tools=[WEATHER]).choices[0].message
    (call,) = first.tool_calls
    assert json.loads(call.function.arguments)["city"] == "Madrid"
    result = {"city": "Madrid", "degrees": 21, "unit": "celsius", "sky": "sunny"}  # what the app's get_weather gives
    messages += [
        first.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)},
    ]
    final = client.chat.completions.create(model=MODEL, messages=messages, tools=[WEATHER]).choices[0]
    assert final.finish_reason == "stop" and not final.message.tool_calls
    assert "21" in final.message.content and "Madrid" in final.message.content


def test_a_streamed_call_arrives_as_deltas_the_sdk_assembles(client):
    with client.chat.completions.stream(
        model=MODEL,
        messages=[{"role": "user", "content": "Weather in Lima, please"}],
        tools=[WEATHER],
        tool_choice={"type": "function", "function": {"name": "get_weather"}},
    ) as stream:
        for _ in stream:
            pass
        final = stream.get_final_completion().choices[0]
    assert final.finish_reason == "tool_calls"
    assert WeatherArguments.model_validate_json(final.message.tool_calls[0].function.arguments).city == "Lima"


@pytest.mark.parametrize(
    "options, param",
    [
        ({"tool_choice": "required"}, "tool_choice"),  # a choice with no tools
        ({"tools": [WEATHER], "tool_choice": {"type": "function", "function": {"name": "nope"}}}, "tool_choice"),
        ({"tools": [{"type": "function", "function": {"name": "bad name!"}}]}, "tools[0].function.name"),
        (
            {"response_format": {"type": "json_schema", "json_schema": {"schema": {}}}},
            "response_format.json_schema.name",
        ),
    ],
)
def test_what_it_cannot_honour_gets_openais_400(client, options, param):
    with pytest.raises(openai.BadRequestError) as refused:
        client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hola"}], **options)
    assert refused.value.body["param"] == param


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "properties": {"a": 5, "b": {"type": "array", "items": [1]}}, "required": "ab"},
        {"$ref": "#/$defs/A", "$defs": {"A": {"$ref": "#/$defs/A"}}},  # a reference to itself
        {"type": "array", "minItems": 10**9, "items": {"type": "integer", "minimum": "5"}},
        {"type": "string", "minLength": 500, "maxLength": -3},
        {"anyOf": []},
    ],
)
def test_a_hostile_schema_gets_an_answer_that_parses_or_is_cut_never_a_crash(client, schema):
    choice = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Hola"}],
        max_tokens=60,
        response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": schema}},
    ).choices[0]
    if choice.finish_reason != "length":  # (cut at max_tokens, JSON stays unfinished, as OpenAI's does)
        json.loads(choice.message.content)  # raises if it does not parse
