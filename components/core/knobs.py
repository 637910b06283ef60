"""What a knob is: one field of settings.GenerationSettings declared with `knob(...)`, which carries its range,
its starting value, the value that means "not sent", its step and which control shows it. Its label and help
text are the catalog's "knobs.<name>" and "knobs.<name>.info". Everything else (the controls, the typed API
parameters, the sweep's list, the builtin server's checks) is derived from those fields. No gradio here."""

from __future__ import annotations

import math
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from components.i18n import UserError, ui

MAX_STOPS = 4
JSON_MODE = {"type": "json_object"}  # what the "JSON mode" switch sends as response_format
CONTROLS = ("slider", "number", "lines", "switch")  # a slider; a whole number or empty; one text per line; on/off


def knob(
    minimum: float | None = None,
    maximum: float | None = None,
    *,
    start: Any = None,
    unsent: Any = None,
    step: float = 1,
    control: str = "slider",
    slider_maximum: float | None = None,
    in_sight: bool = False,
    several_answers: bool = False,
    sweep: bool = False,
    name: str | None = None,
    max_length: int | None = None,
) -> Any:
    """A GenerationSettings field that is a knob. `in_sight`: shown above the fold and offered by every tab and
    endpoint; `several_answers`: only where every answer is shown (n); `sweep`: the Sweep tab can vary it;
    `name`: the control's name when it differs from the field sent (json_mode sends response_format)."""
    assert control in CONTROLS, control
    spec = dict(
        minimum=minimum,
        maximum=maximum,
        start=start,
        unsent=unsent,
        step=step,
        control=control,
        slider_maximum=slider_maximum,
        in_sight=in_sight,
        several_answers=several_answers,
        sweep=sweep,
        name=name,
    )
    return Field(default=None, ge=minimum, le=maximum, max_length=max_length, json_schema_extra={"knob": spec})


@dataclass(frozen=True)
class Knob:
    name: str  # the control's and the API parameter's name
    field: str  # the request's field it sends
    minimum: float | None  # the range a host accepts (None: unbounded)
    maximum: float | None
    start: Any  # where the controls (and the API's optional parameters) start
    unsent: Any  # the value that means "leave it out of the request": the host's own default applies
    step: float = 1
    control: str = "slider"
    slider_maximum: float | None = None  # the slider's end when the accepted range is far larger
    in_sight: bool = False
    several_answers: bool = False
    sweep: bool = False
    integer: bool = False

    @property
    def api_type(self) -> Any:
        """The type an API caller passes."""
        return {
            "slider": int if self.integer else float,
            "number": int | None,
            "lines": list[str] | None,
            "switch": bool,
        }[self.control]

    @property
    def api_default(self) -> Any:
        return False if self.control == "switch" else self.start

    @property
    def control_unsent(self) -> Any:
        """What the control holds when the knob is not sent (a number box and a text box: empty; a switch: off)."""
        return {"slider": self.unsent, "number": None, "lines": "", "switch": False}[self.control]

    def check(self, value: Any, language: str) -> None:
        """Refuse a value outside the range, with a sentence in the reader's language."""
        if value is None or value == self.unsent or self.control in ("lines", "switch"):
            return
        bad_type = isinstance(value, bool) or not isinstance(value, (int, float))
        if bad_type or math.isnan(value) or (self.integer and value != int(value)):
            raise UserError("not_a_number", name=ui(f"knobs.{self.name}", language), value=value)
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise UserError(
                "out_of_range", name=ui(f"knobs.{self.name}", language), value=value, low=_shown(low), high=_shown(high)
            )

    def sent(self, value: Any, language: str) -> Any:
        """The value the request carries for this control's value, or None when the knob is not sent."""
        if self.control == "switch":
            return dict(JSON_MODE) if value else None
        if self.control == "lines":
            return clean_stops(value, language, self.name)
        self.check(value, language)
        if value is None or value == self.unsent:
            return None
        return int(value) if self.integer else float(value)


def knobs_of(model: type[BaseModel]) -> dict[str, Knob]:
    """The knobs among a settings model's fields, in the order they are declared, by control name."""
    knobs = {}
    for field_name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if "knob" not in extra:
            continue
        spec = dict(extra["knob"])
        name = spec.pop("name") or field_name
        knobs[name] = Knob(name, field_name, integer=_is_integer(info.annotation), **spec)
    return knobs


def _is_integer(annotation: Any) -> bool:
    return int in (typing.get_args(annotation) or (annotation,))


def _shown(number: float | None) -> str:
    return "–" if number is None else f"{number:g}"


def clean_stops(stop: Any, language: str, name: str) -> list[str] | None:
    """Stop sequences as a list of up to four non-empty strings (a single string is one); `name`: the knob's."""
    stops = [stop] if isinstance(stop, str) else list(stop or [])
    stops = [s for s in stops if isinstance(s, str) and s]
    if len(stops) > MAX_STOPS:
        raise UserError("too_many_stops", name=ui(f"knobs.{name}", language), count=len(stops), most=MAX_STOPS)
    return stops or None
