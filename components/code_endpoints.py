"""The `_code` twin of a tab's endpoint: the very same parameters, and the script that sends what the endpoint
would send (written by code.py from the values plans.py builds for both)."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable

import gradio as gr

from .api_arguments import as_api
from .playground import Playground
from .tabs.code_view import code_for
from .tabs.common import fail, language


def register_code_twin(playground: Playground, endpoint: Callable, plan: Callable) -> None:
    signature = inspect.signature(endpoint)
    name = f"{endpoint.__name__}_code"

    async def twin(*args, **kwargs) -> str:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        given = dict(bound.arguments)
        request = given.pop("request", None)
        lang = language(request)
        try:
            return code_for(playground, plan(given, lang), request, lang)[0]
        except Exception as error:
            raise fail(playground, error, lang, given.get("host", ""), given.get("model", "")) from None

    # gradio reads the signature and the type hints: the twin shows exactly the endpoint's parameters.
    twin.__signature__ = signature.replace(return_annotation=str)
    twin.__annotations__ = {**typing.get_type_hints(endpoint), "return": str}  # resolved where they were written
    twin.__name__ = twin.__qualname__ = name
    twin.__doc__ = f"The Python script that sends what /{endpoint.__name__} sends, with the same parameters."
    gr.api(as_api(twin), api_name=name, concurrency_limit=None)
