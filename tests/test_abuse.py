"""One visitor cannot freeze or flood a shared copy: each heavy request of issue 19, sent over HTTP, gets a clear
OpenAI-shaped 4xx or a bounded answer (speed itself is measured by benchmarks/abuse.py, not here)."""

import base64
import json
import random
import string
import zlib

import httpx2
import pytest
from openai import BadRequestError, OpenAI

from components.builtin_model.tokenizer import MAX_CHUNK_CHARS, Tokenizer, split_chunks
from components.classroom.setups import MAX_SETUP_CHARS, decode_setup, encode_setup


@pytest.fixture(scope="module")
def client(builtin_url):
    return OpenAI(base_url=builtin_url, api_key="no-key-needed", max_retries=0)


def pasted_blob(characters: int) -> str:
    """Like a pasted base64 image or a minified file: one unbroken "word"."""
    return "".join(random.Random(7).choices(string.ascii_letters, k=characters))


def test_a_long_unbroken_word_is_cut_before_merging_and_words_tokenise_as_before():
    blob = pasted_blob(13_000)
    assert max(len(chunk) for chunk in split_chunks(blob)) == MAX_CHUNK_CHARS
    assert "".join(split_chunks(blob)) == blob
    tokenizer = Tokenizer.load()
    assert tokenizer.decode(tokenizer.encode(blob)) == blob
    sentence = "El gato duerme sobre el teclado mientras aprendemos Python."
    assert split_chunks(sentence) == [" " * (i > 0) + w for i, w in enumerate(sentence[:-1].split())] + ["."]


def test_the_pasted_blob_answers_through_v1(client):
    blob = pasted_blob(6_000)
    answer = client.chat.completions.create(
        model="builtin-tiny", messages=[{"role": "user", "content": blob}], max_tokens=5
    )
    assert answer.usage.prompt_tokens > 100 and answer.choices[0].finish_reason in ("length", "stop")


def test_too_much_output_at_once_is_refused(client):
    with pytest.raises(BadRequestError) as caught:
        client.chat.completions.create(
            model="builtin-tiny",
            messages=[{"role": "user", "content": "Hola"}],
            n=8,
            max_tokens=8000,
            logprobs=True,
            top_logprobs=20,
        )
    most = 65_536 // (8 * 21)  # n × (top_logprobs + 1) entries per token
    assert caught.value.body["param"] == "max_tokens" and f"at most {most}." in caught.value.body["message"]
    # unset max_tokens: the answer stops at the budget instead
    answer = client.chat.completions.create(
        model="builtin-tiny",
        messages=[{"role": "user", "content": "Hola"}],
        n=8,
        logprobs=True,
        top_logprobs=20,
        extra_body={"ignore_eos": True},
    )
    assert {c.finish_reason for c in answer.choices} == {"length"}
    assert answer.usage.completion_tokens <= 8 * most


def test_the_pages_largest_request_still_fits(client):
    answer = client.chat.completions.create(
        model="builtin-tiny",
        messages=[{"role": "user", "content": "Hola"}],
        n=5,
        max_tokens=2048,
        logprobs=True,
        top_logprobs=5,
    )
    assert len(answer.choices) == 5


def test_a_prompt_far_over_the_window_is_refused_before_tokenising(client):
    with pytest.raises(BadRequestError) as caught:
        client.chat.completions.create(model="builtin-tiny", messages=[{"role": "user", "content": "gato " * 80_000}])
    assert caught.value.body["code"] == "context_length_exceeded"


def test_a_body_over_the_cap_is_refused(builtin_url):
    body = json.dumps({"model": "builtin-tiny", "messages": [{"role": "user", "content": "x" * (9 << 20)}]})
    answer = httpx2.post(f"{builtin_url}/chat/completions", content=body, timeout=30)
    assert answer.status_code == 413 and "8 MB" in answer.json()["error"]["message"]
    for bad in (b"[" * 100_000, b"[1, 2]", b"null"):
        answer = httpx2.post(f"{builtin_url}/chat/completions", content=bad, timeout=30)
        assert answer.status_code == 400 and answer.json()["error"]["message"]


def test_share_link_bombs_unpack_to_nothing():
    assert decode_setup(encode_setup({"prompt": "Escribe un haiku", "temperature": 0.7})) == {
        "prompt": "Escribe un haiku",
        "temperature": 0.7,
    }
    bomb = base64.urlsafe_b64encode(zlib.compress(json.dumps({"prompt": "the " * 3_000_000}).encode(), 9)).decode()
    assert len(bomb) <= MAX_SETUP_CHARS and decode_setup(bomb.rstrip("=")) is None
    nested = base64.urlsafe_b64encode(zlib.compress(b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}", 9)).decode()
    assert decode_setup(nested.rstrip("=")) is None
    assert decode_setup(encode_setup({"a": [[["too deep"]]]})) is None


def test_a_chain_step_that_repeats_a_long_input_is_refused(app_client):
    from gradio_client.exceptions import AppError

    from components.i18n import translate

    with pytest.raises(AppError) as caught:
        app_client.predict("gato " * 12_000, steps=["{input} " * 4], api_name="/chain")
    assert translate("step_too_long", "en", step=1, chars=240_003, most=100_000)[:40] in str(caught.value)
