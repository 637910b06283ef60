"""Text into tokens, as the models see it: OpenAI's o200k_base (GPT-4o, 4.1, 5 and o-series) and cl100k_base
(GPT-4, 3.5), and the builtin model's own tokenizer. No gradio here.

The OpenAI encodings come from bpe-openai, whose wheel ships them (tiktoken downloads its files at run time and
fails offline); it gives tiktoken's IDs ("Hello world" is [13225, 2375] in o200k_base)."""

from __future__ import annotations

from functools import cache

from components.i18n import UserError

ENCODINGS = ("o200k_base", "cl100k_base", "builtin")
CL100K_MODELS = ("gpt-4-", "gpt-4", "gpt-3.5", "text-embedding-3", "text-embedding-ada")


def encoding_for(model: str) -> str:
    """The encoding a model uses: the builtin one, cl100k for GPT-4 and 3.5, o200k for everything newer."""
    name = (model or "").lower().rsplit("/", 1)[-1]
    if name.startswith("builtin") or name.startswith("fault-"):
        return "builtin"
    if name.startswith(CL100K_MODELS) and not name.startswith(("gpt-4o", "gpt-4.1", "gpt-4.5")):
        return "cl100k_base"
    return "o200k_base"


@cache
def _openai(name: str):
    import bpe_openai  # a 40 MB wheel: loaded on first use, not at start

    return bpe_openai.get_encoding(name)


@cache
def _builtin():
    from components.builtin_model.tokenizer import Tokenizer

    return Tokenizer.load()


def load_all() -> None:
    """Load every encoding now. The first load takes about a second, and any visitor counting tokens meanwhile
    waits for it: the app does this in a thread as it starts, not on a visitor's request."""
    for name in ENCODINGS[:2]:
        _openai(name)
    _builtin()


def tokenize(text: str, encoding: str) -> list[dict]:
    """[{"token": its text, "id": its number}] in order; a token that is part of a character shows as its bytes."""
    if encoding not in ENCODINGS:
        raise UserError("unknown_encoding", encoding=encoding, known=", ".join(ENCODINGS))
    if encoding == "builtin":
        tokenizer = _builtin()
        return [{"token": _shown(_builtin_bytes(tokenizer, i)), "id": i} for i in tokenizer.encode(text)]
    enc = _openai(encoding)
    return [{"token": _shown(enc.decode_single_token_bytes(i)), "id": i} for i in enc.encode_ordinary(text)]


def _builtin_bytes(tokenizer, token_id: int) -> bytes:
    raw = tokenizer.byte_pieces.get(token_id)
    return raw if raw is not None else tokenizer.piece(token_id).encode("utf-8")


def _shown(data: bytes) -> str:
    """A token's text; bytes that are only part of a character show as \\xNN."""
    return data.decode("utf-8", errors="backslashreplace")


def count(text: str, encoding: str) -> int:
    """How many tokens the text is (without building each token's text)."""
    if not text:
        return 0
    if encoding == "builtin":
        return len(_builtin().encode(text))
    if encoding not in ENCODINGS:
        raise UserError("unknown_encoding", encoding=encoding, known=", ".join(ENCODINGS))
    return len(_openai(encoding).encode_ordinary(text))
