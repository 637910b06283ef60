"""A 4-gram next-token model over our tokenizer, one table per (language, topic) of the corpus.

It is a real language model, just a tiny one: for the last three tokens it knows how often each
token followed them in the corpus, mixes in what shorter contexts say (Witten-Bell smoothing),
and samples the next token from those probabilities. A reply is steered by the conversation:
its language and topic are picked from the messages, persona texts are blended in when the system
message asks for one, and the conversation itself is a second model mixed in (context.py).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator

from .context import Blend, persona_names, read_personas
from .corpus import Document, read_corpus
from .forms import ReplyForm
from .instructions import FORM_WORDS
from .json_mode import JsonConstraint
from .ngrams import ORDER, TopicModel
from .sampling import Sampling, Step, no_parrot, no_repeat, pick
from .tokenizer import Tokenizer
from .words import SPANISH_HINTS, STOPWORDS, WORD, stems


class NGramModel:
    def __init__(self, tokenizer: Tokenizer, documents: list[Document]):
        self.tokenizer = tokenizer
        self.personas = read_personas()
        self.persona_names = persona_names(self.personas)
        self.persona_tables = {
            (p.language, p.name): TopicModel([tokenizer.encode(x) for x in p.paragraphs], tokenizer.end_of_text)
            for p in self.personas
        }
        self.topics: dict[tuple[str, str], TopicModel] = {}
        self.topic_words: dict[tuple[str, str], Counter[str]] = {}
        for doc in documents:
            sequences = [tokenizer.encode(p) for p in doc.paragraphs]
            self.topics[(doc.language, doc.topic)] = TopicModel(sequences, tokenizer.end_of_text)
            self.topic_words[(doc.language, doc.topic)] = Counter(s for p in doc.paragraphs for s in stems(p))
        self.language_words: dict[str, set[str]] = {"en": set(), "es": set()}
        topics_with: Counter[tuple[str, str]] = Counter()
        for (lang, _), words in self.topic_words.items():
            self.language_words[lang] |= set(words)
            topics_with.update((lang, w) for w in words)
        per_language = Counter(lang for lang, _ in self.topic_words)
        self.idf = {(lang, w): math.log((per_language[lang] + 1) / n) for (lang, w), n in topics_with.items()}
        self.topic_sizes = {key: sum(words.values()) for key, words in self.topic_words.items()}
        self._languages: dict[str, str] = {}  # a conversation's earlier turns come back with every request

    @classmethod
    def load(cls) -> NGramModel:
        return cls(Tokenizer.load(), read_corpus())

    # --- reading the conversation -------------------------------------------------------------
    def language_of(self, text: str) -> str:
        found = self._languages.get(text)
        if found is None:
            if len(self._languages) > 10_000:
                self._languages.clear()
            found = self._languages[text] = self._language_of(text)
        return found

    def _language_of(self, text: str) -> str:
        words = stems(text)
        only_es = self.language_words["es"] - self.language_words["en"]
        only_en = self.language_words["en"] - self.language_words["es"]
        spanish = sum(w in only_es for w in words) + 2 * sum(ch in SPANISH_HINTS for ch in text)
        english = sum(w in only_en for w in words)
        return "es" if spanish > english else "en"

    def topic_for(self, language: str, weighted_texts: list[tuple[str, float]]) -> str:
        scores: Counter[str] = Counter()
        for text, weight in weighted_texts:
            for stem in set(stems(text)) - STOPWORDS - FORM_WORDS:  # "en tres viñetas" is not about haiku
                for (lang, topic), words in self.topic_words.items():
                    if lang == language and stem in words:  # tf-idf: frequent here, rare elsewhere
                        share = words[stem] / self.topic_sizes[(lang, topic)]
                        scores[topic] += weight * self.idf[(lang, stem)] ** 2 * share
        return scores.most_common(1)[0][0] if scores else "chat"

    def boosted_tokens(self, text: str, language: str, topic: str) -> frozenset[int]:
        words = self.topic_words[(language, topic)]
        chosen = {w for w, stem in zip(WORD.findall(text), stems(text)) if len(w) > 3 and stem in words}
        return frozenset(t for w in chosen for t in self.tokenizer.encode(" " + w)[:1])

    # --- generation ---------------------------------------------------------------------------
    def generate(
        self,
        language: str,
        topic: str,
        sampling: Sampling,
        rng: random.Random,
        blend: Blend | None = None,
        constraint: JsonConstraint | ReplyForm | None = None,
        prefix: tuple[int, ...] = (),
        parroted: dict | None = None,
    ) -> Iterator[Step]:
        """Yield tokens until the model ends its text (it yields nothing more) — the caller caps length.
        `prefix`: the start of the reply, already written (it is continued, not repeated). `constraint`: JSON
        mode or the form the instructions ask for. `parroted`: earlier turns, none of which the reply may repeat
        whole (sampling.no_parrot)."""
        blend = blend or Blend([(self.topics[(language, topic)], 1.0)])
        end = self.tokenizer.end_of_text
        context = ((end,) * (ORDER - 1) + tuple(prefix))[-(ORDER - 1) :]
        mixing = blend.start()
        written: Counter[int] = Counter()
        repeated: dict[tuple[int, ...], set[int]] = {}  # the 4-token runs written so far: 3 tokens -> the next
        floor = constraint is None  # constrained decoding keeps only what fits: no floor over the vocabulary
        reply = list(prefix)
        while True:
            caches = blend.caches(context, mixing)  # once a token: read by the distribution and the update
            forced = constraint.forced() if constraint else None
            if forced is not None:  # only one continuation still fits: it has probability 1
                step = Step(forced, 0.0, [(forced, 0.0)][: sampling.top_logprobs])
            else:
                dist = blend.distribution(context, mixing, caches)
                dist = no_repeat(dist, context, repeated)
                dist = no_parrot(dist, reply, parroted) if parroted else dist
                step = pick(constraint.restrict(dist) if constraint else dist, sampling, written, rng, floor)
            if step.token == end:
                return
            yield step
            if constraint:
                constraint.advance(step.token)
            written[step.token] += 1
            reply.append(step.token)
            repeated.setdefault(context, set()).add(step.token)
            mixing = blend.update(mixing, context, step.token, caches)
            context = context[1:] + (step.token,)
            if getattr(constraint, "fresh_line", False):  # each bullet opens like a text of its own
                context = (end,) * (ORDER - 1)
