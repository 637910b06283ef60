"""An endpoint's knobs as typed parameters, derived from GenerationSettings: a new knob reaches every endpoint
(and its `_code` twin) without being spelled here. The endpoint itself is written with `knobs: dict`."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable

from components.core.knobs import Knob
from components.core.settings import KNOBS

# Which knobs an endpoint takes: every one; all but those that ask for several answers (a stream shows one);
# only the ones in sight on every tab (temperature, max tokens).
CHOICES: dict[str, Callable[[Knob], bool]] = {
    "all": lambda knob: True,
    "one_answer": lambda knob: not knob.several_answers,
    "in_sight": lambda knob: knob.in_sight,
}


def with_knobs(which: str, starts: dict | None = None, after_host: bool = False):
    """Replace the endpoint's `knobs` parameter with one parameter per knob: those in sight (and n) after the
    endpoint's own parameters, then `host` and `model`, then the rest — the order positional callers use
    (`after_host`: every knob after them). `starts`: where some knobs start for this endpoint."""

    def decorate(endpoint):
        signature = inspect.signature(endpoint)
        hints = typing.get_type_hints(endpoint)
        chosen = [knob for knob in KNOBS.values() if CHOICES[which](knob)]
        parameters = {knob.name: _parameter(knob, (starts or {}).get(knob.name)) for knob in chosen}
        first = [knob.name for knob in chosen if (knob.in_sight or knob.several_answers) and not after_host]
        early = [parameters[name] for name in first]
        late = [parameter for name, parameter in parameters.items() if name not in first]
        params = signature.parameters
        own = [p for name, p in params.items() if name not in ("host", "model", "knobs", "request")]
        flat = signature.replace(parameters=[*own, *early, params["host"], params["model"], *late, params["request"]])
        names = [knob.name for knob in chosen]

        def split(args, kwargs) -> dict:
            bound = flat.bind(*args, **kwargs)
            bound.apply_defaults()
            given = dict(bound.arguments)
            knobs = {name: given.pop(name) for name in names}
            return {**given, "knobs": knobs}

        if inspect.isasyncgenfunction(endpoint):

            @functools.wraps(endpoint)
            async def steps(*args, **kwargs):
                inner = endpoint(**split(args, kwargs))
                try:
                    async for item in inner:
                        yield item
                finally:  # Stop reaches the endpoint's own clean-up now
                    await inner.aclose()

            wrapper = steps
        else:

            @functools.wraps(endpoint)
            async def call(*args, **kwargs):
                return await endpoint(**split(args, kwargs))

            wrapper = call
        del wrapper.__wrapped__  # inspect must read the flat signature, not the endpoint's own
        wrapper.__signature__ = flat
        hints.pop("knobs", None)
        wrapper.__annotations__ = {**hints, **{knob.name: knob.api_type for knob in chosen}}
        return wrapper

    return decorate


def _parameter(knob: Knob, start=None) -> inspect.Parameter:
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    default = knob.api_default if start is None else start
    return inspect.Parameter(knob.name, kind, default=default, annotation=knob.api_type)
