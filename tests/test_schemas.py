"""The Structured outputs tab reads a pydantic class a visitor typed: parsed, never run, and bounded."""

import pytest

from components.i18n import UserError, translate
from components.lessons.schemas import MOST_CHARACTERS, read_schema

CAT = '''from typing import Literal
from pydantic import BaseModel, Field


class Owner(BaseModel):
    name: str
    city: str | None = None


class Cat(BaseModel):
    """A cat's profile."""

    name: str = Field(description="the cat's name")
    age: int = Field(ge=0, le=30)
    colour: Literal["grey", "black", "orange"]
    likes: list[str]
    owner: Owner
'''


def test_a_lesson_style_class_becomes_the_schema_the_sdk_sends():
    cat = read_schema(CAT)
    schema = cat.model_json_schema()
    assert list(schema["properties"]) == ["name", "age", "colour", "likes", "owner"]
    assert (
        schema["properties"]["name"]["description"] == "the cat's name" and schema["description"] == "A cat's profile."
    )
    assert schema["properties"]["colour"]["enum"] == ["grey", "black", "orange"]
    assert schema["properties"]["age"] == {"maximum": 30, "minimum": 0, "title": "Age", "type": "integer"}
    assert (
        schema["properties"]["owner"] == {"$ref": "#/$defs/Owner"} and "city" in schema["$defs"]["Owner"]["properties"]
    )
    tom = cat.model_validate({"name": "Tom", "age": 3, "colour": "grey", "likes": ["tuna"], "owner": {"name": "Ana"}})
    assert tom.owner.city is None


RAN = []  # anything that ran would leave its mark here


@pytest.mark.parametrize(
    "source, key, line",
    [
        ("import os\nos.system('touch /tmp/owned')", "schema.only_classes", 1),
        ("class A(BaseModel):\n    x: str = __import__('os').getcwd()", "schema.default", 2),
        ("class A(BaseModel):\n    x: eval('RAN.append(1)')", "schema.unknown_type", 2),
        ("class A(BaseModel):\n    def f(self):\n        RAN.append(1)", "schema.only_fields", 2),
        ("class A(object):\n    x: str", "schema.base", 1),
        ("@dataclass\nclass A(BaseModel):\n    x: str", "schema.only_fields", 2),
        ("class A(BaseModel):\n    model_config: str", "schema.field_name", 2),
        ("class A(BaseModel):\n    x: Literal[1 + 1]", "schema.literal", 2),
        ("class A(BaseModel):\n    x: int = Field(default_factory=list)", "schema.field_option", 2),
        ("class A(BaseModel)\n    x: str", "schema.syntax", 1),
        ("class A(BaseModel):\n    x: list[list[list[list[list[list[str]]]]]]", "schema.too_deep", 2),
        ("class A(BaseModel):\n    pass", "schema.no_fields", 1),
        ("", "schema.empty", None),
        ("x" * (MOST_CHARACTERS + 1), "schema.too_long", None),
        ("\n".join(f"class A{i}(BaseModel):\n    x: str" for i in range(13)), "schema.too_many", 25),
    ],
)
def test_anything_but_plain_classes_gets_a_sentence_naming_its_line_and_nothing_runs(source, key, line):
    with pytest.raises(UserError) as refused:
        read_schema(source)
    assert refused.value.key == key and refused.value.details.get("line") == line
    for lang in ("en", "es"):  # a sentence in each language, with the line in it
        sentence = translate(key, lang, **refused.value.details)
        assert line is None or str(line) in sentence
    assert not RAN
