"""Bad input through the API: refused before any call with a clear message, never a crash."""

import re

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

EMPTY = "Write a message first"


@pytest.mark.parametrize(
    "endpoint, args",
    [
        ("/chat", ["   "]),
        ("/stream", ["\n\t "]),
        ("/persona", ["  "]),
        ("/few_shot", [" "]),
        ("/chain", [""]),
        ("/vision", [handle_file("components/ui/assets/cat.png"), "  "]),
    ],
)
def test_empty_and_whitespace_messages_are_refused(app_client, endpoint, args):
    with pytest.raises(AppError, match=EMPTY):
        app_client.predict(*args, api_name=endpoint)


def test_a_one_megabyte_message_is_too_long_for_the_model(app_client):
    huge = "gato " * 200_000
    for endpoint in ("/chat", "/stream"):
        with pytest.raises(AppError, match="too long for this model"):
            app_client.predict(huge, max_tokens=10, api_name=endpoint)


def test_an_over_long_system_prompt_is_explained(app_client):
    with pytest.raises(AppError, match="too long for this model"):
        app_client.predict("Hola", system_prompt="Eres un gato. " * 20_000, api_name="/chat")


@pytest.mark.parametrize(
    "knobs, english, spanish",
    [
        ({"temperature": 5}, "Temperature must be between 0 and 2 (got 5)", "Temperatura debe estar entre 0 y 2"),
        ({"n": 0}, "Choices (n) must be between 1 and 8 (got 0)", "Opciones (n) debe estar entre 1 y 8"),
        ({"max_tokens": -1}, "Max tokens must be between 1 and 16384", "Máximo de tokens debe estar entre 1"),
        ({"host": "nowhere"}, "Unknown host 'nowhere'", "Host desconocido 'nowhere'"),
    ],
)
def test_out_of_range_parameters_are_refused_before_any_call_in_both_languages(
    app_client, launched_app, session_fake_host, knobs, english, spanish
):
    since = len(session_fake_host.seen)
    with pytest.raises(AppError, match=re.escape(english)):
        app_client.predict("hi", **{"host": "custom", **knobs}, api_name="/chat")
    es = Client(launched_app[0].local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es"})
    with pytest.raises(AppError, match=re.escape(spanish)):
        es.predict("hi", **{"host": "custom", **knobs}, api_name="/chat")
    assert len(session_fake_host.seen) == since  # nothing reached the host


def test_bad_shapes_are_refused_clearly(app_client):
    with pytest.raises(AppError, match="Each example must be a pair"):
        app_client.predict("q", examples=[["only one"]], api_name="/few_shot")
    with pytest.raises(AppError, match="at least one step"):
        app_client.predict("LLMs", steps=[], api_name="/chain")
    with pytest.raises(AppError, match="Unknown persona 'wizard'"):
        app_client.predict("Hi", persona="wizard", api_name="/persona")
    with pytest.raises(AppError, match="Detail must be auto, low or high"):
        app_client.predict(handle_file("components/ui/assets/cat.png"), detail="ultra", api_name="/vision")


def test_empty_example_rows_still_answer(app_client):
    result = app_client.predict("¿Planeta más grande?", examples=[["", ""]], zero_shot=False, api_name="/few_shot")
    assert result["answer"] and [m["role"] for m in result["messages"]] == ["user"]


@pytest.mark.slow
def test_a_thirty_megabyte_image_is_shrunk_before_sending(app_client, tmp_path):
    path = tmp_path / "huge.png"
    Image.effect_noise((3300, 3300), 120).convert("RGB").save(path, compress_level=0)
    assert path.stat().st_size > 30 * 1024 * 1024
    answer = app_client.predict(handle_file(str(path)), "What is this?", api_name="/vision")
    assert "can't see" in answer and "2048 × 2048" in answer
