"""What an answer costs, and each model's context window. No gradio here.

Prices are USD per 1M tokens (input, output), from OpenAI's published price list (see SOURCE); Azure OpenAI's
Global deployments list the same prices for these models (regional and Data Zone deployments cost more). The
Hugging Face router's price depends on the provider that serves each call, so it is "unknown" unless a teacher
adds it. A deployment's own prices go in a JSON file named by PLAYGROUND_PRICES_FILE or in PLAYGROUND_PRICES,
e.g. {"openai/gpt-4o": [2.5, 10], "huggingface/meta-llama/Llama-3.1-8B-Instruct": [0.1, 0.1]}."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PRICES_AS_OF = "2026-06"
SOURCE = "https://developers.openai.com/api/docs/pricing"
FREE_HOSTS = ("builtin", "ollama")  # runs here or on your own machine: nothing to pay per token

# model name (a dated snapshot, e.g. gpt-4o-2024-08-06, is priced as its family) -> (input, output) USD per 1M tokens
OPENAI_PRICES: dict[str, tuple[float, float]] = {
    "gpt-5": (1.25, 10.0),
    "gpt-5-mini": (0.25, 2.0),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-4.1": (2.0, 8.0),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.0),
    "gpt-4o-mini": (0.15, 0.60),
    "o3": (2.0, 8.0),
    "o3-mini": (1.10, 4.40),
    "o4-mini": (1.10, 4.40),
    "gpt-3.5-turbo": (0.50, 1.50),
}
# model name -> context window in tokens (input and output together)
CONTEXT_WINDOWS: dict[str, int] = {
    **dict.fromkeys(("gpt-5", "gpt-5-mini", "gpt-5-nano"), 400_000),
    **dict.fromkeys(("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"), 1_047_576),
    **dict.fromkeys(("gpt-4o", "gpt-4o-mini", "gpt-4-turbo"), 128_000),
    **dict.fromkeys(("o3", "o3-mini", "o4-mini"), 200_000),
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "builtin-tiny": 8_192,  # the builtin model's CONTEXT_WINDOW (builtin_model/api.py)
}


@dataclass(frozen=True)
class Price:
    input_per_million: float
    output_per_million: float

    def cost(self, usage: Mapping | None) -> float | None:
        if not usage:
            return None
        spent = (usage.get("prompt_tokens") or 0) * self.input_per_million
        return (spent + (usage.get("completion_tokens") or 0) * self.output_per_million) / 1_000_000


class PriceList:
    """The built-in table, overridden by the deployment's own (file, then env), keyed "host/model"."""

    def __init__(self, env: Mapping[str, str]):
        self.prices: dict[str, Price] = {}
        for host in ("openai", "azure"):
            for model, (cost_in, cost_out) in OPENAI_PRICES.items():
                self.prices[f"{host}/{model}"] = Price(cost_in, cost_out)
        path = env.get("PLAYGROUND_PRICES_FILE")
        for label, text in ((path, _read(path)), ("PLAYGROUND_PRICES", env.get("PLAYGROUND_PRICES"))):
            if text:
                self._override(label, text)

    def _override(self, label: str, text: str) -> None:
        try:
            table = json.loads(text)
            self.prices.update({key.lower(): Price(float(pair[0]), float(pair[1])) for key, pair in table.items()})
        except (ValueError, TypeError, IndexError, AttributeError) as error:  # a typo must not stop the app
            log.warning('prices in %s ignored: %s (want {"host/model": [input, output]})', label, error)

    def price(self, host: str, model: str) -> Price | None:
        """The price for this host and model; None when unknown (never a guess)."""
        if host in FREE_HOSTS:
            return Price(0.0, 0.0)
        return _lookup(self.prices, f"{host}/{(model or '').lower()}")

    def cost(self, host: str, model: str, usage: Mapping | None) -> float | None:
        price = self.price(host, model)
        return price.cost(usage) if price else None


def _read(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        log.warning("prices file %s not read: %s", path, error.strerror)
        return None


DATED = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")  # gpt-4o-2024-08-06, gpt-4-0613


def _lookup(table: Mapping, name: str):
    """The entry for the name, or for its family when the name is a dated snapshot of it (gpt-4o-2024-08-06
    is gpt-4o). Any other suffix is another model (gpt-5-pro is not gpt-5): unknown, not guessed."""
    return table.get(name, table.get(DATED.sub("", name)))


def context_window(model: str) -> int | None:
    name = (model or "").lower().rsplit("/", 1)[-1]
    return _lookup(CONTEXT_WINDOWS, name)


def format_cost(cost: float | None, unknown: str) -> str:
    """$0.000123 for tiny amounts (students' calls cost fractions of a cent), $1.23 for large ones."""
    if cost is None:
        return unknown
    if cost == 0:
        return "$0"
    return f"${cost:.6f}" if cost < 0.01 else f"${cost:.4f}"
