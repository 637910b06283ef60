"""`python app.py` with no configuration: a working app on the builtin model, and no outside network call."""

import os
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import free_port, wait_until_up

pytestmark = pytest.mark.slow  # left out of the fast tier (python -m pytest -m "not slow")
ROOT = Path(__file__).resolve().parent.parent
HOST_VARS = ("API_HOST", "OPENAI", "AZURE", "OLLAMA", "HF_", "GITHUB", "GRADIO_ANALYTICS")

# Installed as sitecustomize in the child: records every name looked up and every connection made
# outside loopback (offline, a lookup fails before any connect, so both are watched).
WATCH_CONNECTIONS = textwrap.dedent(
    """
    import os, sys

    LOCAL = ("127.", "::1", "localhost", "/", "0.0.0.0", "None")

    def _watch(event, args):
        if event == "socket.getaddrinfo":
            host = str(args[0])
        elif event == "socket.connect":
            host = str(args[1][0] if isinstance(args[1], tuple) else args[1])
        else:
            return
        if not host.startswith(LOCAL):
            with open(os.environ["OUTSIDE_CONNECTIONS_LOG"], "a") as log:
                log.write(host + "\\n")

    sys.addaudithook(_watch)
    """
)


def test_app_starts_with_nothing_configured_and_stays_offline(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(WATCH_CONNECTIONS)
    log = tmp_path / "outside.log"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(HOST_VARS)}
    env.update(
        PYTHONPATH=str(tmp_path),
        OUTSIDE_CONNECTIONS_LOG=str(log),
        GRADIO_SERVER_PORT=str(port),
        PYTHON_DOTENV_DISABLED="1",
    )
    app = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", app)
        except RuntimeError as error:
            raise AssertionError(app.stdout.read() if app.poll() is not None else str(error)) from error
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert page.status == 200
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
        result = client.predict("Hola", max_tokens=20, api_name="/chat")
        assert result["model"] == "builtin-tiny" and result["choices"][0]["text"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models") as models:
            assert b"builtin-tiny" in models.read()
        time.sleep(1)  # give any background thread (analytics, version check) time to try
    finally:
        app.terminate()
        output = app.communicate(timeout=10)[0]
    assert not log.exists(), f"outside connections: {log.read_text()}"
    assert "Traceback" not in output


def test_app_starts_as_on_a_space_and_logs_no_error():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(HOST_VARS)}
    env.update(SYSTEM="spaces", SPACE_ID="teacher/python-ia", GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1")
    app = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", app)
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
        assert client.predict("Hola", max_tokens=10, api_name="/chat")["choices"][0]["text"]
        time.sleep(2)  # the Spaces reloader starts in the background
    finally:
        app.terminate()
        output = app.communicate(timeout=10)[0]
    assert "Traceback" not in output and "ERROR" not in output, output
    assert "not found in __main__" not in output  # the reloader finds the launched Blocks as `demo`
