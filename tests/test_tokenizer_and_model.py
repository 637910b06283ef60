"""The builtin model's parts, without HTTP."""

import json
import random

from components.builtin_model.model import NGramModel, Sampling
from components.builtin_model.tokenizer import TOKENIZER_FILE, Tokenizer
from components.builtin_model.train_tokenizer import train


def test_shipped_tokenizer_is_what_training_on_the_corpus_gives():
    assert json.loads(TOKENIZER_FILE.read_text(encoding="utf-8")) == json.loads(json.dumps(train()))


def test_round_trip_including_characters_never_seen():
    tokenizer = Tokenizer.load()
    for text in ["Hola, ¿cómo estás? 🦄", "def f(x):\n    return x * 2", "日本語", ""]:
        assert tokenizer.decode(tokenizer.encode(text)) == text


def test_spanish_splits_into_more_tokens_than_english():
    tokenizer = Tokenizer.load()
    pairs = [
        (
            "Write a haiku about a hungry cat that wants tuna",
            "Escribe un haiku sobre un gato hambriento que quiere atún",
        ),
        ("We will talk about LLMs today", "Hablaremos de los LLMs hoy"),
        ("The model predicts the next token", "El modelo predice el siguiente token"),
    ]
    for english, spanish in pairs:
        english_ratio = tokenizer.count(english) / len(english.split())
        spanish_ratio = tokenizer.count(spanish) / len(spanish.split())
        assert spanish_ratio > english_ratio


def test_sampling_respects_top_p_and_temperature():
    model = NGramModel.load()
    greedy = Sampling(temperature=0)
    first = [s.token for s in model.generate("en", "cats", greedy, random.Random(1))]
    second = [s.token for s in model.generate("en", "cats", greedy, random.Random(2))]
    assert first == second  # greedy ignores the random source
    narrow = Sampling(temperature=1.0, top_p=0.0)  # the nucleus keeps only the most likely token
    assert [s.token for s in model.generate("en", "cats", narrow, random.Random(3))] == first


def test_topic_and_language_follow_the_prompt():
    model = NGramModel.load()
    cases = {
        "Escribe un haiku sobre un gato hambriento que quiere atún": ("es", "haiku"),
        "Explain LLMs in one paragraph": ("en", "llm"),
        "How do I write a for loop in Python?": ("en", "python"),
        "¿Qué es un token?": ("es", "tokens"),
        "Hola, ¿cómo estás?": ("es", "chat"),
    }
    for prompt, (language, topic) in cases.items():
        assert model.language_of(prompt) == language
        assert model.topic_for(language, [(prompt, 1.0)]) == topic
