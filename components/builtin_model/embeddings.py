"""/v1/embeddings on the builtin model: an honest small embedding of its own. A text becomes counts of its tokens
(the builtin tokenizer's pieces) and of its words' stems, each hashed into one of DIMENSIONS places with a sign
(the "hashing trick"), scaled down for repeats and normalised to length 1. Texts that share words and word pieces
come out close; it knows nothing of meaning ("gato" and "cat" are far apart)."""

from __future__ import annotations

import base64
import math
import struct
import zlib

from .api_error import ApiError
from .instructions import plain_stems
from .tokenizer import Tokenizer

DIMENSIONS = 256
MOST_INPUTS = 2048  # OpenAI's limit of inputs per request
MOST_CHARACTERS = 200_000  # in all the inputs of one request


def embed(text: str, tokenizer: Tokenizer, dimensions: int = DIMENSIONS) -> list[float]:
    counts: dict[str, int] = {}
    for feature in [f"t{t}" for t in tokenizer.encode(text)] + [f"w{w}" for w in plain_stems(text)]:
        counts[feature] = counts.get(feature, 0) + 1
    vector = [0.0] * dimensions
    for feature, count in counts.items():
        hashed = zlib.crc32(feature.encode())
        vector[hashed % dimensions] += (1.0 if hashed & 1 << 31 else -1.0) * (1 + math.log(count))
    length = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [round(v / length, 6) for v in vector]


def embeddings_answer(body: object, tokenizer: Tokenizer, model_id: str) -> dict:
    """The answer in OpenAI's shape, or its 400s."""
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    if body.get("model") != model_id:
        raise ApiError(404, f"The model '{body.get('model')}' does not exist. This server has '{model_id}'.", "model")
    given = body.get("input")
    texts = [given] if isinstance(given, str) else given
    if not isinstance(texts, list) or not texts or len(texts) > MOST_INPUTS:
        message = f"Invalid 'input': expected a string or an array of 1 to {MOST_INPUTS} strings."
        raise ApiError(400, message, "input", "invalid_value")
    if all(_token_id(t, tokenizer) for t in texts):  # one text given as token ids
        texts = [tokenizer.decode(texts)]
    elif all(isinstance(t, list) and t and all(_token_id(i, tokenizer) for i in t) for t in texts):
        texts = [tokenizer.decode(t) for t in texts]
    if not all(isinstance(t, str) and t for t in texts) or sum(map(len, texts)) > MOST_CHARACTERS:
        message = f"Invalid 'input': every input must be a non-empty string, {MOST_CHARACTERS} characters in all."
        raise ApiError(400, message, "input", "invalid_value")
    encoding = body.get("encoding_format") or "float"
    if encoding not in ("float", "base64"):
        raise ApiError(400, "Invalid 'encoding_format': expected 'float' or 'base64'.", "encoding_format")
    dimensions = body.get("dimensions") or DIMENSIONS
    if not isinstance(dimensions, int) or isinstance(dimensions, bool) or not 1 <= dimensions <= DIMENSIONS:
        message = f"Invalid 'dimensions': this model's embeddings have at most {DIMENSIONS}."
        raise ApiError(400, message, "dimensions", "invalid_value")
    data = []
    for index, text in enumerate(texts):
        vector = embed(text, tokenizer, dimensions)
        if encoding == "base64":  # little-endian float32, as OpenAI sends them
            vector = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
        data.append({"object": "embedding", "index": index, "embedding": vector})
    tokens = sum(tokenizer.count(text) for text in texts)
    usage = {"prompt_tokens": tokens, "total_tokens": tokens}
    return {"object": "list", "data": data, "model": model_id, "usage": usage}


def _token_id(value, tokenizer: Tokenizer) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < len(tokenizer)
