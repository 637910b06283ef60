"""The app's own tools for the Function calling tab: the weather in a city, a cat fact, a unit converter.

The model only asks for a call; the app runs it, on fixed sample data. Nothing the model writes is evaluated:
its arguments are read as JSON and checked against the function's parameters (pydantic), and each function
looks its answer up in its own table. Each function is self-contained (its data inside it), so the code view
writes its source as it is: the script a student copies runs the very function the app ran. No gradio here."""

from __future__ import annotations

import inspect
import json
from typing import Any, Literal

MOST_ARGUMENT_CHARACTERS = 2_000


def get_weather(city: str, unit: Literal["celsius", "fahrenheit"] = "celsius") -> dict:
    """The weather now in a city (sample data: a real app would ask a weather service)."""
    import unicodedata

    weather = {  # city: (name, °C, sky)
        "madrid": ("Madrid", 21, "sunny"),
        "barcelona": ("Barcelona", 19, "cloudy"),
        "bogota": ("Bogotá", 14, "rain"),
        "lima": ("Lima", 18, "cloudy"),
        "buenos aires": ("Buenos Aires", 12, "windy"),
        "mexico": ("Ciudad de México", 23, "sunny"),
        "ciudad de mexico": ("Ciudad de México", 23, "sunny"),
        "santiago": ("Santiago", 16, "sunny"),
        "london": ("London", 9, "rain"),
        "new york": ("New York", 5, "snow"),
    }
    key = unicodedata.normalize("NFKD", city).encode("ascii", "ignore").decode().strip().lower()
    if key not in weather:
        return {"error": f"no weather data for {city!r}", "cities": sorted({name for name, _, _ in weather.values()})}
    name, celsius, sky = weather[key]
    degrees = celsius if unit == "celsius" else round(celsius * 9 / 5 + 32)
    return {"city": name, "degrees": degrees, "unit": unit, "sky": sky}


def cat_fact(topic: str = "", language: Literal["es", "en"] = "en") -> dict:
    """A true fact about cats, on a topic if one is known (sleep, whiskers, purring, jumping, eyes)."""
    facts = {
        "sleep": ("Cats sleep 12 to 16 hours a day.", "Los gatos duermen de 12 a 16 horas al día."),
        "whiskers": ("A cat's whiskers sense the air moving around it.", "Los bigotes del gato sienten el aire."),
        "purring": ("Cats purr at 25 to 150 vibrations a second.", "Los gatos ronronean a 25-150 vibraciones/s."),
        "jumping": ("A cat can jump up to six times its length.", "Un gato salta hasta seis veces su largo."),
        "eyes": ("Cats see well with a sixth of the light we need.", "Los gatos ven con un sexto de nuestra luz."),
    }
    words = {  # topic: words that ask for it (English and Spanish)
        "sleep": ("sleep", "dorm", "sueño", "siesta"),
        "whiskers": ("whisker", "bigote"),
        "purring": ("purr", "ronron"),
        "jumping": ("jump", "salt"),
        "eyes": ("eye", "ojo", "vista", "vision"),
    }
    asked = topic.lower()
    found = next((name for name, stems in words.items() if any(stem in asked for stem in stems)), "sleep")
    english, spanish = facts[found]
    return {"topic": found, "fact": spanish if language == "es" else english}


def convert_units(value: float, from_unit: str, to_unit: str) -> dict:
    """A value in another unit: length (m, km, cm, mi, ft, in), mass (kg, g, lb, oz), volume (l, ml, gal),
    temperature (c, f, k)."""
    per_unit = {  # unit: (what it measures, how many of the base unit: m, kg, l)
        "m": ("length", 1.0),
        "km": ("length", 1000.0),
        "cm": ("length", 0.01),
        "mi": ("length", 1609.344),
        "ft": ("length", 0.3048),
        "in": ("length", 0.0254),
        "kg": ("mass", 1.0),
        "g": ("mass", 0.001),
        "lb": ("mass", 0.45359237),
        "oz": ("mass", 0.028349523125),
        "l": ("volume", 1.0),
        "ml": ("volume", 0.001),
        "gal": ("volume", 3.785411784),
    }
    names = {"kilometers": "km", "kilometros": "km", "miles": "mi", "millas": "mi", "meters": "m", "metros": "m"}
    names |= {"pounds": "lb", "libras": "lb", "kilograms": "kg", "kilos": "kg", "liters": "l", "litros": "l"}
    names |= {"celsius": "c", "fahrenheit": "f", "kelvin": "k", "°c": "c", "°f": "f", "feet": "ft", "pies": "ft"}
    source, target = (names.get(u.strip().lower(), u.strip().lower()) for u in (from_unit, to_unit))
    to_celsius = {"c": lambda t: t, "f": lambda t: (t - 32) * 5 / 9, "k": lambda t: t - 273.15}
    from_celsius = {"c": lambda t: t, "f": lambda t: t * 9 / 5 + 32, "k": lambda t: t + 273.15}
    if source in to_celsius and target in from_celsius:
        result = from_celsius[target](to_celsius[source](value))
    elif source in per_unit and target in per_unit and per_unit[source][0] == per_unit[target][0]:
        result = value * per_unit[source][1] / per_unit[target][1]
    else:
        return {"error": f"cannot convert {from_unit!r} to {to_unit!r}", "units": sorted(per_unit) + ["c", "f", "k"]}
    if abs(result) > 1e15:  # (also infinity: 1e308 gallons in ml)
        return {"error": f"{value} {from_unit} is too large to convert"}
    return {"value": value, "from": source, "result": round(result, 4), "to": target}


APP_TOOLS = {function.__name__: function for function in (get_weather, cat_fact, convert_units)}

# Each tool's parameters as JSON Schema (its descriptions, in the reader's language, come from the presets)
PARAMETERS: dict[str, dict[str, Any]] = {
    "get_weather": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
        "required": ["city"],
        "additionalProperties": False,
    },
    "cat_fact": {
        "type": "object",
        "properties": {"topic": {"type": "string"}, "language": {"type": "string", "enum": ["es", "en"]}},
        "required": ["topic"],
        "additionalProperties": False,
    },
    "convert_units": {
        "type": "object",
        "properties": {"value": {"type": "number"}, "from_unit": {"type": "string"}, "to_unit": {"type": "string"}},
        "required": ["value", "from_unit", "to_unit"],
        "additionalProperties": False,
    },
}


def tool_definitions(names: list[str], descriptions: dict[str, tuple[str, dict[str, str]]]) -> list[dict]:
    """The app's tools named, as `tools=[...]` sends them; `descriptions`: name -> (what it does, each
    parameter's description)."""
    definitions = []
    for name in names:
        said, parameter_descriptions = descriptions[name]
        parameters = json.loads(json.dumps(PARAMETERS[name]))
        for parameter, description in parameter_descriptions.items():
            parameters["properties"][parameter]["description"] = description
        definitions.append(
            {"type": "function", "function": {"name": name, "description": said, "parameters": parameters}}
        )
    return definitions


def run_tool_call(call: dict) -> dict:
    """What the app's tool answers to one of the model's tool calls: the function's result, or {"error": …}
    (an unknown tool, arguments that are not JSON or do not fit the function). Never raises."""
    from pydantic import ValidationError, validate_call

    function = call.get("function") if isinstance(call, dict) else None
    name = function.get("name") if isinstance(function, dict) else None
    if name not in APP_TOOLS:
        return {"error": f"this app has no tool named {str(name)[:64]!r}", "tools": list(APP_TOOLS)}
    text = function.get("arguments") or "{}"
    if not isinstance(text, str) or len(text) > MOST_ARGUMENT_CHARACTERS:
        return {"error": f"the arguments must be a JSON object of at most {MOST_ARGUMENT_CHARACTERS} characters"}
    try:
        arguments = json.loads(text, parse_constant=_not_a_number)
    except ValueError:
        return {"error": "the arguments are not JSON"}
    if not isinstance(arguments, dict):
        return {"error": "the arguments must be a JSON object"}
    try:
        return validate_call(APP_TOOLS[name])(**arguments)
    except ValidationError as error:
        problems = [f"{'.'.join(map(str, e['loc'])) or name}: {e['msg']}" for e in error.errors(include_url=False)]
        return {"error": "; ".join(problems)[:500]}


def _not_a_number(constant: str):
    raise ValueError(f"{constant} is not a number JSON has")


def function_source(name: str) -> str:
    """The function's own source, as the code view writes it."""
    return inspect.getsource(APP_TOOLS[name])
