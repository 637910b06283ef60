"""A small byte-pair-encoding tokenizer, the same idea as GPT's, trained on our own corpus.

Its merges were learned from a mix that weighs English four times more than Spanish, like the
English-heavy data real tokenizers learn from: so Spanish words split into more tokens.
`python -m components.builtin_model.train_tokenizer` rebuilds tokenizer.json from the corpus.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

TOKENIZER_FILE = Path(__file__).with_name("tokenizer.json")
END_OF_TEXT = "<|endoftext|>"

# Split text into chunks a merge never crosses: words with their leading space, numbers,
# punctuation runs and whitespace (GPT-2's pre-tokenizer, without the \p{L} Python lacks).
CHUNK_PATTERN = re.compile(r" ?[^\W\d_]+| ?\d{1,3}| ?[^\s\w]+| ?_+|\s+(?!\S)|\s+")


# Merging is quadratic in a chunk's length: a pasted base64 blob or minified file is one "word" of thousands of
# characters. Longer chunks are cut into pieces of this size first (no real word is this long), so encoding is
# linear in the text.
MAX_CHUNK_CHARS = 40


def split_chunks(text: str) -> list[str]:
    chunks = CHUNK_PATTERN.findall(text)
    if all(len(chunk) <= MAX_CHUNK_CHARS for chunk in chunks):
        return chunks
    step = MAX_CHUNK_CHARS
    return [c[i : i + step] for c in chunks for i in range(0, len(c), step)]


class Tokenizer:
    """Token 0 ends a text, 1-256 are raw bytes (for characters never seen), then characters, then merges."""

    def __init__(self, characters: list[str], merges: list[tuple[str, str]]):
        self.pieces: list[str] = [END_OF_TEXT] + [f"<0x{b:02X}>" for b in range(256)]
        self.pieces += characters + [a + b for a, b in merges]
        self.ids = {piece: i for i, piece in enumerate(self.pieces) if i > 256}
        self.ranks = {pair: rank for rank, pair in enumerate(merges)}
        self.byte_pieces = {i: bytes([i - 1]) for i in range(1, 257)}
        self._encode_chunk = lru_cache(maxsize=65536)(self._encode_chunk_uncached)

    @classmethod
    def load(cls, path: Path = TOKENIZER_FILE) -> Tokenizer:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["characters"], [tuple(pair) for pair in data["merges"]])

    @property
    def end_of_text(self) -> int:
        return 0

    def __len__(self) -> int:
        return len(self.pieces)

    def encode(self, text: str) -> list[int]:
        ids: list[int] = []
        for chunk in split_chunks(text):
            ids.extend(self._encode_chunk(chunk))
        return ids

    def _encode_chunk_uncached(self, chunk: str) -> tuple[int, ...]:
        symbols = list(chunk)
        while len(symbols) > 1:
            ranked = [(self.ranks.get(pair, 1 << 30), i) for i, pair in enumerate(zip(symbols, symbols[1:]))]
            rank, i = min(ranked)
            if rank == 1 << 30:
                break
            symbols[i : i + 2] = [symbols[i] + symbols[i + 1]]
        ids: list[int] = []
        for symbol in symbols:
            if symbol in self.ids:
                ids.append(self.ids[symbol])
            else:  # a character the corpus never had: fall back to its UTF-8 bytes
                ids.extend(1 + b for b in symbol.encode("utf-8"))
        return tuple(ids)

    def piece(self, token_id: int) -> str:
        """The text of one token; a lone byte token shows as <0xNN>."""
        return self.pieces[token_id]

    def decode(self, ids: list[int]) -> str:
        out = bytearray()
        for token_id in ids:
            if token_id == 0:
                continue
            raw = self.byte_pieces.get(token_id)
            out += raw if raw is not None else self.pieces[token_id].encode("utf-8")
        return out.decode("utf-8", errors="replace")

    def count(self, text: str) -> int:
        return len(self.encode(text))
