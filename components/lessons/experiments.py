"""Compare and Sweep without any UI: checking their inputs (before any call), building every request, running
them all at once and summing up what came back. Read by the Compare and Sweep tabs and by the API."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from components.classroom.playground import Playground
from components.core.calls import Completion, StreamUpdate
from components.core.hosts import HOSTS_BY_ID
from components.core.pacing import side_by_side, throttled
from components.core.settings import KNOBS, ChatRequest, GenerationSettings
from components.i18n import UserError, translate
from components.lessons import tokens

SWEEPABLE = tuple(name for name, knob in KNOBS.items() if knob.sweep)  # the first is the Sweep's start
SWEEP_STARTS = {"max_tokens": 60}  # twelve short answers fit on a screen
# Where Compare's columns start, so the first run already shows what temperature does (the API's two: the ends).
COLUMN_STARTS = ({"temperature": 0.0}, {"temperature": 1.0}, {"temperature": 1.5})
MAX_VALUES, MAX_SAMPLES, MAX_COLUMNS = 8, 5, 3
UI_INTERVAL_S = 0.1  # at most ten page updates a second, however many columns stream


# --- Sweep -------------------------------------------------------------------------------------------
def sweep_values(values: str | list, parameter: str, lang: str) -> list[float | int]:
    """The values to try, checked: 1 to 8 numbers, no repeats, each inside the parameter's range."""
    if parameter not in SWEEPABLE:
        raise UserError("sweep.unknown_parameter", parameter=parameter, known=", ".join(SWEEPABLE))
    raw = re.split(r"[,;\s]+", values.strip()) if isinstance(values, str) else list(values or [])
    raw = [v for v in raw if v not in ("", None)]
    if not raw:
        raise UserError("sweep.no_values")
    if len(raw) > MAX_VALUES:
        raise UserError("sweep.too_many_values", most=MAX_VALUES, count=len(raw))
    knob, checked = KNOBS[parameter], []
    for item in raw:
        try:
            number = float(item) if not isinstance(item, bool) else float("nan")
        except (TypeError, ValueError):
            raise UserError("sweep.not_a_number", value=item) from None
        if knob.integer and number == int(number):
            number = int(number)
        knob.check(number, lang)  # the knob's own range and sentence
        if number in checked:
            raise UserError("sweep.duplicate", value=f"{number:g}")
        checked.append(number)
    return checked


def sweep_requests(
    playground: Playground,
    host: str,
    model: str,
    messages: list[dict],
    parameter: str,
    values: list,
    samples: int,
    lang: str,
    **base: Any,
) -> list[list[ChatRequest]]:
    """A row per value, a request per sample: each sends the base knobs with only its own value changed."""
    if isinstance(samples, bool) or not isinstance(samples, (int, float)) or not 1 <= samples <= MAX_SAMPLES:
        raise UserError("sweep.samples_range", most=MAX_SAMPLES, count=samples)
    check_host(host)
    rows = []
    for value in values:
        settings = GenerationSettings.from_knobs(lang, **{**base, parameter: value})
        rows.append([playground.request(host, model, messages, settings)] * int(samples))
    return rows


async def run_sweep(playground: Playground, rows: list[list[ChatRequest]]) -> AsyncIterator[tuple[int, int, Any]]:
    """Every request at once; yields (row, sample, Completion or the error) as each one finishes."""

    async def one(row: int, sample: int, request: ChatRequest):
        try:
            return row, sample, await playground.complete(request)
        except Exception as error:  # one failed cell is shown in its place; the others go on
            return row, sample, error

    tasks = [asyncio.ensure_future(one(r, s, req)) for r, reqs in enumerate(rows) for s, req in enumerate(reqs)]
    try:
        for finished in asyncio.as_completed(tasks):
            yield await finished
    finally:
        for task in tasks:
            task.cancel()


def answer_tokens(result: Completion) -> int:
    usage = result.usage or {}
    if usage.get("completion_tokens") is not None:
        return int(usage["completion_tokens"])
    text = result.choices[0].text if result.choices else ""
    return tokens.count(text, tokens.encoding_for(result.model))  # a host that gives no usage: count it here


def sweep_row(value, results: list[Completion | None]) -> dict:
    """{"value", "answers", "distinct", "mean_tokens"} over the samples that have answered."""
    done = [r for r in results if isinstance(r, Completion)]
    answers = [r.choices[0].text if r.choices else "" for r in done]
    mean = sum(answer_tokens(r) for r in done) / len(done) if done else None
    return {"value": value, "answers": answers, "distinct": len(set(answers)), "mean_tokens": mean}


def verdict(row: dict, samples: int, lang: str) -> str:
    count = len(row["answers"])
    if count < samples:
        return f"{count}/{samples}…"
    if row["distinct"] == 1 and count > 1:
        return translate("sweep.identical", lang, count=count)
    return translate("sweep.distinct_of", lang, distinct=row["distinct"], count=count)


# --- Compare -----------------------------------------------------------------------------------------
def check_host(host: str) -> None:
    if host not in HOSTS_BY_ID:
        raise UserError("unknown_host", host=host)


def column_requests(playground: Playground, columns: list[dict], messages: list[list[dict]], lang: str):
    """One request per column, each with its own host, model and knobs; any problem names its column."""
    if not 2 <= len(columns) <= MAX_COLUMNS:
        raise UserError("compare.columns", count=len(columns))
    requests = []
    for number, (column, column_messages) in enumerate(zip(columns, messages), start=1):
        knobs = dict(column.get("knobs") or {})
        unknown = [name for name in knobs if name not in KNOBS]
        if unknown:
            raise UserError("compare.bad_knob", column=number, name=unknown[0], known=", ".join(KNOBS))
        host = column.get("host") or playground.default_host
        try:
            check_host(host)
            settings = GenerationSettings.from_knobs(lang, **knobs)
            requests.append(playground.request(host, column.get("model") or "", column_messages, settings))
        except UserError as error:
            problem = playground.explain(error, lang)  # the host's own sentence, its name spelled out
            raise UserError("compare.bad_column", column=number, problem=problem) from None
    return requests


@dataclass
class ColumnState:
    update: StreamUpdate = field(default_factory=StreamUpdate)
    error: BaseException | None = None
    done: bool = False


async def run_columns(playground: Playground, requests: list[ChatRequest]) -> AsyncIterator[list[ColumnState]]:
    """Stream every column at once; yield all columns' state at most ten times a second, and at the end.
    A column that fails keeps its partial text and its error; the others go on."""
    states = [ColumnState() for _ in requests]
    last = 0.0
    async for index, item in side_by_side(*(throttled(playground.stream(r)) for r in requests)):
        state = states[index]
        if isinstance(item, Exception):
            state.error, state.done = item, True
            state.update = getattr(item, "partial", state.update)
        else:
            state.update, state.done = item, item.done
        now = time.perf_counter()
        if now - last >= UI_INTERVAL_S or all(s.done for s in states):
            last = now
            yield states
    if not all(s.done for s in states):  # a column that ended without a final update (never expected)
        yield states
