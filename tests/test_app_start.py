"""`python app.py` with no configuration: a working app on the builtin model, and no outside network call;
`gradio app.py` hot-reloads."""

import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support import free_port, wait_until_up

pytestmark = pytest.mark.slow  # left out of the fast tier (python -m pytest -m "not slow")
ROOT = Path(__file__).resolve().parent.parent
KEPT_OUT = re.compile(r"(\d+) objects from the start kept out of the cycle collector")
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
        TMPDIR=str(tmp_path),
        OUTSIDE_CONNECTIONS_LOG=str(log),
        GRADIO_SERVER_PORT=str(port),
        PYTHON_DOTENV_DISABLED="1",
    )
    app = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines, set_aside = [], threading.Event()

    def read_output() -> None:
        for line in app.stdout:
            lines.append(line)
            if KEPT_OUT.search(line):
                set_aside.set()

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", app)
        except RuntimeError as error:
            if app.poll() is not None:
                reader.join(timeout=10)  # the rest of what it printed
            raise AssertionError("".join(lines) if app.poll() is not None else str(error)) from error
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
            assert page.status == 200
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
        result = client.predict("Hola", max_tokens=20, api_name="/chat")
        assert result["model"] == "builtin-tiny" and result["choices"][0]["text"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models") as models:
            assert b"builtin-tiny" in models.read()
        # Gradio's files (the Vision samples among them) in this copy's own folder, not the machine's shared one
        assert list(tmp_path.glob("playground-*/**/cat.png"))
        # Once the SDK and the tokenizers are loaded, what the start built is set aside from the cycle
        # collector's walks (components/classroom/collector.py): the whole page, not a handful of objects.
        assert set_aside.wait(60), "".join(lines)
        assert int(next(KEPT_OUT.search(line) for line in lines if KEPT_OUT.search(line)).group(1)) > 100_000
        time.sleep(1)  # give any background thread (analytics, version check) time to try
    finally:
        app.terminate()
        app.wait(timeout=10)
        reader.join(timeout=10)
    output = "".join(lines)
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


def test_gradio_hot_reload_serves_and_reloads_an_edit(tmp_path):
    """`gradio app.py` (also what a Space's dev mode runs): it serves, and after an edit serves the edited page."""
    shutil.copy(ROOT / "app.py", tmp_path / "app.py")
    shutil.copytree(ROOT / "components", tmp_path / "components", ignore=shutil.ignore_patterns("__pycache__"))
    page = tmp_path / "components" / "ui" / "page.py"
    original = page.read_text()
    assert original.count('title="Python + AI Playground"') == 1
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(HOST_VARS)}
    env.update(GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1")
    app = subprocess.Popen(
        [sys.executable, "-m", "gradio", "app.py"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # `gradio` runs the app in a child process: both stop together
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, app)

        def title() -> str:
            with urllib.request.urlopen(f"{url}config", timeout=10) as config:
                return json.loads(config.read())["title"]

        assert title() == "Python + AI Playground"
        # The watcher starts watching once it has run app.py a second time; until then an edit goes unseen,
        # so edit again (a new title each time) until the page shows one.
        deadline = time.monotonic() + 120
        for attempt in itertools.count():
            # whole or not at all: a reload reading a half-written file would fail
            edited = page.with_suffix(".tmp")
            edited.write_text(original.replace('title="Python + AI Playground"', f'title="Edited {attempt}"'))
            os.replace(edited, page)
            seen = time.monotonic() + 3
            while time.monotonic() < seen and not title().startswith("Edited"):
                time.sleep(0.2)
            if title().startswith("Edited") or time.monotonic() > deadline:
                break
        assert title().startswith("Edited")
        from gradio_client import Client

        client = Client(url, verbose=False, analytics_enabled=False)  # the reloaded page's builtin host answers
        assert client.predict("Hola", max_tokens=10, api_name="/chat")["choices"][0]["text"]
    finally:
        os.killpg(app.pid, signal.SIGTERM)
        output = app.communicate(timeout=20)[0]
    assert "Traceback" not in output and "failed" not in output, output


def pythons_with_the_requirements() -> list[str]:
    """This Python and every other python3.10–3.13 on the PATH that has the app's requirements installed."""
    found = {str(Path(sys.executable).resolve()): sys.executable}
    for minor in range(10, 14):
        path = shutil.which(f"python3.{minor}")
        if path and str(Path(path).resolve()) not in found:
            ready = subprocess.run([path, "-c", "import gradio, openai, azure.identity, dotenv, bpe_openai"], cwd=ROOT)
            if ready.returncode == 0:
                found[str(Path(path).resolve())] = path
    return list(found.values())


def test_the_app_answers_chat_under_every_python_found():
    for python in pythons_with_the_requirements():
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(HOST_VARS)}
        env.update(GRADIO_SERVER_PORT=str(port), PYTHON_DOTENV_DISABLED="1")
        app = subprocess.Popen(
            [python, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            try:
                wait_until_up(f"http://127.0.0.1:{port}/", app)
            except RuntimeError as error:
                raise AssertionError(f"{python}: {app.stdout.read() if app.poll() is not None else error}") from error
            from gradio_client import Client

            client = Client(f"http://127.0.0.1:{port}/", verbose=False, analytics_enabled=False)
            assert client.predict("Hola", max_tokens=10, api_name="/chat")["choices"][0]["text"], python
        finally:
            app.terminate()
            output = app.communicate(timeout=10)[0]
        assert "Traceback" not in output, f"{python}: {output}"
