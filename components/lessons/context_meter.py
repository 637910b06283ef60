"""How much of a model's context window a request will use, part by part (the meter under each tab's
knobs), counted with the model's own encoding. No gradio here."""

from __future__ import annotations

from dataclasses import dataclass

from components.core.prices import context_window
from components.lessons import tokens

TOKENS_PER_MESSAGE = 3  # OpenAI's chat format wraps each message in a few tokens (role and separators)
REPLY_PRIMING = 3  # and starts the reply with a few more


@dataclass(frozen=True)
class ContextUse:
    """The tokens a request will send, by part, and the model's context window when known."""

    system: int
    examples: int
    history: int
    message: int
    overhead: int
    window: int | None

    @property
    def total(self) -> int:
        return self.system + self.examples + self.history + self.message + self.overhead


def context_use(model: str, system: str, examples: list[dict], history: list[dict], message: str) -> ContextUse:
    """Count with the model's own encoding (o200k/cl100k/builtin, offline); images count as nothing here."""
    encoding = tokens.encoding_for(model)

    def count(text: str) -> int:
        return tokens.count(text, encoding)

    def counted(messages: list[dict]) -> int:
        return sum(count(m["content"]) for m in messages if isinstance(m.get("content"), str))

    messages = len(examples) + len(history) + 1 + (1 if system else 0)
    return ContextUse(
        system=count(system),
        examples=counted(examples),
        history=counted(history),
        message=count(message),
        overhead=messages * TOKENS_PER_MESSAGE + REPLY_PRIMING,
        window=context_window(model),
    )
