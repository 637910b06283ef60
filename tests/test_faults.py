"""Every upstream fault through gradio_client: a clear message, and the next call works."""

import time

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError


def chat(client, model, temperature=0.7, max_tokens=30, host="builtin"):
    return client.predict(
        "Tell me about cats", temperature=temperature, max_tokens=max_tokens, host=host, model=model, api_name="/chat"
    )


def still_works(client):
    assert chat(client, "builtin-tiny")["choices"][0]["text"]


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
@pytest.mark.parametrize(
    "endpoint",
    ["/chat", *(pytest.param(e, marks=pytest.mark.slow) for e in ("/stream", "/persona", "/few_shot", "/chain"))],
)
def test_status_faults_give_a_clear_message_on_every_endpoint(app_client, model, message, endpoint):
    with pytest.raises(AppError) as caught:
        app_client.predict("Tell me about cats", max_tokens=30, model=model, api_name=endpoint)
    assert message in str(caught.value)
    still_works(app_client)


def test_busy_hosts_are_retried_by_the_sdk(app_client):
    started = time.perf_counter()
    with pytest.raises(AppError, match="429"):
        app_client.predict("Tell me about cats", model="fault-429", api_name="/stream")
    assert time.perf_counter() - started >= 2.0  # two retries, each after Retry-After: 1


@pytest.mark.slow
def test_a_hanging_host_times_out_with_a_message(app_client):
    with pytest.raises(AppError, match="did not answer in time"):
        app_client.predict("Tell me about cats", model="fault-hang", api_name="/stream")
    still_works(app_client)


def test_connection_refused_names_the_url(app_client):
    with pytest.raises(AppError, match=r"Could not reach Ollama at http://127.0.0.1:9/v1"):
        chat(app_client, "", host="ollama")


def test_a_dropped_non_streaming_answer_is_reported(app_client):
    with pytest.raises(AppError, match="Could not reach|connection"):
        chat(app_client, "fault-drop")
    still_works(app_client)


def test_content_filter_keeps_the_text_and_says_why(app_client):
    result = chat(app_client, "fault-content_filter", max_tokens=60)
    assert result["choices"][0]["finish_reason"] == "content_filter" and result["choices"][0]["text"]


def test_a_reasoning_model_refusing_parameters_names_them(app_client):
    with pytest.raises(AppError, match="does not accept the parameter 'temperature'"):
        chat(app_client, "fault-reasoning", temperature=0.7)
    with pytest.raises(AppError, match="does not accept the parameter 'max_tokens'"):
        chat(app_client, "fault-reasoning", temperature=1)
    assert chat(app_client, "fault-reasoning", temperature=1, max_tokens=0)["choices"]  # nothing refused is sent


def test_faults_in_spanish(launched_app):
    demo, _ = launched_app
    spanish = Client(demo.local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es"})
    with pytest.raises(AppError, match="rechazó las credenciales"):
        chat(spanish, "fault-401")
    with pytest.raises(AppError, match="no acepta el parámetro 'temperature'"):
        chat(spanish, "fault-reasoning")
    with pytest.raises(AppError, match="Modelo de demostración integrado"):
        chat(spanish, "fault-500")
