"""Every host the playground can call, as data, and the one place that turns a host into a client."""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from components.core.pacing import note_request, note_status
from components.i18n import UserError, translate

if TYPE_CHECKING:
    from openai import AsyncOpenAI

BUILTIN_MODEL = "builtin-tiny"
REASONING_MODELS = r"^(o\d|gpt-5(?!-chat))"  # OpenAI's o-series and GPT-5 (not its chat models), on Azure too
AZURE_SCOPE = "https://cognitiveservices.azure.com/.default"
NO_KEY = "no-key-needed"  # the SDK refuses an empty key; hosts without auth ignore this one


@dataclass(frozen=True)
class Host:
    id: str  # its label is the catalog's MESSAGES["host.<id>"]
    key_vars: tuple[str, ...] = ()  # first one set wins
    key_required: bool = False
    base_url: str | None = None  # default base URL (None: the SDK's own)
    base_url_var: str | None = None
    model_var: str | None = None
    default_model: str | None = None
    listed_when: tuple[str, ...] = ()  # any of these set lists the host in the UI
    retired: bool = False
    visitor_vars: tuple[str, ...] = ()  # what a student may type in the Keys panel (its key_vars are secret)
    most_top_logprobs: int = 20  # the most alternatives per token it accepts
    reasoning_models: str | None = None  # models (a pattern) that refuse max_tokens for max_completion_tokens

    def tokens_field(self, model: str) -> str | None:
        """Another name this host's model wants for the answer's token limit, if any."""
        wants_new_name = self.reasoning_models and re.match(self.reasoning_models, model.lower())
        return "max_completion_tokens" if wants_new_name else None


HOSTS: tuple[Host, ...] = (
    Host("builtin", default_model=BUILTIN_MODEL),
    Host(
        "openai",
        key_vars=("OPENAI_API_KEY", "OPENAI_KEY"),
        key_required=True,
        base_url_var="OPENAI_BASE_URL",
        model_var="OPENAI_MODEL",
        default_model="gpt-4o-mini",
        listed_when=("OPENAI_API_KEY", "OPENAI_KEY"),
        visitor_vars=("OPENAI_API_KEY", "OPENAI_MODEL"),
        reasoning_models=REASONING_MODELS,
    ),
    Host(
        "azure",
        key_vars=("AZURE_OPENAI_KEY", "AZURE_OPENAI_API_KEY"),  # none set: keyless sign-in
        base_url_var="AZURE_OPENAI_ENDPOINT",
        model_var="AZURE_OPENAI_CHAT_DEPLOYMENT",
        listed_when=("AZURE_OPENAI_ENDPOINT",),
        visitor_vars=("AZURE_OPENAI_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_CHAT_DEPLOYMENT"),
        reasoning_models=REASONING_MODELS,
    ),
    Host(
        "ollama",
        base_url="http://localhost:11434/v1",
        base_url_var="OLLAMA_ENDPOINT",
        model_var="OLLAMA_MODEL",
        default_model="llama3.2",
        listed_when=("OLLAMA_ENDPOINT", "OLLAMA_MODEL"),
    ),
    Host(
        "huggingface",
        key_vars=("HF_TOKEN",),
        key_required=True,
        base_url="https://router.huggingface.co/v1",
        base_url_var="HF_BASE_URL",
        model_var="HF_MODEL",
        default_model="openai/gpt-oss-20b",
        listed_when=("HF_TOKEN", "HF_MODEL"),  # HF_MODEL alone: students sign in and pay
        visitor_vars=("HF_TOKEN", "HF_MODEL"),
        most_top_logprobs=5,  # the router's spec allows 0-5
    ),
    Host(
        "custom",
        key_vars=("OPENAI_COMPAT_KEY",),
        base_url_var="OPENAI_COMPAT_BASE_URL",
        model_var="OPENAI_COMPAT_MODEL",
        listed_when=("OPENAI_COMPAT_BASE_URL",),
        visitor_vars=("OPENAI_COMPAT_KEY", "OPENAI_COMPAT_BASE_URL", "OPENAI_COMPAT_MODEL"),
    ),
    Host(
        "github",
        key_vars=("GITHUB_TOKEN",),
        key_required=True,
        base_url="https://models.github.ai/inference",
        base_url_var="GITHUB_MODELS_ENDPOINT",
        model_var="GITHUB_MODEL",
        default_model="openai/gpt-4o-mini",
        listed_when=("GITHUB_TOKEN",),
        retired=True,
    ),
)
HOSTS_BY_ID = {host.id: host for host in HOSTS}
SECRET_VARS = tuple(var for host in HOSTS for var in host.key_vars)  # never shown, logged or given to a visitor


def host_label(host_id: str, language: str = "en") -> str:
    return translate(f"host.{host_id}", language) if host_id in HOSTS_BY_ID else host_id


@dataclass(frozen=True)
class ResolvedHost:
    """A host resolved from the environment: where to send requests and how to sign them."""

    host: str
    base_url: str | None
    model: str
    auth: str  # "key", "azure-keyless" or "none"
    key_var: str | None = None  # the variable the key came from, never the key
    api_key: str | None = field(default=None, repr=False)  # the secret; never shown or logged
    visitor: bool = False  # endpoint, model and key are a visitor's (its URL is untrusted)

    @property
    def credential_id(self) -> tuple:
        """Who this endpoint is to a cache (clients, model lists): where it goes and with which credential; the key
        only as a hash, so it is never stored twice."""
        secret = hashlib.sha256((self.api_key or "").encode()).hexdigest()
        return (self.host, self.base_url, self.auth, secret, self.visitor)

    @property
    def shown_base_url(self) -> str:
        """The base URL as a message may show it: no user:password@, no ?query (an api-key may sit there)."""
        parts = urlsplit(self.base_url or "https://api.openai.com/v1")
        host = parts.hostname or ""
        host = f"[{host}]" if ":" in host else host
        return urlunsplit((parts.scheme, host + (f":{parts.port}" if parts.port else ""), parts.path, "", ""))


def default_host(env: Mapping[str, str]) -> str:
    wanted = env.get("API_HOST", "").strip().lower()
    return wanted if wanted in HOSTS_BY_ID else "builtin"


def listed_hosts(env: Mapping[str, str]) -> list[Host]:
    """The builtin host, every host whose configuration is present, and the one API_HOST names."""
    chosen = default_host(env)
    return [h for h in HOSTS if h.id in ("builtin", chosen) or any(env.get(v) for v in h.listed_when)]


def normalize_azure_endpoint(endpoint: str) -> str:
    """Users write the endpoint with or without /openai/v1: both become <endpoint>/openai/v1/."""
    base = endpoint.strip().rstrip("/")
    for suffix in ("/openai/v1", "/openai"):
        base = base.removesuffix(suffix)
    return f"{base}/openai/v1/"


def resolve(
    host_id: str,
    env: Mapping[str, str],
    builtin_url: str | None = None,
    model: str = "",
    visitor: bool = False,
    keyless: bool = True,
) -> ResolvedHost:
    """The host from `env` alone. `visitor`: the settings are a visitor's; `keyless=False`: the server's Azure
    identity may not sign (a visitor's endpoint, or SERVER_KEYS=off)."""
    host = HOSTS_BY_ID.get(host_id)
    if host is None:
        raise UserError("unknown_host", host=host_id)
    chosen_model = (model or "").strip() or (env.get(host.model_var, "") if host.model_var else "").strip()
    chosen_model = chosen_model or host.default_model or ""
    if not chosen_model:
        raise UserError("missing_model", host=host.id, var=host.model_var or "")
    if host.id == "builtin":  # with a class password, scripts use it as their key (the app's own calls need none)
        password_var = "PLAYGROUND_PASSWORD" if env.get("PLAYGROUND_PASSWORD") else None
        return ResolvedHost(host.id, builtin_url, chosen_model, "none", key_var=password_var)
    base_url = (env.get(host.base_url_var, "") if host.base_url_var else "").strip() or host.base_url
    if host.id == "azure":
        if not base_url:
            raise UserError("missing_var", host=host.id, var="AZURE_OPENAI_ENDPOINT")
        base_url = normalize_azure_endpoint(base_url)
    if host.id == "custom" and not base_url:
        raise UserError("missing_var", host=host.id, var="OPENAI_COMPAT_BASE_URL")
    key_var = next((v for v in host.key_vars if env.get(v, "").strip()), None)
    if key_var:
        return ResolvedHost(host.id, base_url, chosen_model, "key", key_var, env[key_var].strip(), visitor)
    if host.key_required or (host.id == "azure" and not keyless):
        raise UserError("missing_var", host=host.id, var=" / ".join(host.key_vars))
    return ResolvedHost(
        host.id, base_url, chosen_model, "azure-keyless" if host.id == "azure" else "none", visitor=visitor
    )


class _ThreadedCredential:
    """Lets the synchronous DefaultAzureCredential serve async callers without blocking the event loop
    (azure.identity.aio's own credential would need aiohttp)."""

    def __init__(self, credential):
        self._credential = credential

    async def get_token(self, *scopes, **kwargs):
        return await asyncio.to_thread(self._credential.get_token, *scopes, **kwargs)

    async def close(self) -> None:
        await asyncio.to_thread(self._credential.close)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()


def azure_token_provider(credential=None):
    """An async bearer-token provider (cached and refreshed by azure-identity) for AsyncOpenAI's api_key."""
    from azure.identity import DefaultAzureCredential
    from azure.identity.aio import get_bearer_token_provider

    if credential is None:
        credential = DefaultAzureCredential()
    if not hasattr(credential, "get_token") or not asyncio.iscoroutinefunction(credential.get_token):
        credential = _ThreadedCredential(credential)
    return get_bearer_token_provider(credential, AZURE_SCOPE)


class ClientPool:
    """One shared AsyncOpenAI client per endpoint: building one per request costs CPU and connections.
    A visitor's endpoint goes through `visitor_http_client` (outbound.guarded_client: public addresses only)."""

    def __init__(
        self,
        azure_credential=None,
        http_client=None,
        max_retries: int = 2,
        timeout: float = 60.0,
        visitor_http_client=None,
    ):
        self._clients: dict[tuple, AsyncOpenAI] = {}
        self._azure_credential = azure_credential
        self._http_client = http_client
        self.visitor_http_client = visitor_http_client
        self.make_visitor_http_client = None  # or how to make it when first needed (the Playground's guarded one)
        self._max_retries, self._timeout = max_retries, timeout
        self.builtin_headers: dict[str, str] = {}  # sent with every call to the builtin model

    def client_for(self, endpoint: ResolvedHost) -> AsyncOpenAI:
        cache_key = endpoint.credential_id
        if cache_key not in self._clients:
            if endpoint.visitor and self.visitor_http_client is None and self.make_visitor_http_client:
                self.visitor_http_client = self.make_visitor_http_client()
            if endpoint.visitor and (endpoint.auth == "azure-keyless" or self.visitor_http_client is None):
                raise RuntimeError("a visitor's endpoint needs its own key and the guarded HTTP client")
            http_client = self.visitor_http_client if endpoint.visitor else self._http_client
            self._clients[cache_key] = build_client(
                endpoint, self._azure_credential, http_client, self._max_retries, self._timeout
            )
            if endpoint.host == "builtin" and self.builtin_headers:
                self._clients[cache_key] = self._clients[cache_key].with_options(default_headers=self.builtin_headers)
        return self._clients[cache_key]

    async def close(self) -> None:
        for client in self._clients.values():
            await client.close()
        self._clients.clear()


def build_client(
    endpoint: ResolvedHost, azure_credential=None, http_client=None, max_retries: int = 2, timeout: float = 60.0
) -> AsyncOpenAI:
    """The only place a client is made, for every host."""
    from openai import AsyncOpenAI, DefaultAsyncHttpxClient  # see import_sdk()

    if endpoint.auth == "azure-keyless":
        api_key = azure_token_provider(azure_credential)
    else:
        api_key = endpoint.api_key or NO_KEY
    http_client = http_client or DefaultAsyncHttpxClient()
    for kind, hook in (("response", note_status), ("request", note_request)):  # "the host answered 429…", "sent"
        if hook not in http_client.event_hooks[kind]:
            http_client.event_hooks[kind].append(hook)
    return AsyncOpenAI(
        api_key=api_key,
        base_url=endpoint.base_url,
        max_retries=max_retries,
        timeout=timeout,
        http_client=http_client,
    )


def import_sdk() -> None:
    """The openai package loads its thousands of types on import (~1 s, a third of our start beyond Gradio's):
    the modules import it where a client is made or an SDK error is read, and page.launch runs this in a thread
    once the server is up, so the page is served first and the first call finds it loaded."""
    import openai  # noqa: F401
