"""English text of the Structured outputs tab: its labels, the sentences about a schema typed as Python, and
its presets (a cat's profile, an event from an email, a movie review)."""

UI = {
    "structured.tab": "Structured outputs",
    "structured.intro": "**What this shows:** the answer's shape as a pydantic class, sent as `response_format` with a strict JSON Schema (what `client.chat.completions.parse(response_format=Cat)` sends): the model's JSON comes back, and the class checks it.\n\n**Try this:** add a field (`indoor: bool`) or a `Literal[...]` and run again; then break the JSON (a model that ignores the schema) and read the validation errors.",
    "structured.preset": "Preset",
    "structured.schema": "The answer's shape (pydantic classes; read, never run)",
    "structured.message": "Message",
    "structured.run": "Run",
    "structured.json_schema": "JSON Schema sent",
    "structured.raw": "The model's JSON",
    "structured.parsed": "Parsed (the last class)",
    "structured.field": "field",
    "structured.value": "value",
}

MESSAGES = {
    "schema.empty": "Write a class for the answer's shape, for example: class Cat(BaseModel): name: str",
    "schema.too_long": "The schema is too long: at most {most} characters.",
    "schema.syntax": "Line {line}: this is not valid Python ({problem}).",
    "schema.only_classes": "Line {line}: only classes (and their imports) are read here — nothing is run.",
    "schema.too_many": "Line {line}: at most {most} classes.",
    "schema.too_many_fields": "Line {line}: at most {most} fields in all.",
    "schema.no_class": "Write at least one class: class Cat(BaseModel): name: str",
    "schema.base": "Line {line}: class {name} must inherit from BaseModel.",
    "schema.only_fields": "Line {line}: a class here holds only typed fields (name: str), a docstring or pass.",
    "schema.field_name": "Line {line}: the field name '{name}' can't be used (it starts with _ or is pydantic's own).",
    "schema.no_fields": "Line {line}: class {name} has no fields.",
    "schema.fields": "Line {line}: class {name} has a field pydantic can't accept (a name of its own, or a default of another type).",
    "schema.too_deep": "Line {line}: types nested too deep.",
    "schema.unknown_type": "Line {line}: '{type}' is not a type this tab knows: use str, int, float, bool, Literal[...], list[...], X | None or a class defined above.",
    "schema.literal": "Line {line}: Literal[...] takes 1 to {most} plain values (text, numbers, True/False).",
    "schema.field_option": "Line {line}: Field({option}=…) is not read here: use description, ge, le, gt, lt, min_length, max_length, title or default, with plain values.",
    "schema.default": "Line {line}: a default must be a plain value (text, number, True/False, None) or Field(...).",
    "structured.valid": "✅ Valid {name}: every field as the class says.",
    "structured.invalid": "❌ Not a valid {name} ({count} problems):",
    "structured.refusal": "🚫 The model refused: {refusal}",
}

PRESETS = {
    "structured": {
        "cat": (
            '''from typing import Literal
from pydantic import BaseModel, Field


class Cat(BaseModel):
    """A cat's profile."""

    name: str = Field(description="the cat's name")
    age: int = Field(description="age in years")
    colour: Literal["grey", "black", "orange", "white"]
    likes: list[str]
''',
            "My grey cat Tom is 3 years old and loves tuna and boxes.",
        ),
        "event": (
            '''from pydantic import BaseModel, Field


class Event(BaseModel):
    """An event found in an email."""

    title: str
    city: str
    day: int = Field(description="day of the month")
    people: list[str] = Field(description="who comes")
''',
            "Hi! The Python meetup is on the 14th in Lisbon. Ana and Luis are coming. See you!",
        ),
        "review": (
            '''from typing import Literal
from pydantic import BaseModel, Field


class Review(BaseModel):
    """A movie review."""

    movie: str
    stars: int = Field(ge=1, le=5)
    mood: Literal["positive", "negative", "mixed"]
    summary: str = Field(max_length=80)
''',
            "I watched Ratatouille again: 5 stars, funny and warm, the best cooking film.",
        ),
    },
    "structured_labels": {
        "cat": "🐱 A cat's profile",
        "event": "📅 An event from an email",
        "review": "🎬 A movie review",
    },
}
