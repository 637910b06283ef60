"""A new knob is its definition (one GenerationSettings field) and its two catalog lines, nothing else: in a copy
of the app with exactly those three edits, the knob is a control on the page, a typed parameter of the API and
its `_code` twins, a value the Sweep can vary, and a keyword the code view writes."""

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.support import free_port, wait_until_up

pytestmark = pytest.mark.slow  # starts a copy of the app
ROOT = Path(__file__).resolve().parent.parent
DEFINITION = "    repetition_penalty: float | None = knob(0, 2, start=1, unsent=1, step=0.05, sweep=True)\n"
CATALOG_LINES = {  # (label, help text)
    "en": ("Repetition penalty", "Above 1: repeats less. 1 = not sent."),
    "es": ("Penalización de repetición", "Mayor que 1: repite menos. 1 = no se envía."),
}


def copy_with_a_new_knob(folder: Path) -> None:
    shutil.copy(ROOT / "app.py", folder / "app.py")
    shutil.copytree(ROOT / "components", folder / "components", ignore=shutil.ignore_patterns("__pycache__"))
    settings = folder / "components" / "core" / "settings.py"
    anchor = "    frequency_penalty: float | None = knob("
    text = settings.read_text()
    assert text.count(anchor) == 1
    line_start = text.index(anchor)
    line_end = text.index("\n", line_start) + 1
    settings.write_text(text[:line_end] + DEFINITION + text[line_end:])
    for lang, (label, info) in CATALOG_LINES.items():
        catalog = folder / "components" / "i18n" / f"{lang}.py"
        text = catalog.read_text()
        anchor = '    "knobs.frequency_penalty": '
        assert text.count(anchor) == 1
        at = text.index(anchor)
        lines = f'    "knobs.repetition_penalty": "{label}",\n    "knobs.repetition_penalty.info": "{info}",\n'
        catalog.write_text(text[:at] + lines + text[at:])


def test_a_knob_defined_once_appears_on_the_page_the_api_and_the_code_view(tmp_path):
    copy_with_a_new_knob(tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("API_HOST", "OPENAI", "AZURE", "OLLAMA"))}
    env.update(GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1")
    app = subprocess.Popen(
        [sys.executable, "app.py"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, app)
        with urllib.request.urlopen(f"{url}config", timeout=30) as response:
            config = json.loads(response.read())
        sliders = [
            c["props"]
            for c in config["components"]
            if c.get("type") == "slider" and "knobs.repetition_penalty" in json.dumps(c["props"].get("label"))
        ]
        assert len(sliders) >= 4  # Chat, Streaming and each Compare column
        assert {(s["minimum"], s["maximum"], s["value"], s["step"]) for s in sliders} == {(0, 2, 1, 0.05)}

        from gradio_client import Client

        client = Client(url, verbose=False, analytics_enabled=False)
        info = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
        for name in ("/chat", "/stream", "/chat_code", "/stream_code"):
            parameters = {p["parameter_name"]: p for p in info[name]["parameters"]}
            assert parameters["repetition_penalty"]["parameter_default"] == 1, name
            assert parameters["repetition_penalty"]["python_type"]["type"] == "float", name
        assert "repetition_penalty" not in {
            p["parameter_name"] for p in info["/persona"]["parameters"]
        }  # in sight only

        script = client.predict("Hola", repetition_penalty=1.3, api_name="/chat_code")
        assert "repetition_penalty=1.3" in script
        assert "repetition_penalty" not in client.predict("Hola", api_name="/chat_code")  # at its start: not sent
        with pytest.raises(Exception, match="between 0 and 2"):
            client.predict("Hola", repetition_penalty=3, api_name="/chat_code")
        sweep_doc = info["/sweep"]["description"] if "description" in info["/sweep"] else json.dumps(info["/sweep"])
        assert "repetition_penalty" in sweep_doc
    finally:
        app.send_signal(signal.SIGTERM)
        output = app.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
