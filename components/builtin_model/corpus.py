"""The bilingual text the builtin model learns from: corpus/<language>_<topic>.txt, blank-line paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).with_name("corpus")


@dataclass(frozen=True)
class Document:
    language: str  # "en" or "es"
    topic: str
    paragraphs: tuple[str, ...]


def read_corpus(directory: Path = CORPUS_DIR) -> list[Document]:
    documents = []
    for path in sorted(directory.glob("*.txt")):
        language, topic = path.stem.split("_", 1)
        text = path.read_text(encoding="utf-8")
        paragraphs = tuple(p.strip() for p in text.split("\n\n") if p.strip())
        documents.append(Document(language, topic, paragraphs))
    return documents
