"""What a student's words ask of the builtin model, read the way a student writes them: a persona ("Responde como
un pirata 🏴‍☠️", "You are Yoda", "like I'm 10") and the instructions of form it can honestly follow ("en una
frase", "in three bullet points", "en mayúsculas", "sin emojis", "answer in Spanish", "solo sí o no").

Words are compared without case or accents, by crude stems (words.py), numbers and emoji included: "viñetas",
"VIÑETA" and "vinetas" meet; nothing depends on a fixed sentence. A style it has no texts for ("habla como un
robot") is named in `unknown_persona`, so the page can say which personas it knows; the registers such an
instruction names (short, formal, childlike, upper-case) still apply."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .words import stems

# Numbers as stems ("dos" -> "do", "tres" -> "tre"): "en tres viñetas", "in one sentence"
NUMBER_WORDS = {
    1: "1 un una uno one a single sola solo",
    2: "2 do two",
    3: "3 tre three",
    4: "4 cuatro four",
    5: "5 cinco five",
}
NUMBERS = {word: number for number, words in NUMBER_WORDS.items() for word in words.split()}
SENTENCE_WORDS = {"frase", "oracio", "senten", "linea", "line", "renglo"}
BULLET_WORDS = {"vineta", "punto", "bullet", "point", "item", "element", "inciso"}
NEGATIONS = {"sin", "no", "without", "nada", "ningun", "never", "nunca", "don", "avoid", "evita"}
UPPER = [{"mayusc"}, {"upperc"}, {"capita", "letter"}, {"all", "cap"}, {"allcap"}]
SHORT = {"breve", "corto", "corta", "short", "brief", "concis"}
ASK_VERBS = {
    "habla", "hable", "respon", "contes", "escrib", "actua", "explic", "cuenta", "dime", "talk", "speak",
    "answer", "reply", "write", "act", "explai", "tell", "preten", "behave",
}  # fmt: skip
YOU_ARE = [("ere",), ("you", "are"), ("you", "re"), ("sos",)]  # "eres" -> "ere"
LIKE = {"como", "like", "as"}
ARTICLES = {"un", "una", "el", "la", "lo", "a", "an", "the", "si", "fuera", "if", "were", "de"}
GENERIC_ROLES = {"asiste", "assist", "tutor", "ayudan", "helper", "helpfu", "experto", "expert", "model", "modelo"}
# The words just before "JSON" that ask for it as the answer's form: "only with valid JSON", "en formato JSON"
JSON_BEFORE = {"with", "in", "as", "en", "con", "como", "solo", "only", "formato", "format", "valid", "valido"}
LANGUAGES = {"ingle": "en", "englis": "en", "espano": "es", "castel": "es", "spanis": "es"}
AGE_AFTER = {"m", "am", "im", "tengo", "tuvier", "tenga", "age", "edad"}
AGE_BEFORE = {"ano", "year", "old"}
AGES = {str(n) for n in range(3, 15)} | {
    "tre", "cuatro", "cinco", "sei", "siete", "ocho", "nueve", "diez", "once", "doce",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
}  # fmt: skip
# The words of instructions of form, as words.stems cuts them: they say how to answer, not what about.
FORM_WORDS = set(
    stems(
        "frase frases oración oraciones línea líneas sentence sentences line lines viñeta viñetas punto puntos"
        " bullet bullets point points mayúsculas uppercase capital letters caps emoji emojis sí yes no solo only"
        " una uno one dos two tres three cuatro four cinco five inglés español english spanish"
        " explain explica explícame explícalo responde respond answer contesta reply describe dime tell"
    )
)


def plain_words(text: str) -> list[str]:
    """Lower-case words without accents, numbers kept: "¡Explícalo en TRES viñetas!" -> explicalo en tres vinetas."""
    plain = unicodedata.normalize("NFKD", text.lower())
    return re.findall(r"[^\W_]+", "".join(c for c in plain if not unicodedata.combining(c)))


def plain_stems(text: str) -> list[str]:
    """`plain_words` cut to crude stems (words.stems' rule): "viñetas" and "VIÑETA" meet as "vineta"."""
    return [w.rstrip("s")[:6] or w for w in plain_words(text)]


@dataclass(frozen=True)
class Instructions:
    personas: tuple[str, ...] = ()  # known personas the words name (persona files' "names:")
    unknown_persona: str | None = None  # "robot", "shakespeare": a style asked for that it has no texts for
    language: str | None = None  # "answer in English"
    sentences: int | None = None  # "en una frase"
    bullets: int | None = None  # "in three bullet points"
    upper: bool = False  # "en mayúsculas"
    no_emoji: bool = False  # "sin emojis"
    yes_no: bool = False  # "solo sí o no"
    json: bool = False  # "answer only with valid JSON", "responde en formato JSON" (not a mere mention of JSON)

    @property
    def constrains(self) -> bool:
        """Whether decoding follows a form (forms.py); upper-case is applied to what is written."""
        return bool(self.sentences or self.bullets or self.no_emoji or self.yes_no)


def _counted(found: list[str], units: set[str]) -> int | None:
    """The number at most three words before a unit: "tres viñetas", "3 bullet points", "one short sentence"."""
    for i, word in enumerate(found):
        if word in units:
            for before in reversed(found[max(0, i - 3) : i]):
                if before in NUMBERS:
                    return NUMBERS[before]
    return None


def _near(found: list[str], i: int, group: set[str], before: int, after: int = 0) -> bool:
    return any(w in group for w in found[max(0, i - before) : i + after + 1] if w != found[i])


def _yes_no(found: list[str]) -> bool:
    # "sí o no", "yes or no", "yes/no" ("yes" -> "ye"); not "si no" ("if not", in Spanish)
    return any(
        tuple(found[i : i + 3]) in {("si", "o", "no"), ("ye", "or", "no")} or found[i : i + 2] == ["ye", "no"]
        for i in range(len(found))
    )


def _language(found: list[str]) -> str | None:
    for i, word in enumerate(found):
        if word in LANGUAGES and i and found[i - 1] in {"en", "in", "al", "into", "to"}:
            return LANGUAGES[word]
    return None


def _childlike(found: list[str]) -> bool:
    """An age a child has, said as one: "like I'm 10", "como si tuviera diez años", "a 7-year-old"."""
    return any(
        word in AGES and (_near(found, i, AGE_AFTER, 2) or _near(found, i, AGE_BEFORE, 0, 2))
        for i, word in enumerate(found)
    )


def _styles(found: list[str]) -> list[int]:
    """Where each X of "habla como un X", "answer like X", "act as a X" (a speaking verb a few words before) or
    "eres un X" is."""
    styles = []
    for i, word in enumerate(found):
        you_are = next((len(p) for p in YOU_ARE if tuple(found[i : i + len(p)]) == p), 0)
        if you_are or (word in LIKE and _near(found, i, ASK_VERBS, 4)):
            rest = [j for j in range(i + max(you_are, 1), min(i + 4, len(found))) if found[j] not in ARTICLES]
            if rest and not found[rest[0]].isdigit():
                styles.append(rest[0])
    return styles


def read_instructions(system: str, user: str, persona_names: dict[str, frozenset[str]]) -> Instructions:
    """What the system message (personas, form) and the last user message (form only) ask for.
    `persona_names`: each known persona's names (as plain_stems makes them, and emoji)."""
    said, asked = plain_stems(system), plain_stems(f"{system}\n{user}")
    said_set, asked_set = set(said), set(asked)
    personas = [name for name, names in persona_names.items() if _names_in(names, said_set, system)]
    if _childlike(said) and "eli10" in persona_names and "eli10" not in personas:
        personas.append("eli10")
    ordinary = {w for names in persona_names.values() for w in names} | GENERIC_ROLES | SHORT | SENTENCE_WORDS
    styles = [at for at in _styles(said) if said[at] not in ordinary]
    unknown = plain_words(system)[styles[0]] if styles and not personas else None
    sentences = _counted(asked, SENTENCE_WORDS)
    if sentences is None and unknown and SHORT & said_set:  # a short register, asked with a style it lacks
        sentences = 1
    no_emoji = any(w == "emoji" and _near(asked, i, NEGATIONS, 3) for i, w in enumerate(asked))
    return Instructions(
        personas=tuple(personas),
        unknown_persona=unknown,
        language=_language(asked),
        sentences=sentences,
        bullets=_counted(asked, BULLET_WORDS),
        upper=any(group <= asked_set for group in UPPER),
        no_emoji=no_emoji,
        yes_no=_yes_no(asked),
        json=_json_asked(plain_words(f"{system}\n{user}")),
    )


def _json_asked(words: list[str]) -> bool:
    """JSON asked for as the answer's form ("responde solo con JSON", "describe a cat as JSON"); "explain JSON"
    or "you are a JSON expert" only mention it."""
    return any(word == "json" and JSON_BEFORE & set(words[max(0, i - 2) : i]) for i, word in enumerate(words))


def _names_in(names: frozenset[str], found: set[str], text: str) -> bool:
    return bool(names & found) or any(not n.isalnum() and n in text for n in names)
