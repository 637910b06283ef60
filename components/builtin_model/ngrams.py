"""The n-gram tables: what followed each context of up to ORDER - 1 tokens, mixed across context lengths
(Witten-Bell smoothing). One table per corpus topic and per persona; the model blends them (context.py)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

ORDER = 4  # a context of ORDER - 1 tokens
BETA = 0.4  # below 1, Witten-Bell trusts long contexts more: fluent text that still varies
Distribution = tuple[tuple[int, ...], tuple[float, ...]]  # token ids, log-probabilities (sorted best first)


class TopicModel:
    """Counts of what followed each context, mixed across context lengths by Witten-Bell smoothing:
    a long context that was seen often is trusted; a rare one leaves room for what shorter ones say."""

    CACHE_LIMIT = 200_000

    def __init__(self, sequences: list[list[int]], end: int):
        self.counts: list[dict[tuple[int, ...], Counter[int]]] = [defaultdict(Counter) for _ in range(ORDER)]
        for tokens in sequences:
            padded = [end] * (ORDER - 1) + tokens + [end]
            for i in range(ORDER - 1, len(padded)):
                for k in range(ORDER):
                    self.counts[k][tuple(padded[i - k : i])][padded[i]] += 1
        self.counts = [dict(table) for table in self.counts]
        self._cache: dict[tuple[int, ...], Distribution] = {}
        self._probs: dict[tuple[int, ...], dict[int, float]] = {}

    def distribution(self, context: tuple[int, ...]) -> Distribution:
        found = self._cache.get(context)
        if found is None:
            if len(self._cache) > self.CACHE_LIMIT:
                self._cache.clear()
            probs = self._mixed(context)
            ranked = sorted(probs.items(), key=lambda item: (-item[1], item[0]))
            found = tuple(t for t, _ in ranked), tuple(math.log(p) for _, p in ranked)
            self._cache[context] = found
        return found

    def probabilities(self, context: tuple[int, ...]) -> dict[int, float]:
        """The same distribution as a token -> probability map (for mixing tables)."""
        found = self._probs.get(context)
        if found is None:
            if len(self._probs) > self.CACHE_LIMIT:
                self._probs.clear()
            tokens, logps = self.distribution(context)
            found = self._probs[context] = {t: math.exp(lp) for t, lp in zip(tokens, logps)}
        return found

    def known_order(self, context: tuple[int, ...]) -> int:
        """The longest end of `context` this table has seen (0: not even the last token)."""
        return next((k for k in range(ORDER - 1, 0, -1) if context[-k:] in self.counts[k]), 0)

    def _mixed(self, context: tuple[int, ...]) -> dict[int, float]:
        if len(context) <= 1:  # the shortest context we use: the previous token (or any token, if unseen)
            counter = self.counts[1].get(context) or self.counts[0][()]
            total = sum(counter.values())
            return {t: c / total for t, c in counter.items()}
        lower = self._mixed(context[1:])
        counter = self.counts[len(context)].get(context)
        if not counter:
            return lower
        seen, kinds = sum(counter.values()), len(counter)
        tokens = set(counter) | set(lower)
        return {t: (counter.get(t, 0) + BETA * kinds * lower.get(t, 0.0)) / (seen + BETA * kinds) for t in tokens}
