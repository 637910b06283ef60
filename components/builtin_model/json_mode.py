"""JSON mode: decoding constrained so a reply is always valid JSON (response_format json_object, or a message
asking for JSON as the answer's form). A small pushdown automaton reads the reply so far; at each step the
tokens that would break the JSON get probability 0 and the rest are renormalised — the reply still comes from
the model's distribution. Near its cap (the caller chooses which: the model's own length for JSON mode, so a
smaller max_tokens cuts the reply as OpenAI's does) it closes what is open."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")
MAX_KEY = 20  # a key ends after this many characters: keys are names, not sentences
LITERALS = ("true", "false", "null")
WHITESPACE = " \t\n\r"


@dataclass(frozen=True)
class State:
    """Where the reader is: `stack` of open containers ("{" or "["), what comes next (`expect`), and the text
    of an unfinished scalar (`buffer`)."""

    stack: tuple[str, ...] = ()
    # start | value | value_or_close | key | key_or_close | colon | after | string | key_string | number |
    # literal | done
    expect: str = "start"
    buffer: str = ""
    escaped: bool = False

    @property
    def done(self) -> bool:
        return self.expect == "done"


def feed(state: State, text: str) -> State | None:
    """The state after `text`, or None if `text` cannot continue valid JSON."""
    for char in text:
        state = _step(state, char)
        if state is None:
            return None
    return state


def _after_value(state: State) -> State:
    return State(state.stack, "after" if state.stack else "done")


def _step(s: State, c: str) -> State | None:
    if s.expect in ("string", "key_string"):
        if s.escaped:
            return State(s.stack, s.expect, s.buffer + c, False) if c in '"\\/bfnrt' else None  # (no \\u)
        if c == "\\":
            return State(s.stack, s.expect, s.buffer + c, True)
        if c == '"':
            return State(s.stack, "colon") if s.expect == "key_string" else _after_value(s)
        if s.expect == "key_string":
            # ("\x80" stands for a character's continuation byte: a character begun is always finished)
            full = len(s.buffer) >= MAX_KEY and c != "\x80"
            return State(s.stack, s.expect, s.buffer + c) if c >= " " and not full else None
        return s if c >= " " else None
    if s.expect == "number":
        grown = s.buffer + c
        if NUMBER.fullmatch(grown) or NUMBER.fullmatch(grown + "0"):  # still a number, or one digit away
            return State(s.stack, "number", grown)
        if not NUMBER.fullmatch(s.buffer):
            return None
        return _step(_after_value(s), c)
    if s.expect == "literal":
        word = s.buffer + c
        if any(lit.startswith(word) for lit in LITERALS):
            return _after_value(s) if word in LITERALS else State(s.stack, "literal", word)
        return None
    if c in WHITESPACE:
        return s if s.expect != "done" else None  # nothing after the value: the reply ends there
    if s.expect == "start":  # json_object: the reply is an object
        return State(("{",), "key_or_close") if c == "{" else None
    if s.expect in ("value", "value_or_close"):
        if c == "{":
            return State(s.stack + ("{",), "key_or_close")
        if c == "[":
            return State(s.stack + ("[",), "value_or_close")
        if c == "]" and s.expect == "value_or_close":  # an empty array
            return _after_value(State(s.stack[:-1]))
        if c == '"':
            return State(s.stack, "string")
        if c == "-" or c.isdigit():
            return State(s.stack, "number", c)
        if any(lit.startswith(c) for lit in LITERALS):
            return State(s.stack, "literal", c)
        return None
    if s.expect in ("key", "key_or_close"):
        if c == '"':
            return State(s.stack, "key_string")
        if c == "}" and s.expect == "key_or_close":
            return _after_value(State(s.stack[:-1]))
        return None
    if s.expect == "colon":
        return State(s.stack, "value") if c == ":" else None
    if s.expect == "after":
        if c == ",":
            return State(s.stack, "key" if s.stack[-1] == "{" else "value")
        if c == "}" if s.stack[-1] == "{" else c == "]":
            return _after_value(State(s.stack[:-1]))
    return None


def closing(state: State) -> str:
    """The shortest text that completes the JSON from `state`."""
    text = {
        "string": '"',
        "key_string": '": null',
        "colon": ": null",
        "key": '"": null',
        "literal": next((lit[len(state.buffer) :] for lit in LITERALS if lit.startswith(state.buffer)), ""),
        "number": "" if NUMBER.fullmatch(state.buffer) else "0",
        "value": "null",
        "start": "{}",
    }.get(state.expect, "")
    if state.escaped:  # finish the escape first
        text = "n" + text
    return text + "".join("}" if c == "{" else "]" for c in reversed(state.stack))


class JsonConstraint:
    """Follows one reply: which tokens may come next, and when the rest must close the JSON."""

    def __init__(self, tokenizer, cap: int):
        self.tokenizer, self.cap = tokenizer, cap
        self.state, self.produced = State(), 0
        self.utf8_missing = 0  # continuation bytes still owed by a character begun with byte tokens
        self._valid: dict[tuple[State, int], list[int]] = {}

    def text(self, token: int) -> str | None:
        """What the token adds to the reply, as the JSON reader sees it (None: it cannot come now)."""
        raw = self.tokenizer.byte_pieces.get(token)
        byte = raw[0] if raw is not None else None
        if self.utf8_missing:  # inside a character: only its continuation bytes
            return "\x80" if byte is not None and 0x80 <= byte < 0xC0 else None
        if raw is None:
            return self.tokenizer.piece(token)
        if byte < 0x80:
            return raw.decode("ascii")
        if 0xC2 <= byte <= 0xF4 and self.state.expect in ("string", "key_string"):
            return "\x81"  # the first byte of a character, inside a string
        return None

    def allows(self, token: int, budget: bool = True) -> bool:
        """May `token` come next? With `budget`, what it opens must also close within the token cap."""
        if token == self.tokenizer.end_of_text:
            return self.state.done
        text = self.text(token)
        if not text or (not text.strip() and self.state.expect not in ("string", "key_string")):
            return False  # whitespace between values could go on forever: not offered
        after = feed(self.state, text)
        if after is None:
            return False
        return not budget or self._fits(token, after)

    def _fits(self, token: int, after: State) -> bool:
        raw = self.tokenizer.byte_pieces.get(token)
        owed = self.utf8_missing - 1 if self.utf8_missing else 0  # a character begun must be finished
        if raw is not None and raw[0] >= 0xC0:
            owed = 1 if raw[0] < 0xE0 else 2 if raw[0] < 0xF0 else 3
        return owed + len(self.tokenizer.encode(closing(after))) <= self.cap - self.produced - 1

    def restrict(self, distribution: tuple[tuple[int, ...], tuple[float, ...]]):
        """The model's distribution with every token that would break the JSON removed, renormalised; if the
        model offers none that fits, every fitting token of the vocabulary, equally likely."""
        end = self.tokenizer.end_of_text
        ends_here = self.closer()  # where the model would end its text, what is open ends instead
        pairs = [(ends_here if t == end and ends_here is not None else t, lp) for t, lp in zip(*distribution)]
        pairs = [(t, lp) for t, lp in pairs if self.allows(t)]
        merged: dict[int, float] = {}
        for t, lp in pairs:
            merged[t] = math.log(math.exp(merged[t]) + math.exp(lp)) if t in merged else lp
        pairs = sorted(merged.items(), key=lambda item: -item[1])
        if not pairs:
            allowed = [t for t in self.vocabulary() if self.allows(t)] or [self._next_closing()]
            pairs = [(t, -math.log(len(allowed))) for t in allowed]
        peak = pairs[0][1]
        norm = peak + math.log(sum(math.exp(lp - peak) for _, lp in pairs))
        return tuple(t for t, _ in pairs), tuple(lp - norm for _, lp in pairs)

    def closer(self) -> int | None:
        """The token that ends what is open right now (a string's quote, a container's bracket)."""
        text = {"string": '"', "key_string": '"', "after": "}" if self.state.stack[-1:] == ("{",) else "]"}
        return self.tokenizer.encode(text[self.state.expect])[0] if self.state.expect in text else None

    def vocabulary(self) -> list[int]:
        """Every token that may come next, for when the model's own candidates are all ruled out."""
        key = (self.state, self.utf8_missing)
        if key not in self._valid:
            self._valid[key] = [t for t in range(len(self.tokenizer)) if self.allows(t, budget=False)]
        return self._valid[key]

    def forced(self) -> int | None:
        """The next token of the closing text once only that still fits under the cap."""
        if self.state.done:
            return self.tokenizer.end_of_text
        if self.utf8_missing:
            return None  # the character's own bytes come first (the cap check above left room for them)
        ending = self.tokenizer.encode(closing(self.state))
        return ending[0] if ending and self.cap - self.produced <= len(ending) + 1 else None

    def _next_closing(self) -> int:
        """The first token of what closes the JSON (inside a character, one of its continuation bytes)."""
        if self.utf8_missing:
            return 1 + 0x80  # byte token ids are the byte + 1
        return self.tokenizer.encode(closing(self.state))[0]

    def advance(self, token: int) -> None:
        self.produced += 1
        text = self.text(token)  # as read before the token
        raw = self.tokenizer.byte_pieces.get(token)
        if raw is not None and raw[0] >= 0x80:
            lead = raw[0]
            self.utf8_missing = self.utf8_missing - 1 if lead < 0xC0 else 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
        if text is not None and token != self.tokenizer.end_of_text:
            self.state = feed(self.state, text) or self.state
