"""The Chat and Streaming tabs through gradio_client against a launched app."""

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.support import message_text

SYSTEM = "Eres un asistente útil que hace muchas referencias a gatos y usa emojis."


def test_chat_shows_every_choice_with_usage_and_finish_reason(app_client):
    answers, details = app_client.predict(
        SYSTEM, "Escribe un haiku sobre un gato hambriento", 0.9, 12, 2, "builtin", "builtin-tiny", api_name="/chat"
    )
    assert "**#1**" in answers and "**#2**" in answers
    assert details["model"] == "builtin-tiny" and len(details["finish_reasons"]) == 2
    assert details["usage"]["completion_tokens"] <= 24 and details["latency_s"] >= 0


def test_chat_sends_exactly_what_the_knobs_say(app_client, session_fake_host):
    answers, _ = app_client.predict("Be brief", "Hi", 0.3, 12, 1, "custom", "", api_name="/chat")
    body = session_fake_host.seen[-1].body
    assert body["messages"] == [{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Hi"}]
    assert body["model"] == "fake-model-b" and body["temperature"] == 0.3 and body["max_tokens"] == 12
    assert "n" not in body  # left at the API's default: not sent
    assert "Patitas suaves" in answers


def test_stream_is_multi_turn_and_sends_the_history(app_client, session_fake_host):
    history, box, stats, _ = app_client.predict("Hola", [], SYSTEM, 0.7, 50, 1, "custom", "", api_name="/stream")
    assert box == "" and message_text(history[-1]).strip() == "Patitas suaves en la cocina"
    assert "finish_reason" in stats and "5 + 3 = 8" in stats
    history, _, _, _ = app_client.predict("¿Y el atún?", history, SYSTEM, 0.7, 50, 1, "custom", "", api_name="/stream")
    sent = session_fake_host.seen[-1].body
    assert [m["role"] for m in sent["messages"]] == ["system", "user", "assistant", "user"]
    assert sent["messages"][2]["content"].strip() == "Patitas suaves en la cocina"
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}
    assert len(history) == 4


def test_stream_on_the_builtin_model_streams_tokens(app_client):
    job = app_client.submit("What is a token?", [], "", 0.7, 60, 1, "builtin", "builtin-tiny", api_name="/stream")
    history, _, stats, _ = job.result()
    assert len(message_text(history[-1])) > 20 and "tokens/s" in stats
    assert len(job.outputs()) >= 2  # the user's message first, then the answer


def test_stream_with_several_choices_shows_the_others(app_client):
    history, _, _, others = app_client.predict(
        "Tell me about cats", [], "", 1.0, 20, 3, "builtin", "", api_name="/stream"
    )
    assert "**#2**" in others and "**#3**" in others


def test_github_models_explains_its_retirement_and_gives_the_message_back(app_client):
    job = app_client.submit("Hola", [], "", 0.7, 50, 1, "github", "", api_name="/stream")
    with pytest.raises(AppError) as caught:
        job.result()
    assert "retired on 30 July 2026" in str(caught.value) and "ghp_" not in str(caught.value)
    history, box, _, _ = job.outputs()[-1]
    assert history == [] and box == "Hola"  # nothing lost: the message is back in the box


def test_errors_speak_the_browsers_language(launched_app):
    demo, _ = launched_app
    spanish = Client(demo.local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es-ES"})
    with pytest.raises(AppError, match="Escribe un mensaje primero"):
        spanish.predict("", "   ", 0.7, 10, 1, "builtin", "", api_name="/chat")
    with pytest.raises(AppError, match="se retiró"):
        spanish.predict("", "hola", 0.7, 10, 1, "github", "", api_name="/chat")


def test_a_dropped_stream_keeps_the_partial_text(app_client):
    job = app_client.submit("Tell me about cats", [], "", 0.7, 100, 1, "builtin", "fault-drop", api_name="/stream")
    with pytest.raises(AppError, match="cut off"):
        job.result()
    history = job.outputs()[-1][0]
    assert message_text(history[1])  # the text that arrived before the drop
    assert history[2]["metadata"]["title"] and "connection" in message_text(history[2])


def test_model_list_and_unknown_model(app_client):
    choices, _ = app_client.predict("builtin", api_name="/models")
    assert choices["value"] == "builtin-tiny" or "builtin-tiny" in str(choices)
    with pytest.raises(AppError, match="no model 'nope'"):
        app_client.predict("", "hi", 0.7, 10, 1, "builtin", "nope", api_name="/chat")


def test_no_event_is_limited_to_one_request_at_a_time(app_client, session_fake_host):
    jobs = [app_client.submit("", f"slow {i}", 0.7, 10, 1, "custom", "", api_name="/chat") for i in range(4)]
    jobs += [app_client.submit(f"slow {i}", [], "", 0.7, 10, 1, "custom", "", api_name="/stream") for i in range(4)]
    for job in jobs:
        job.result()
    assert session_fake_host.most_in_flight == 8  # all eight were upstream at once: nobody queued


def test_stop_keeps_the_partial_text_and_the_next_request_works(app_client):
    import time

    job = app_client.submit("Tell me about cats", [], "", 0.7, 400, 1, "builtin", "fault-slow", api_name="/stream")
    deadline = time.monotonic() + 20
    while len(job.outputs()) < 3:  # the user's message, then some streamed text
        assert time.monotonic() < deadline
        time.sleep(0.05)
    job.cancel()
    time.sleep(0.5)
    partial = message_text(job.outputs()[-1][0][-1])
    assert partial and len(job.outputs()) < 40  # stopped long before 400 tokens at 20 tokens/s
    history, _, _, _ = app_client.predict(
        "Gracias", job.outputs()[-1][0], "", 0.7, 20, 1, "builtin", "", api_name="/stream"
    )
    assert message_text(history[1]) == partial and len(history) == 4
