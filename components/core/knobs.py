"""The sampling knobs, each defined once: its range, its starting value, the value that means "not sent",
and (through its name) its label and help text in the catalog (UI "knobs.<name>" and "knobs.<name>.info").

Read by every tab's controls, by the request's settings model (settings.GenerationSettings) and by the builtin
server's validation. No gradio here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from components.i18n import UserError, ui


@dataclass(frozen=True)
class Knob:
    name: str
    minimum: float | None  # the range a host accepts (None: unbounded)
    maximum: float | None
    default: Any  # where the controls (and the API's optional parameters) start
    unsent: Any  # the value that means "leave it out of the request": the host's own default applies
    step: float = 1
    integer: bool = False
    slider_maximum: float | None = None  # the slider's end when the accepted range is far larger

    def check(self, value: Any, language: str) -> None:
        """Refuse a value outside the range, with a sentence in the reader's language."""
        if value is None or value == self.unsent:
            return
        bad_type = isinstance(value, bool) or not isinstance(value, (int, float))
        if bad_type or math.isnan(value) or (self.integer and value != int(value)):
            raise UserError("not_a_number", name=ui(f"knobs.{self.name}", language), value=value)
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise UserError(
                "out_of_range", name=ui(f"knobs.{self.name}", language), value=value, low=_shown(low), high=_shown(high)
            )


def _shown(number: float | None) -> str:
    return "–" if number is None else f"{number:g}"


MAX_STOPS = 4
KNOBS: dict[str, Knob] = {
    knob.name: knob
    for knob in (
        Knob("temperature", 0, 2, default=0.7, unsent=1, step=0.1),
        Knob("top_p", 0, 1, default=1, unsent=1, step=0.05),
        Knob("max_tokens", 1, 16_384, default=200, unsent=0, integer=True, slider_maximum=2048),
        Knob("n", 1, 8, default=1, unsent=1, integer=True),
        Knob("seed", -(2**63), 2**63 - 1, default=None, unsent=None, integer=True),
        Knob("presence_penalty", -2, 2, default=0, unsent=0, step=0.1),
        Knob("frequency_penalty", -2, 2, default=0, unsent=0, step=0.1),
    )
}


def clean_stops(stop: Any, language: str) -> list[str] | None:
    """`stop` as a list of up to four non-empty strings (a single string is one stop)."""
    stops = [stop] if isinstance(stop, str) else list(stop or [])
    stops = [s for s in stops if isinstance(s, str) and s]
    if len(stops) > MAX_STOPS:
        raise UserError("too_many_stops", name=ui("knobs.stop", language), count=len(stops), most=MAX_STOPS)
    return stops or None


EVERY_KNOB = (*KNOBS, "stop", "json_mode")  # every name sent_values accepts
JSON_MODE = {"type": "json_object"}  # what the "JSON mode" switch sends as response_format


def sent_values(values: dict[str, Any], language: str) -> dict[str, Any]:
    """Check every knob the user set and keep only the ones to send (not None, not at their "unsent").
    `stop` is a list of texts (or one text); `json_mode` (a switch) sends response_format."""
    sent: dict[str, Any] = {}
    for name, value in values.items():
        if name == "json_mode":
            if value:
                sent["response_format"] = dict(JSON_MODE)
            continue
        if name == "stop":
            stops = clean_stops(value, language)
            if stops:
                sent["stop"] = stops
            continue
        knob = KNOBS[name]
        knob.check(value, language)
        if value is not None and value != knob.unsent:
            sent[name] = int(value) if knob.integer else float(value)
    return sent
