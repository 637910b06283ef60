"""Turn one parsed chat request into choices: token caps, stop sequences, seeds and logprobs."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from .forms import ReplyForm
from .instructions import Instructions
from .json_mode import JsonConstraint
from .model import Blend, NGramModel, Sampling
from .schema_mode import SchemaWriter

DEFAULT_MAX_TOKENS = 512  # a reply with no cap still ends: like a real model's output limit
JSON_LENGTH = 160  # tokens JSON mode closes its object within, whatever max_tokens says (which may cut it sooner)


@dataclass
class Plan:
    """Everything the model needs to answer a request, decided before the first token."""

    language: str
    topic: str
    sampling: Sampling
    n: int = 1
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    logprobs: bool = False
    forced_text: str | None = None  # a fixed reply (e.g. "I can't see images"), still sent token by token
    ignore_eos: bool = False  # keep writing to the cap (vLLM's option; benchmarks want a known length)
    blend: Blend | None = None  # the tables and the conversation's cache (None: the topic's table alone)
    json_mode: bool = False  # constrain decoding to valid JSON (json_mode.py)
    prefix: tuple[int, ...] = ()  # a reply begun by the caller (a final assistant message): continued
    form: Instructions | None = None  # the form the instructions ask for (forms.py), outside JSON mode
    parroted: dict = field(default_factory=dict)  # what repeating an earlier turn takes (sampling.no_parrot)
    schema: dict | None = None  # write the reply under this JSON Schema (schema_mode.py)
    tool: str | None = None  # the reply calls this tool: what it writes is the call's arguments
    source: str = ""  # the user's last message (a schema's values are copied from it where they fit)


@dataclass
class Piece:
    text: str
    logprobs: list[dict] = field(default_factory=list)


@dataclass
class Finish:
    reason: str  # "stop" or "length"
    completion_tokens: int


def run_choice(model: NGramModel, plan: Plan, index: int) -> Iterator[Piece | Finish]:
    """Yield the text of one choice as it is produced, then a Finish."""
    # At temperature 0 the choices made outside the token distribution (a schema's enum, a boolean, how many
    # items) are fixed too: the same request, the same answer.
    seed = plan.seed if plan.seed is not None else (0 if plan.sampling.temperature == 0 else None)
    rng = random.Random(f"{seed}:{index}") if seed is not None else random.Random()
    cap = plan.max_tokens or DEFAULT_MAX_TOKENS
    tokenizer = model.tokenizer
    if plan.forced_text is not None:
        steps = ((token, 0.0, []) for token in tokenizer.encode(plan.forced_text))
    elif plan.schema is not None:
        writer = SchemaWriter(model, plan, rng, plan.schema, plan.source)
        steps = ((s.token, s.logprob, s.top) for s in writer.steps())
    else:
        if plan.json_mode:
            # JSON planned to close within the model's own length: a smaller max_tokens cuts it ("length"),
            # as OpenAI's JSON mode does
            constraint = JsonConstraint(tokenizer, JSON_LENGTH)
        elif plan.form and plan.form.json:  # asked for in words ("answer only with JSON"): it fits what it has
            constraint = JsonConstraint(tokenizer, cap)
        else:
            constraint = ReplyForm(tokenizer, plan.form, plan.language) if plan.form and plan.form.constrains else None
        steps = ((s.token, s.logprob, s.top) for s in _paragraphs(model, plan, rng, constraint))

    longest_stop = max((len(s) for s in plan.stop), default=0)
    text = ""  # everything generated so far
    released = 0  # how much of `text` has been sent
    waiting: list[dict] = []  # logprob entries of tokens whose text is not sent yet
    produced = 0
    pending_bytes = b""  # byte tokens of a character not complete yet
    # "en mayúsculas": what it writes, upper-cased (never JSON)
    upper = bool(plan.form and plan.form.upper and not plan.json_mode and not plan.form.json)
    for token, logprob, top in steps:
        if produced == cap:
            yield from _flush(text, released, waiting)
            yield Finish("length", produced)
            return
        produced += 1
        raw = tokenizer.byte_pieces.get(token)
        if raw is None:  # (bytes of a character left unfinished are shown as what they are: not lost)
            piece = pending_bytes.decode("utf-8", errors="replace") + tokenizer.piece(token)
            pending_bytes = b""
        else:
            pending_bytes += raw
            try:
                piece, pending_bytes = pending_bytes.decode("utf-8"), b""
            except UnicodeDecodeError:
                piece = ""
        piece = piece.upper() if upper else piece
        text += piece
        if plan.logprobs:
            waiting.append(_logprob_entry(tokenizer, token, logprob, top, upper))
        if plan.stop:
            window_start = max(released - longest_stop, 0)
            hits = [text.find(s, window_start) for s in plan.stop]
            hits = [h for h in hits if h >= 0]
            if hits:  # the stop sequence itself is never sent
                yield from _flush(text[: min(hits)], released, waiting)
                yield Finish("stop", produced)
                return
            hold = _held_back(text, plan.stop)  # text that may be the start of a stop sequence
            if len(text) - hold > released:
                yield Piece(text[released : len(text) - hold], waiting)
                released, waiting = len(text) - hold, []
        else:
            yield Piece(piece, waiting)
            released, waiting = len(text), []
    yield from _flush(text, released, waiting)
    yield Finish("length" if produced == cap and plan.forced_text is None else "stop", produced)


def _paragraphs(model: NGramModel, plan: Plan, rng: random.Random, constraint: JsonConstraint | ReplyForm | None):
    yield from model.generate(
        plan.language, plan.topic, plan.sampling, rng, plan.blend, constraint, plan.prefix, plan.parroted
    )
    while plan.ignore_eos and constraint is None:  # a new paragraph each time the model would have stopped
        yield from model.generate(plan.language, plan.topic, plan.sampling, rng, plan.blend)


def _flush(text: str, released: int, waiting: list[dict]) -> Iterator[Piece]:
    if len(text) > released or waiting:
        yield Piece(text[released:], waiting)


def _held_back(text: str, stops: tuple[str, ...]) -> int:
    """Length of the longest end of `text` that is the beginning of a stop sequence."""
    best = 0
    for stop in stops:
        for size in range(min(len(stop) - 1, len(text)), best, -1):
            if text.endswith(stop[:size]):
                best = size
                break
    return best


def _logprob_entry(tokenizer, token: int, logprob: float, top: list[tuple[int, float]], upper: bool = False) -> dict:
    def one(t: int, lp: float) -> dict:
        raw = tokenizer.byte_pieces.get(t)  # a byte token: its byte (shown as text when it is ASCII)
        data = raw if raw is not None else (tokenizer.piece(t).upper() if upper else tokenizer.piece(t)).encode()
        return {"token": data.decode("utf-8", errors="backslashreplace"), "logprob": lp, "bytes": list(data)}

    return {**one(token, logprob), "top_logprobs": [one(t, lp) for t, lp in top]}
