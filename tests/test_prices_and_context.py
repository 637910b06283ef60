"""Prices, costs, the context meter and how knobs become a request body (no server needed)."""

import json
import logging

import pytest

from components.classroom.playground import Playground
from components.core.prices import OPENAI_PRICES, PRICES_AS_OF, SOURCE, PriceList, format_cost
from components.core.settings import GenerationSettings
from components.i18n import UserError
from components.lessons import tokens
from components.lessons.context_meter import context_use
from components.lessons.experiments import sweep_values
from components.ui.tabs.knob_panel import parse_stops

USAGE = {"prompt_tokens": 1_000, "completion_tokens": 500, "total_tokens": 1_500}


def test_the_price_table_is_dated_and_names_its_source():
    assert PRICES_AS_OF.startswith("20") and SOURCE.startswith("https://")
    assert OPENAI_PRICES["gpt-4o-mini"] == (0.15, 0.60)


@pytest.mark.parametrize(
    "host, model, cost",
    [
        ("openai", "gpt-4o-mini", (1_000 * 0.15 + 500 * 0.60) / 1e6),
        ("openai", "gpt-4o-mini-2024-07-18", (1_000 * 0.15 + 500 * 0.60) / 1e6),  # a dated name: its family
        ("azure", "gpt-4o-2024-08-06", (1_000 * 2.5 + 500 * 10) / 1e6),  # not mistaken for gpt-4o-mini
        ("openai", "gpt-4.1-nano", (1_000 * 0.10 + 500 * 0.40) / 1e6),
        ("builtin", "builtin-tiny", 0.0),
        ("ollama", "llama3.2", 0.0),
        ("azure", "my-deployment", None),  # unknown: never guessed
        ("huggingface", "meta-llama/Llama-3.1-8B-Instruct", None),
        ("openai", "gpt-4o-minimal", None),  # only a whole name or a dated one matches
        ("openai", "gpt-5-pro", None),  # another model, not gpt-5 at a tenth of its price
    ],
)
def test_cost_of_an_answer(host, model, cost):
    assert PriceList({}).cost(host, model, USAGE) == (pytest.approx(cost) if cost else cost)


def test_prices_can_be_overridden_from_a_file_and_the_environment(tmp_path):
    path = tmp_path / "prices.json"
    path.write_text(json.dumps({"openai/gpt-4o-mini": [1, 2], "huggingface/Qwen/Qwen3-8B": [0.1, 0.3]}))
    prices = PriceList({"PLAYGROUND_PRICES_FILE": str(path), "PLAYGROUND_PRICES": '{"openai/gpt-4o-mini": [3, 4]}'})
    assert prices.cost("openai", "gpt-4o-mini", USAGE) == pytest.approx((3_000 + 2_000) / 1e6)  # env wins
    assert prices.cost("huggingface", "Qwen/Qwen3-8B", USAGE) == pytest.approx((100 + 150) / 1e6)


def test_a_broken_price_override_is_ignored_with_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        prices = PriceList({"PLAYGROUND_PRICES": '{"openai/gpt-4o": "cheap"}', "PLAYGROUND_PRICES_FILE": "/nope"})
    assert prices.cost("openai", "gpt-4o", USAGE) == pytest.approx((2_500 + 5_000) / 1e6)
    assert "PLAYGROUND_PRICES" in caplog.text and "/nope" in caplog.text


def test_costs_are_written_for_fractions_of_a_cent():
    assert format_cost(0.000012345, "?") == "$0.000012"
    assert format_cost(1.5, "?") == "$1.5000"
    assert format_cost(0, "?") == "$0" and format_cost(None, "price unknown") == "price unknown"


def test_the_context_meter_counts_each_part_with_the_models_encoding():
    history = [{"role": "user", "content": "Hola"}, {"role": "assistant", "content": "¡Miau! ¿Qué tal?"}]
    examples = [{"role": "user", "content": "2+2"}, {"role": "assistant", "content": "Piensa en pares"}]
    use = context_use("gpt-4o", "Eres Yoda", examples, history, "¿Y el atún?")
    count = lambda text: tokens.count(text, "o200k_base")  # noqa: E731
    assert (use.system, use.message) == (count("Eres Yoda"), count("¿Y el atún?"))
    assert use.history == count("Hola") + count("¡Miau! ¿Qué tal?")
    assert use.examples == count("2+2") + count("Piensa en pares")
    assert use.overhead == 6 * 3 + 3 and use.window == 128_000
    assert use.total == use.system + use.examples + use.history + use.message + use.overhead
    from components.builtin_model.api import CONTEXT_WINDOW

    assert context_use("builtin-tiny", "", [], [], "hola").window == CONTEXT_WINDOW
    assert context_use("gpt-4.1-mini", "", [], [], "").window == 1_047_576
    assert context_use("llama3.2", "", [], [], "hola").window is None


def test_json_mode_and_max_completion_tokens_reach_the_body():
    settings = GenerationSettings.from_knobs("en", max_tokens=50, json_mode=True, seed=3)
    env = {"OPENAI_API_KEY": "sk-test", "AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com", "OLLAMA_MODEL": "m"}
    playground = Playground(env)  # the host says which of its models want max_completion_tokens
    asked = [{"role": "user", "content": "A cat, as JSON"}]  # JSON mode needs the word in the messages
    for host, model in (("openai", "o4-mini"), ("azure", "gpt-5-mini")):
        reasoning = playground.request(host, model, asked, settings).to_api()
        assert reasoning["max_completion_tokens"] == 50 and "max_tokens" not in reasoning
        assert reasoning["response_format"] == {"type": "json_object"} and reasoning["seed"] == 3
    for host, model in (("openai", "gpt-4o"), ("openai", "gpt-5-chat-latest"), ("ollama", "o3-local")):
        body = playground.request(host, model, asked, settings).to_api()
        assert body["max_tokens"] == 50 and "max_completion_tokens" not in body
    assert "response_format" not in GenerationSettings.from_knobs("en", json_mode=False).to_api()


def test_json_mode_without_the_word_json_is_said_before_anything_is_sent():
    from components.i18n import UserError, translate

    settings = GenerationSettings.from_knobs("es", json_mode=True)
    playground = Playground({}, builtin_url="http://127.0.0.1:9/v1")  # (nothing is sent)
    with pytest.raises(UserError) as refused:
        playground.request("builtin", "", [{"role": "user", "content": "Describe un gato"}], settings)
    assert "Responde en JSON" in translate(refused.value.key, "es")
    image = [{"type": "image_url", "image_url": {"url": "data:image/png;base64,anNvbg=="}}]  # "json", base64'd
    with pytest.raises(UserError):  # an image's data is not words
        playground.request("builtin", "", [{"role": "user", "content": image}], settings)
    asked = [{"role": "system", "content": "Answer in json"}, {"role": "user", "content": "A cat"}]
    assert playground.request("builtin", "", asked, settings).settings.response_format == {"type": "json_object"}


def test_stop_sequences_one_per_line_with_a_typed_newline():
    assert parse_stops("FIN\n\\n\n\n") == ["FIN", "\n"]
    assert parse_stops(["a", ""]) == ["a"] and parse_stops(None) == []


def test_sweep_values_are_read_from_text_and_kept_as_their_knob_wants():
    assert sweep_values("0, 0.5;1  1.5", "temperature", "en") == [0, 0.5, 1, 1.5]
    assert sweep_values("10, 50", "max_tokens", "en") == [10, 50]
    assert all(isinstance(v, int) for v in sweep_values([1, 2.0], "seed", "en"))
    with pytest.raises(UserError) as caught:
        sweep_values("0, tibio", "temperature", "es")
    assert caught.value.key == "sweep.not_a_number" and caught.value.details == {"value": "tibio"}
    with pytest.raises(UserError):
        sweep_values("2.5", "max_tokens", "en")  # max tokens are whole numbers
