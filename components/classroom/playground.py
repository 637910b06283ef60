"""The playground's shared state and calls, without any UI: hosts from the environment, one client
per host, the model list, and the two calling functions every tab goes through."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import time
from collections.abc import AsyncIterator, Mapping
from secrets import token_urlsafe

from components.classroom.access import INTERNAL_HEADER, KEY_FIELDS, Caller, allowed_models, current_caller, source_for
from components.classroom.limits import ClassLimits
from components.classroom.visitors import BrowserKeys, TabSetups, VisitorChoices
from components.core import calls
from components.core.errors import explain, refused_parameter
from components.core.history import message_texts
from components.core.hosts import (
    HOSTS_BY_ID,
    ClientPool,
    Host,
    ResolvedHost,
    default_host,
    host_label,
    listed_hosts,
    resolve,
)
from components.core.outbound import AddressGuard, allow_local_urls, guarded_client
from components.core.prices import PriceList
from components.core.records import Call, Exchange, without_image_data
from components.core.settings import PACE_HEADER, ChatRequest, GenerationSettings, page_pace
from components.core.uploads import Uploads
from components.i18n import UserError

log = logging.getLogger(__name__)
MODEL_LIST_TIMEOUT_S = 3.0
MAX_KEPT = 30  # exchanges kept per tab and session for exports (about 2 KB each)
MODEL_LIST_TTL_S = 600.0  # a host's model list is asked again after this
MAX_MODEL_LISTS = 1000  # lists kept at once (one per credential), the oldest dropped first


class Playground:
    def __init__(self, env: Mapping[str, str], pool: ClientPool | None = None, builtin_url: str | None = None):
        self.env = dict(env)
        self.pool = pool or ClientPool(timeout=float(self.env.get("LLM_TIMEOUT_S") or 60))
        self.guard = AddressGuard(allow_local_urls(self.env))  # where visitors' URLs may go (the page adds its port)
        if self.pool.visitor_http_client is None:  # made when a visitor's URL is first called (the SDK loads then)
            self.pool.make_visitor_http_client = lambda: guarded_client(self.guard)
        self.uploads = Uploads(None)  # the page sets Gradio's upload folder: only files there are ever read
        self.builtin_url = builtin_url  # known once the app is listening
        self.allowed_models = allowed_models(self.env)  # PLAYGROUND_MODELS, on the server's own hosts
        self._model_lists: dict[tuple, tuple[float, list[str]]] = {}  # per credential: (when asked, names)
        self.prices = PriceList(self.env)
        self.limits = ClassLimits(self.env)  # per visitor and per address; the caps on the server's keys
        self.keys = BrowserKeys()  # what each browser typed in the Keys panel (kept while one of its pages is open)
        self.choices = VisitorChoices()  # the host and model each browser chose last (its next page starts there)
        self.tab_setups = TabSetups()  # each tab's setup as each browser last ran it (a page opened again has it)
        self.page_pace = page_pace(self.env)  # tokens/s of the builtin host's streams on the page (None: full speed)
        self.internal_token = token_urlsafe(16)  # marks the app's own calls to its builtin /v1
        self.pool.builtin_headers = {INTERNAL_HEADER: self.internal_token}
        # session -> {tab: the parameter its model just refused} (the tab's one-click retry reads it)
        self.refused: dict[str, dict[str, str]] = {}
        self.sent: dict[str, dict[str, list[Exchange]]] = {}  # session -> tab -> what it sent, for exports
        # Values of the server's keys/tokens: never shown, even when a host puts one in its answer (a session's
        # own keys are hidden from its own answers, and all of them from the logs: all_secrets).
        self.secrets = [v for k, v in self.env.items() if _looks_secret(k) and v and len(v) >= 6]

    # --- hosts ---------------------------------------------------------------------------------
    @property
    def hosts(self) -> list[Host]:
        """The hosts the current caller may choose: the server's, plus those its own keys or sign-in add."""
        caller = current_caller.get()
        own = self._own_keys(caller)
        extra = {"HF_TOKEN": "signed-in"} if caller and caller.hf_token else {}
        return listed_hosts({**self.env, **own, **extra})

    @property
    def default_host(self) -> str:
        return default_host(self.env)

    def _own_keys(self, caller: Caller | None) -> dict[str, str]:
        return self.keys.of(caller.session) if caller else {}

    def resolve_host(self, host: str, model: str = "", listed_models_only: bool = True) -> ResolvedHost:
        """The host as the current caller may use it: wholly with its own keys (or sign-in) when it gave them for
        this host, else wholly the server's (with SERVER_KEYS=off, without the server's credentials)."""
        if host == "builtin" and not self.builtin_url:
            raise UserError("builtin_not_ready")
        if host not in {h.id for h in self.hosts}:  # an unlisted host is not callable, not even by the API
            raise UserError("host_not_offered" if host in HOSTS_BY_ID else "unknown_host", host=host)
        caller = current_caller.get()
        source = source_for(host, self.env, self._own_keys(caller), caller.hf_token if caller else None)
        try:
            endpoint = resolve(host, source.env, self.builtin_url, model, source.visitor, source.server_credentials)
        except UserError as error:  # say what to type, and where
            if source.visitor and error.key in ("missing_var", "missing_model"):
                raise UserError("own_setting_missing", host=host, var=error.details["var"]) from None
            if error.key == "missing_var" and not source.server_credentials and host in KEY_FIELDS:
                raise UserError("own_key_needed", host=host, var=error.details["var"]) from None
            raise
        if listed_models_only and not endpoint.visitor and endpoint.host != "builtin" and self.allowed_models:
            configured = resolve(host, source.env, self.builtin_url, "", False, source.server_credentials).model
            if endpoint.model not in self.allowed_models | {configured}:
                allowed = ", ".join(sorted(self.allowed_models | {configured}))
                raise UserError("model_not_allowed", model=endpoint.model, models=allowed)
        return endpoint

    def pays_with_server_key(self, endpoint: ResolvedHost) -> bool:
        return not endpoint.visitor and endpoint.auth in ("key", "azure-keyless")

    def configured_model(self, host: str) -> str:
        try:
            return self.resolve_host(host).model
        except UserError:
            return ""

    async def models(self, host: str) -> list[str]:
        """The host's /models when it answers quickly (asked again after MODEL_LIST_TTL_S, kept per credential),
        else the configured model; the configured one first. On the server's hosts, PLAYGROUND_MODELS filters."""
        configured = self.configured_model(host)
        try:
            self.limits.admit_light()  # over the limit: no list (the model box still takes a typed name)
            endpoint = self.resolve_host(
                host, configured or "-", listed_models_only=False
            )  # the list is filtered below
        except UserError:
            return [configured] if configured else []
        names = await self._model_list(endpoint)
        if not endpoint.visitor and self.allowed_models and host != "builtin":
            names = [n for n in names if n in self.allowed_models]
        return ([configured] if configured else []) + [n for n in names if n != configured]

    async def _model_list(self, endpoint: ResolvedHost) -> list[str]:
        key = endpoint.credential_id
        kept = self._model_lists.get(key)
        if kept and time.monotonic() - kept[0] < MODEL_LIST_TTL_S:
            return kept[1]
        if endpoint.visitor:  # a request to a visitor's URL on its behalf: counted like a model call
            try:
                self.limits.admit()
            except UserError:
                return []  # over the limit: no list (the model box still takes a typed name)
        try:
            client = self.pool.client_for(endpoint).with_options(max_retries=0, timeout=MODEL_LIST_TIMEOUT_S)
            page = await asyncio.wait_for(client.models.list(), MODEL_LIST_TIMEOUT_S)
            names = sorted(str(m.id)[:200] for m in page.data)[:500]
            self._model_lists[key] = (time.monotonic(), names)  # only answers: a host that was down is asked again
            if len(self._model_lists) > MAX_MODEL_LISTS:
                self._model_lists.pop(next(iter(self._model_lists)))
        except Exception as error:  # a host without /models is normal: fall back to the configured name
            log.info("no model list from %s: %s", endpoint.host, type(error).__name__)
            names = []
        return names

    def host_label(self, host: str, language: str = "en") -> str:
        return host_label(host, language)

    def host_choices(self, language: str = "en") -> list[tuple[str, str]]:
        """The current caller's hosts as a host dropdown lists them: (name in `language`, id)."""
        return [(host_label(h.id, language), h.id) for h in self.hosts]

    # --- calls ---------------------------------------------------------------------------------
    def request(self, host: str, model: str, messages: list[dict], settings: GenerationSettings) -> ChatRequest:
        """The plain value a tab sends: the model name is resolved (typed, else the host's configured one)."""
        endpoint = self.resolve_host(host, model)
        json_mode = (settings.response_format or {}).get("type") == "json_object"
        if json_mode and not any("json" in text.lower() for text in message_texts(messages)):
            raise UserError("json_needs_the_word")  # what OpenAI (and the builtin model) answer with a 400
        if self.pays_with_server_key(endpoint):  # the teacher's key (or Azure identity): capped
            cap = self.limits.tokens_cap
            if cap and not (settings.max_tokens and settings.max_tokens <= cap):
                settings = settings.model_copy(update={"max_tokens": cap})
            if settings.n and settings.n > self.limits.choices_cap:
                settings = settings.model_copy(update={"n": self.limits.choices_cap})
        tokens_field = HOSTS_BY_ID[host].tokens_field(endpoint.model)  # resolve_host refused an unknown host
        return ChatRequest(
            host=host, model=endpoint.model, messages=messages, settings=settings, tokens_field=tokens_field
        )

    async def complete(self, request: ChatRequest) -> calls.Completion:
        self.limits.admit()
        endpoint = self.resolve_host(request.host, request.model)
        with self.limits.open_call():
            result = await calls.complete(self.pool.client_for(endpoint), request)
        for choice in result.choices:
            choice.text = self._hide_secrets(choice.text)
            for call in choice.tool_calls or []:  # what the model wrote as arguments is its text too
                function = call.get("function") or {}
                function["arguments"] = self._hide_secrets(str(function.get("arguments", "")))
        return result

    async def stream(self, request: ChatRequest, pace: float | None = None) -> AsyncIterator[calls.StreamUpdate]:
        """`pace`: tokens/s for the builtin host (0: full speed; None: the caller's, as_caller's `pace`)."""
        self.limits.admit()
        endpoint = self.resolve_host(request.host, request.model)
        secrets = self._secrets_for_caller()
        pace = (current_caller.get() or Caller()).pace if pace is None else pace
        headers = {PACE_HEADER: f"{pace:g}"} if pace and request.host == "builtin" else None
        with self.limits.open_call():  # an async generator's caller is set around each step (as_caller): kept here
            async for update in calls.stream(self.pool.client_for(endpoint), request, headers):
                if secrets:
                    update.texts = [_hidden(text, secrets) for text in update.texts]
                yield update

    async def next_token(self, host: str, model: str, messages: list[dict], top_logprobs: int = 10) -> list[dict]:
        """The model's likeliest next tokens after `messages`, most likely first: one call for one token and its
        alternatives. top_logprobs is clamped to what the host accepts."""
        most = HOSTS_BY_ID[host].most_top_logprobs if host in HOSTS_BY_ID else 20
        settings = GenerationSettings.likeliest_token(max(1, min(int(top_logprobs), most)))
        request = self.request(host, model, messages, settings)
        try:
            result = await self.complete(request)
        except Exception as error:  # an SDK status error naming one of these (see hosts.import_sdk)
            if refused_parameter(error) in ("logprobs", "top_logprobs"):
                raise UserError("no_logprobs", host=host, model=request.model) from error
            raise
        entries = result.choices[0].logprobs if result.choices else None
        if result.choices and not result.choices[0].text and result.choices[0].finish_reason == "stop":
            raise UserError("reply_ended")  # the likeliest next token is the end of the reply
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

    def remember(self, session: str | None, tab: str, call: Call, answer: str, usage: dict | None = None) -> None:
        """Keep what a tab sent and got back, for its session's exports (the latest MAX_KEPT per tab; an
        image's base64 is not kept: the exported script reads the image from its file)."""
        if not session:
            return
        kept = self.sent.setdefault(session, {}).setdefault(tab, [])
        call = without_image_data(call)
        if kept:  # a conversation resends its history: keep one copy of each earlier message, not one per turn
            earlier = kept[-1].call.request.messages
            messages = [old if old == new else new for old, new in zip(earlier, call.request.messages)]
            messages += call.request.messages[len(messages) :]
            call = dataclasses.replace(call, request=call.request.model_copy(update={"messages": messages}))
        kept.append(Exchange(call, self._hide_secrets(answer), usage))
        del kept[:-MAX_KEPT]

    def forget_session(self, session_hash: str) -> None:
        """A session Gradio let go (closed, idle or evicted): drop what we kept for it, whoever's it was."""
        for kept in (self.refused, self.sent):
            for session in [s for s in kept if s.partition("#")[0] == session_hash]:
                kept.pop(session, None)
        self.keys.page_gone(session_hash)

    def kept_sessions(self) -> set[str]:
        """The Gradio session hashes we keep entries for."""
        return {
            s.partition("#")[0] for kept in (self.refused, self.sent) for s in list(kept)
        } | self.keys.session_hashes()

    def all_secrets(self) -> list[str]:
        """Every secret the process holds right now (the log filter reads this on every line)."""
        typed = [v for own in self.keys.values() for k, v in own.items() if _looks_secret(k)]
        return self.secrets + [v for v in typed if len(v) >= 6]

    def _secrets_for_caller(self) -> list[str]:
        """The server's secrets and the current session's own: an answer is scanned for these only."""
        own = self._own_keys(current_caller.get())
        return self.secrets + [v for k, v in own.items() if _looks_secret(k) and len(v) >= 6]

    def _hide_secrets(self, text: str) -> str:
        return _hidden(text, self._secrets_for_caller())

    def explain(self, error: BaseException, language: str, host: str = "", model: str = "") -> str:
        try:
            endpoint = self.resolve_host(host, model) if host else None
        except UserError:
            endpoint = None
        return explain(error, language, endpoint, self._secrets_for_caller())


def _hidden(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


def _looks_secret(name: str) -> bool:
    return any(word in name.upper() for word in ("KEY", "TOKEN", "SECRET", "PASSWORD"))
