"""The builtin /v1 beyond chat, with the openai SDK: one model's card, and the legacy completions API (a prompt
continued), whole and streamed — what LlamaIndex's OpenAILike calls by default."""

import openai
import pytest


@pytest.fixture(scope="module")
def client(builtin_url):
    return openai.OpenAI(base_url=builtin_url, api_key="no-key-needed", max_retries=0)


def test_one_models_card_and_a_404_for_a_model_it_does_not_have(client):
    card = client.models.retrieve("builtin-tiny")
    assert card.id == "builtin-tiny" and card.object == "model"
    with pytest.raises(openai.NotFoundError) as missing:
        client.models.retrieve("gpt-9")
    assert missing.value.body["code"] == "model_not_found"


def test_a_prompt_is_continued_within_openais_default_of_16_tokens(client):
    answer = client.completions.create(model="builtin-tiny", prompt="A cat is a small", seed=1)
    (choice,) = answer.choices
    assert answer.object == "text_completion" and choice.text.strip()
    assert not choice.text.startswith("A cat is a small")  # the continuation only (no echo)
    assert 0 < answer.usage.completion_tokens <= 16 and choice.finish_reason in ("stop", "length")
    again = client.completions.create(model="builtin-tiny", prompt="A cat is a small", seed=1)
    assert again.choices[0].text == choice.text  # a seed gives the same continuation


def test_a_streamed_completion_arrives_in_pieces_that_make_the_whole(client):
    stream = client.completions.create(
        model="builtin-tiny",
        prompt="Los gatos",
        max_tokens=12,
        stream=True,
        seed=2,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    pieces = [c.choices[0].text for c in chunks if c.choices]
    whole = client.completions.create(model="builtin-tiny", prompt="Los gatos", max_tokens=12, seed=2)
    assert len(pieces) > 3 and "".join(pieces) == whole.choices[0].text
    assert chunks[-1].usage.completion_tokens == whole.usage.completion_tokens


@pytest.mark.parametrize("wrong", [{"prompt": ["a", "b"]}, {"prompt": "Hola", "echo": True}, {"prompt": 5}])
def test_what_it_cannot_do_gets_a_400(client, wrong):
    with pytest.raises(openai.BadRequestError):
        client.completions.create(model="builtin-tiny", **wrong)


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))  # (both have length 1)


def test_embeddings_bring_texts_that_share_words_close_and_say_nothing_of_meaning(client):
    texts = ["el gato hambriento quiere atún", "un gato con hambre quiere su atún", "a hungry cat wants tuna"]
    answer = client.embeddings.create(model="builtin-tiny", input=texts)  # (the SDK asks for base64, and decodes)
    spanish, spanish_too, english = (item.embedding for item in answer.data)
    assert len(spanish) == 256 and abs(cosine(spanish, spanish) - 1) < 1e-4
    assert cosine(spanish, spanish_too) > 0.3 > cosine(spanish, english)  # shared words, not shared meaning
    floats = client.embeddings.create(model="builtin-tiny", input=texts[0], encoding_format="float")
    assert all(abs(a - b) < 1e-6 for a, b in zip(floats.data[0].embedding, spanish))  # (base64 is float32)
    assert answer.usage.prompt_tokens > 0
    short = client.embeddings.create(model="builtin-tiny", input="gato", dimensions=64)
    assert len(short.data[0].embedding) == 64
    assert client.embeddings.create(model="builtin-tiny", input=[[300, 301]]).data[0].embedding  # token ids
    for wrong in ([""], [10**9], [[-5]], [True]):  # (ids it does not have: refused, not read from the end)
        with pytest.raises(openai.BadRequestError):
            client.embeddings.create(model="builtin-tiny", input=wrong)
