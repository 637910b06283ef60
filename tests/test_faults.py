"""Every upstream fault through gradio_client: a clear message, partial text kept, the next call works."""

import time

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError


def chat(client, model, temperature=0.7, max_tokens=30, host="builtin"):
    return client.predict("", "Tell me about cats", temperature, max_tokens, 1, host, model, api_name="/chat")


def stream_job(client, model, host="builtin", max_tokens=60):
    return client.submit("Tell me about cats", [], "", 0.7, max_tokens, 1, host, model, api_name="/stream")


def still_works(client):
    answers, details = chat(client, "builtin-tiny")
    assert answers and details["model"] == "builtin-tiny"


@pytest.mark.parametrize(
    "model, message",
    [
        ("fault-401", "rejected the credentials (401)"),
        ("fault-404", "has no model 'fault-404' (404)"),
        ("fault-410", "410 Gone"),
        ("fault-429", "(429). Wait 1 s"),
        ("fault-500", "a problem on its side (500), even after retrying"),
        ("fault-503", "a problem on its side (503)"),
        ("fault-prompt_filter", "content filter blocked this request"),
    ],
)
@pytest.mark.parametrize("endpoint", ["/chat", "/stream"])
def test_status_faults_give_a_clear_message_and_nothing_is_lost(app_client, model, message, endpoint):
    if endpoint == "/chat":
        with pytest.raises(AppError, match=message.replace("(", r"\(").replace(")", r"\)")):
            chat(app_client, model)
    else:
        job = stream_job(app_client, model)
        with pytest.raises(AppError) as caught:
            job.result()
        assert message in str(caught.value)
        history, box, _, _ = job.outputs()[-1]
        assert history == [] and box == "Tell me about cats"  # the message is back in the box
    still_works(app_client)


def test_busy_hosts_are_retried_by_the_sdk_and_the_user_sees_it(app_client):
    started = time.perf_counter()
    job = stream_job(app_client, "fault-429")
    with pytest.raises(AppError):
        job.result()
    assert time.perf_counter() - started >= 2.0  # two retries, each after Retry-After: 1
    notes = [stats for _, _, stats, _ in job.outputs()]
    assert any("answered 429: retrying automatically" in note for note in notes)


def test_a_hanging_host_times_out_with_a_message(app_client):
    job = stream_job(app_client, "fault-hang")
    with pytest.raises(AppError, match="did not answer in time"):
        job.result()
    assert any("Waiting for Builtin demo model" in stats for _, _, stats, _ in job.outputs())
    still_works(app_client)


def test_connection_refused_names_the_url(app_client):
    with pytest.raises(AppError, match=r"Could not reach Ollama at http://127.0.0.1:9/v1"):
        chat(app_client, "", host="ollama")


def test_a_dropped_non_streaming_answer_is_reported(app_client):
    with pytest.raises(AppError, match="Could not reach|connection"):
        chat(app_client, "fault-drop")
    still_works(app_client)


def test_content_filter_mid_stream_keeps_the_text_and_says_why(app_client):
    history, _, _, _ = app_client.predict(
        "Tell me about cats", [], "", 0.7, 60, 1, "builtin", "fault-content_filter", api_name="/stream"
    )
    answer, note = history[1], history[2]
    assert answer["content"] and "content filter stopped the answer" in str(note["content"])
    answers, details = chat(app_client, "fault-content_filter")
    assert details["finish_reasons"] == ["content_filter"] and "content filter stopped the answer" in answers


def test_a_reasoning_model_refusing_parameters_names_them(app_client):
    with pytest.raises(AppError, match="does not accept the parameter 'temperature'"):
        chat(app_client, "fault-reasoning", temperature=0.7)
    with pytest.raises(AppError, match="does not accept the parameter 'max_tokens'"):
        chat(app_client, "fault-reasoning", temperature=1)
    answers, _ = chat(app_client, "fault-reasoning", temperature=1, max_tokens=0)  # nothing refused is sent
    assert answers


def test_faults_in_spanish(launched_app):
    demo, _ = launched_app
    spanish = Client(demo.local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es"})
    with pytest.raises(AppError, match="rechazó las credenciales"):
        chat(spanish, "fault-401")
    with pytest.raises(AppError, match="no acepta el parámetro 'temperature'"):
        chat(spanish, "fault-reasoning")
