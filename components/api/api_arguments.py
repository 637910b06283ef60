"""The API's arguments, checked before any handler runs: each one against its parameter's annotation (pydantic
does the reading: "3" for an int is fine, `false` for a list is not), `None` standing for the parameter's
default, and a wrong one named in the caller's language. Anyone may call the API with anything."""

from __future__ import annotations

import functools
import html
import inspect
import types
import typing

import gradio as gr
from pydantic import TypeAdapter, ValidationError

from components.api.boundary import as_caller, language
from components.i18n import translate

INJECTED = (gr.Request, gr.OAuthToken, gr.OAuthProfile)  # Gradio fills these itself


def as_api(fn):
    """`fn` as an API endpoint: its arguments checked (see the module), then run as its caller (as_caller)."""
    signature = inspect.signature(fn)
    hints = typing.get_type_hints(fn)
    adapters = {
        name: TypeAdapter(hint) for name, hint in hints.items() if name in signature.parameters and not _injected(hint)
    }

    def checked(args, kwargs) -> tuple[tuple, dict]:
        bound = signature.bind_partial(*args, **kwargs)
        request = next((v for v in bound.arguments.values() if isinstance(v, gr.Request)), None)
        for name, adapter in adapters.items():
            if name not in bound.arguments:
                continue
            value, default = bound.arguments[name], signature.parameters[name].default
            if value is None:  # null from JavaScript, None from Python: "the default" (none: the handler says)
                bound.arguments[name] = None if default is inspect.Parameter.empty else default
                continue
            try:
                read = adapter.validate_python(value)
                if read != value:  # "3" read as 3; a 5 for a float stays 5 (messages show what was sent)
                    bound.arguments[name] = read
            except ValidationError:
                expected = html.escape(_spelled(hints[name]), quote=False)
                message = translate("bad_argument", language(request), name=name, expected=expected)
                raise gr.Error(message, print_exception=False) from None
        return bound.args, bound.kwargs

    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def steps(*args, **kwargs):
            args, kwargs = checked(args, kwargs)
            generator = fn(*args, **kwargs)
            try:
                async for item in generator:
                    yield item
            finally:  # Stop: the handler's own clean-up runs now, not when the collector finds it
                await generator.aclose()

        return as_caller(steps)

    @functools.wraps(fn)
    async def call(*args, **kwargs):
        args, kwargs = checked(args, kwargs)
        result = fn(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    return as_caller(call)


def _injected(hint) -> bool:
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    return any(isinstance(option, type) and issubclass(option, INJECTED) for option in options)


def _spelled(hint) -> str:
    """A type as a Python reader writes it: `list[str] | None`, `int`."""
    if isinstance(hint, type) and not typing.get_args(hint):
        return hint.__name__
    return str(hint).replace("typing.", "").replace("NoneType", "None")
