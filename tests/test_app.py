"""The /chat, /stream and /models endpoints through gradio_client against a launched app, asserting the
whole request body that reaches the wire."""

import time

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

SYSTEM = "Eres un asistente útil que hace muchas referencias a gatos y usa emojis."
FAKE_ANSWER = "Patitas suaves en la cocina"
USAGE = {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8}


def test_chat_with_only_a_message_uses_the_start_host_and_its_model(app_client):
    result = app_client.predict("Escribe un haiku sobre un gato hambriento", api_name="/chat")
    assert result["model"] == "builtin-tiny" and len(result["choices"]) == 1
    assert result["choices"][0]["text"] and result["choices"][0]["finish_reason"] in ("stop", "length")
    assert result["usage"]["completion_tokens"] <= 200 and result["latency_s"] >= 0


def test_chat_returns_every_choice(app_client):
    result = app_client.predict("Un gato", n=3, max_tokens=12, temperature=1.2, api_name="/chat")
    assert len(result["choices"]) == 3 and all(c["finish_reason"] for c in result["choices"])
    assert result["usage"]["completion_tokens"] <= 36


def test_chat_sends_exactly_what_the_knobs_say(app_client, session_fake_host):
    result = app_client.predict(
        "Hi", system_prompt="Be brief", temperature=0.3, max_tokens=12, host="custom", api_name="/chat"
    )
    body = {
        "model": "fake-model-b",
        "messages": [{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Hi"}],
        "temperature": 0.3,
        "max_tokens": 12,
    }  # n left at 1: not sent
    assert session_fake_host.seen[-1].body == body
    assert result == {
        "choices": [{"text": FAKE_ANSWER, "finish_reason": "stop"}],
        "usage": USAGE,
        "latency_s": result["latency_s"],
        "model": "fake-model-b",
        "cost_usd": None,  # a custom host has no known price
        "request": body,
    }


def test_knobs_at_the_hosts_default_are_not_sent(app_client, session_fake_host):
    app_client.predict("Hi", temperature=1, max_tokens=0, n=1, host="custom", model="fake-model-a", api_name="/chat")
    assert session_fake_host.seen[-1].body == {"model": "fake-model-a", "messages": [{"role": "user", "content": "Hi"}]}


def test_stream_is_multi_turn_and_sends_the_history(app_client, session_fake_host):
    answer = app_client.predict("Hola", system_prompt=SYSTEM, host="custom", api_name="/stream")
    assert answer.strip() == FAKE_ANSWER
    history = [{"role": "user", "content": "Hola"}, {"role": "assistant", "content": answer}]
    app_client.predict("¿Y el atún?", history=history, system_prompt=SYSTEM, host="custom", api_name="/stream")
    assert session_fake_host.seen[-1].body == {
        "model": "fake-model-b",
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": "Hola"},
            {"role": "assistant", "content": answer},
            {"role": "user", "content": "¿Y el atún?"},
        ],
        "temperature": 0.7,
        "max_tokens": 200,
        "stream": True,
        "stream_options": {"include_usage": True},
    }


def test_stream_on_the_builtin_model_streams_growing_text(app_client):
    # fault-slow writes 20 tokens/s: the page gets (at most) ten updates a second, each longer than the last.
    job = app_client.submit("Tell me about cats", max_tokens=40, model="fault-slow", api_name="/stream")
    final = job.result()
    partials = [text for text in job.outputs() if text != final]
    assert len(set(partials)) >= 3, partials
    assert all(later.startswith(earlier) and later != earlier for earlier, later in zip(partials, partials[1:]))
    assert final.startswith(partials[-1]) and len(final) > len(partials[-1])


def test_github_models_explains_its_retirement(app_client):
    with pytest.raises(AppError) as caught:
        app_client.predict("Hola", host="github", api_name="/stream")
    assert "retired on 30 July 2026" in str(caught.value) and "ghp_" not in str(caught.value)


def test_errors_speak_the_callers_language(launched_app):
    demo, _ = launched_app
    spanish = Client(demo.local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es-ES"})
    with pytest.raises(AppError, match="Escribe un mensaje primero"):
        spanish.predict("   ", api_name="/chat")
    with pytest.raises(AppError, match="se retiró"):
        spanish.predict("hola", host="github", api_name="/chat")
    with pytest.raises(AppError, match="Temperatura debe estar entre 0 y 2"):
        spanish.predict("hola", temperature=5, api_name="/chat")


def test_a_dropped_stream_says_so(app_client):
    job = app_client.submit("Tell me about cats", max_tokens=100, model="fault-drop", api_name="/stream")
    with pytest.raises(AppError, match="cut off"):
        job.result()
    assert job.outputs() and job.outputs()[-1]  # the text that arrived before the drop was streamed


def test_model_list_and_unknown_model(app_client):
    assert app_client.predict(api_name="/models")[0] == "builtin-tiny"
    assert app_client.predict("custom", api_name="/models") == ["fake-model-b", "fake-model-a"]
    with pytest.raises(AppError, match="no model 'nope'"):
        app_client.predict("hi", model="nope", api_name="/chat")


def test_no_event_is_limited_to_one_request_at_a_time(app_client, session_fake_host):
    session_fake_host.most_in_flight = 0
    jobs = [app_client.submit(f"slow {i}", host="custom", api_name="/chat") for i in range(4)]
    jobs += [app_client.submit(f"slow {i}", host="custom", api_name="/stream") for i in range(4)]
    for job in jobs:
        job.result()
    assert session_fake_host.most_in_flight == 8  # all eight were upstream at once: nobody queued


def test_cancelling_a_stream_stops_it_and_the_next_request_works(app_client):
    job = app_client.submit("Tell me about cats", max_tokens=400, model="fault-slow", api_name="/stream")
    deadline = time.monotonic() + 20
    while len(job.outputs()) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    job.cancel()
    time.sleep(0.5)
    assert len(job.outputs()) < 40  # stopped long before 400 tokens at 20 tokens/s
    assert app_client.predict("Gracias", max_tokens=20, api_name="/stream")
