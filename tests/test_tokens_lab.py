"""Tokens and the next token: OpenAI's encodings offline with tiktoken's IDs, the builtin tokenizer, the
lab's arithmetic, /tokenize and /next_token through gradio_client on the builtin host and on a fake host
(with, refusing and omitting logprobs), and the builtin model sampling what it reports."""

import collections
import math
import random

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from components.builtin_model.api import parse
from components.builtin_model.generation import Piece, run_choice
from components.builtin_model.model import NGramModel
from components.lessons.next_token import draw, reshape, shaded_tokens
from components.lessons.tokens import encoding_for, tokenize


@pytest.mark.parametrize(
    "text, encoding, ids",
    [
        ("Hello world", "o200k_base", [13225, 2375]),
        ("Hello world", "cl100k_base", [9906, 1917]),
        ("Hablaremos de los LLMs", "o200k_base", [39, 18122, 32127, 334, 1403, 451, 19641, 82]),
    ],
)
def test_openai_encodings_give_tiktokens_ids_offline(text, encoding, ids):
    found = tokenize(text, encoding)
    assert [t["id"] for t in found] == ids and "".join(t["token"] for t in found) == text


def test_the_builtin_tokenizer_and_partial_characters():
    found = tokenize("Hola, ¿cómo estás? 🐱", "builtin")
    assert "".join(t["token"] for t in found) == "Hola, ¿cómo estás? 🐱"
    emoji = tokenize("🐱", "o200k_base")  # one character, several tokens: each shows its bytes
    assert len(emoji) > 1 and all(t["token"].startswith("\\x") for t in emoji)


def test_spanish_costs_more_tokens_than_english():
    for encoding in ("o200k_base", "cl100k_base", "builtin"):
        spanish = tokenize("Hablaremos de los modelos de lenguaje y de cómo predicen el siguiente token.", encoding)
        english = tokenize("We will talk about language models and how they predict the next token.", encoding)
        assert len(spanish) > len(english), encoding


def test_the_encoding_follows_the_model():
    assert encoding_for("gpt-4o-mini") == encoding_for("gpt-5") == encoding_for("o3") == "o200k_base"
    assert encoding_for("gpt-4") == encoding_for("gpt-3.5-turbo") == "cl100k_base"
    assert encoding_for("builtin-tiny") == "builtin"


def test_shaded_tokens_escape_markup():
    html = shaded_tokens([{"token": "<b>", "id": 1}, {"token": " x", "id": 2}])
    assert "&lt;b&gt;" in html and "<b>" not in html.replace("<sub>", "") and "<sub>2</sub>" in html


def test_temperature_and_top_p_reshape_the_returned_candidates():
    candidates = [{"token": t, "logprob": math.log(p)} for t, p in (("a", 0.5), ("b", 0.3), ("c", 0.2))]
    same = reshape(candidates, 1.0, 1.0)
    assert [round(r["shaped"], 3) for r in same] == [0.5, 0.3, 0.2] and all(r["kept"] for r in same)
    sharp = reshape(candidates, 0.5, 1.0)  # p^(1/T), renormalised over these three
    assert [round(r["shaped"], 3) for r in sharp] == [0.658, 0.237, 0.105]
    nucleus = reshape(candidates, 1.0, 0.6)  # the smallest set reaching 0.6: a and b
    assert [r["kept"] for r in nucleus] == [True, True, False]
    assert [r["kept"] for r in reshape(candidates, 0, 1.0)] == [True, False, False]
    rng = random.Random(0)
    assert {draw(candidates, 1.0, 0.6, rng)["token"] for _ in range(200)} == {"a", "b"}


def test_the_builtin_model_samples_what_it_reports():
    model = NGramModel.load()
    body = {"model": "builtin-tiny", "messages": [{"role": "user", "content": "Tell me about cats"}]}
    body.update(max_tokens=1, logprobs=True, top_logprobs=5)
    counts, reported, samples = collections.Counter(), {}, 4000
    for seed in range(samples):
        (entry,) = [
            e for p in run_choice(model, parse(body, model).plan, seed) if isinstance(p, Piece) for e in p.logprobs
        ]
        assert len(entry["top_logprobs"]) == 5  # exactly as many alternatives as asked, every time
        counts[entry["token"]] += 1
        reported.update({alt["token"]: math.exp(alt["logprob"]) for alt in entry["top_logprobs"]})
    for token, probability in reported.items():
        spread = 4 * math.sqrt(probability * (1 - probability) / samples) + 1e-3
        assert abs(counts[token] / samples - probability) < spread, (token, probability, counts[token])
    assert all(0 < p < 1 for p in reported.values())  # never exactly 0 or 1


def test_every_token_keeps_some_probability():
    model = NGramModel.load()
    body = {"model": "builtin-tiny", "messages": [{"role": "user", "content": "Hola"}], "max_tokens": 30}
    body.update(logprobs=True, top_logprobs=20, seed=3)
    entries = [e for p in run_choice(model, parse(body, model).plan, 0) if isinstance(p, Piece) for e in p.logprobs]
    assert entries and all(len(e["top_logprobs"]) == 20 for e in entries)
    assert all(-40 < alt["logprob"] < 0 for e in entries for alt in e["top_logprobs"])


def test_tokenize_and_next_token_on_the_builtin_host(app_client):
    assert app_client.predict("Hello world", api_name="/tokenize") == [
        {"token": "Hello", "id": 13225},
        {"token": " world", "id": 2375},
    ]
    candidates = app_client.predict("Tell me about cats", top_logprobs=5, api_name="/next_token")
    assert len(candidates) == 5 and candidates[0]["probability"] >= candidates[-1]["probability"]
    assert all(abs(math.exp(c["logprob"]) - c["probability"]) < 1e-9 for c in candidates)
    continued = app_client.predict("Tell me about cats", reply_so_far="The cat", api_name="/next_token")
    assert continued != candidates  # the reply so far changes what comes next


def test_next_token_on_a_fake_host_asks_for_one_token_with_logprobs(app_client, session_fake_host):
    candidates = app_client.predict("Hi", top_logprobs=50, host="custom", api_name="/next_token")
    body = session_fake_host.seen[-1].body
    assert body == {
        "model": "fake-model-b",
        "messages": [{"role": "user", "content": "Hi"}],
        "temperature": 0,  # the token written is the likeliest (the end of the reply only when it is)
        "max_tokens": 1,
        "logprobs": True,
        "top_logprobs": 20,  # clamped to what the host accepts
    }
    assert [c["token"] for c in candidates[:2]] == ["Patitas", "alt1"] and len(candidates) == 20


def test_the_next_token_does_not_end_the_reply_while_other_tokens_are_likelier(app_client):
    """After "Whiskers" the builtin model ends its reply one time in twenty when it samples: the lab stopped
    ("The model ends its reply here") with ten candidates to offer."""
    for _ in range(60):
        candidates = app_client.predict("Write a haiku about a cat", reply_so_far="Whiskers", api_name="/next_token")
        assert len(candidates) == 10


@pytest.mark.parametrize("model", ["refuses-logprobs", "silent-logprobs"])
def test_a_host_without_logprobs_is_named_in_both_languages(launched_app, app_client, model):
    with pytest.raises(AppError, match=f"did not return token probabilities for '{model}'.*builtin model"):
        app_client.predict("Hi", host="custom", model=model, api_name="/next_token")
    spanish = Client(
        launched_app[0].local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es"}
    )
    with pytest.raises(AppError, match="no devolvió las probabilidades"):
        spanish.predict("Hi", host="custom", model=model, api_name="/next_token")


def test_unknown_encoding_is_refused(app_client):
    with pytest.raises(AppError, match="Unknown encoding 'p50k'"):
        app_client.predict("x", "p50k", api_name="/tokenize")


def test_a_system_message_shifts_the_next_token(app_client):
    from components.i18n import preset

    question = preset("persona_question", "en")
    plain = app_client.predict(question, top_logprobs=5, api_name="/next_token")
    yoda = app_client.predict(question, system_prompt=preset("personas", "en")["yoda"], api_name="/next_token")
    assert yoda[0]["token"] == "H" and yoda[0]["probability"] > 0.5  # the first piece of "Hmm."
    assert all(c["token"] != "H" or c["probability"] < 0.05 for c in plain)
