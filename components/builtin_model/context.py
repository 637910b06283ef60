"""What a conversation adds to the corpus model, so the tiny model responds to what it is given:

- a cache language model (Kuhn & De Mori's classic): n-gram counts built on the fly from the conversation,
  interpolated with the corpus model, in two parts. Earlier replies (few-shot answers, the chat's history, and a
  text given to work on) are counted as replies — they start where this reply starts — so their format is
  copied; what the user and the system said lends its words and phrases.
- personas: short texts per persona, learned like the corpus, chosen and weighted by how much the system
  message resembles each one's description.

Every token still comes from a probability distribution; nothing is pasted in."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import CORPUS_DIR
from .instructions import FORM_WORDS, plain_stems
from .ngrams import ORDER, Distribution, TopicModel
from .words import STOPWORDS, WORD, stems

# How far the cache is trusted, by the length of the context it has seen (3 tokens: copy; 0: a nudge).
CACHE_WEIGHT = {3: 0.95, 2: 0.7, 1: 0.1, 0: 0.06}
CACHE_KNOWS_MORE = 0.97  # the conversation has seen a longer context than the corpus has: trust it (a word the
# corpus never saw is finished from the conversation, not from the corpus's guesses)
COPY_WEIGHT = 0.5  # more copying when the user's words are ones the corpus never saw (a pointer-generator's idea)
SAID_TRUST = 0.35  # what the user said lends its words; it is not a reply to copy
REPLY_WEIGHT = 4.0  # an assistant turn counts four times: formats are followed
SOURCE_WEIGHT = 60.0  # a text given to work on (mostly words the corpus never saw) is copied phrase by phrase
RECENT_WEIGHT = 2.0  # the last user message counts twice
RECENCY = 0.8  # each reply further back counts this much less
PERSONA_DIR = CORPUS_DIR / "personas"
FORGET, PRIOR_SHARE = 0.7, 0.05  # how a blend's table weights follow the reply (see Blend.update)
TOP_K = 64  # a reply is sampled from the likeliest 64 tokens (the rest carry almost no probability)
STAY_COPYING = 0.95  # after a copied token, how much the next one leans on the copy too: a phrase is finished


class ContextCache:
    def __init__(
        self, turns: list[tuple[list[int], float, bool]], end: int, focus: list[int] = (), unknown: float = 0.0
    ):
        """turns: (tokens, weight, is_reply). `focus`: the tokens the unigram nudge draws from (the last
        user message), so words of the system message never drift into the reply at random. `unknown`: the
        share of the user's words the corpus never saw: the model can only talk about those by copying."""
        self.nudge = CACHE_WEIGHT[0] + COPY_WEIGHT * unknown if focus else 0.0  # (only for a text to work on)
        self.counts: list[dict[tuple[int, ...], Counter[int]]] = [defaultdict(Counter) for _ in range(ORDER)]
        for tokens, weight, is_reply in turns:
            padded = [end] * (ORDER - 1) + tokens + [end] if is_reply else list(tokens)
            first = ORDER - 1 if is_reply else 1
            for i in range(first, len(padded)):
                for k in range(1, ORDER):
                    if i - k >= 0:
                        self.counts[k][tuple(padded[i - k : i])][padded[i]] += weight
        self.counts[0][()] = Counter(t for t in focus if t != end)
        self.counts = [dict(table) for table in self.counts]
        self._memo: dict[tuple[int, ...], tuple[dict[int, float], float]] = {}

    def distribution(self, context: tuple[int, ...], corpus_order: int = ORDER - 1) -> tuple[dict[int, float], float]:
        """(probabilities, how much to trust them) for the next token after `context`; `corpus_order` is the
        longest end of the context the corpus tables have seen."""
        found = self._memo.get((context, corpus_order))
        if found is None:
            found = self._memo[(context, corpus_order)] = self._distribution(context, corpus_order)
        return found

    def _distribution(self, context: tuple[int, ...], corpus_order: int) -> tuple[dict[int, float], float]:
        for k in range(ORDER - 1, 0, -1):
            counter = self.counts[k].get(context[-k:])
            if counter:
                seen, kinds = sum(counter.values()), len(counter)
                weight = CACHE_KNOWS_MORE if k > corpus_order else CACHE_WEIGHT[k]
                return self._mixed(context[-k:]), weight * seen / (seen + kinds)
        unigram = self.counts[0].get(())
        if not unigram:
            return {}, 0.0
        total = sum(unigram.values())
        return {t: c / total for t, c in unigram.items()}, self.nudge

    def _mixed(self, context: tuple[int, ...]) -> dict[int, float]:
        counter = self.counts[len(context)].get(context) if context else None
        if len(context) <= 1 or not counter:
            if counter:
                total = sum(counter.values())
                return {t: c / total for t, c in counter.items()}
            return self._mixed(context[1:]) if context else {}
        lower = self._mixed(context[1:])
        seen, kinds = sum(counter.values()), len(counter)
        tokens = set(counter) | set(lower)
        return {t: (counter.get(t, 0) + kinds * lower.get(t, 0.0)) / (seen + kinds) for t in tokens}


@dataclass
class Mixing:
    """Where a reply stands in its blend: each table's weight, and how likely it is that the reply is
    copying from the conversation right now."""

    weights: list[float]
    copying: float = 0.0
    written: set = field(default_factory=set)  # the (two tokens, next token) steps of this reply so far


@dataclass
class Blend:
    """What one reply samples from: corpus tables (a topic, personas) mixed by weight, and the conversation's
    cache model interpolated on top. The weights follow the reply as it grows (Bayesian model averaging with
    switching): a table that predicted the last tokens well gets more say in the next one, and a reply that is
    copying a phrase from the conversation tends to finish it — so a word begun in one voice ends in that voice."""

    tables: list[tuple[TopicModel, float]]  # (a corpus or persona table, its prior weight)
    cache: ContextCache | None = None  # earlier replies (and a text to work on): formats, copied phrases
    said: ContextCache | None = None  # what the user and the system said: its words and phrases come back

    def start(self) -> Mixing:
        return Mixing([weight for _, weight in self.tables])

    def distribution(self, context: tuple[int, ...], mixing: Mixing, caches=None) -> Distribution:
        """The next token's distribution; `caches` is what `caches(context, mixing)` gave (computed if None)."""
        said, reply = caches or self.caches(context, mixing)
        if len(self.tables) == 1 and not said and not reply:  # the common case, and the fast one
            return self.tables[0][0].distribution(context)
        probs: dict[int, float] = defaultdict(float)
        for (table, _), weight in zip(self.tables, mixing.weights):
            tokens, logps = table.distribution(context)
            for token, logp in zip(tokens[:TOP_K], logps[:TOP_K]):
                probs[token] += weight * math.exp(logp)
        for cached, trust in filter(None, (said, reply)):
            for token in probs:
                probs[token] *= 1 - trust
            for token, p in cached.items():
                probs[token] += trust * p
        ranked = sorted(probs.items(), key=lambda item: (-item[1], item[0]))
        return tuple(t for t, _ in ranked), tuple(math.log(p) for _, p in ranked)

    def caches(self, context: tuple[int, ...], mixing: Mixing):
        """(distribution, trust) of what was said and of the earlier replies, each None when silent here."""
        if self.cache is None and self.said is None:
            return None, None
        known = max(table.known_order(context) for table, _ in self.tables)
        said = reply = None
        if self.said is not None:
            cached, trust = self.said.distribution(context, known)
            cached = self._fresh(cached, context, mixing)
            if cached and trust:
                said = cached, SAID_TRUST * trust
        if self.cache is not None:
            cached, trust = self.cache.distribution(context, known)
            cached = self._fresh(cached, context, mixing)
            trust = max(trust, mixing.copying) if cached else 0.0  # a phrase being copied goes on
            if trust:
                reply = cached, trust
        return said, reply

    @staticmethod
    def _fresh(cached: dict[int, float], context: tuple[int, ...], mixing: Mixing) -> dict[int, float]:
        """Leave out continuations this reply already wrote after the same two tokens: copy forward, never in
        circles."""
        last_two = context[-2:]
        if not any((last_two, token) in mixing.written for token in cached):
            return cached
        cached = {t: p for t, p in cached.items() if (last_two, t) not in mixing.written}
        total = sum(cached.values())
        return {t: p / total for t, p in cached.items()} if total else {}

    def update(self, mixing: Mixing, context: tuple[int, ...], token: int, caches=None) -> Mixing:
        """The posterior after `token` was chosen (`caches` as for `distribution`)."""
        said, reply = caches or self.caches(context, mixing)
        mixing.written.add((context[-2:], token))
        if len(self.tables) == 1 and not said and not reply:
            return mixing  # one table, nothing copied: nothing to learn
        likelihoods = [table.probabilities(context).get(token, 1e-12) for table, _ in self.tables]
        other = sum(w * lk for w, lk in zip(mixing.weights, likelihoods))
        if said:
            other = (1 - said[1]) * other + said[1] * said[0].get(token, 0.0)
        weights = mixing.weights
        if len(weights) > 1:  # forget a little, and keep a share of the prior: no voice is ever ruled out
            raw = [w**FORGET * lk for w, lk in zip(weights, likelihoods)]
            total = sum(raw) or 1.0
            weights = [(1 - PRIOR_SHARE) * r / total + PRIOR_SHARE * p for r, (_, p) in zip(raw, self.tables)]
        copied = reply[1] * reply[0].get(token, 0.0) if reply else 0.0
        share = copied / (copied + (1 - reply[1]) * other) if copied else 0.0  # the chance it was a copy
        return Mixing(weights, STAY_COPYING * share, mixing.written)


@dataclass(frozen=True)
class Persona:
    name: str
    language: str
    keywords: frozenset[str]
    paragraphs: tuple[str, ...]
    names: frozenset[str] = frozenset()  # any one of these names it (instructions.plain_stems, emoji)


def read_personas(directory: Path = PERSONA_DIR) -> list[Persona]:
    """personas/<language>_<name>.txt: a "keywords:" line (words a system message describing it uses), a
    "names:" line (words, in either language, or emoji, any one of which asks for it), then blank-line paragraphs
    in the persona's voice."""

    personas = []
    for path in sorted(directory.glob("*.txt")):
        language, name = path.stem.split("_", 1)
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        lines = dict(line.split(":", 1) for line in head.splitlines())
        keywords = frozenset(stems(lines["keywords"]))
        named = lines.get("names", "").split()
        emoji = [n for n in named if not n.isalnum()]
        names = frozenset(plain_stems(" ".join(n for n in named if n.isalnum())) + emoji)
        paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
        personas.append(Persona(name, language, keywords, paragraphs, names))
    return personas


def persona_names(personas: list[Persona]) -> dict[str, frozenset[str]]:
    """Each persona's names, both languages' files together (a Spanish message may ask for "Yoda" too)."""
    found: dict[str, frozenset[str]] = {}
    for persona in personas:
        found[persona.name] = found.get(persona.name, frozenset()) | persona.names
    return found


def persona_weights(system: str, personas: list[Persona], language: str, named: tuple[str, ...] = ()) -> dict:
    """How much each persona of this language fits the system message: one it names (instructions.py) counts
    whole; otherwise the share of its keywords the message uses, kept when at least two match (one shared
    word is a coincidence)."""

    found = set(stems(system))
    scores = {}
    for persona in personas:
        if persona.language != language:
            continue
        hits = len(found & persona.keywords)
        if persona.name in named or hits >= 2:
            scores[persona.name] = (persona.name in named) + hits / len(persona.keywords)
    total = sum(scores.values())
    return {name: score / total for name, score in scores.items()} if total else {}


PERSONA_SHARE = 0.9  # with a persona, most of each word comes from its texts; the rest from the topic


def blend_for(model, texts: list[tuple[str, str]], language: str, topic: str, named: tuple[str, ...] = ()):
    """The Blend one reply samples from: the topic's table (and the personas the system message asks for,
    `named` ones or described ones), with the conversation's cache model on top."""

    system = " ".join(text for role, text in texts if role in ("system", "developer"))
    weights = persona_weights(system, model.personas, language, named)
    tables = [(model.persona_tables[(language, name)], PERSONA_SHARE * w) for name, w in weights.items()]
    tables.append((model.topics[(language, topic)], 1.0 - PERSONA_SHARE if weights else 1.0))
    encode, end = model.tokenizer.encode, model.tokenizer.end_of_text
    last_user = max((i for i, (role, _) in enumerate(texts) if role == "user"), default=-1)
    replies, said = [], []  # (tokens, weight, counted as a reply)
    replies_after = sum(role == "assistant" for role, _ in texts)
    for index, (role, text) in enumerate(texts):
        if role == "assistant":
            replies_after -= 1
            # An earlier reply is a model for this one (few-shot formats), the latest ones most; one in
            # another language is not (too short to tell: a format).
            if len(stems(text)) < 5 or model.language_of(text) == language:
                replies.append((encode(text), REPLY_WEIGHT * RECENCY**replies_after, True))
            else:
                said.append((encode(text), 1.0, False))
        elif role == "user":
            said.append((encode(text), RECENT_WEIGHT if index == last_user else 1.0, False))
        elif not weights:  # a persona's instructions are its texts' business: they are not copied
            said.append((encode(text), 0.5, False))
    focus_text = texts[last_user][1] if last_user >= 0 else ""
    # Words the corpus never saw can only be said by copying them: the more of the user's words are such,
    # the more the reply draws on them (a pointer-generator's idea, with counts instead of attention).
    # (the words of an instruction of form, "in four bullet points", are not a text to work on)
    words = [(w, s) for w, s in zip(WORD.findall(focus_text), stems(focus_text)) if s not in STOPWORDS | FORM_WORDS]
    seen = model.language_words["en"] | model.language_words["es"]  # (a question may be in the other language)
    unknown = [w for w, stem in words if stem not in seen and len(w) > 3]
    share = len(unknown) / len(words) if words else 0.0
    pieces = [model.tokenizer.encode(" " + w)[0] for w in unknown]  # the first piece of each such word,
    starts = [t for t in pieces if len(model.tokenizer.piece(t).strip()) >= 3]  # when it says something
    copy = max(0.0, 2 * share - 1)
    if copy:  # mostly unknown words: the reply may also start the way the given text does (after "…: ")
        source = focus_text.split(":", 1)[1] if ":" in focus_text[:60] else focus_text
        replies.append((encode(source.strip()), SOURCE_WEIGHT * copy, True))
    cache = ContextCache(replies, end, starts if copy else [], copy) if replies else None
    return Blend(tables, cache, ContextCache(said, end) if said else None)
