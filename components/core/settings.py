"""Generation settings and the chat request: plain values a tab builds, and that can be shown,
replayed and (later) turned into code."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from components.core.knobs import MAX_STOPS, Knob, knob, knobs_of


class GenerationSettings(BaseModel):
    """The sampling knobs of chat completions, each defined here once (see knobs.py): in this order on the page
    and in the API. Only the ones the user set are sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float | None = knob(0, 2, start=0.7, unsent=1, step=0.1, in_sight=True, sweep=True)
    max_tokens: int | None = knob(1, 16_384, start=200, unsent=0, slider_maximum=2048, in_sight=True, sweep=True)
    n: int | None = knob(1, 8, start=1, unsent=1, slider_maximum=5, several_answers=True)
    top_p: float | None = knob(0, 1, start=1, unsent=1, step=0.05, sweep=True)
    seed: int | None = knob(-(2**63), 2**63 - 1, control="number", sweep=True)
    stop: list[str] | None = knob(control="lines", max_length=MAX_STOPS)
    presence_penalty: float | None = knob(-2, 2, start=0, unsent=0, step=0.1, sweep=True)
    frequency_penalty: float | None = knob(-2, 2, start=0, unsent=0, step=0.1, sweep=True)
    response_format: dict[str, Any] | None = knob(control="switch", name="json_mode")  # {"type": "json_object"}
    logprobs: bool | None = None  # the probability of every token written, and of its top alternatives
    top_logprobs: int | None = Field(default=None, ge=0, le=20)

    @classmethod
    def from_knobs(cls, language: str = "en", **values: Any) -> GenerationSettings:
        """From the controls' values: checked (with a sentence in the reader's language), and a knob left
        at the host's own default is not sent — some models (reasoning ones) refuse it outright."""
        return cls(**sent_values(values, language))

    def to_api(self) -> dict[str, Any]:
        """The keyword arguments for chat.completions.create: unset values are left out."""
        return self.model_dump(exclude_none=True)

    @classmethod
    def likeliest_token(cls, alternatives: int) -> GenerationSettings:
        """One token and its top alternatives (the next-token lab). At temperature 0 the token written is the
        likeliest: sampled, it would now and then be the end of the reply while other tokens are likelier. The
        probabilities come back the same."""
        return cls(max_tokens=1, temperature=0, logprobs=True, top_logprobs=alternatives)


KNOBS: dict[str, Knob] = knobs_of(GenerationSettings)  # by control name: json_mode, not response_format


def knob_sending(field: str | None) -> Knob | None:
    """The knob that sends this request field, if any (max_completion_tokens is max_tokens renamed)."""
    field = "max_tokens" if field == "max_completion_tokens" else field
    return next((k for k in KNOBS.values() if k.field == field), None)


def sent_values(values: dict[str, Any], language: str) -> dict[str, Any]:
    """Check every knob the user set (by control name) and keep only the ones to send, by request field."""
    sent = {}
    for name, value in values.items():
        knob = KNOBS[name]
        value = knob.sent(value, language)
        if value is not None:
            sent[knob.field] = value
    return sent


PACE_HEADER = "X-Tokens-Per-Second"  # asks the builtin model to stream at this pace (its /v1: full speed otherwise)
PAGE_PACE = 25.0  # tokens/s the page's builtin host streams at (BUILTIN_TOKENS_PER_S): a class sees it stream
MOST_PACE = 1000.0


def page_pace(env) -> float | None:
    """BUILTIN_TOKENS_PER_S (0: full speed), else PAGE_PACE; a value that is no pace is said in the log, and the
    default serves."""
    raw = (env.get("BUILTIN_TOKENS_PER_S") or "").strip()
    try:
        pace = float(raw) if raw else PAGE_PACE
    except ValueError:
        pace = -1.0
    if not (pace == 0 or 1 <= pace <= MOST_PACE):
        wanted = f"0 (full speed) or tokens per second from 1 to {MOST_PACE:g}"
        logging.getLogger(__name__).warning("BUILTIN_TOKENS_PER_S must be %s, not %r: %g it is", wanted, raw, PAGE_PACE)
        pace = PAGE_PACE
    return pace or None


class ChatRequest(BaseModel):
    """Exactly what one call sends: which host, which model, the messages and the settings."""

    model_config = ConfigDict(frozen=True)

    host: str
    model: str
    messages: list[dict[str, Any]]
    settings: GenerationSettings = GenerationSettings()
    tokens_field: str | None = None  # reasoning models want max_completion_tokens instead (their host knows which)
    # Function calling (the Function calling tab): the functions the model may call, and how it may
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None  # "auto", "required", "none" or {"type": "function", …}
    parallel_tool_calls: bool | None = None

    def to_api(self, stream: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": self.messages, **self.settings.to_api()}
        for name in ("tools", "tool_choice", "parallel_tool_calls"):
            if getattr(self, name) is not None:
                body[name] = getattr(self, name)
        if "max_tokens" in body and self.tokens_field:
            body[self.tokens_field] = body.pop("max_tokens")
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return body
