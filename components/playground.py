"""The playground's shared state and calls, without any UI: hosts from the environment, one client
per host, the model list, and the two calling functions every tab goes through."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
from collections.abc import AsyncIterator, Mapping
from secrets import token_urlsafe

import openai

from . import calls
from .access import INTERNAL_HEADER, RateLimiter, caller_keys, current_caller, env_for_call, max_tokens_cap, per_minute
from .code import Call, Exchange, without_image_data
from .errors import explain, refused_parameter
from .hosts import ClientPool, Endpoint, Host, default_host, host_label, listed_hosts, resolve
from .i18n import UserError
from .prices import PriceList
from .settings import ChatRequest, GenerationSettings

log = logging.getLogger(__name__)
MODEL_LIST_TIMEOUT_S = 3.0
MOST_TOP_LOGPROBS = {"huggingface": 5}  # the router's spec allows 0-5; OpenAI, Azure, Ollama and vLLM 20
MAX_KEPT = 30  # exchanges kept per tab and session for exports (about 2 KB each)


class Playground:
    def __init__(self, env: Mapping[str, str], pool: ClientPool | None = None, builtin_url: str | None = None):
        self.env = dict(env)
        self.pool = pool or ClientPool(timeout=float(self.env.get("LLM_TIMEOUT_S") or 60))
        self.builtin_url = builtin_url  # known once the app is listening
        self._model_lists: dict[str, list[str]] = {}
        self.prices = PriceList(self.env)
        self.limiter = RateLimiter(per_minute(self.env))  # PLAYGROUND_REQUESTS_PER_MINUTE, per session and address
        self.tokens_cap = max_tokens_cap(self.env)  # PLAYGROUND_MAX_TOKENS, on calls paid with the server's keys
        self.session_keys: dict[str, dict[str, str]] = {}  # session -> what it typed in the Keys panel
        self.internal_token = token_urlsafe(16)  # marks the app's own calls to its builtin /v1
        self.pool.builtin_headers = {INTERNAL_HEADER: self.internal_token}
        # session -> {tab: the parameter its model just refused} (the tab's one-click retry reads it)
        self.refused: dict[str, dict[str, str]] = {}
        self.sent: dict[str, dict[str, list[Exchange]]] = {}  # session -> tab -> what it sent, for exports
        # Values of every configured key/token: never shown, even when a host puts one in its answer.
        self.secrets = [v for k, v in self.env.items() if _looks_secret(k) and v and len(v) >= 6]

    # --- hosts ---------------------------------------------------------------------------------
    @property
    def hosts(self) -> list[Host]:
        return listed_hosts(self.env)

    @property
    def default_host(self) -> str:
        return default_host(self.env)

    def endpoint(self, host: str, model: str = "") -> Endpoint:
        """The host as the current caller may use it: with its own keys or sign-in when it gave them."""
        if host == "builtin" and not self.builtin_url:
            raise UserError("builtin_not_ready")
        return resolve(host, self._env_for_caller(), self.builtin_url, model)

    def _env_for_caller(self) -> dict[str, str]:
        caller = current_caller.get()
        own = self.session_keys.get(caller.session or "") if caller else None
        token = caller.hf_token if caller else None
        return env_for_call(self.env, own, token) if own or token or self.env.get("SERVER_KEYS") else self.env

    def pays_with_server_key(self, endpoint: Endpoint) -> bool:
        return bool(endpoint.key_var) and self.env.get(endpoint.key_var, "").strip() == endpoint.api_key

    def configured_model(self, host: str) -> str:
        try:
            return self.endpoint(host).model
        except UserError:
            return ""

    async def models(self, host: str) -> list[str]:
        """The host's /models when it answers quickly, else the configured model; the configured one first."""
        configured = self.configured_model(host)
        if host not in self._model_lists:
            names: list[str] = []
            try:
                endpoint = self.endpoint(host, configured or "-")
                client = self.pool.client_for(endpoint).with_options(max_retries=0, timeout=MODEL_LIST_TIMEOUT_S)
                page = await asyncio.wait_for(client.models.list(), MODEL_LIST_TIMEOUT_S)
                names = sorted(m.id for m in page.data)
                self._model_lists[host] = names  # remember only answers, so a host that was down is asked again
            except Exception as error:  # a host without /models is normal: fall back to the configured name
                log.info("no model list from %s: %s", host, type(error).__name__)
        names = self._model_lists.get(host, [])
        return ([configured] if configured else []) + [n for n in names if n != configured]

    def host_label(self, host: str, language: str = "en") -> str:
        return host_label(host, language)

    # --- calls ---------------------------------------------------------------------------------
    def request(self, host: str, model: str, messages: list[dict], settings: GenerationSettings) -> ChatRequest:
        """The plain value a tab sends: the model name is resolved (typed, else the host's configured one)."""
        endpoint = self.endpoint(host, model)
        cap = self.tokens_cap if self.pays_with_server_key(endpoint) else None
        if cap and not (settings.max_tokens and settings.max_tokens <= cap):  # the teacher's key: capped
            settings = settings.model_copy(update={"max_tokens": cap})
        return ChatRequest(host=host, model=endpoint.model, messages=messages, settings=settings)

    def admit(self) -> None:
        """Count a model call against the caller's limits (PLAYGROUND_REQUESTS_PER_MINUTE), or refuse it."""
        wait = self.limiter.admit(caller_keys(current_caller.get()))
        if wait:
            raise UserError("rate_limited", seconds=wait)

    async def complete(self, request: ChatRequest) -> calls.Completion:
        self.admit()
        endpoint = self.endpoint(request.host, request.model)
        result = await calls.complete(self.pool.client_for(endpoint), request)
        for choice in result.choices:
            choice.text = self._hide_secrets(choice.text)
        return result

    async def stream(self, request: ChatRequest) -> AsyncIterator[calls.StreamUpdate]:
        self.admit()
        endpoint = self.endpoint(request.host, request.model)
        async for update in calls.stream(self.pool.client_for(endpoint), request):
            if self.secrets:
                update.texts = [self._hide_secrets(text) for text in update.texts]
            yield update

    async def next_token(self, host: str, model: str, messages: list[dict], top_logprobs: int = 10) -> list[dict]:
        """The model's likeliest next tokens after `messages`, most likely first: one call with max_tokens=1
        and logprobs. top_logprobs is clamped to what the host accepts."""
        most = MOST_TOP_LOGPROBS.get(host, 20)
        settings = GenerationSettings(max_tokens=1, logprobs=True, top_logprobs=max(1, min(int(top_logprobs), most)))
        request = self.request(host, model, messages, settings)
        try:
            result = await self.complete(request)
        except openai.APIStatusError as error:
            if refused_parameter(error) in ("logprobs", "top_logprobs"):
                raise UserError("no_logprobs", host=host, model=request.model) from error
            raise
        entries = result.choices[0].logprobs if result.choices else None
        if result.choices and not result.choices[0].text and result.choices[0].finish_reason == "stop":
            raise UserError("reply_ended")  # the likeliest next token was the end of the reply
        if not entries or not entries[0]["top"]:  # a host may answer without them, saying nothing
            raise UserError("no_logprobs", host=host, model=request.model)
        ranked = sorted(entries[0]["top"], key=lambda alt: -alt["logprob"])
        return [
            {
                "token": self._hide_secrets(alt["token"]),
                "logprob": alt["logprob"],
                "probability": math.exp(alt["logprob"]),
            }
            for alt in ranked
        ]

    def remember(self, session_hash: str | None, tab: str, call: Call, answer: str, usage: dict | None = None) -> None:
        """Keep what a tab sent and got back, for its session's exports (the latest MAX_KEPT per tab; an
        image's base64 is not kept: the exported script reads the image from its file)."""
        if not session_hash:
            return
        kept = self.sent.setdefault(session_hash, {}).setdefault(tab, [])
        call = without_image_data(call)
        if kept:  # a conversation resends its history: keep one copy of each earlier message, not one per turn
            earlier = kept[-1].call.request.messages
            messages = [old if old == new else new for old, new in zip(earlier, call.request.messages)]
            messages += call.request.messages[len(messages) :]
            call = dataclasses.replace(call, request=call.request.model_copy(update={"messages": messages}))
        kept.append(Exchange(call, self._hide_secrets(answer), usage))
        del kept[:-MAX_KEPT]

    def set_session_keys(self, session_hash: str, values: dict[str, str]) -> None:
        """What a student typed in the Keys panel: used for this session's calls only, never shown."""
        self.forget_session_keys(session_hash)
        kept = {name: value.strip() for name, value in values.items() if value and value.strip()}
        if kept:
            self.session_keys[session_hash] = kept
            self.secrets += [v for k, v in kept.items() if _looks_secret(k) and len(v) >= 6]

    def forget_session_keys(self, session_hash: str) -> None:
        gone = self.session_keys.pop(session_hash, {})
        self.secrets[:] = [s for s in self.secrets if s not in gone.values()]  # the same list the log filter reads

    def forget_session(self, session_hash: str) -> None:
        """A session that left: drop what we kept for it."""
        self.refused.pop(session_hash, None)
        self.sent.pop(session_hash, None)
        self.forget_session_keys(session_hash)

    def _hide_secrets(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return text

    def explain(self, error: BaseException, language: str, host: str = "", model: str = "") -> str:
        try:
            endpoint = self.endpoint(host, model) if host else None
        except UserError:
            endpoint = None
        return explain(error, language, endpoint, self.secrets)


def _looks_secret(name: str) -> bool:
    return any(word in name.upper() for word in ("KEY", "TOKEN", "SECRET", "PASSWORD"))
