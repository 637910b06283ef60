"""Learn the byte-pair merges from the corpus and write tokenizer.json.

Run `python -m components.builtin_model.train_tokenizer` after editing the corpus; a test checks
that the shipped file is what this script produces.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from .corpus import read_corpus
from .tokenizer import TOKENIZER_FILE, split_chunks

MERGES = 1500
ENGLISH_WEIGHT = 4  # real tokenizers see mostly English text; so does ours


def chunk_counts() -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in read_corpus():
        weight = ENGLISH_WEIGHT if document.language == "en" else 1
        for paragraph in document.paragraphs:
            for chunk in split_chunks(paragraph):
                counts[chunk] += weight
    return counts


def train(merges: int = MERGES) -> dict:
    counts = chunk_counts()
    words = [list(chunk) for chunk in counts]
    freqs = list(counts.values())
    characters = sorted({ch for chunk in counts for ch in chunk})

    pair_counts: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, (symbols, freq) in enumerate(zip(words, freqs)):
        for pair in zip(symbols, symbols[1:]):
            pair_counts[pair] += freq
            where[pair].add(index)

    learned: list[list[str]] = []
    for _ in range(merges):
        if not pair_counts:
            break
        # Highest count first; ties broken by the pair itself so training is reproducible.
        best = max(pair_counts.items(), key=lambda item: (item[1], item[0]))[0]
        if pair_counts[best] < 2:
            break
        learned.append(list(best))
        merged = best[0] + best[1]
        for index in list(where[best]):
            symbols, freq = words[index], freqs[index]
            for pair in zip(symbols, symbols[1:]):
                pair_counts[pair] -= freq
                if pair_counts[pair] <= 0:
                    del pair_counts[pair]
            new_symbols: list[str] = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    new_symbols.append(merged)
                    i += 2
                else:
                    new_symbols.append(symbols[i])
                    i += 1
            words[index] = new_symbols
            for pair in zip(new_symbols, new_symbols[1:]):
                pair_counts[pair] += freq
                where[pair].add(index)
    return {"characters": characters, "merges": learned}


def main() -> None:
    TOKENIZER_FILE.write_text(json.dumps(train(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {TOKENIZER_FILE}")


if __name__ == "__main__":
    main()
