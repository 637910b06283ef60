"""Generation settings and the chat request: plain values a tab builds, and that can be shown,
replayed and (later) turned into code."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class GenerationSettings(BaseModel):
    """The sampling knobs of chat completions. Only the ones the user set are sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    max_tokens: int | None = Field(default=None, ge=1, le=128_000)
    n: int | None = Field(default=None, ge=1, le=16)
    seed: int | None = None
    stop: list[str] | None = Field(default=None, max_length=4)
    presence_penalty: float | None = Field(default=None, ge=-2, le=2)
    frequency_penalty: float | None = Field(default=None, ge=-2, le=2)

    @field_validator("stop", mode="before")
    @classmethod
    def _stop_as_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            value = [s for s in value if isinstance(s, str) and s] or None
        return value

    def to_api(self) -> dict[str, Any]:
        """The keyword arguments for chat.completions.create: unset and empty values are left out."""
        return self.model_dump(exclude_none=True)


class ChatRequest(BaseModel):
    """Exactly what one call sends: which host, which model, the messages and the settings."""

    model_config = ConfigDict(frozen=True)

    host: str
    model: str
    messages: list[dict[str, Any]]
    settings: GenerationSettings = GenerationSettings()

    def to_api(self, stream: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": self.messages, **self.settings.to_api()}
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return body
