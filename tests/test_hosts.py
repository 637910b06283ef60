"""Every host's client, asserted on the wire: URL path, Authorization header and model."""

import asyncio
import time

import httpx2
import pytest
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError

from components.classroom.playground import Playground
from components.core.errors import explain
from components.core.hosts import (
    ClientPool,
    default_host,
    listed_hosts,
    normalize_azure_endpoint,
    resolve,
)
from components.core.settings import ChatRequest, GenerationSettings
from components.i18n import UserError
from tests.support import RedirectTransport


def call(endpoint, pool=None, **settings):
    pool = pool or ClientPool(max_retries=0)
    request = ChatRequest(
        host=endpoint.host,
        model=endpoint.model,
        messages=[{"role": "user", "content": "hi"}],
        settings=GenerationSettings.from_knobs("en", **settings),
    )

    async def go():
        from components.core.calls import complete

        try:
            return await complete(pool.client_for(endpoint), request)
        finally:
            await pool.close()

    return asyncio.run(go())


class FakeCredential:
    """Stands in for DefaultAzureCredential: hands out a token and remembers the scopes asked for."""

    def __init__(self, fail=False):
        self.scopes, self.fail = [], fail

    def get_token(self, *scopes, **kwargs):
        self.scopes.append(scopes)
        if self.fail:
            raise ClientAuthenticationError("DefaultAzureCredential failed to retrieve a token")
        return AccessToken("fake-entra-token", int(time.time()) + 3600)

    def close(self):
        pass


def test_builtin_host_needs_nothing(fake_host):
    endpoint = resolve("builtin", {}, builtin_url=f"{fake_host.url}/v1")
    call(endpoint)
    seen = fake_host.seen[-1]
    assert seen.path == "/v1/chat/completions" and seen.body["model"] == "builtin-tiny"
    assert seen.headers["authorization"] == "Bearer no-key-needed"


@pytest.mark.parametrize("key_var", ["OPENAI_API_KEY", "OPENAI_KEY"])
def test_openai_with_either_key_name(fake_host, key_var):
    env = {key_var: "sk-test-openai-123", "OPENAI_MODEL": "gpt-4o-mini", "OPENAI_BASE_URL": f"{fake_host.url}/v1"}
    call(resolve("openai", env))
    seen = fake_host.seen[-1]
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == "Bearer sk-test-openai-123"
    assert seen.body["model"] == "gpt-4o-mini"


def test_openai_default_base_url_is_the_sdks():
    endpoint = resolve("openai", {"OPENAI_API_KEY": "sk-x"})
    client = ClientPool().client_for(endpoint)
    assert str(client.base_url) == "https://api.openai.com/v1/" and endpoint.model == "gpt-4o-mini"


@pytest.mark.parametrize("suffix", ["", "/", "/openai/v1", "/openai/v1/", "/openai"])
def test_azure_with_key_and_any_endpoint_spelling(fake_host, suffix):
    env = {
        "AZURE_OPENAI_ENDPOINT": fake_host.url + suffix,
        "AZURE_OPENAI_CHAT_DEPLOYMENT": "my-gpt4o",
        "AZURE_OPENAI_KEY": "azure-test-key-456",
    }
    call(resolve("azure", env))
    seen = fake_host.seen[-1]
    assert seen.path == "/openai/v1/chat/completions"
    assert seen.headers["authorization"] == "Bearer azure-test-key-456"
    assert seen.body["model"] == "my-gpt4o"


def test_azure_keyless_uses_an_entra_token(fake_host):
    env = {"AZURE_OPENAI_ENDPOINT": fake_host.url, "AZURE_OPENAI_CHAT_DEPLOYMENT": "my-gpt4o"}
    endpoint = resolve("azure", env)
    assert endpoint.auth == "azure-keyless" and endpoint.api_key is None
    credential = FakeCredential()
    call(endpoint, ClientPool(azure_credential=credential, max_retries=0))
    seen = fake_host.seen[-1]
    assert seen.path == "/openai/v1/chat/completions" and seen.body["model"] == "my-gpt4o"
    assert seen.headers["authorization"] == "Bearer fake-entra-token"
    assert credential.scopes == [("https://cognitiveservices.azure.com/.default",)]


def test_azure_keyless_sign_in_failure_is_explained(fake_host):
    env = {"AZURE_OPENAI_ENDPOINT": fake_host.url, "AZURE_OPENAI_CHAT_DEPLOYMENT": "d"}
    endpoint = resolve("azure", env)
    with pytest.raises(Exception) as caught:
        call(endpoint, ClientPool(azure_credential=FakeCredential(fail=True), max_retries=0))
    assert "az login" in explain(caught.value, "en", endpoint)
    assert "az login" in explain(caught.value, "es", endpoint) and "Azure" in explain(caught.value, "es", endpoint)
    assert fake_host.seen == []


def test_ollama_sends_a_dummy_key(fake_host):
    env = {"OLLAMA_ENDPOINT": f"{fake_host.url}/v1", "OLLAMA_MODEL": "llama3.2"}
    call(resolve("ollama", env))
    seen = fake_host.seen[-1]
    assert seen.path == "/v1/chat/completions" and seen.body["model"] == "llama3.2"
    assert seen.headers["authorization"] == "Bearer no-key-needed"
    assert resolve("ollama", {}).base_url == "http://localhost:11434/v1"


def redirected_pool(fake_host):
    return ClientPool(http_client=httpx2.AsyncClient(transport=RedirectTransport(fake_host.port)), max_retries=0)


def test_huggingface_router(fake_host):
    env = {"HF_TOKEN": "hf_testtoken789", "HF_MODEL": "openai/gpt-oss-20b"}
    call(resolve("huggingface", env), redirected_pool(fake_host))
    seen = fake_host.seen[-1]
    assert seen.original_host == "router.huggingface.co" and seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == "Bearer hf_testtoken789"
    assert seen.body["model"] == "openai/gpt-oss-20b"


@pytest.mark.parametrize("key", ["", "compat-key-1"])
def test_custom_openai_compatible_url(fake_host, key):
    env = {
        "OPENAI_COMPAT_BASE_URL": f"{fake_host.url}/llamafile/v1",
        "OPENAI_COMPAT_MODEL": "local",
        "OPENAI_COMPAT_KEY": key,
    }
    call(resolve("custom", env))
    seen = fake_host.seen[-1]
    assert seen.path == "/llamafile/v1/chat/completions" and seen.body["model"] == "local"
    assert seen.headers["authorization"] == f"Bearer {key or 'no-key-needed'}"


def test_github_models_is_retired_and_says_so(fake_host):
    env = {"GITHUB_TOKEN": "ghp_testtoken000", "GITHUB_MODEL": "openai/gpt-4o"}
    endpoint = resolve("github", env)
    with pytest.raises(Exception) as caught:
        call(endpoint, redirected_pool(fake_host))
    seen = fake_host.seen[-1]
    assert seen.original_host == "models.github.ai" and seen.path == "/inference/chat/completions"
    assert seen.headers["authorization"] == "Bearer ghp_testtoken000"
    message = explain(caught.value, "en", endpoint)
    assert "retired" in message and "30 July 2026" in message and "Hugging Face" in message
    assert "Traceback" not in message and "ghp_" not in message
    assert "se retiró" in explain(caught.value, "es", endpoint)


def test_only_set_settings_reach_the_wire(fake_host):
    env = {"OPENAI_COMPAT_BASE_URL": f"{fake_host.url}/v1", "OPENAI_COMPAT_MODEL": "m"}
    call(resolve("custom", env), temperature=0.2, stop="END")
    body = fake_host.seen[-1].body
    assert body["temperature"] == 0.2 and body["stop"] == ["END"]
    for unset in ("top_p", "max_tokens", "n", "seed", "presence_penalty", "frequency_penalty"):
        assert unset not in body


def test_listed_hosts_and_default_follow_the_environment():
    assert [h.id for h in listed_hosts({})] == ["builtin"] and default_host({}) == "builtin"
    env = {"API_HOST": "github", "HF_TOKEN": "hf_x", "AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com"}
    assert [h.id for h in listed_hosts(env)] == ["builtin", "azure", "huggingface", "github"]
    assert default_host(env) == "github" and default_host({"API_HOST": "nonsense"}) == "builtin"


def test_missing_configuration_is_a_user_error_not_a_crash():
    with pytest.raises(UserError) as caught:
        resolve("openai", {})
    assert caught.value.details["var"] == "OPENAI_API_KEY / OPENAI_KEY"
    with pytest.raises(UserError):
        resolve("azure", {"AZURE_OPENAI_CHAT_DEPLOYMENT": "x"})
    with pytest.raises(UserError):
        resolve("azure", {"AZURE_OPENAI_ENDPOINT": "https://x"})  # no deployment: no model
    message = Playground({}).explain(caught.value, "es", "openai")
    assert "OPENAI_API_KEY" in message and ".env" in message


def test_normalize_azure_endpoint():
    assert normalize_azure_endpoint("https://r.openai.azure.com/openai/v1/") == "https://r.openai.azure.com/openai/v1/"
    assert normalize_azure_endpoint(" https://r.openai.azure.com ") == "https://r.openai.azure.com/openai/v1/"


def test_one_client_per_endpoint_is_reused():
    pool = ClientPool()
    env = {"OPENAI_API_KEY": "sk-a"}
    assert pool.client_for(resolve("openai", env)) is pool.client_for(resolve("openai", env))
    assert pool.client_for(resolve("openai", env)) is not pool.client_for(resolve("openai", {"OPENAI_API_KEY": "b"}))
    assert "sk-a" not in repr(resolve("openai", env))


def test_model_list_comes_from_the_host_with_the_configured_model_first(fake_host):
    env = {"OPENAI_COMPAT_BASE_URL": f"{fake_host.url}/v1", "OPENAI_COMPAT_MODEL": "fake-model-b"}
    assert asyncio.run(Playground(env).models("custom")) == ["fake-model-b", "fake-model-a"]
    down = {"OPENAI_COMPAT_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_COMPAT_MODEL": "mine"}
    assert asyncio.run(Playground(down).models("custom")) == ["mine"]


def test_model_lists_are_asked_again_after_a_while(fake_host):
    import asyncio

    from components.classroom.playground import MODEL_LIST_TTL_S, Playground

    playground = Playground({"OPENAI_COMPAT_BASE_URL": f"{fake_host.url}/v1", "OPENAI_COMPAT_MODEL": "m"})

    def asked() -> int:
        return len([s for s in fake_host.seen if s.path.endswith("/models")])

    assert asyncio.run(playground.models("custom")) == ["m", "fake-model-a", "fake-model-b"] and asked() == 1
    asyncio.run(playground.models("custom"))
    assert asked() == 1  # kept
    for key, (when, names) in list(playground._model_lists.items()):
        playground._model_lists[key] = (when - MODEL_LIST_TTL_S - 1, names)
    asyncio.run(playground.models("custom"))
    assert asked() == 2
