"""What students type, for `benchmarks.builtin_lessons`: personas named in their own words and instructions of
form, in Spanish and English (our own prompts, not the page's presets), each with the check its reply must pass;
and conversations whose earlier turns a reply must not repeat whole."""

from __future__ import annotations

import re
from collections.abc import Callable

MARKS = {  # what shows a persona: any of these in the reply
    "yoda": {"en": ["Hmm.", "padawan"], "es": ["Mmm.", "padawan"]},
    "chespirito": {"en": ["That, that", "without wanting to want"], "es": ["¡Eso, eso", "querer queriendo"]},
    "pirate": {"en": ["Arr", "matey"], "es": ["¡Arr", "marinero"]},
    "teacher": {"en": ["Definition", "Example:", "In summary"], "es": ["Definición", "Ejemplo:", "En resumen"]},
    "eli10": {"en": ["Imagine"], "es": ["Imagina"]},
}
QUESTION = {"es": "¿Qué es un gato?", "en": "What is a cat?"}
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
LONG_ENOUGH = 3  # words: shorter openings ("¡Hola!", "Mmm.") are not counted as sentences


def sentences(reply: str) -> int:
    """Sentences of at least LONG_ENOUGH words (ended by . ! ? … or by the text's end)."""
    parts = re.split(r"(?<=[.!?…])\s+", reply.strip())
    return sum(len(part.split()) >= LONG_ENOUGH for part in parts)


def persona(name: str, lang: str) -> Callable[[str], bool]:
    return lambda reply: any(mark in reply for mark in MARKS[name][lang])


def sentence_count(count: int) -> Callable[[str], bool]:
    return lambda reply: "\n" not in reply.strip() and sentences(reply) == count


def bullets(count: int) -> Callable[[str], bool]:
    def check(reply: str) -> bool:
        lines = reply.strip().splitlines()
        return len(lines) == count and all(line.startswith("- ") and len(line.split()) > 2 for line in lines)

    return check


def upper(reply: str) -> bool:
    return any(c.isalpha() for c in reply) and reply == reply.upper()


def no_emoji(reply: str) -> bool:
    return bool(reply.strip()) and not EMOJI.search(reply)


def yes_or_no(reply: str) -> bool:
    return reply.strip() in {"Sí.", "No.", "Yes."}


def both(*checks: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda reply: all(check(reply) for check in checks)


# (language, system message, persona): asked with QUESTION; its marks counted with the message and without it
PERSONAS = [
    ("es", "Responde como un pirata 🏴‍☠️", "pirate"),
    ("es", "Eres un pirata. Habla siempre como un pirata.", "pirate"),
    ("es", "🏴‍☠️", "pirate"),
    ("en", "Talk like a pirate.", "pirate"),
    ("en", "You're a buccaneer, answer as one", "pirate"),
    ("es", "Responde como Yoda.", "yoda"),
    ("en", "You are Yoda.", "yoda"),
    ("en", "Pretend you're Master Yoda from Star Wars", "yoda"),
    ("es", "Habla como el Chavo del 8", "chespirito"),
    ("en", "Answer like Chespirito's El Chavo.", "chespirito"),
    ("es", "Responde como un profesor formal", "teacher"),
    ("en", "You are a formal professor.", "teacher"),
    ("es", "Explícamelo como si tuviera 10 años", "eli10"),
    ("en", "Explain it like I'm 10.", "eli10"),
    ("es", "Háblame como a un niño", "eli10"),
]
# (language, system message, user message, what the reply must show, its check: None = MADE_LATER's)
INSTRUCTIONS = [
    ("es", "", "¿Qué es un gato? Responde en una frase.", "1 sentence", sentence_count(1)),
    ("en", "", "What is a token? Answer in one sentence.", "1 sentence", sentence_count(1)),
    ("es", "", "Describe un gato en dos frases", "2 sentences", sentence_count(2)),
    ("es", "", "Explica los gatos en tres viñetas", "3 bullets", bullets(3)),
    ("en", "", "Give me 3 bullet points about Python", "3 bullets", bullets(3)),
    ("en", "Answer in four bullet points.", "What is a language model?", "4 bullets", bullets(4)),
    ("es", "", "RESPONDE EN MAYÚSCULAS: ¿qué es un token?", "upper case", upper),
    ("en", "", "Describe a cat in capital letters", "upper case", upper),
    ("es", "Sin emojis, por favor.", "Escribe un haiku sobre un gato", "no emoji", no_emoji),
    ("en", "Don't use emojis.", "Write a haiku about a hungry cat", "no emoji", no_emoji),
    ("es", "", "Responde en inglés: ¿qué es un gato?", "in English", None),
    ("en", "", "Answer in Spanish: what is a cat?", "in Spanish", None),
    ("es", "Responde solo sí o no.", "¿Los gatos duermen mucho?", "yes or no", yes_or_no),
    ("en", "", "Is Python a programming language? Answer only yes or no.", "yes or no", yes_or_no),
    ("es", "Habla como un robot, breve.", "¿Qué es Python?", "1 sentence", sentence_count(1)),
    ("en", "Answer like Shakespeare, in capital letters.", "What is a cat?", "upper case", upper),
    ("es", "Responde como un pirata, en una frase.", "¿Qué es un token?", "pirate, 1 sentence", None),
    ("en", "Talk like Yoda, in three bullet points.", "What is Python?", "Yoda, 3 bullets", None),
    ("es", "Responde en mayúsculas y sin emojis.", "Escribe un haiku", "upper, no emoji", both(upper, no_emoji)),
]  # fmt: skip
MADE_LATER = {  # rows whose check needs the row's language or the model's language detector (language_of)
    "in English": lambda lang, language_of: lambda reply: language_of(reply) == "en",
    "in Spanish": lambda lang, language_of: lambda reply: language_of(reply) == "es",
    "pirate, 1 sentence": lambda lang, language_of: both(persona("pirate", lang), sentence_count(1)),
    "Yoda, 3 bullets": lambda lang, language_of: both(persona("yoda", lang), bullets(3)),
}
# Conversations (user, assistant, user): the reply must not repeat any earlier turn of three words or more whole.
HISTORIES = [
    ("Hola", "¡Miau! ¿Qué tal?", "¿Y el atún?"),  # the README's /stream example
    ("Hi", "Meow! How are you?", "And the tuna?"),
    ("¿Qué es un token?", "Un token es un trozo de texto.", "¿Y un modelo?"),
    ("Tell me about cats", "Cats sleep for most of the day.", "More"),
    ("Dime algo de Python", "Python es un lenguaje fácil de leer.", "Otra cosa"),
    ("Write a haiku about a cat", "Hungry cat at dawn,\nthe bowl is empty again,\ntuna in a dream", "Another one"),
]


def repeats_a_turn(reply: str, turns: tuple[str, ...]) -> bool:
    return any(len(turn.split()) >= LONG_ENOUGH and turn.strip() in reply for turn in turns)
