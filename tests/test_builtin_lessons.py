"""The builtin model responds to its context: personas, few-shot formats, copied text and JSON mode — each
reply still sampled from the distribution the model reports."""

import json

import openai
import pytest

from benchmarks.builtin_lessons import reply as sampled_reply
from components.builtin_model.api import parse
from components.builtin_model.generation import Piece, run_choice
from components.builtin_model.model import NGramModel
from components.i18n import preset

MODEL = "builtin-tiny"


@pytest.fixture(scope="module")
def model():
    return NGramModel.load()


def reply(model: NGramModel, messages: list[dict], index: int, **options) -> str:
    """Sample `index` of a request with a seed: a share such as "6 of 8 follow the format" is then the same on every
    run (unseeded, a format the model follows 95% of the time missed it three times in eight once in ~250 runs)."""
    return sampled_reply(model, messages, index, **{"seed": 7, **options})


def ask(lang: str, system: str | None = None) -> list[dict]:
    question = {"role": "user", "content": preset("persona_question", lang)}
    return [{"role": "system", "content": system}, question] if system else [question]


@pytest.mark.parametrize(
    "lang, persona, marks",
    [
        ("es", "yoda", ["Mmm.", "padawan"]),
        ("en", "pirate", ["Arr", "matey"]),
        ("es", "teacher", ["Definición", "En resumen"]),
        ("en", "eli10", ["Imagine"]),
        ("en", "chespirito", ["That, that", "without wanting"]),
    ],
)
def test_a_persona_system_message_shows_in_the_reply(model, lang, persona, marks):
    with_persona = [reply(model, ask(lang, preset("personas", lang)[persona]), i) for i in range(6)]
    without = [reply(model, ask(lang), i) for i in range(6)]
    assert sum(any(mark in text for mark in marks) for text in with_persona) >= 4, with_persona
    assert not any(mark in text for text in without for mark in marks), without


def test_the_system_message_is_not_the_topic(model):
    yoda = [{"role": "system", "content": preset("personas", "en")["yoda"]}, {"role": "user", "content": "Hi"}]
    assert parse({"model": MODEL, "messages": yoda}, model).plan.topic == "chat"


def few_shot(prefix: str) -> list[dict]:
    pairs = [("Capital of Brazil?", "Brasilia."), ("Legs of a spider?", "eight."), ("Colour of the sky?", "blue.")]
    turns = [
        m for q, a in pairs for m in ({"role": "user", "content": q}, {"role": "assistant", "content": f"{prefix} {a}"})
    ]
    return [*turns, {"role": "user", "content": "Largest planet?"}]


def test_few_shot_examples_set_the_format(model):
    followed = [reply(model, few_shot("Short answer:"), i).startswith("Short answer:") for i in range(8)]
    zero_shot = [reply(model, [{"role": "user", "content": "Largest planet?"}], i) for i in range(8)]
    assert sum(followed) >= 6 and not any(text.startswith("Short answer:") for text in zero_shot)
    greedy = {"temperature": 0}
    assert reply(model, few_shot("Short answer:"), 0, **greedy) != reply(model, few_shot("")[-1:], 0, **greedy)


def test_a_text_to_work_on_is_reused(model):
    sentence = "Emperor penguins live in Antarctica and guard their eggs through the polar winter."
    replies = [reply(model, [{"role": "user", "content": f"Summarise this: {sentence}"}], i) for i in range(6)]
    reused = [sum(word in text for word in ("penguins", "Antarctica", "eggs", "polar", "winter")) for text in replies]
    assert sum(count >= 3 for count in reused) >= 4, replies


def ask_json(lang: str) -> list[dict]:
    return ask(lang, {"en": "Answer in JSON.", "es": "Responde en JSON."}[lang])


@pytest.mark.parametrize("max_tokens", [5, 12, 80, None])
def test_json_mode_parses_unless_cut_and_a_cut_says_length(model, max_tokens):
    """As OpenAI's JSON mode: the reply is valid JSON when it ends by itself; max_tokens cuts it ("length")."""
    finishes = []
    for i in range(25):
        body = {"model": MODEL, "messages": ask_json("en"), "temperature": 0.7, "max_tokens": max_tokens, "seed": i}
        body["response_format"] = {"type": "json_object"}
        events = list(run_choice(model, parse(body, model).plan, i))
        text, finish = "".join(e.text for e in events if isinstance(e, Piece)), events[-1]
        finishes.append(finish.reason)
        if finish.reason == "stop":
            assert isinstance(json.loads(text), dict), text
        else:
            assert finish.reason == "length" and finish.completion_tokens == max_tokens, (finish, text)
    if max_tokens is None:  # it ends by itself within its own length
        assert finishes == ["stop"] * 25
    if max_tokens == 5:  # most JSON objects take more: they are cut, not closed early
        assert finishes.count("length") >= 10, finishes


def test_json_mode_needs_the_word_json_and_only_response_format_turns_it_on(model):
    from components.builtin_model.api_error import ApiError

    body = {"model": MODEL, "messages": ask("es"), "response_format": {"type": "json_object"}}
    with pytest.raises(ApiError, match="must contain the word 'json'") as refused:
        parse(body, model)
    assert refused.value.status == 400
    mention = [{"role": "system", "content": "You explain JSON to beginners."}, *ask("en")]
    for i in range(10):  # a system message that mentions JSON is no JSON mode
        text = reply(model, mention, i)
        with pytest.raises(ValueError):
            json.loads(text)


def test_a_system_message_asking_for_json_gets_json(model):
    for lang in ("es", "en"):
        for i in range(10):
            assert isinstance(json.loads(reply(model, ask(lang, preset("personas", lang)["json"]), i)), dict)


def test_json_mode_reports_the_distribution_it_samples_from(model):
    body = {"model": MODEL, "messages": ask_json("en"), "max_tokens": 30, "logprobs": True, "top_logprobs": 5}
    body["response_format"] = {"type": "json_object"}
    pieces = [p for p in run_choice(model, parse(body, model).plan, 0) if isinstance(p, Piece)]
    entries = [entry for piece in pieces for entry in piece.logprobs]
    assert entries[0]["token"] == "{" and entries[0]["logprob"] == pytest.approx(0.0)  # the only token that fits
    for entry in entries:
        assert sum(2.718281828 ** alt["logprob"] for alt in entry["top_logprobs"]) <= 1.0 + 1e-9


def test_json_mode_over_http_through_the_sdk(builtin_url):
    client = openai.OpenAI(base_url=builtin_url, api_key="x", max_retries=0)
    messages = [{"role": "user", "content": "Describe a cat as JSON"}]
    response = client.chat.completions.create(model=MODEL, messages=messages, response_format={"type": "json_object"})
    assert isinstance(json.loads(response.choices[0].message.content), dict)
    assert response.choices[0].finish_reason == "stop"
    stream = client.chat.completions.create(
        model=MODEL, messages=messages, response_format={"type": "json_object"}, stream=True
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert isinstance(json.loads(text), dict)
    cut = client.chat.completions.create(  # (seeded: some JSON objects take 2 tokens, "{}")
        model=MODEL, messages=messages, response_format={"type": "json_object"}, max_tokens=3, seed=1
    )
    assert cut.choices[0].finish_reason == "length" and cut.usage.completion_tokens == 3
    with pytest.raises(openai.BadRequestError, match="word 'json'"):
        client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "A cat"}], response_format={"type": "json_object"}
        )
    with pytest.raises(openai.BadRequestError, match="response_format"):
        client.chat.completions.create(model=MODEL, messages=messages, response_format={"type": "yaml"})
