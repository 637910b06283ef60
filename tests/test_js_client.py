"""The API as a web page calls it: `@gradio/client` (JavaScript, from npm, pinned in tests/js) with only the
message, positionally — the other parameters arrive as null and mean their defaults — and the raw
`/gradio_api/call/<name>` with only the first value."""

import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
JS = Path(__file__).resolve().parent / "js"


def node_ready() -> None:
    if shutil.which("node") and (JS / "node_modules" / "@gradio" / "client").exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):  # (CI: tests/setup.sh installs Node and the packages)
        raise AssertionError("Node or tests/js/node_modules is missing: run bash tests/setup.sh")
    pytest.skip("Node and tests/js/node_modules (bash tests/setup.sh) are needed")


@pytest.mark.parametrize("endpoint", ["/chat", "/structured", "/tools", "/persona"])
def test_the_js_client_calls_an_endpoint_with_only_its_message(launched_app, endpoint):
    node_ready()
    demo, _ = launched_app
    asked = {"/persona": "¿Qué es Python?", "/structured": "Mi gato Tom tiene 3 años"}.get(endpoint, "Hola")
    ran = subprocess.run(
        ["node", "chat_positionally.mjs", demo.local_url, endpoint, asked],
        cwd=JS,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    (answer,) = json.loads(ran.stdout.strip().splitlines()[-1])
    if endpoint == "/chat":
        assert answer["model"] == "builtin-tiny" and answer["choices"][0]["text"], answer
    elif endpoint == "/structured":
        assert answer["parsed"]["name"] == "Tom", answer
    elif endpoint == "/tools":
        assert answer["requests"] and answer["messages"][0]["content"] == "Hola", answer
    else:
        assert answer["with_system"] and answer["without_system"], answer


def test_a_raw_call_with_only_the_first_value(launched_app):
    demo, _ = launched_app
    started = urllib.request.Request(
        f"{demo.local_url}gradio_api/call/chat",
        data=json.dumps({"data": ["Hola"]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(started, timeout=30) as response:
        event_id = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(f"{demo.local_url}gradio_api/call/chat/{event_id}", timeout=60) as stream:
        said = stream.read().decode()
    assert "event: complete" in said, said
    data = json.loads(said.split("event: complete\ndata: ", 1)[1].splitlines()[0])
    assert data[0]["choices"][0]["text"] and data[0]["model"] == "builtin-tiny"
