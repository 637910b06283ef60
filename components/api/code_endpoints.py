"""The `_code` twin of a tab's endpoint: the very same parameters, and the script that sends what the endpoint
would send (written by code.py from the values plans.py builds for both)."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable

import gradio as gr

from components.api.api_arguments import as_api
from components.api.boundary import fail, language
from components.classroom.playground import Playground
from components.core.records import Call, Chain, ToolRun
from components.lessons.code import chain_script, curl_command, python_script
from components.lessons.tools_code import tools_script


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


def reader_url(request: gr.Request | None, fallback: str | None) -> str:
    """This app's /v1 as the reader reaches it (a hosted copy's public address, not its loopback)."""
    origin = public_origin(request)
    return f"{origin}/v1" if origin else fallback or "http://127.0.0.1:7860/v1"


def public_origin(request: gr.Request | None) -> str | None:
    """scheme://host as the reader reached the app (forwarded by a proxy such as Spaces'), or None."""
    headers = getattr(request, "headers", None) or {}
    host = headers.get("x-forwarded-host") or headers.get("host")
    if not host:
        return None
    scheme = headers.get("x-forwarded-proto") or ("https" if host.endswith(".hf.space") else "http")
    return f"{scheme.split(',')[0].strip()}://{host}"


def code_for(playground: Playground, sent: list[Call] | Chain | ToolRun, request: gr.Request | None, lang: str):
    """(python, curl) for what was sent; a chain's or a tool loop's curl is its first request."""
    first = sent[0].request if isinstance(sent, list) else sent.request
    endpoint = playground.resolve_host(first.host, first.model)
    url = reader_url(request, playground.builtin_url)
    if isinstance(sent, Chain):
        return chain_script(sent, endpoint, url, lang), curl_command(first, endpoint, url, stream=sent.stream)
    if isinstance(sent, ToolRun):
        return tools_script(sent, endpoint, url, lang), curl_command(first, endpoint, url)
    commands = [curl_command(call.request, endpoint, url, stream=call.stream) for call in sent]
    return python_script(sent, endpoint, url, lang), "\n".join(commands)
