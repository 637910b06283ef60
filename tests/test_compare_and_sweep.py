"""Compare, Sweep and all the parameters through gradio_client on the launched app: what each column and
each cell sends on the wire, the sweep's verdicts on the builtin model, and bad input refused before any call."""

from collections import Counter

import pytest
from gradio_client.exceptions import AppError

from components.i18n import translate


@pytest.fixture(scope="module")
def spanish(launched_app):
    """One client for the Spanish refusals (opening a client fetches the whole page config)."""
    from gradio_client import Client

    return Client(
        launched_app[0].local_url, verbose=False, headers={"Accept-Language": "es-ES"}, analytics_enabled=False
    )


def chat_bodies(fake, since):
    return [s.body for s in fake.seen[since:] if s.path.endswith("/chat/completions")]


def without_messages(body):
    return {k: v for k, v in body.items() if k != "messages"}


def test_chat_sends_every_parameter_set_and_shows_the_body(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    result = app_client.predict(
        "Hola, en JSON",  # JSON mode needs the word in the messages
        temperature=0,
        max_tokens=30,
        top_p=0.5,
        seed=42,
        stop=["\n", "FIN"],
        presence_penalty=0.5,
        frequency_penalty=-0.5,
        json_mode=True,
        host="custom",
        api_name="/chat",
    )
    (body,) = chat_bodies(session_fake_host, since)
    expected = {
        "model": "fake-model-b",
        "temperature": 0.0,
        "max_tokens": 30,
        "top_p": 0.5,
        "seed": 42,
        "stop": ["\n", "FIN"],
        "presence_penalty": 0.5,
        "frequency_penalty": -0.5,
        "response_format": {"type": "json_object"},
    }
    assert without_messages(body) == expected
    assert result["request"] == body  # the body shown is the one that reached the wire
    assert result["cost_usd"] is None  # a custom host's price is unknown: never guessed


def test_knobs_at_their_defaults_are_not_sent(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    app_client.predict("Hola", temperature=1, max_tokens=0, host="custom", api_name="/stream")
    (body,) = chat_bodies(session_fake_host, since)
    assert without_messages(body) == {
        "model": "fake-model-b",
        "stream": True,
        "stream_options": {"include_usage": True},
    }


def test_each_compare_column_sends_exactly_its_own_knobs(app_client, session_fake_host):
    columns = [
        {"host": "custom", "model": "fake-model-a", "knobs": {"temperature": 0, "seed": 7}},
        {"host": "custom", "knobs": {"top_p": 0.5, "stop": ["\n"], "max_tokens": 30, "presence_penalty": 1}},
        {"host": "builtin", "knobs": {"temperature": 1.2, "max_tokens": 20}},
    ]
    since = len(session_fake_host.seen)
    result = app_client.predict("Un haiku", system_prompt="Sé breve", columns=columns, api_name="/compare")
    bodies = sorted(chat_bodies(session_fake_host, since), key=lambda b: b["model"])
    stream = {"stream": True, "stream_options": {"include_usage": True}}
    assert [without_messages(b) for b in bodies] == [
        {"model": "fake-model-a", "temperature": 0.0, "seed": 7, **stream},
        {"model": "fake-model-b", "top_p": 0.5, "stop": ["\n"], "max_tokens": 30, "presence_penalty": 1.0, **stream},
    ]
    messages = [{"role": "system", "content": "Sé breve"}, {"role": "user", "content": "Un haiku"}]
    assert all(b["messages"] == messages for b in bodies)
    assert [c["error"] for c in result] == [None, None, None]
    assert result[0]["answer"].strip() == session_fake_host.answer and result[2]["answer"]
    assert [c["cost_usd"] for c in result] == [None, None, 0.0]  # builtin costs nothing; custom is unknown
    assert result[2]["time_to_first_token_s"] > 0 and result[2]["usage"]["completion_tokens"] <= 20


def test_a_failing_column_says_why_while_the_others_finish(app_client):
    columns = [{"host": "builtin"}, {"host": "ollama"}]  # nothing listens at the test's Ollama address
    result = app_client.predict("Hola", columns=columns, api_name="/compare")
    assert result[0]["error"] is None and result[0]["answer"]
    assert result[1]["answer"] == "" and "Ollama" in result[1]["error"]


@pytest.mark.parametrize(
    "columns, expected",
    [
        ([{"host": "builtin"}], translate("compare.columns", "es", count=1)),
        ([{}, {}, {}, {}], translate("compare.columns", "es", count=4)),
        (
            [{"host": "builtin"}, {"host": "openai"}],
            "Columna 2: OpenAI no está configurado en esta copia. Elige un host de la lista",
        ),
        ([{}, {"knobs": {"temperature": 3}}], "Columna 2: Temperatura debe estar entre 0 y 2 (se recibió 3)."),
        ([{}, {"knobs": {"warmth": 1}}], "Columna 2: parámetro desconocido 'warmth'"),
    ],
)
def test_bad_columns_are_refused_before_any_call(spanish, session_fake_host, columns, expected):
    since = len(session_fake_host.seen)
    with pytest.raises(AppError) as caught:
        spanish.predict("Hola", columns=columns, api_name="/compare")
    assert expected in str(caught.value)
    assert chat_bodies(session_fake_host, since) == []


def test_each_sweep_cell_sends_exactly_its_own_value(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    rows = app_client.predict(
        "Hola",
        parameter="presence_penalty",
        values=[0, 0.5, -1],
        samples=2,
        host="custom",
        temperature=0.3,
        max_tokens=25,
        api_name="/sweep",
    )
    bodies = chat_bodies(session_fake_host, since)
    base = {"model": "fake-model-b", "temperature": 0.3, "max_tokens": 25}
    sent = Counter(tuple(sorted(without_messages(b).items())) for b in bodies)
    assert sent == {  # 0 is the host's default, so that row leaves the knob out
        tuple(sorted(base.items())): 2,
        tuple(sorted({**base, "presence_penalty": 0.5}.items())): 2,
        tuple(sorted({**base, "presence_penalty": -1.0}.items())): 2,
    }
    assert [row["value"] for row in rows] == [0, 0.5, -1]
    assert all(row["answers"] == [session_fake_host.answer] * 2 and row["distinct"] == 1 for row in rows)
    assert all(row["mean_tokens"] == 3 for row in rows)  # the fake's usage: 3 completion tokens


def test_sweep_verdicts_on_the_builtin_model(app_client):
    rows = app_client.predict("Escribe un haiku sobre un gato", values=[0, 1.5], samples=4, api_name="/sweep")
    assert rows[0]["distinct"] == 1 and len(rows[0]["answers"]) == 4  # temperature 0: always the same
    assert rows[1]["distinct"] > 1  # 1.5: the builtin model samples, four alike would be a broken sampler
    seeded = app_client.predict(
        "Escribe un haiku", parameter="seed", values=[1, 2], samples=3, temperature=1.2, api_name="/sweep"
    )
    assert [row["distinct"] for row in seeded] == [1, 1]  # a fixed seed: the same answer each time
    assert seeded[0]["answers"][0] != seeded[1]["answers"][0]
    from components.lessons.experiments import verdict

    assert verdict(rows[0], 4, "en") == "4 of 4 identical" and verdict(seeded[1], 3, "es") == "3 de 3 idénticas"
    assert verdict(rows[1], 4, "en") == f"{rows[1]['distinct']} distinct of 4"


@pytest.mark.parametrize(
    "arguments, key, details",
    [
        ({"values": []}, "sweep.no_values", {}),
        ({"values": [0, 0.5, 0]}, "sweep.duplicate", {"value": "0"}),
        ({"values": list(range(9)), "parameter": "seed"}, "sweep.too_many_values", {"most": 8, "count": 9}),
        ({"samples": 6}, "sweep.samples_range", {"most": 5, "count": 6}),
        ({"samples": 0}, "sweep.samples_range", {"most": 5, "count": 0}),
        ({"values": [0, 2.5]}, "out_of_range", {"name": "Temperatura", "value": 2.5, "low": "0", "high": "2"}),
        ({"parameter": "n"}, "sweep.unknown_parameter", {"parameter": "n", "known": None}),
        ({"host": "openai"}, "host_not_offered", {"host": "OpenAI"}),
    ],
)
def test_bad_sweeps_are_refused_before_any_call(spanish, session_fake_host, arguments, key, details):
    from components.lessons.experiments import SWEEPABLE

    details = {k: (", ".join(SWEEPABLE) if v is None else v) for k, v in details.items()}
    since = len(session_fake_host.seen)
    with pytest.raises(AppError) as caught:
        spanish.predict("Hola", **{"host": "custom", **arguments}, api_name="/sweep")
    assert translate(key, "es", **details) in str(caught.value)
    assert chat_bodies(session_fake_host, since) == []
