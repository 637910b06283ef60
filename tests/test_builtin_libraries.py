"""The lesson's libraries get validated objects from the builtin /v1: LangChain's with_structured_output and
PydanticAI's output_type, as a student would call them (requirements-dev pins both)."""

from typing import Literal

import pytest
from pydantic import BaseModel

pytestmark = pytest.mark.slow  # they import a lot: left out of the fast tier

ASKED = "My grey cat Tom is 3 years old."


class Cat(BaseModel):
    name: str
    age: int
    colour: Literal["grey", "black", "orange"]
    likes: list[str]


@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_langchain_with_structured_output(builtin_url, method):
    from langchain_openai import ChatOpenAI

    llm = ChatOpenAI(model="builtin-tiny", base_url=builtin_url, api_key="no-key-needed", temperature=0.7)
    structured = llm.with_structured_output(Cat, method=method)
    cats = [structured.invoke(ASKED) for _ in range(5)]
    assert all(isinstance(cat, Cat) and cat.name == "Tom" and cat.age == 3 for cat in cats), cats


def test_pydantic_ai_output_type(builtin_url):
    from pydantic_ai import Agent
    from pydantic_ai.models.openai import OpenAIChatModel
    from pydantic_ai.providers.openai import OpenAIProvider

    model = OpenAIChatModel("builtin-tiny", provider=OpenAIProvider(base_url=builtin_url, api_key="no-key-needed"))
    agent = Agent(model, output_type=Cat)
    cats = [agent.run_sync(ASKED).output for _ in range(5)]
    assert all(isinstance(cat, Cat) and cat.colour == "grey" for cat in cats), cats
