"""How the builtin model picks each token, and the probabilities it reports for it.

It samples from its TOP_K likeliest tokens (renormalised) mixed with a small floor over the whole vocabulary,
so no token ever has probability exactly 0 or 1 (a real model's never do). What it reports as logprobs is that
same mixture, before temperature and top_p: at temperature 1 and top_p 1, sampled frequencies match the
reported probabilities, and every token gets exactly `top_logprobs` alternatives."""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field

from .context import TOP_K
from .ngrams import Distribution

PROMPT_BOOST = math.log(4.0)  # tokens that appear in the user's words are 4x likelier
FLOOR = 1e-3  # the share of probability spread evenly over the whole vocabulary
FIRST_PIECE = 257  # token 0 ends a text, 1-256 are raw bytes


@dataclass
class Sampling:
    """How to pick each token; the meaning of each field is the OpenAI parameter of the same name."""

    temperature: float = 1.0
    top_p: float = 1.0
    presence_penalty: float = 0.0
    frequency_penalty: float = 0.0
    top_logprobs: int = 0
    boosted: frozenset[int] = frozenset()
    vocabulary: int = 0  # how many tokens the model has (0: no floor)


@dataclass
class Step:
    token: int
    logprob: float
    top: list[tuple[int, float]] = field(default_factory=list)


def pick(dist: Distribution, s: Sampling, written: Counter[int], rng: random.Random, floor: bool = True) -> Step:
    """One token from `dist` under the sampling settings; `floor` off for constrained decoding (JSON)."""
    tokens, logps = dist[0][:TOP_K], dist[1][:TOP_K]
    if len(dist[0]) > TOP_K:
        norm = _logsumexp(list(logps))
        logps = tuple(lp - norm for lp in logps)
    if s.boosted or (written and (s.presence_penalty or s.frequency_penalty)):
        adjusted = [
            lp
            + (PROMPT_BOOST if t in s.boosted else 0.0)
            - written[t] * s.frequency_penalty
            - (s.presence_penalty if written[t] else 0.0)
            for t, lp in zip(tokens, logps)
        ]
        norm = _logsumexp(adjusted)
        pairs = sorted(zip(tokens, (a - norm for a in adjusted)), key=lambda p: (-p[1], p[0]))
        tokens, logps = tuple(t for t, _ in pairs), tuple(lp for _, lp in pairs)
    spread = floor and s.vocabulary > len(tokens)
    floor_logp = math.log(FLOOR / s.vocabulary) if spread else -math.inf
    if spread:  # the mixture with the floor: what is sampled and what is reported
        logps = tuple(math.log((1 - FLOOR) * math.exp(lp) + FLOOR / s.vocabulary) for lp in logps)
    top = list(zip(tokens[: s.top_logprobs], logps[: s.top_logprobs]))
    if spread and len(top) < s.top_logprobs:  # exactly top_logprobs alternatives, as OpenAI gives
        shown = set(tokens)
        top += [(t, floor_logp) for t in _others(shown, s.vocabulary, s.top_logprobs - len(top))]
    if s.temperature == 0 or (len(tokens) == 1 and not spread):
        return Step(tokens[0], logps[0], top)
    scaled = [math.exp((lp - logps[0]) / s.temperature) for lp in logps]
    rest = (s.vocabulary - len(tokens)) * math.exp((floor_logp - logps[0]) / s.temperature) if spread else 0.0
    total = sum(scaled) + rest
    kept, mass = 1, scaled[0]  # the nucleus: the smallest set reaching top_p, never empty
    while kept < len(scaled) and mass < s.top_p * total:
        mass += scaled[kept]
        kept += 1
    if kept == len(scaled) and mass < s.top_p * total:  # the floor is in the nucleus too
        if rng.random() * (mass + rest) >= mass:
            token = next(_others(set(tokens), s.vocabulary, 1, rng))
            return Step(token, floor_logp, top)
    index = _sample(scaled[:kept], mass, rng)
    return Step(tokens[index], logps[index], top)


def _others(excluded: set[int], vocabulary: int, count: int, rng: random.Random | None = None):
    """`count` tokens outside `excluded`: random ones when `rng` is given, else the first ordinary pieces
    (after the end-of-text and byte tokens, which make poor examples of an unlikely token)."""
    found = 0
    ordinary = [*range(FIRST_PIECE, vocabulary), *range(FIRST_PIECE)]
    candidates = (rng.randrange(vocabulary) for _ in iter(int, 1)) if rng else iter(ordinary)
    for token in candidates:
        if token not in excluded:
            yield token
            found += 1
            if found == count:
                return


def no_repeat(dist: Distribution, context: tuple[int, ...], repeated: dict[tuple[int, ...], set[int]]) -> Distribution:
    """No 4-token run twice in a reply (a well-known decoding rule: an n-gram model left alone loops): those
    tokens get probability 0 and the rest is renormalised — unless nothing would be left."""
    blocked = repeated.get(context)
    if not blocked:
        return dist
    tokens, logps = dist
    kept = [(t, lp) for t, lp in zip(tokens[:TOP_K], logps[:TOP_K]) if t not in blocked]
    if not kept:
        return dist
    norm = _logsumexp([lp for _, lp in kept])
    return tuple(t for t, _ in kept), tuple(lp - norm for _, lp in kept)


def parrot_index(turns: list[list[int]], piece) -> dict[int, list[tuple[tuple[int, ...], int]]]:
    """For no_parrot: each earlier turn's (tokens before, token) pairs a reply may not write — its last token, and
    its last word's first token (so a copy turns aside at a word, not in the middle of one) — by the token before.
    `piece(token)` is the token's text."""
    index: dict[int, list[tuple[tuple[int, ...], int]]] = {}
    for tokens in turns:
        words = [
            k
            for k in range(1, len(tokens))
            if piece(tokens[k])[:1].isspace() or not piece(tokens[k - 1])[-1:].isalnum()
        ]
        for k in {len(tokens) - 1, *words[-1:]} - {0}:
            index.setdefault(tokens[k - 1], []).append((tuple(tokens[:k]), tokens[k]))
    return index


def no_parrot(
    dist: Distribution, reply: list[int], turns: dict[int, list[tuple[tuple[int, ...], int]]]
) -> Distribution:
    """A reply never repeats a whole earlier turn: the token that would finish a copy gets probability 0 (copying
    phrases stays: that is how few-shot formats show)."""
    if not reply:
        return dist
    blocked = {
        token
        for before, token in turns.get(reply[-1], ())
        if len(reply) >= len(before) and tuple(reply[len(reply) - len(before) :]) == before
    }
    if not blocked:
        return dist
    kept = [(t, lp) for t, lp in zip(dist[0][:TOP_K], dist[1][:TOP_K]) if t not in blocked]
    if not kept:
        return dist
    norm = _logsumexp([lp for _, lp in kept])
    return tuple(t for t, _ in kept), tuple(lp - norm for _, lp in kept)


def _logsumexp(values: list[float]) -> float:
    peak = max(values)
    return peak + math.log(sum(math.exp(v - peak) for v in values))


def _sample(weights: list[float], total: float, rng: random.Random) -> int:
    target = rng.random() * total
    for i, w in enumerate(weights):
        target -= w
        if target < 0:
            return i
    return len(weights) - 1
