"""Generation settings and the chat request: plain values a tab builds, and that can be shown,
replayed and (later) turned into code."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from components.core.knobs import KNOBS, MAX_STOPS, sent_values


def _range(name: str) -> Any:
    knob = KNOBS[name]
    return Field(default=None, ge=knob.minimum, le=knob.maximum)


class GenerationSettings(BaseModel):
    """The sampling knobs of chat completions (ranges from knobs.py). Only the ones the user set are sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float | None = _range("temperature")
    top_p: float | None = _range("top_p")
    max_tokens: int | None = _range("max_tokens")
    n: int | None = _range("n")
    seed: int | None = _range("seed")
    stop: list[str] | None = Field(default=None, max_length=MAX_STOPS)
    presence_penalty: float | None = _range("presence_penalty")
    frequency_penalty: float | None = _range("frequency_penalty")
    logprobs: bool | None = None  # the probability of every token written, and of its top alternatives
    top_logprobs: int | None = Field(default=None, ge=0, le=20)
    response_format: dict[str, Any] | None = None  # {"type": "json_object"}: JSON mode

    @classmethod
    def from_knobs(cls, language: str = "en", **values: Any) -> GenerationSettings:
        """From the controls' values: checked (with a sentence in the reader's language), and a knob left
        at the host's own default is not sent — some models (reasoning ones) refuse it outright."""
        return cls(**sent_values(values, language))

    def to_api(self) -> dict[str, Any]:
        """The keyword arguments for chat.completions.create: unset values are left out."""
        return self.model_dump(exclude_none=True)


# Reasoning models refuse max_tokens and want max_completion_tokens (OpenAI and Azure name them alike).
REASONING_MODELS = re.compile(r"^(o\d|gpt-5(?!-chat))")


def wants_max_completion_tokens(host: str, model: str) -> bool:
    return host in ("openai", "azure") and bool(REASONING_MODELS.match(model.lower()))


class ChatRequest(BaseModel):
    """Exactly what one call sends: which host, which model, the messages and the settings."""

    model_config = ConfigDict(frozen=True)

    host: str
    model: str
    messages: list[dict[str, Any]]
    settings: GenerationSettings = GenerationSettings()

    def to_api(self, stream: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": self.messages, **self.settings.to_api()}
        if "max_tokens" in body and wants_max_completion_tokens(self.host, self.model):
            body["max_completion_tokens"] = body.pop("max_tokens")
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return body
