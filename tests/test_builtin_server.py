"""The builtin model through the real openai SDK, over real HTTP."""

import base64
import io
import time

import openai
import pytest
from openai import OpenAI
from PIL import Image

MODEL = "builtin-tiny"


@pytest.fixture
def client(builtin_url):
    return OpenAI(base_url=builtin_url, api_key="no-key-needed", max_retries=0)


def ask(client, prompt, **kwargs):
    return client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}], **kwargs)


def test_models_lists_the_builtin_model(client):
    assert [m.id for m in client.models.list().data][0] == MODEL


def test_lesson_chat_py_works_by_changing_base_url_only(client):
    response = client.chat.completions.create(
        model=MODEL,
        temperature=0.7,
        max_tokens=30,
        n=1,
        messages=[
            {"role": "system", "content": "Eres un asistente útil que hace muchas referencias a gatos y usa emojis."},
            {"role": "user", "content": "Escribe un haiku sobre un gato hambriento que quiere atún"},
        ],
    )
    text = response.choices[0].message.content
    assert text and response.usage.completion_tokens <= 30
    assert response.usage.total_tokens == response.usage.prompt_tokens + response.usage.completion_tokens


def test_streaming_yields_tokens_then_usage(client):
    chunks = list(
        ask(client, "What is a token?", max_tokens=20, seed=5, stream=True, stream_options={"include_usage": True})
    )
    texts = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    usage = chunks[-1].usage
    assert chunks[-1].choices == [] and usage.completion_tokens == len(texts) <= 20  # one chunk per token
    finish = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finish == ["length" if len(texts) == 20 else "stop"]
    assert all(c.usage is None for c in chunks[:-1])


def test_stream_and_non_stream_agree_for_the_same_seed(client):
    kwargs = {"max_tokens": 40, "seed": 7, "temperature": 1.2}
    full = ask(client, "Tell me about cats", **kwargs).choices[0].message.content
    parts = ask(client, "Tell me about cats", stream=True, **kwargs)
    assert "".join(c.choices[0].delta.content or "" for c in parts if c.choices) == full


def test_n_returns_that_many_choices_and_counts_all_their_tokens(client):
    response = ask(client, "Write a haiku about a hungry cat", n=3, max_tokens=15, seed=1)
    assert [c.index for c in response.choices] == [0, 1, 2]
    assert response.usage.completion_tokens <= 45 and response.usage.completion_tokens > 15


def test_seed_makes_sampling_repeatable_and_different_seeds_differ(client):
    def text(seed):
        return ask(client, "Explain LLMs in one paragraph", seed=seed, temperature=1.5, max_tokens=60).choices[0]

    assert text(42).message.content == text(42).message.content
    assert len({text(s).message.content for s in range(6)}) > 1


def test_temperature_zero_is_greedy_and_deterministic(client):
    answers = {
        ask(client, "What is Python?", temperature=0, max_tokens=40).choices[0].message.content for _ in range(3)
    }
    assert len(answers) == 1


def test_max_tokens_is_an_exact_cap_with_finish_reason_length(client):
    for field in ("max_tokens", "max_completion_tokens"):
        # Greedy: a sampled reply may end by itself within 7 tokens (one run in a few hundred did)
        response = ask(client, "Explain LLMs", temperature=0, **{field: 7})
        assert response.usage.completion_tokens == 7
        assert response.choices[0].finish_reason == "length"


def test_a_reply_can_end_by_itself(client):
    response = ask(client, "Hello!", max_tokens=2000, temperature=0)
    assert response.choices[0].finish_reason == "stop"
    assert response.usage.completion_tokens < 2000


@pytest.mark.parametrize("stream", [False, True])
def test_stop_sequences_cut_the_text_before_them(client, stream):
    base = ask(client, "What is a token?", temperature=0, max_tokens=80).choices[0].message.content
    word = base.split()[6]
    kwargs = {"temperature": 0, "max_tokens": 80, "stop": ["\n\n", word]}
    if stream:
        chunks = list(ask(client, "What is a token?", stream=True, **kwargs))
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        finish = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    else:
        choice = ask(client, "What is a token?", **kwargs).choices[0]
        text, finish = choice.message.content, [choice.finish_reason]
    assert word not in text and base.startswith(text) and finish == ["stop"]


def test_logprobs_are_real_probabilities(client):
    response = ask(client, "Write a haiku about a cat", logprobs=True, top_logprobs=3, max_tokens=10, temperature=0)
    content = response.choices[0].logprobs.content
    assert "".join(t.token for t in content) == response.choices[0].message.content
    for entry in content:
        assert entry.logprob <= 0
        alternatives = [t.logprob for t in entry.top_logprobs]
        assert alternatives == sorted(alternatives, reverse=True)
        assert entry.logprob == alternatives[0]  # greedy: the chosen token is the most likely one
        assert sum(2.718281828**lp for lp in alternatives) <= 1.0001


def test_penalties_change_the_text(client):
    plain = ask(client, "Tell me about cats and tuna", temperature=0, max_tokens=80).choices[0].message.content
    penalised = (
        ask(
            client, "Tell me about cats and tuna", temperature=0, max_tokens=80, frequency_penalty=2, presence_penalty=2
        )
        .choices[0]
        .message.content
    )
    assert plain != penalised


def test_reply_depends_on_the_conversation_and_its_language(client):
    haiku = ask(client, "Escribe un haiku sobre un gato", temperature=0, max_tokens=40).choices[0].message.content
    python = ask(client, "How do I write a for loop in Python?", temperature=0, max_tokens=40)
    tokens = ask(client, "¿Qué es un token?", temperature=0, max_tokens=40).choices[0].message.content
    assert len({haiku, python.choices[0].message.content, tokens}) == 3
    assert "loop" in python.choices[0].message.content
    assert "token" in tokens


@pytest.mark.parametrize(
    "kwargs, param",
    [
        ({"temperature": 5}, "temperature"),
        ({"n": 0}, "n"),
        ({"max_tokens": -1}, "max_tokens"),
        ({"top_p": 1.5}, "top_p"),
        ({"top_logprobs": 3}, "top_logprobs"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "stop"),
    ],
)
def test_invalid_parameters_are_openai_shaped_400s(client, kwargs, param):
    with pytest.raises(openai.BadRequestError) as caught:
        ask(client, "hi", **kwargs)
    error = caught.value.body
    assert error["param"] == param and error["type"] == "invalid_request_error" and error["message"]


def test_unknown_model_is_404_and_bad_messages_are_400(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-9", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.body["code"] == "model_not_found"
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model=MODEL, messages=[])
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model=MODEL, messages=[{"role": "wizard", "content": "hi"}])


def image_url(fmt="PNG", size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, fmt)
    return f"data:image/{fmt.lower()};base64,{base64.b64encode(buffer.getvalue()).decode()}"


@pytest.mark.parametrize(
    "question, words", [("What is in this picture?", "can't see"), ("¿Qué hay en la imagen?", "No puedo ver")]
)
def test_images_are_accepted_and_answered_honestly(client, question, words):
    content = [{"type": "text", "text": question}, {"type": "image_url", "image_url": {"url": image_url()}}]
    response = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": content}])
    text = response.choices[0].message.content
    assert words in text and "PNG" in text and "64 × 48" in text


def test_a_malformed_image_data_url_is_a_400(client):
    for url in ("data:image/png;base64,@@@not-base64@@@", "data:image/png;base64," + base64.b64encode(b"hi").decode()):
        content = [{"type": "text", "text": "?"}, {"type": "image_url", "image_url": {"url": url}}]
        with pytest.raises(openai.BadRequestError) as caught:
            client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": content}])
        assert caught.value.body["param"] == "messages[0].content[1].image_url.url"


def test_faults_answer_like_a_misbehaving_host(builtin_url):
    client = OpenAI(base_url=builtin_url, api_key="x", max_retries=1)
    started = time.perf_counter()
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="fault-429", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.response.headers["retry-after"] == "1"
    assert time.perf_counter() - started >= 1.0  # the SDK waited as told before its one retry
    with pytest.raises(openai.APIStatusError) as gone:
        client.chat.completions.create(model="fault-410", messages=[{"role": "user", "content": "hi"}])
    assert gone.value.status_code == 410


def test_the_long_fault_streams_slowly_to_max_tokens(builtin_url):
    client = OpenAI(base_url=builtin_url, api_key="x", max_retries=0)
    started = time.perf_counter()
    stream = client.chat.completions.create(
        model="fault-long",
        messages=[{"role": "user", "content": "hi"}],
        max_tokens=12,
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert chunks[-1].usage.completion_tokens == 12 and chunks[-2].choices[0].finish_reason == "length"
    assert time.perf_counter() - started >= 11 * 0.05  # 20 tokens a second: still streaming when Stop is pressed


def test_faults_are_off_in_a_normal_start():
    from starlette.testclient import TestClient

    from components.builtin_model.server import create_app

    response = TestClient(create_app()).post(
        "/chat/completions", json={"model": "fault-500", "messages": [{"role": "user", "content": "hi"}]}
    )
    assert response.status_code == 404 and response.json()["error"]["code"] == "model_not_found"


def test_the_answer_follows_the_language_of_the_last_question(client):
    messages = [
        {"role": "user", "content": "Escribe un haiku sobre un gato hambriento que quiere atún"},
        {"role": "assistant", "content": "Gato gris al sol, sueña con un pez de plata, bigotes despacio."},
        {"role": "user", "content": "What is a token?"},
    ]
    response = client.chat.completions.create(model=MODEL, messages=messages, temperature=0, max_tokens=30)
    assert "token" in response.choices[0].message.content and " el " not in response.choices[0].message.content


def test_ignore_eos_writes_exactly_up_to_the_cap(client):
    response = ask(client, "Hello!", temperature=0, max_tokens=300, extra_body={"ignore_eos": True})
    assert response.usage.completion_tokens == 300 and response.choices[0].finish_reason == "length"
