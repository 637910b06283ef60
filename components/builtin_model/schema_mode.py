"""Structured outputs: a reply (or a tool call's arguments) written under a JSON Schema, so it always validates.

The schema decides the shape — its keys in order, brackets, commas, quotes: those tokens are forced (probability
1). Each value is chosen where the schema leaves a choice: a name, a city or a number the conversation gave is
copied where the field asks for one ("mi gato Tom, de 3 años" -> {"name": "Tom", "age": 3}); an enum takes the
value the conversation names, else one at random; other text is sampled from the model, within the field's
length. What it writes is plausible, not understood."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator

from .sampling import Step
from .words import STOPWORDS, stems

MAX_DEPTH = 8  # a schema nested deeper (or a $ref to itself) is written as its simplest value from there
MOST_STRING = 60  # characters of free text in one string value, unless the schema says less
MOST_ITEMS = 3
NAME_FIELDS = {"name", "nombre", "city", "ciudad", "title", "titulo", "título", "location", "person", "persona"}
NAME_FIELDS |= {"author", "autor", "place", "lugar", "pet", "mascota", "movie", "pelicula", "película", "country"}
TOPIC_FIELDS = {"topic", "tema", "subject", "asunto", "query", "consulta", "keyword", "keywords", "about"}
LANGUAGE_FIELDS = {"language", "lang", "idioma", "lengua"}
# The units it recognises in a message, for a field named like from_unit / unidad (a small list, said plainly)
UNITS = set(
    "km kilometer kilometre kilómetro kilometro mi mile milla m meter metre metro cm ft feet foot pie in inch pulgada"
    " kg kilo kilogram kilogramo g gram gramo lb pound libra oz ounce onza l liter litre litro ml gal gallon galón"
    " galon c f k celsius fahrenheit kelvin °c °f".split()
)
UNIT = re.compile(r"°?[a-záéíóúñ]+", re.IGNORECASE)
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
CAPITALISED = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+)*")
SENTENCE_START = re.compile(r"(^|[.!?¿¡:]\s*)$")
UNSAFE = set('"\\\n\r\t')


class SchemaWriter:
    """Writes one value under `schema`, token by token (`steps`), from the model and the conversation."""

    def __init__(self, model, plan, rng: random.Random, schema: dict, source: str):
        self.model, self.plan, self.rng = model, plan, rng
        self.root = schema if isinstance(schema, dict) else {}
        self.source = source  # what the user said (values are copied from it where they fit)
        self.names = self._names(source, model.language_words["en"] | model.language_words["es"])
        self.numbers = NUMBER.findall(source)
        self.units = self._units(source)
        self.topic = [w for w in re.findall(r"[\wáéíóúñ]+", source) if set(stems(w)) - STOPWORDS][-3:]
        self.top = plan.sampling.top_logprobs

    @staticmethod
    def _names(source: str, known: set[str]) -> list[str]:
        """Capitalised words, inside a sentence first ("Tom", "Buenos Aires"), then those opening one, if the corpus
        never saw them ("Tom es mi gato"; not "Explain" or "My")."""
        inside, opening = [], []
        for match in CAPITALISED.finditer(source):
            words = stems(match.group(0))
            if words[0] in STOPWORDS:
                continue
            if SENTENCE_START.search(source[: match.start()]):
                if set(words) - known:
                    opening.append(match.group(0))
            else:
                inside.append(match.group(0))
        return inside + opening

    @staticmethod
    def _units(source: str) -> list[str]:
        """The units a message names, the one right after a number first ("how many miles are 42 km": km, mi)."""
        found = []
        for match in UNIT.finditer(source):
            word = match.group(0)
            if word.lower() in UNITS or word.lower().rstrip("s") in UNITS:
                after_number = bool(re.search(r"\d\s*$", source[: match.start()]))
                found.append((not after_number, len(found), word))
        return [word for _, _, word in sorted(found)]

    def steps(self) -> Iterator[Step]:
        yield from self._value(self.root, "", 0)

    # --- the shape: forced tokens ------------------------------------------------------------------
    def _forced(self, text: str) -> Iterator[Step]:
        for token in self.model.tokenizer.encode(text):
            yield Step(token, 0.0, [(token, 0.0)][: self.top])

    def _resolve(self, schema, depth: int) -> dict:
        """Follow "$ref" (to #/$defs/… or #/definitions/…), and take a union's first non-null branch. (A schema is
        what a caller sent: anything that is not one counts as a schema that says nothing.)"""
        for _ in range(MAX_DEPTH):
            if not isinstance(schema, dict):
                return {}
            ref = schema.get("$ref") if isinstance(schema, dict) else None
            if isinstance(ref, str) and ref.startswith("#/"):
                target = self.root
                for part in ref[2:].split("/"):
                    target = target.get(part, {}) if isinstance(target, dict) else {}
                schema = target if isinstance(target, dict) else {}
                continue
            branches = schema.get("anyOf") or schema.get("oneOf") or schema.get("allOf")
            if isinstance(branches, list) and branches:
                usable = [b for b in branches if isinstance(b, dict) and b.get("type") != "null"]
                schema = usable[0] if usable else {"type": "null"}
                continue
            break
        return schema if isinstance(schema, dict) else {}

    def _value(self, schema: dict, name: str, depth: int) -> Iterator[Step]:
        schema = self._resolve(schema, depth)
        kind = schema.get("type")
        if isinstance(kind, list):  # ["string", "null"]: the first that is not null
            kind = next((k for k in kind if k != "null"), "null")
        if "const" in schema:
            yield from self._forced(json.dumps(schema["const"], ensure_ascii=False))
        elif isinstance(schema.get("enum"), list) and schema["enum"]:
            yield from self._forced(json.dumps(self._choose(schema["enum"], name), ensure_ascii=False))
        elif depth >= MAX_DEPTH:
            yield from self._forced({"object": "{}", "array": "[]", "string": '""'}.get(kind, "null"))
        elif kind == "object" or "properties" in schema:
            yield from self._object(schema, depth)
        elif kind == "array":
            yield from self._array(schema, name, depth)
        elif kind == "string":
            yield from self._string(schema, name)
        elif kind in ("integer", "number"):
            yield from self._forced(self._number(schema, name, kind == "integer"))
        elif kind == "boolean":
            yield from self._forced(self.rng.choice(["true", "false"]))
        elif kind == "null":
            yield from self._forced("null")
        else:  # no type said: a short text
            yield from self._string({}, name)

    def _object(self, schema: dict, depth: int) -> Iterator[Step]:
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        said = schema.get("required")
        required = [k for k in said if isinstance(k, str) and k in properties] if isinstance(said, list) else []
        required = list(dict.fromkeys(required))
        keys = required + [k for k in properties if k not in required]  # required ones first, in their order
        yield from self._forced("{")
        for i, key in enumerate(keys):
            yield from self._forced((", " if i else "") + json.dumps(key, ensure_ascii=False) + ": ")
            yield from self._value(properties[key], key, depth + 1)
        yield from self._forced("}")

    def _array(self, schema: dict, name: str, depth: int) -> Iterator[Step]:
        low = max(_whole(schema.get("minItems"), 0), 0)
        high = min(_whole(schema.get("maxItems"), MOST_ITEMS), max(low, MOST_ITEMS))
        count = self.rng.randint(max(low, 1) if high else 0, max(high, low))
        yield from self._forced("[")
        for i in range(count):
            if i:
                yield from self._forced(", ")
            yield from self._value(schema.get("items") or {}, name, depth + 1)
        yield from self._forced("]")

    # --- the values: chosen ------------------------------------------------------------------------
    def _choose(self, options: list, name: str = ""):
        said = [o for o in options if isinstance(o, str) and o.lower() in self.source.lower()]
        if not said and name.lower() in LANGUAGE_FIELDS:  # the conversation's own language, if it is a choice
            said = [o for o in options if o == self.plan.language]
        return said[0] if said else self.rng.choice(options)

    def _number(self, schema: dict, name: str, integer: bool) -> str:
        low, high = _number_or_none(schema.get("minimum")), _number_or_none(schema.get("maximum"))
        while self.numbers:  # the conversation's numbers first, in the order it said them
            value = float(self.numbers.pop(0).replace(",", "."))
            if (low is None or value >= low) and (high is None or value <= high):
                return str(round(value)) if integer else f"{value:g}"
        low = low if isinstance(low, (int, float)) else 0
        high = high if isinstance(high, (int, float)) else max(low, 0) + 10
        value = self.rng.uniform(low, high)
        return str(round(value)) if integer else f"{value:.1f}"

    def _string(self, schema: dict, name: str) -> Iterator[Step]:
        most = max(min(_whole(schema.get("maxLength"), MOST_STRING), MOST_STRING), 0)
        least = min(max(_whole(schema.get("minLength"), 0), 0), most)
        copied = None
        if name.lower() in NAME_FIELDS and self.names:  # "mi gato Tom": the name is Tom
            copied = self.names.pop(0)
        elif ("unit" in name.lower() or "unidad" in name.lower()) and self.units:  # "42 km": km
            copied = self.units.pop(0)
        elif name.lower() in TOPIC_FIELDS and self.topic:  # what the message is about: its last words that say
            copied = " ".join(self.topic)
        if copied is not None and least <= len(copied[:most]):
            yield from self._forced(json.dumps(copied[:most], ensure_ascii=False))
            return
        yield from self._forced('"')
        written = ""
        for step in self._sampled():
            piece = self.model.tokenizer.piece(step.token)
            if len(written) + len(piece) > most:
                break
            written += piece
            yield step
            if len(written) >= least and written.rstrip().endswith((".", "!", "?")):
                break
        if len(written) < least:
            yield from self._forced("x" * (least - len(written)))
        yield from self._forced('"')

    def _sampled(self) -> Iterator[Step]:
        """The model's own text, without what a JSON string cannot hold raw (quotes, backslashes, line breaks,
        a character's loose bytes)."""
        plan, tokenizer = self.plan, self.model.tokenizer
        for step in self.model.generate(plan.language, plan.topic, plan.sampling, self.rng, plan.blend):
            if step.token in tokenizer.byte_pieces or UNSAFE & set(tokenizer.piece(step.token)):
                break
            yield step


def _whole(value, default: int) -> int:
    """A schema's count (minItems, maxLength…) as sent, or `default` when it is not a whole number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _number_or_none(value) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
