"""The builtin model answers what students type, over its /v1 with the openai SDK: a persona named in any phrasing,
instructions of form it can follow, no reply repeating an earlier turn whole, and a pace a class can watch."""

import asyncio
import time

import openai
import pytest

from benchmarks.free_text import MARKS, bullets, no_emoji, persona, repeats_a_turn, sentence_count, upper, yes_or_no
from components.builtin_model.context import persona_names, read_personas
from components.builtin_model.instructions import read_instructions
from components.classroom.access import Caller, current_caller
from components.classroom.playground import Playground
from components.core.settings import PACE_HEADER, GenerationSettings

SAMPLES = 8


@pytest.fixture(scope="module")
def client(builtin_url):
    return openai.OpenAI(base_url=builtin_url, api_key="no-key-needed", max_retries=0)


def answers(client, system: str, user: str, samples: int = SAMPLES) -> list[str]:
    """Replies at temperature 0.7, seeded: the same samples every run (a share is measured, not a coin tossed)."""
    messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
    return [
        client.chat.completions.create(model="builtin-tiny", messages=messages, temperature=0.7, max_tokens=200, seed=i)
        .choices[0]
        .message.content
        for i in range(samples)
    ]


@pytest.mark.parametrize(
    "lang, system, name",
    [
        ("es", "Responde como un pirata 🏴‍☠️", "pirate"),  # the lesson's own example
        ("es", "🏴‍☠️", "pirate"),  # an emoji alone
        ("es", "Eres un pirata. Habla siempre como un pirata.", "pirate"),
        ("en", "Talk like a pirate.", "pirate"),
        ("en", "You are Yoda.", "yoda"),
        ("es", "Responde como Yoda.", "yoda"),
        ("es", "Responde como un profesor formal", "teacher"),
        ("en", "Explain it like I'm 10.", "eli10"),
        ("es", "Habla como Chespirito", "chespirito"),
    ],
)
def test_a_persona_named_in_any_phrasing_shows(client, lang, system, name):
    question = {"es": "¿Qué es un gato?", "en": "What is a cat?"}[lang]
    marked = persona(name, lang)
    with_it = [marked(text) for text in answers(client, system, question)]
    without = [marked(text) for text in answers(client, "", question)]
    assert sum(with_it) >= 0.75 * SAMPLES and sum(without) <= 0.15 * SAMPLES, (with_it, without)


@pytest.mark.parametrize(
    "system, user, check",
    [
        ("", "¿Qué es un gato? Responde en una frase.", sentence_count(1)),
        ("", "Describe a cat in two sentences.", sentence_count(2)),
        ("", "Explica los gatos en tres viñetas", bullets(3)),
        ("Answer in four bullet points.", "What is a language model?", bullets(4)),
        ("", "RESPONDE EN MAYÚSCULAS: ¿qué es un token?", upper),
        ("Don't use emojis.", "Write a haiku about a hungry cat", no_emoji),
        ("Responde solo sí o no.", "¿Los gatos duermen mucho?", yes_or_no),
        ("Answer like Shakespeare, in capital letters.", "What is a cat?", upper),  # a style it lacks: the register
    ],
)
def test_instructions_of_form_are_followed(client, system, user, check):
    replies = answers(client, system, user)
    assert sum(map(check, replies)) >= 0.75 * SAMPLES, replies


def language_of(text: str) -> str:
    """By the commonest words of each language (the model's own detector would be judging itself)."""
    words = text.lower().replace("¿", " ").replace("¡", " ").split()
    english = sum(w in {"the", "a", "is", "i", "you", "and", "to", "of", "it"} for w in words)
    spanish = sum(w in {"el", "la", "es", "un", "una", "y", "de", "que", "en", "los"} for w in words)
    return "en" if english > spanish else "es"


def test_answer_in_the_language_asked_for(client):
    english = answers(client, "", "Responde en inglés: ¿qué es un gato?", 4)
    spanish = answers(client, "", "Answer in Spanish: what is a cat?", 4)
    assert [language_of(text) for text in english + spanish] == ["en"] * 4 + ["es"] * 4, english + spanish


def test_the_instructions_are_read_by_stems_accents_and_emoji_not_by_sentence():
    names = persona_names(read_personas())
    assert set(names) == set(MARKS)  # every persona has marks to be measured by
    read = lambda system, user="": read_instructions(system, user, names)  # noqa: E731
    assert read("RESPONDE COMO UN PIRATA").personas == read("responde como un pirata").personas == ("pirate",)
    assert read("Sé un 🏴‍☠️").personas == ("pirate",) and read("como si tuviera 9 años").personas == ("eli10",)
    assert read("", "en TRES VIÑETAS").bullets == read("", "in 3 bullet points").bullets == 3
    assert read("", "in capital letters").upper and read("", "en mayusculas").upper
    assert read("", "sin emojis").no_emoji and not read("Usa muchos emojis").no_emoji
    assert read("Habla como un robot").unknown_persona == "robot" and read("Habla como un robot").personas == ()
    assert read("Eres un asistente útil que usa emojis.") == read("")  # an ordinary system message asks nothing
    assert read("Ten cuidado con el tono").personas == ()  # "ten" here is a verb, not an age


HISTORIES = [
    ("Hola", "¡Miau! ¿Qué tal?", "¿Y el atún?"),
    ("Tell me about cats", "Cats sleep for most of the day.", "More"),
]


@pytest.mark.parametrize("turns", HISTORIES)
def test_no_reply_repeats_an_earlier_turn_whole(client, turns):
    messages = [{"role": ("user", "assistant")[i % 2], "content": text} for i, text in enumerate(turns)]
    replies = [
        client.chat.completions.create(model="builtin-tiny", messages=messages, temperature=0.7, seed=i)
        .choices[0]
        .message.content
        for i in range(20)
    ]
    assert not any(repeats_a_turn(text, turns) for text in replies), replies


def test_a_stream_asks_for_a_pace_and_v1_is_full_speed_otherwise(client):
    def timed(**options) -> tuple[float, int]:
        started, tokens = time.perf_counter(), 0
        stream = client.chat.completions.create(
            model="builtin-tiny",
            messages=[{"role": "user", "content": "Hola"}],
            max_tokens=20,
            stream=True,
            stream_options={"include_usage": True},
            extra_body={"ignore_eos": True},
            **options,
        )
        for chunk in stream:  # (a token that is part of a character sends no text of its own: usage counts it)
            tokens = chunk.usage.completion_tokens if chunk.usage else tokens
        return time.perf_counter() - started, tokens

    paced, tokens = timed(extra_headers={PACE_HEADER: "20"})
    full, _ = timed()
    assert tokens == 20 and paced >= 20 / 20 * 0.9 and full < paced / 2, (paced, full)
    for wrong in ("fast", "0.001", "nan", "1e9"):  # a stream held open for hours is no pace either
        with pytest.raises(openai.BadRequestError) as refused:
            timed(extra_headers={PACE_HEADER: wrong})
        assert PACE_HEADER in refused.value.body["message"]


def test_the_page_streams_the_builtin_host_at_its_pace_and_the_api_at_full_speed(fake_host):
    assert Playground({}).page_pace == 25 and Playground({"BUILTIN_TOKENS_PER_S": "0"}).page_pace is None
    assert Playground({"BUILTIN_TOKENS_PER_S": "fast"}).page_pace == 25  # (said in the log)
    playground = Playground({}, builtin_url=f"{fake_host.url}/v1")  # the builtin host's calls reach the fake
    request = playground.request("builtin", "", [{"role": "user", "content": "Hola"}], GenerationSettings())

    async def stream_as(caller: Caller | None, pace: float | None = None) -> None:
        current_caller.set(caller)
        async for _ in playground.stream(request, pace):
            pass

    asyncio.run(stream_as(Caller(pace=playground.page_pace)))  # a page's run
    asyncio.run(stream_as(Caller()))  # an API call
    asyncio.run(stream_as(Caller(pace=25), pace=0))  # the Streaming tab's setting at 0: full speed
    sent = [seen.headers.get(PACE_HEADER.lower()) for seen in fake_host.seen]
    assert sent == ["25", None, None]
