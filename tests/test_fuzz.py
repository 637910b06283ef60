"""Generated bad input, sent over HTTP as a stranger would: to the builtin /v1 (bodies of every shape, valid
fields with wrong values) and to every endpoint of the Gradio API (each parameter any JSON value). Every answer
is a clear 4xx (OpenAI-shaped on /v1) or a Gradio error with a message: never a 500, never a hang, never a
traceback or a key. Hypothesis runs a fixed, derandomized set of cases (the README says how many) so that a
run is the same run every time; a failure is shrunk to its smallest case."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.visitor import EventFailed, Visitor, launched

pytestmark = pytest.mark.slow  # about a thousand requests

V1_CASES, API_CASES_EACH = 400, 30
SERVER_KEY = "sk-fuzz-teacher-key-0123456789"
LEAKS = re.compile(r"Traceback|File \"/|site-packages|" + re.escape(SERVER_KEY))
CASES = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
sent = {"v1": 0, "api": 0}

# --- values: anything JSON can carry, weighted toward what breaks parsers ------------------------------------
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 1, 2, 3, 20, 21, 100, 4096, 10**9]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["", " ", "\x00", "{input}" * 50, "🏴‍☠️", "../../etc/passwd", "http://169.254.169.254/"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
roles = st.one_of(st.sampled_from(["system", "user", "assistant", "tool", "developer"]), st.text(max_size=6), scalars)
content = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.one_of(
            st.fixed_dictionaries({"type": st.just("text"), "text": st.one_of(st.text(max_size=50), values)}),
            st.fixed_dictionaries(
                {
                    "type": st.just("image_url"),
                    "image_url": st.one_of(values, st.fixed_dictionaries({"url": st.text(max_size=60)})),
                }
            ),
            values,
        ),
        max_size=3,
    ),
    values,
)
message = st.one_of(st.fixed_dictionaries({"role": roles, "content": content}), values)
small_tokens = st.one_of(
    st.integers(-3, 24),
    st.integers(10**6, 10**12),
    st.none(),
    st.text(max_size=5),
    st.floats(allow_infinity=False, allow_nan=False),
)
knobs = st.fixed_dictionaries(
    {},
    optional={
        "model": st.one_of(st.just("builtin-tiny"), st.text(max_size=20), values),
        "temperature": st.one_of(st.floats(-5, 5), values),
        "top_p": st.one_of(st.floats(-1, 2), values),
        "n": st.one_of(st.integers(-2, 12), values),
        "max_tokens": small_tokens,
        "max_completion_tokens": small_tokens,
        "logprobs": st.one_of(st.booleans(), values),
        "top_logprobs": st.one_of(st.integers(-2, 30), values),
        "stop": st.one_of(st.text(max_size=5), st.lists(st.text(max_size=5), max_size=6), values),
        "seed": st.one_of(st.integers(-(2**70), 2**70), values),
        "presence_penalty": st.one_of(st.floats(-3, 3), values),
        "frequency_penalty": st.one_of(st.floats(-3, 3), values),
        "response_format": st.one_of(
            st.sampled_from([{"type": "json_object"}, {"type": "text"}, {"type": "json_schema"}]),
            st.fixed_dictionaries(  # a schema of any shape: decoded under it, or refused — never a crash
                {
                    "type": st.just("json_schema"),
                    "json_schema": st.fixed_dictionaries({"name": st.just("x"), "schema": values}),
                }
            ),
            values,
        ),
        "stream": st.booleans(),
        "stream_options": values,
        "tools": st.one_of(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "type": st.just("function"),
                        "function": st.fixed_dictionaries(
                            {"name": st.sampled_from(["get_weather", "f", "bad name"]), "parameters": values}
                        ),
                    }
                ),
                max_size=3,
            ),
            values,
        ),
        "tool_choice": st.one_of(st.sampled_from(["auto", "none", "required"]), values),
        "user": values,
    },
)
bodies = st.one_of(
    st.builds(lambda m, k: {"messages": m, **k}, st.lists(message, max_size=4), knobs),
    st.builds(lambda m, k: {"messages": m, **k}, values, knobs),
    values,
)
raw_bodies = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"", b"{", b"[" * 5000 + b"]" * 5000, b'{"messages": ' + b"[" * 3000, b"\xff\xfe{}"]),
)


@pytest.fixture(scope="module")
def v1(builtin_url):
    with httpx2.Client(base_url=builtin_url, timeout=30) as http:  # a hang fails as a timeout
        yield http


def check_v1_answer(response: httpx2.Response) -> None:
    sent["v1"] += 1
    assert response.status_code < 500, response.text[:500]
    assert not LEAKS.search(response.text), response.text[:500]
    if response.status_code >= 400:
        error = response.json()["error"]
        assert isinstance(error["message"], str) and error["message"].strip(), error


@settings(max_examples=V1_CASES * 3 // 4, **CASES)
@given(body=bodies)
def test_v1_answers_any_json_body_with_a_clear_4xx_or_an_answer(v1, body):
    if isinstance(body, dict) and body.get("stream") is True:
        with v1.stream("POST", "/chat/completions", json=body) as response:
            response.read()
    else:
        response = v1.post("/chat/completions", json=body)
    check_v1_answer(response)


@settings(max_examples=V1_CASES // 4, **CASES)
@given(
    body=st.one_of(values, st.builds(lambda k, p: {**k, "prompt": p}, knobs, values)),
    path=st.sampled_from(["/completions", "/embeddings", "/responses"]),
)
def test_v1s_other_endpoints_answer_any_json_body_with_a_clear_4xx_or_an_answer(v1, body, path):
    if path in ("/embeddings", "/responses") and isinstance(body, dict):
        body = {**body, "input": body.pop("prompt", None)}
    if isinstance(body, dict) and body.get("stream") is True:
        with v1.stream("POST", path, json=body) as response:
            response.read()
    else:
        response = v1.post(path, json=body)
    check_v1_answer(response)


@settings(max_examples=V1_CASES // 4, **CASES)
@given(raw=raw_bodies, kind=st.sampled_from(["application/json", "text/plain", "multipart/form-data"]))
def test_v1_answers_any_bytes_with_a_clear_4xx(v1, raw, kind):
    check_v1_answer(v1.post("/chat/completions", content=raw, headers={"content-type": kind}))


@pytest.fixture(scope="module")
def copy():
    """A copy holding a server key that nothing may ever show."""
    demo, _ = launched({"OPENAI_COMPAT_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_COMPAT_KEY": SERVER_KEY})
    visitor = Visitor(demo.local_url)
    names = sorted(visitor.http.get("/gradio_api/info").json()["named_endpoints"])
    yield demo, visitor, [name.lstrip("/") for name in names]
    demo.close()


def test_the_api_fuzz_covers_every_endpoint(copy):
    _, _, names = copy
    assert {"chat", "stream", "chain", "vision", "compare", "sweep", "tokenize", "next_token"} <= set(names)


@settings(max_examples=API_CASES_EACH * 18, **CASES)
@given(data=st.data())
def test_every_api_endpoint_answers_any_values_with_a_clear_error_or_a_result(copy, data):
    _, visitor, names = copy
    name = data.draw(st.sampled_from(names), label="endpoint")
    _, dependency = visitor.events[name]
    arguments = data.draw(st.lists(values, min_size=len(dependency["inputs"]), max_size=len(dependency["inputs"])))
    sent["api"] += 1
    try:
        outputs = visitor.run(name, arguments)
    except EventFailed as failure:
        message = str(failure)
        assert message.strip() and message != "None", f"/{name} failed without a message for {arguments!r}"
        assert not LEAKS.search(message) and "Error" != message.strip(), message
        return
    assert not LEAKS.search(json.dumps(outputs, default=str)), outputs


def test_after_the_fuzz_the_copy_still_answers_and_the_readme_counts_true(copy, v1):
    demo, _, _ = copy
    fresh = Visitor(demo.local_url)
    assert fresh.call("chat", message="Hola", max_tokens=3)[0]["choices"]
    assert (
        v1.post(
            "/chat/completions",
            json={"model": "builtin-tiny", "messages": [{"role": "user", "content": "Hola"}], "max_tokens": 3},
        ).status_code
        == 200
    )
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    said = re.search(r"sends ([\d,]+) generated requests each run", readme)
    assert said, "README: say how many cases the fuzzer runs"
    if sent["v1"] and sent["api"]:  # this run ran the fuzz tests above (not only this one)
        assert sent["v1"] + sent["api"] >= int(said.group(1).replace(",", "")), sent
