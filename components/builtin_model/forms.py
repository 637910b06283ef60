"""A reply's form, as the instructions ask (instructions.py): a number of sentences or of bullets, only yes or
no, no emojis. Like JSON mode, it constrains decoding: at each step the tokens that would break the form get
probability 0 and the rest are renormalised, and the few tokens the form itself writes (a bullet's "- ", the end
after the last sentence) are forced — every other token still comes from the model's distribution."""

from __future__ import annotations

import math
import unicodedata
from functools import cache

from .instructions import Instructions
from .tokenizer import Tokenizer

SENTENCE_ENDS = (".", "!", "?", "…")
MIN_SENTENCE_WORDS = 3  # "Mmm." or "¡Arr, marinero!" opens a reply; it is not yet its one sentence
BULLET, NEXT_BULLET = "- ", "\n- "
YES_NO = {"es": ("Sí", "No"), "en": ("Yes", "No")}
PICTOGRAPHS = (0x2600, 0x27BF)  # symbols and dingbats (☀ ✨ ☠); 4-byte characters are emoji too
SECOND_BYTES = range(0x98, 0x9F)  # after 0xE2: the second byte of a character in PICTOGRAPHS


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or PICTOGRAPHS[0] <= code <= PICTOGRAPHS[1] or char in "\u200d\ufe0f"


@cache
def emoji_tokens(tokenizer: Tokenizer) -> frozenset[int]:
    """Tokens that write an emoji, or begin one (a 4-byte character's first byte)."""
    found = {t for t in range(1, 257) if t - 1 >= 0xF0}
    for token in range(257, len(tokenizer)):
        if any(_is_emoji(c) or unicodedata.category(c) == "So" for c in tokenizer.piece(token)):
            found.add(token)
    return frozenset(found)


class ReplyForm:
    """Reads the reply as it is written and says what may come next (the interface of json_mode's)."""

    def __init__(self, tokenizer: Tokenizer, instructions: Instructions, language: str):
        self.tokenizer = tokenizer
        self.end = tokenizer.end_of_text
        self.limit = instructions.bullets or instructions.sentences
        self.bullets = bool(instructions.bullets)
        self.no_emoji = instructions.no_emoji
        self.choices = [tokenizer.encode(word) for word in YES_NO[language]] if instructions.yes_no else []
        self.next_bullet = tokenizer.encode(NEXT_BULLET)
        self.space = tokenizer.encode(" ")[0]
        self.restarting = False  # the model would have ended before the last sentence: a new one starts instead
        self.queue: list[int] = tokenizer.encode(BULLET) if self.bullets else []  # tokens the form writes next
        self.sentence = ""  # the sentence being written
        self.finished = 0  # sentences (or bullets) written
        self.after_e2 = False  # the last token was the byte 0xE2 (a symbol may follow)
        self.fresh_line = False  # a bullet marker was just written: the model starts its text anew after it

    def forced(self) -> int | None:
        return self.queue[0] if self.queue else None

    def restrict(self, distribution: tuple[tuple[int, ...], tuple[float, ...]]):
        pairs = list(zip(*distribution))
        if self.choices:  # "only yes or no": as likely as the model says, or a coin flip if it offers not both
            said = dict(pairs)
            firsts = {choice[0] for choice in self.choices}
            pairs = [(t, said[t] if firsts <= said.keys() else 0.0) for t in firsts]
        else:
            ends_at = dict(pairs).get(self.end)
            pairs = [(t, lp) for t, lp in pairs if self.allows(t)]
            if ends_at is not None and not self.allows(self.end):  # where the model would end, the next bullet
                pairs.append((self.next_bullet[0] if self.bullets else self.space, ends_at))  # or sentence begins
                self.restarting = not self.bullets
        if not pairs:  # nothing the model offers fits the form: it ends here
            pairs = [(self.end, 0.0)]
        pairs.sort(key=lambda pair: (-pair[1], pair[0]))
        peak = pairs[0][1]
        norm = peak + math.log(sum(math.exp(lp - peak) for _, lp in pairs))
        return tuple(t for t, _ in pairs), tuple(lp - norm for _, lp in pairs)

    def allows(self, token: int) -> bool:
        if self.no_emoji and (token in emoji_tokens(self.tokenizer) or (self.after_e2 and token - 1 in SECOND_BYTES)):
            return False
        if token == self.end:  # a reply has all its sentences (a list, all its bullets) first
            return not self.limit or self.finished + (self.bullets and bool(self.sentence.strip())) >= self.limit
        if (self.bullets or self.limit == 1) and "\n" in self.tokenizer.piece(token):
            return False  # the form sets the lines: one sentence, or one bullet a line
        return True

    def advance(self, token: int) -> None:
        raw = self.tokenizer.byte_pieces.get(token)
        self.after_e2, self.fresh_line = raw == b"\xe2", self.restarting and token == self.space
        self.restarting = False
        if self.queue and token == self.queue[0]:
            self.queue.pop(0)
            self.fresh_line = self.bullets and not self.queue and token != self.end
            return
        if self.choices:
            chosen = next(choice for choice in self.choices if choice[0] == token)
            self.queue = [*chosen[1:], *self.tokenizer.encode("."), self.end]
            self.choices = []
            return
        if self.bullets and token == self.next_bullet[0]:  # a bullet ended where the model would have ended
            self.finished, self.sentence, self.queue = self.finished + 1, "", self.next_bullet[1:]
            return
        if raw is not None or not self.limit:
            return
        self.sentence += self.tokenizer.piece(token)
        if self.sentence.rstrip().endswith(SENTENCE_ENDS) and len(self.sentence.split()) >= MIN_SENTENCE_WORDS:
            self.finished, self.sentence = self.finished + 1, ""
            if self.finished >= self.limit:
                self.queue = [self.end]
            elif self.bullets:
                self.queue = self.tokenizer.encode(NEXT_BULLET)
