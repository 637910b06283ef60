"""The lesson's libraries against the builtin /v1, as a student would call them: LangChain's
with_structured_output and PydanticAI's output_type get validated objects; the code view's script for each library
(LangChain, LlamaIndex, PydanticAI, LiteLLM, the Responses API) prints the answer the tab got; LlamaIndex's
OpenAILike with its defaults works. requirements-dev pins them; LlamaIndex runs in its own environment."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from components.core.records import Call
from components.core.settings import GenerationSettings
from components.lessons.library_code import LIBRARIES, library_script

pytestmark = pytest.mark.slow  # they import a lot: left out of the fast tier

ASKED = "My grey cat Tom is 3 years old."
ASKED_AGAIN = {"role": "user", "content": "¿Y el atún?"}


class Cat(BaseModel):
    name: str
    age: int
    colour: Literal["grey", "black", "orange"]
    likes: list[str]


@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_langchain_with_structured_output(builtin_url, method):
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(model="builtin-tiny", base_url=builtin_url, api_key="no-key-needed", temperature=0.7)
    structured = llm.with_structured_output(Cat, method=method)
    cats = [structured.invoke(ASKED) for _ in range(5)]
    assert all(isinstance(cat, Cat) and cat.name == "Tom" and cat.age == 3 for cat in cats), cats


def test_pydantic_ai_output_type(builtin_url):
    from pydantic_ai import Agent
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai import OpenAIProvider

    model = OpenAIChatModel("builtin-tiny", provider=OpenAIProvider(base_url=builtin_url, api_key="no-key-needed"))
    agent = Agent(model, output_type=Cat)
    cats = [agent.run_sync(ASKED).output for _ in range(5)]
    assert all(isinstance(cat, Cat) and cat.colour == "grey" for cat in cats), cats


LLAMAINDEX_PYTHON = Path(__file__).resolve().parent.parent / ".venvs" / "llamaindex" / "bin" / "python"


def python_for(library: str) -> str:
    """LlamaIndex pins openai<3: its scripts run in its own environment (tests/setup.sh makes it)."""
    if library != "llamaindex":
        return sys.executable
    if not LLAMAINDEX_PYTHON.exists():
        if os.environ.get("REQUIRE_BROWSER"):  # (CI: everything setup.sh makes must be there)
            raise AssertionError("LlamaIndex's environment is missing: run bash tests/setup.sh")
        pytest.skip("LlamaIndex's environment is missing: bash tests/setup.sh makes it")
    return str(LLAMAINDEX_PYTHON)


def run_script(library: str, script: str, folder: Path) -> str:
    path = folder / f"with_{library}.py"  # (a script named litellm.py would import itself)
    path.write_text(script)
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}  # (LiteLLM would fetch its price list)
    ran = subprocess.run([python_for(library), path.name], cwd=folder, env=env, capture_output=True, text=True)
    assert ran.returncode == 0, (library, script, ran.stderr[-3000:])
    return ran.stdout.rstrip("\n")


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
@pytest.mark.parametrize("library", list(LIBRARIES))
def test_each_librarys_script_answers_what_the_tab_answered(app_client, launched_app, library, stream, tmp_path):
    """The code view's script for each library, run against the app's /v1 at temperature 0, prints the answer the
    tab got for the same call."""
    demo, playground = launched_app
    knobs = {"temperature": 0, "max_tokens": 30, "seed": 3}
    history = [{"role": "user", "content": "Hola"}, {"role": "assistant", "content": "¡Miau! ¿Qué tal?"}]
    if stream:
        answer = app_client.predict(
            "¿Y el atún?", history=history, system_prompt="Eres Yoda.", **knobs, api_name="/stream"
        )
    else:
        answer = app_client.predict("¿Y el atún?", system_prompt="Eres Yoda.", **knobs, api_name="/chat")
        answer = answer["choices"][0]["text"]
    settings = GenerationSettings(temperature=0, max_tokens=30, seed=3)
    messages = [{"role": "system", "content": "Eres Yoda."}, *(history if stream else []), ASKED_AGAIN]
    call = Call(playground.request("builtin", "", messages, settings), stream)
    endpoint = playground.resolve_host("builtin", call.request.model)
    script = library_script(library, call, endpoint, playground.builtin_url, "es")
    assert run_script(library, script, tmp_path) == answer.rstrip("\n")


def test_llamaindex_openailike_with_its_defaults_uses_the_legacy_completions(builtin_url, tmp_path):
    """LlamaIndex's OpenAILike as its documentation shows it (no is_chat_model): it posts to /v1/completions."""
    script = f"""
from llama_index.llms.openai_like import OpenAILike

# temperature 0: the same reply whole and streamed (its default, 0.1, still samples: a reply may end at once)
llm = OpenAILike(model="builtin-tiny", api_base="{builtin_url}", api_key="no-key-needed", max_tokens=12, temperature=0)
print(llm.complete("Los gatos").text)
for chunk in llm.stream_complete("Los gatos"):
    print(chunk.delta, end="|")
"""
    whole, streamed = run_script("llamaindex", script, tmp_path).split("\n", 1)
    assert whole.strip() and streamed.count("|") >= 3 and streamed.replace("|", "") == whole, (whole, streamed)
