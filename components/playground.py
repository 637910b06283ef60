"""The playground's shared state and calls, without any UI: hosts from the environment, one client
per host, the model list, and the two calling functions every tab goes through."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import AsyncIterator, Mapping

import openai

from . import calls
from .code import Call, Exchange, without_image_data
from .errors import explain, refused_parameter
from .hosts import ClientPool, Endpoint, Host, default_host, host_label, listed_hosts, resolve
from .i18n import UserError
from .prices import PriceList
from .settings import ChatRequest, GenerationSettings

log = logging.getLogger(__name__)
MODEL_LIST_TIMEOUT_S = 3.0
MOST_TOP_LOGPROBS = {"huggingface": 5}  # the router's spec allows 0-5; OpenAI, Azure, Ollama and vLLM 20
MAX_KEPT = 100  # exchanges kept per tab and session for exports


class Playground:
    def __init__(self, env: Mapping[str, str], pool: ClientPool | None = None, builtin_url: str | None = None):
        self.env = dict(env)
        self.pool = pool or ClientPool(timeout=float(self.env.get("LLM_TIMEOUT_S") or 60))
        self.builtin_url = builtin_url  # known once the app is listening
        self._model_lists: dict[str, list[str]] = {}
        self.prices = PriceList(self.env)
        self.refused: dict[str, str] = {}  # session -> the parameter its model just refused (one-click retry)
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
        if host == "builtin" and not self.builtin_url:
            raise UserError("builtin_not_ready")
        return resolve(host, self.env, self.builtin_url, model)

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
        return ChatRequest(host=host, model=self.endpoint(host, model).model, messages=messages, settings=settings)

    async def complete(self, request: ChatRequest) -> calls.Completion:
        endpoint = self.endpoint(request.host, request.model)
        result = await calls.complete(self.pool.client_for(endpoint), request)
        for choice in result.choices:
            choice.text = self._hide_secrets(choice.text)
        return result

    async def stream(self, request: ChatRequest) -> AsyncIterator[calls.StreamUpdate]:
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
        kept.append(Exchange(without_image_data(call), self._hide_secrets(answer), usage))
        del kept[:-MAX_KEPT]

    def forget_session(self, session_hash: str) -> None:
        """A session that left: drop what we kept for it."""
        self.refused.pop(session_hash, None)
        self.sent.pop(session_hash, None)

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
