"""OpenAI's Responses API on the builtin /v1, with the openai SDK as the lesson's newer scripts call it: plain,
streamed (typed events the SDK assembles), structured (parse with a pydantic model), and a conversation carried by
previous_response_id."""

from typing import Literal

import openai
import pytest
from pydantic import BaseModel


class Cat(BaseModel):
    name: str
    age: int
    colour: Literal["grey", "black"]


@pytest.fixture(scope="module")
def client(builtin_url):
    return openai.OpenAI(base_url=builtin_url, api_key="no-key-needed", max_retries=0)


def test_a_response_from_text_with_instructions(client):
    response = client.responses.create(
        model="builtin-tiny",
        instructions="Talk like a pirate.",
        input="What is a cat?",
        max_output_tokens=60,
        temperature=0,
    )
    assert response.status in ("completed", "incomplete") and response.output_text.strip()
    assert response.usage.output_tokens <= 60 and response.usage.input_tokens > 0
    assert (
        "Arr" in response.output_text or "matey" in response.output_text
    )  # the instructions: a system message (greedy: the same reply every run)


def test_a_cut_response_says_so(client):
    response = client.responses.create(model="builtin-tiny", input="Tell me about cats", max_output_tokens=3)
    assert response.status == "incomplete" and response.incomplete_details.reason == "max_output_tokens"


def test_a_streamed_response_arrives_as_typed_events_the_sdk_assembles(client):
    with client.responses.stream(model="builtin-tiny", input="Hola", max_output_tokens=400) as stream:
        kinds = [event.type for event in stream]
        final = stream.get_final_response()
    assert kinds[0] == "response.created" and kinds[-1] == "response.completed"
    assert "response.output_text.delta" in kinds and final.output_text.strip()


def test_parse_with_a_pydantic_model(client):
    parsed = client.responses.parse(model="builtin-tiny", input="My grey cat Tom is 3.", text_format=Cat)
    assert parsed.output_parsed == Cat(name="Tom", age=3, colour="grey")


def test_previous_response_id_carries_the_conversation_and_an_unknown_one_is_a_400(client):
    first = client.responses.create(model="builtin-tiny", input="Escribe un haiku sobre un gato", max_output_tokens=30)
    second = client.responses.create(
        model="builtin-tiny", input="¿Y otro?", previous_response_id=first.id, max_output_tokens=30
    )
    assert second.previous_response_id == first.id and second.usage.input_tokens > first.usage.input_tokens
    with pytest.raises(openai.BadRequestError) as unknown:
        client.responses.create(model="builtin-tiny", input="Hola", previous_response_id="resp_nope")
    assert unknown.value.body["param"] == "previous_response_id"
