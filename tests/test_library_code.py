"""The code view's other libraries, written from the request a tab sent: what each one sends, and what it cannot
send said in a comment (its scripts are run against /v1 in test_builtin_libraries.py, slow tier)."""

import ast

from components.classroom.playground import Playground
from components.core.records import Call
from components.core.settings import GenerationSettings
from components.lessons.library_code import LIBRARIES, library_script

ASKED = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "A cat"}]


def script(library: str, env: dict, host: str, settings: GenerationSettings, messages=ASKED, stream=False) -> str:
    playground = Playground(env, builtin_url="http://127.0.0.1:7860/v1")
    request = playground.request(host, "", messages, settings)
    return library_script(library, Call(request, stream), playground.resolve_host(host, request.model), "x", "en")


def test_every_script_is_python_and_names_what_its_library_leaves_out():
    settings = GenerationSettings(temperature=0.2, n=2, presence_penalty=0.5, response_format={"type": "json_object"})
    for library in LIBRARIES:
        written = script(library, {}, "builtin", settings)
        ast.parse(written)
        assert "temperature=0.2" in written or '"temperature": 0.2' in written, (library, written)
    assert "does not send these here: n, presence_penalty" in script("responses", {}, "builtin", settings)
    assert 'text={"format": {"type": "json_object"}}' in script("responses", {}, "builtin", settings)
    assert "does not send these here: n, response_format" in script("pydanticai", {}, "builtin", settings)
    assert "does not send" not in script("litellm", {}, "builtin", settings)  # it passes everything through
    assert 'model_kwargs={"response_format": {"type": "json_object"}}' in script("langchain", {}, "builtin", settings)


def test_keys_come_from_the_environment_and_keyless_azure_is_said_where_a_library_lacks_it():
    azure = {"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com", "AZURE_OPENAI_CHAT_DEPLOYMENT": "gpt-4o"}
    settings = GenerationSettings(temperature=0.2)
    langchain = script("langchain", azure, "azure", settings)
    assert "api_key=token_provider" in langchain and "import azure.identity" in langchain
    assert "AZURE_OPENAI_API_KEY and use it" in script("litellm", azure, "azure", settings)
    openai_key = script("litellm", {"OPENAI_API_KEY": "sk-secret-1234"}, "openai", settings)
    assert 'api_key=os.environ["OPENAI_API_KEY"]' in openai_key and "sk-secret-1234" not in openai_key
    image = [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,x"}}]}]
    assert "takes images in a form of its own" in script("pydanticai", {}, "builtin", settings, image)
    assert "may not serve the Responses API" in script("responses", {"OLLAMA_MODEL": "m"}, "ollama", settings)
