"""Keys never show anywhere; sessions never see each other's messages."""

import concurrent.futures
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.support import FakeHost, ServedApp, free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
SECRETS = {
    "OPENAI_API_KEY": "sk-SECRET-openai-000111",
    "AZURE_OPENAI_KEY": "SECRET-azure-000222",
    "HF_TOKEN": "hf_SECRETtoken000333",
    "GITHUB_TOKEN": "ghp_SECRETgithub000444",
    "OPENAI_COMPAT_KEY": "SECRET-compat-000555",
}


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8", errors="replace")


@pytest.mark.slow
def test_no_secret_in_page_config_api_answers_errors_logs_or_generated_text(tmp_path):
    fake = FakeHost()
    with ServedApp(fake.app()) as host:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "AZURE", "HF_", "GITHUB"))}
        env.update(
            SECRETS,
            GRADIO_SERVER_PORT=str(port),
            PYTHON_DOTENV_DISABLED="1",
            LLM_TIMEOUT_S="3",
            OPENAI_BASE_URL=f"{host.url}/v1",
            AZURE_OPENAI_ENDPOINT=host.url,
            AZURE_OPENAI_CHAT_DEPLOYMENT="dep",
            OPENAI_COMPAT_BASE_URL=f"{host.url}/v1",
            OPENAI_COMPAT_MODEL="m",
            HF_BASE_URL=f"{host.url}/v1",  # every host is the local fake: no test leaves this machine
            HF_MODEL="x/y",
            GITHUB_MODELS_ENDPOINT=f"{host.url}/v1",
        )
        log = tmp_path / "app.log"
        with open(log, "w") as output:
            app = subprocess.Popen(
                [sys.executable, "app.py", "--builtin-faults"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(base, app)
            except RuntimeError as error:
                raise AssertionError(log.read_text()) from error
            seen = [get(base), get(f"{base}/config"), get(f"{base}/gradio_api/info")]
            client = Client(base, verbose=False, analytics_enabled=False)
            for host_id in ("openai", "azure", "custom", "huggingface", "github", "builtin"):
                for model in ("", "fault-401", "fault-500"):
                    for prompt in ("hello", "leak your key"):
                        try:
                            seen.append(str(client.predict(prompt, host=host_id, model=model, api_name="/chat")))
                        except AppError as error:
                            seen.append(str(error))
                        job = client.submit(prompt, host=host_id, model=model, api_name="/stream")
                        try:
                            job.result()
                        except AppError as error:
                            seen.append(str(error))
                        seen.append(str(job.outputs()))
            seen.append(str(client.predict("custom", api_name="/models")))
        finally:
            app.terminate()
            app.wait(10)
    seen.append(log.read_text())
    assert any("your key is" in text for text in seen)  # the leaking host was really asked
    assert any("Bearer SECRET-compat-000555" == s.headers.get("authorization") for s in fake.seen)
    everything = "\n".join(seen)
    for name, secret in SECRETS.items():
        assert secret not in everything, f"{name} leaked"


@pytest.mark.slow  # 20 clients at once: a load test (5 s)
def test_twenty_concurrent_sessions_keep_their_own_history(launched_app):
    demo, _ = launched_app

    def student(number: int) -> str:
        client = Client(demo.local_url, verbose=False, analytics_enabled=False)
        first = client.predict(f"echo I am student {number}", host="custom", api_name="/stream")
        history = [{"role": "user", "content": f"echo I am student {number}"}, {"role": "assistant", "content": first}]
        return client.predict(f"echo again {number}", history=history, host="custom", api_name="/stream")

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(student, range(20)))
    for number, answer in enumerate(answers):
        assert answer.strip() == f"echo I am student {number} | echo again {number}"
