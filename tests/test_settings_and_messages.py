"""Settings send only what was set; errors read clearly in both languages and never carry a secret."""

import httpx2
import openai
import pytest
from pydantic import ValidationError

from components.core.calls import StreamInterrupted, StreamUpdate
from components.core.errors import explain, redact
from components.core.hosts import resolve
from components.core.settings import ChatRequest, GenerationSettings
from components.i18n import language_from_header


def test_only_user_set_values_are_sent():
    assert GenerationSettings().to_api() == {}
    settings = GenerationSettings.from_knobs("en", temperature=0, n=2, stop=["\n", ""], seed=3)
    assert settings.to_api() == {"temperature": 0, "n": 2, "stop": ["\n"], "seed": 3}
    request = ChatRequest(host="builtin", model="m", messages=[{"role": "user", "content": "x"}], settings=settings)
    assert request.to_api(stream=True)["stream_options"] == {"include_usage": True}
    assert ChatRequest.model_validate_json(request.model_dump_json()) == request  # a plain, replayable value


@pytest.mark.parametrize(
    "bad",
    [
        {"temperature": 5},
        {"n": 0},
        {"max_tokens": -1},
        {"top_p": 2},
        {"presence_penalty": 3},
        {"stop": ["a"] * 5},
        {"colour": "blue"},
    ],
)
def test_out_of_range_settings_are_refused(bad):
    with pytest.raises(ValidationError):
        GenerationSettings(**bad)


def test_invalid_setting_message_names_the_field():
    with pytest.raises(ValidationError) as caught:
        GenerationSettings(temperature=5)
    assert "temperature" in explain(caught.value, "en") and "Valor no válido" in explain(caught.value, "es")


@pytest.mark.parametrize(
    "header, language",
    [
        ("es-ES,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,es;q=0.5,en;q=0.4", "es"),
        ("de-DE", "en"),
        (None, "en"),
        ("es-MX;q=0.2,en;q=0.9", "en"),
        ("es;q=abc,en", "en"),
    ],
)
def test_language_from_accept_language(header, language):
    assert language_from_header(header) == language


def _make(status, body, response):
    classes = {
        400: openai.BadRequestError,
        401: openai.AuthenticationError,
        404: openai.NotFoundError,
        429: openai.RateLimitError,
        500: openai.InternalServerError,
    }
    cls = classes.get(status, openai.APIStatusError)
    return cls(body.get("error", {}).get("message", "x"), response=response, body=body)


OPENAI = resolve("openai", {"OPENAI_API_KEY": "sk-secretvalue123"})


@pytest.mark.parametrize(
    "status, body, headers, en, es",
    [
        (
            401,
            {"error": {"message": "Incorrect API key provided: sk-secretvalue123"}},
            None,
            "OPENAI_API_KEY",
            "Revisa",
        ),
        (404, {"error": {"message": "no", "code": "model_not_found"}}, None, "gpt-4o-mini", "no tiene el modelo"),
        (429, {"error": {"message": "slow down"}}, {"retry-after": "7"}, "Wait 7 s", "Espera 7 s"),
        (500, {"error": {"message": "boom"}}, None, "problem on its side", "problema de su lado"),
        (
            400,
            {"error": {"message": "x", "code": "content_filter", "param": "prompt"}},
            None,
            "content filter",
            "filtro de contenido",
        ),
        (
            400,
            {"error": {"message": "x", "code": "unsupported_value", "param": "temperature"}},
            None,
            "'temperature'",
            "'temperature'",
        ),
        (
            400,
            {"error": {"message": "too long", "code": "context_length_exceeded"}},
            None,
            "too long",
            "demasiado larga",
        ),
    ],
)
def test_status_errors_become_clear_sentences(status, body, headers, en, es):
    error = _make(
        status,
        body,
        httpx2.Response(status, json=body, headers=headers or {}, request=httpx2.Request("POST", "https://h/v1")),
    )
    assert en in explain(error, "en", OPENAI) and es in explain(error, "es", OPENAI)
    assert "sk-secretvalue123" not in explain(error, "en", OPENAI)


def test_connection_errors_and_interrupted_streams():
    refused = openai.APIConnectionError(request=httpx2.Request("POST", "http://127.0.0.1:9/v1"))
    custom = resolve("custom", {"OPENAI_COMPAT_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_COMPAT_MODEL": "m"})
    assert "http://127.0.0.1:9/v1" in explain(refused, "en", custom)
    try:
        raise StreamInterrupted(StreamUpdate(texts=["partial"])) from refused
    except StreamInterrupted as interrupted:
        assert "connection" in explain(interrupted, "en", custom) and "conexión" in explain(interrupted, "es", custom)


def test_redact_hides_known_and_shaped_secrets():
    text = "key sk-abcdef123456 and hf_abcdefgh and Bearer eyJhbGciOiJIUzI1NiJ9.x and mine"
    cleaned = redact(text, ["mine"])
    assert "sk-abc" not in cleaned and "hf_abc" not in cleaned and "eyJ" not in cleaned and "mine" not in cleaned
