"""A session exported as a replay script, JSON and Markdown: the script replays every call (and prints what
the session got, on the builtin model at temperature 0); no key is in any file."""

import asyncio
import json
import subprocess
import sys

import pytest

from components.classroom.playground import Playground
from components.core.hosts import ClientPool
from components.core.records import Call, Exchange
from components.lessons.export import export_files
from components.lessons.plans import Plans

pytestmark = pytest.mark.slow  # runs the exported script in a Python process

FAKE_KEYS = {
    "OPENAI_API_KEY": "sk-fake-export-1a2b3c",
    "AZURE_OPENAI_KEY": "fake-azure-export-4d5e",
    "AZURE_OPENAI_ENDPOINT": "https://example.openai.azure.com",
    "AZURE_OPENAI_CHAT_DEPLOYMENT": "gpt-4o",
    "HF_TOKEN": "hf_fakeExport6f7g8h",
    "OPENAI_COMPAT_BASE_URL": "http://127.0.0.1:9/v1",
    "OPENAI_COMPAT_KEY": "fake-compat-export-9i",
    "OPENAI_COMPAT_MODEL": "m",
    "PLAYGROUND_PASSWORD": "class-password-0j",
}


def test_an_exported_conversation_replays_on_the_builtin_model(builtin_url, tmp_path):
    playground = Playground({}, ClientPool(max_retries=0), builtin_url=builtin_url)
    plans = Plans(playground)

    async def conversation():  # two turns, as the Streaming tab keeps them
        history: list[dict] = []
        for message in ("Hola, gato", "¿Y el atún?"):
            arguments = {"message": message, "history": history, "system_prompt": "Sé breve", "host": "builtin"}
            (call,) = plans.stream({**arguments, "model": "", "temperature": 0, "max_tokens": 30}, "es")
            text = ""
            async for update in playground.stream(call.request):
                text = update.text
            playground.remember("session-1", "stream", call, text)
            history += [{"role": "user", "content": message}, {"role": "assistant", "content": text}]

    asyncio.run(conversation())
    kept = playground.sent["session-1"]["stream"]
    script, record, transcript = export_files(kept, playground.resolve_host, builtin_url, "es", tmp_path)
    replayed = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert replayed.returncode == 0, replayed.stderr[-2000:]
    assert replayed.stdout == "".join(e.answer + "\n" for e in kept)  # each turn, as the session got it
    exchanges = json.loads(record.read_text())["exchanges"]
    assert [e["request"] for e in exchanges] == [e.call.request.to_api(stream=True) for e in kept]
    assert [e["response"]["text"] for e in exchanges] == [e.answer for e in kept]
    markdown = transcript.read_text()
    assert "¿Y el atún?" in markdown and kept[-1].answer in markdown and "**system:** Sé breve" in markdown


def test_no_key_token_or_password_in_any_export_or_code(tmp_path):
    playground = Playground(FAKE_KEYS)
    plans = Plans(playground)
    exchanges = []
    for host in ("openai", "azure", "huggingface", "custom", "builtin"):
        if host == "builtin":
            playground.builtin_url = "http://127.0.0.1:7860/v1"
        arguments = {"message": "Hola", "system_prompt": "", "host": host, "model": "", "temperature": 0.5}
        (call,) = plans.chat(arguments, "en")
        exchanges.append(Exchange(call, "Miau"))
    exchanges.append(Exchange(Call(exchanges[0].call.request, stream=True), "Miau"))
    paths = export_files(exchanges, playground.resolve_host, "http://127.0.0.1:7860/v1", "en", tmp_path)
    everything = "\n".join(path.read_text() for path in paths)
    assert "OPENAI_API_KEY" in everything and "HF_TOKEN" in everything  # the variables are named…
    for name, value in FAKE_KEYS.items():
        if "KEY" in name or "TOKEN" in name or "PASSWORD" in name:
            assert value not in everything, name  # …their values never written


def test_old_export_folders_are_deleted_when_a_new_one_is_made(tmp_path):
    import os
    import time

    from components.lessons.export import EXPORTS_KEPT_S, fresh_export_folder

    old = fresh_export_folder(tmp_path)
    (old / "session.py").write_text("print('old')")
    recent = fresh_export_folder(tmp_path)
    long_ago = time.time() - EXPORTS_KEPT_S - 60
    os.utime(old, (long_ago, long_ago))
    newest = fresh_export_folder(tmp_path)
    assert not old.exists() and recent.exists() and newest.exists() and newest.parent == tmp_path
