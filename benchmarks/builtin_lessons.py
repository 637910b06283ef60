"""Does the builtin model show the lessons? Samples replies on the builtin model (the server's own request
parsing and generation, in-process) at temperature 0.7 and prints, in Spanish and English:

- personas: share of replies carrying the persona's marks, with its system message vs without one;
- few-shot: share of replies following the examples' format (a fixed prefix), with the examples vs zero-shot;
- summaries: share of replies to "summarise this: <sentence>" that reuse at least half its content words;
- JSON: share of replies under response_format json_object that json.loads accepts;
- free text (benchmarks/free_text.py): what students type — a persona named in their own words (share of replies
  with its marks, with the message / without it) and instructions of form (share of replies that follow them);
- parroting: replies repeating a whole earlier turn of a conversation (the README's /stream history and five more).

`python -m benchmarks.builtin_lessons [--samples 20]`; `--smoke` runs 4 samples each (the test suite)."""

from __future__ import annotations

import argparse
import json

from benchmarks import record
from benchmarks.free_text import HISTORIES, INSTRUCTIONS, MADE_LATER, MARKS, PERSONAS, QUESTION, persona, repeats_a_turn
from components.builtin_model.api import parse
from components.builtin_model.generation import Piece, run_choice
from components.builtin_model.model import NGramModel
from components.builtin_model.words import stems
from components.i18n import preset

FORMATS = {  # three few-shot formats: examples whose answers share a prefix
    "es": [
        ("Respuesta corta:", [("¿Capital de Brasil?", "Brasilia."), ("¿Patas de una araña?", "ocho.")]),
        ("🐱 Miau:", [("¿Qué come un gato?", "atún y pescado."), ("¿Dónde duerme?", "al sol.")]),
        ("Etiqueta ->", [("Me encanta el atún", "positivo"), ("El plato está vacío", "negativo")]),
    ],
    "en": [
        ("Short answer:", [("Capital of Brazil?", "Brasilia."), ("Legs of a spider?", "eight.")]),
        ("🐱 Meow:", [("What does a cat eat?", "tuna and fish."), ("Where does it sleep?", "in the sun.")]),
        ("Label ->", [("I love tuna", "positive"), ("The bowl is empty", "negative")]),
    ],
}
THIRD_EXAMPLE = {  # each format gets a third example
    "Respuesta corta:": ("¿Color del cielo?", "azul."),
    "🐱 Miau:": ("¿Qué hace de noche?", "caza ratones."),
    "Etiqueta ->": ("El gato duerme", "neutral"),
    "Short answer:": ("Colour of the sky?", "blue."),
    "🐱 Meow:": ("What does it do at night?", "hunts mice."),
    "Label ->": ("The cat sleeps", "neutral"),
}
FORMAT_QUESTION = {"es": "¿Planeta más grande?", "en": "Largest planet?"}
SUMMARIES = {
    "es": [
        "Los pingüinos emperador viven en la Antártida y cuidan sus huevos durante el invierno polar.",
        "El tren nocturno cruza las montañas nevadas y llega a la ciudad antes del amanecer.",
    ],
    "en": [
        "Emperor penguins live in Antarctica and guard their eggs through the polar winter.",
        "The night train crosses the snowy mountains and reaches the city before dawn.",
    ],
}
SUMMARY_ASK = {"es": "Resume esto: ", "en": "Summarise this: "}


def reply(model: NGramModel, messages: list[dict], index: int, **options) -> str:
    body = {"model": "builtin-tiny", "messages": messages, "temperature": 0.7, "max_tokens": 80, **options}
    parsed = parse(body, model)
    return "".join(piece.text for piece in run_choice(model, parsed.plan, index) if isinstance(piece, Piece))


def share(hits: list[bool]) -> float:
    return sum(hits) / len(hits)


def free_text(model: NGramModel, samples: int) -> dict:
    """Personas and instructions as students type them, and the parroting check."""

    def replies(system: str, user: str) -> list[str]:
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": user}]
        return [reply(model, messages, i, max_tokens=200) for i in range(samples)]

    results: dict = {"personas": {}, "instructions": {}, "parroting": {}}
    for lang, system, name in PERSONAS:
        marked = persona(name, lang)
        with_it = [marked(text) for text in replies(system, QUESTION[lang])]
        without = [marked(text) for text in replies("", QUESTION[lang])]
        results["personas"][f"{lang} | {system} | {name}"] = (share(with_it), share(without))
    for lang, system, user, shows, check in INSTRUCTIONS:
        check = check or MADE_LATER[shows](lang, model.language_of)
        key = f"{lang} | {system + ' / ' if system else ''}{user} | {shows}"
        results["instructions"][key] = share([check(text) for text in replies(system, user)])
    for turns in HISTORIES:
        messages = [{"role": ("user", "assistant")[i % 2], "content": text} for i, text in enumerate(turns)]
        repeated = [repeats_a_turn(reply(model, messages, i, max_tokens=200), turns) for i in range(samples)]
        results["parroting"][" → ".join(turns)] = sum(repeated)
    return results


def run(samples: int) -> dict:
    model = NGramModel.load()
    results: dict = {"personas": {}, "few_shot": {}, "summaries": {}, "json": {}}
    for lang in ("es", "en"):
        question = {"role": "user", "content": preset("persona_question", lang)}
        for name, marks in MARKS.items():
            system = {"role": "system", "content": preset("personas", lang)[name]}

            def marked(text: str, marks: list[str] = marks[lang]) -> bool:
                return any(mark in text for mark in marks)

            with_system = [marked(reply(model, [system, question], i)) for i in range(samples)]
            without = [marked(reply(model, [question], i)) for i in range(samples)]
            results["personas"][f"{lang} {name}"] = (share(with_system), share(without))
        for prefix, pairs in FORMATS[lang]:
            turns = [
                m
                for q, a in pairs
                for m in ({"role": "user", "content": q}, {"role": "assistant", "content": f"{prefix} {a}"})
            ]
            asked = {"role": "user", "content": FORMAT_QUESTION[lang]}
            few = [reply(model, [*turns, asked], i).startswith(prefix) for i in range(samples)]
            zero = [reply(model, [asked], i).startswith(prefix) for i in range(samples)]
            results["few_shot"][f"{lang} {prefix}"] = (share(few), share(zero))
        for sentence in SUMMARIES[lang]:
            words = {w for w in stems(sentence) if len(w) > 3}
            asked = [{"role": "user", "content": SUMMARY_ASK[lang] + sentence}]
            reused = [len(words & set(stems(reply(model, asked, i)))) / len(words) >= 0.5 for i in range(samples)]
            results["summaries"][f"{lang} {sentence[:30]}…"] = share(reused)
        for name in ("persona", "plain"):
            system = [{"role": "system", "content": preset("personas", lang)["json"]}] if name == "persona" else []
            question = preset("persona_question", lang) + (" (JSON)" if name == "plain" else "")  # (it must say so)
            asked = [*system, {"role": "user", "content": question}]
            # JSON mode as OpenAI's: a max_tokens would cut the JSON ("length"); the model's own length here
            options = {"response_format": {"type": "json_object"}, "max_tokens": None} if name == "plain" else {}
            parsed = []
            for i in range(samples):
                try:
                    json.loads(reply(model, asked, i, **options))
                    parsed.append(True)
                except ValueError:
                    parsed.append(False)
            results["json"][f"{lang} {'JSON-only persona' if name == 'persona' else 'json_object'}"] = share(parsed)
    results["free_text"] = free_text(model, samples)
    return results


def print_results(results: dict, samples: int) -> None:
    print(f"builtin model, temperature 0.7, {samples} samples each")
    print("personas: replies with the persona's marks, with its system message / without")
    for key, (on, off) in results["personas"].items():
        print(f"  {key:<16} {on:>5.0%} / {off:.0%}   marks: {', '.join(MARKS[key.split()[1]][key.split()[0]])}")
    print("few-shot: replies in the examples' format, with the examples / zero-shot")
    for key, (on, off) in results["few_shot"].items():
        print(f"  {key:<22} {on:>5.0%} / {off:.0%}")
    print("summaries: replies reusing at least half the sentence's content words")
    for key, value in results["summaries"].items():
        print(f"  {key:<36} {value:>5.0%}")
    print("JSON: replies that json.loads accepts")
    for key, value in results["json"].items():
        print(f"  {key:<24} {value:>5.0%}")
    free = results["free_text"]
    print("free text: a persona named in a student's words — replies with its marks, with the message / without")
    print("| | language | system message | persona | with | without |\n|---|---|---|---|---|---|")
    for number, (key, (on, off)) in enumerate(free["personas"].items(), 1):
        print(f"| {number} | " + " | ".join(key.split(" | ")) + f" | {on:.0%} | {off:.0%} |")
    print("free text: instructions of form — replies that follow them")
    print("| | language | message (system / user) | the reply shows | share |\n|---|---|---|---|---|")
    for number, (key, value) in enumerate(free["instructions"].items(), len(free["personas"]) + 1):
        print(f"| {number} | " + " | ".join(key.split(" | ")) + f" | {value:.0%} |")
    print(f"parroting: replies repeating a whole earlier turn, of {samples}")
    for key, value in free["parroting"].items():
        print(f"  {value:>3}  {key!r}")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--smoke", action="store_true", help="4 samples each")
    args = parser.parse_args(argv)
    samples = 4 if args.smoke else args.samples
    results = run(samples)
    print_results(results, samples)
    record.save("builtin_lessons", {"samples": samples, "results": results}, smoke=args.smoke)
    return results


if __name__ == "__main__":
    main()
