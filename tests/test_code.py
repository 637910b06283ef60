"""The code views are proved by running them: each tab's script, run with `python`, prints what the tab
answered (builtin model, temperature 0 or a seed), and for every other host sends the very body the app sent."""

import asyncio
import os
import py_compile
import shutil
import subprocess
import sys

import pytest
from gradio_client import handle_file

from components.classroom.playground import Playground
from components.core.hosts import ClientPool
from components.core.records import Call
from components.lessons.code import curl_command, python_script
from components.lessons.plans import Plans
from components.ui.tabs.vision import SAMPLES

pytestmark = pytest.mark.slow  # every case starts a Python process


def run_script(script: str, tmp_path, env: dict | None = None) -> str:
    path = tmp_path / "script.py"
    path.write_text(script, encoding="utf-8")
    shutil.copy(SAMPLES[0], tmp_path)  # the vision script reads its image next to it
    base = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "AZURE", "HF_", "OLLAMA"))}
    done = subprocess.run(
        [sys.executable, str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, **(env or {})},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def sections(printed: str) -> list[str]:
    """The answers a script printed after its "--- title ---" lines."""
    parts, current = [], None
    for line in printed.splitlines(keepends=True):
        if line.startswith("--- ") and line.rstrip().endswith(" ---"):
            current = len(parts)
            parts.append("")
        elif current is not None:
            parts[current] += line
    return [part.removesuffix("\n") for part in parts]


@pytest.mark.parametrize("knobs", [{"temperature": 0}, {"temperature": 0.9, "seed": 7}])
def test_every_tabs_script_prints_what_the_tab_answered(app_client, tmp_path, knobs):
    asked = {"max_tokens": 40, **knobs}
    chat = app_client.predict("Escribe un haiku sobre un gato", system_prompt="Sé breve", **asked, api_name="/chat")
    script = app_client.predict(
        "Escribe un haiku sobre un gato", system_prompt="Sé breve", **asked, api_name="/chat_code"
    )
    assert run_script(script, tmp_path) == chat["choices"][0]["text"] + "\n"

    history = [{"role": "user", "content": "Hola"}, {"role": "assistant", "content": "¡Miau! ¿Qué tal?"}]
    if "seed" not in knobs:  # the stream, persona, few-shot, chain and vision endpoints take temperature only
        answer = app_client.predict("¿Y el atún?", history=history, **asked, api_name="/stream")
        script = app_client.predict("¿Y el atún?", history=history, **asked, api_name="/stream_code")
        assert run_script(script, tmp_path) == answer + "\n"

        persona = app_client.predict("¿Qué es un gato?", **asked, api_name="/persona")
        script = app_client.predict("¿Qué es un gato?", **asked, api_name="/persona_code")
        assert sections(run_script(script, tmp_path)) == [persona["with_system"], persona["without_system"]]

        few = app_client.predict("¿Planeta más grande?", **asked, api_name="/few_shot")
        script = app_client.predict("¿Planeta más grande?", **asked, api_name="/few_shot_code")
        assert sections(run_script(script, tmp_path)) == [few["answer"], few["zero_shot_answer"]]

        steps = app_client.predict("Los gatos duermen mucho.", **asked, api_name="/chain")
        script = app_client.predict("Los gatos duermen mucho.", **asked, api_name="/chain_code")
        assert sections(run_script(script, tmp_path)) == steps  # every step, each fed the one before

        image = handle_file(SAMPLES[0])
        seen = app_client.predict(image, "¿Qué ves?", **asked, api_name="/vision")
        script = app_client.predict(image, "¿Qué ves?", **asked, api_name="/vision_code")
        assert "base64.b64encode" in script and run_script(script, tmp_path) == seen + "\n"


HOSTS = {  # each host configured with a fake key, its base URL pointed at the recording fake
    "openai": ({"OPENAI_API_KEY": "sk-fake-openai-7f3a9c"}, "OPENAI_BASE_URL", "/v1"),
    "azure": ({"AZURE_OPENAI_KEY": "fake-azure-key-5d2e8b", "AZURE_OPENAI_CHAT_DEPLOYMENT": "gpt-4o"}, None, ""),
    "huggingface": ({"HF_TOKEN": "hf_fakeTokenQ1w2e3r4"}, "HF_BASE_URL", "/v1"),
    "ollama": ({"OLLAMA_MODEL": "llama3.2"}, "OLLAMA_ENDPOINT", "/v1"),
    "custom": (
        {"OPENAI_COMPAT_KEY": "fake-compat-key-9z8y", "OPENAI_COMPAT_MODEL": "m"},
        "OPENAI_COMPAT_BASE_URL",
        "/v1",
    ),
}


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("stream", [False, True])
def test_another_hosts_script_sends_the_body_the_app_sent(fake_host, tmp_path, host, stream):
    config, url_var, suffix = HOSTS[host]
    env = {**config, (url_var or "AZURE_OPENAI_ENDPOINT"): fake_host.url + suffix}
    playground = Playground(env, ClientPool(max_retries=0))
    plans = Plans(playground)
    arguments = {"message": "Hola", "system_prompt": "Sé breve", "host": host, "model": "", "temperature": 0.2}
    (call,) = (plans.stream if stream else plans.chat)({**arguments, "history": None, "stop": ["\n"]}, "es")

    async def send():
        if stream:
            async for _ in playground.stream(call.request):
                pass
        else:
            await playground.complete(call.request)

    asyncio.run(send())
    sent_by_app = fake_host.seen[-1]
    endpoint = playground.resolve_host(host, call.request.model)
    script = python_script([call], endpoint, "http://127.0.0.1:7860/v1", "es")
    path = tmp_path / "compiled.py"
    path.write_text(script)
    py_compile.compile(str(path), doraise=True)
    run_script(script, tmp_path, env)
    sent_by_script = fake_host.seen[-1]
    assert sent_by_script.body == sent_by_app.body and sent_by_script.path == sent_by_app.path
    assert sent_by_script.headers.get("authorization") == sent_by_app.headers.get("authorization")
    for secret in config.values():
        if "fake" in secret:
            assert secret not in script and secret not in curl_command(call.request, endpoint, "", stream)


def test_keyless_azure_code_signs_in_and_compiles(tmp_path):
    env = {"AZURE_OPENAI_ENDPOINT": "https://example.openai.azure.com", "AZURE_OPENAI_CHAT_DEPLOYMENT": "gpt-4o"}
    playground = Playground(env)
    (call,) = Plans(playground).chat({"message": "Hola", "system_prompt": "", "host": "azure", "model": ""}, "en")
    endpoint = playground.resolve_host("azure")
    script = python_script([Call(call.request)], endpoint, "", "en")
    assert "azure.identity.get_bearer_token_provider(" in script and "DefaultAzureCredential()" in script
    path = tmp_path / "keyless.py"
    path.write_text(script)
    py_compile.compile(str(path), doraise=True)
    assert "az account get-access-token" in curl_command(call.request, endpoint, "")


def test_with_a_class_password_the_builtin_script_uses_it_as_its_key(tmp_path):
    from gradio_client import Client

    from tests.visitor import launched

    demo, _ = launched({"PLAYGROUND_PASSWORD": "gatos-2026"})
    try:
        client = Client(demo.local_url, auth=("alumno", "gatos-2026"), verbose=False, analytics_enabled=False)
        asked = {"system_prompt": "Sé breve", "max_tokens": 30, "temperature": 0}
        answer = client.predict("Escribe un haiku sobre un gato", **asked, api_name="/chat")["choices"][0]["text"]
        script = client.predict("Escribe un haiku sobre un gato", **asked, api_name="/chat_code")
        assert 'api_key=os.environ["PLAYGROUND_PASSWORD"]' in script and "gatos-2026" not in script
        assert run_script(script, tmp_path, {"PLAYGROUND_PASSWORD": "gatos-2026"}) == answer + "\n"
    finally:
        demo.close()
