"""The API of the Compare and Sweep tabs for gradio_client, with the tabs' own logic (experiments.py)."""

from __future__ import annotations

import gradio as gr

from components.api.api_arguments import as_api
from components.api.boundary import fail, language
from components.api.knob_parameters import with_knobs
from components.classroom.playground import Playground
from components.core.calls import Completion
from components.core.settings import KNOBS
from components.lessons.experiments import (
    COLUMN_STARTS,
    SWEEP_STARTS,
    SWEEPABLE,
    column_requests,
    run_columns,
    run_sweep,
    sweep_requests,
    sweep_row,
    sweep_values,
)
from components.lessons.teaching import chat_messages, require_text

START_COLUMNS = [{"knobs": COLUMN_STARTS[0]}, {"knobs": COLUMN_STARTS[-1]}]


def register_experiments(playground: Playground, names: tuple[str, ...] = ("compare", "sweep")) -> None:
    start = playground.default_host

    async def compare(
        message: str, system_prompt: str = "", columns: list[dict] | None = None, request: gr.Request = None
    ) -> list[dict]:
        """The same message to 2 or 3 columns at once, each {"host", "model", "knobs": {knob name: value, …}}
        (left out: the start host at temperature 0 and 1.5). Per column: the answer, its statistics and its
        cost in USD (None when the price is unknown), or its own error while the others finish."""
        lang = language(request)
        columns = START_COLUMNS if columns is None else list(columns)
        try:
            runs = [chat_messages(system_prompt, require_text(message))] * len(columns)
            requests = column_requests(playground, columns, runs, lang)
        except Exception as error:
            raise fail(playground, error, lang, "", "") from None
        states = []
        async for states in run_columns(playground, requests):  # noqa: B007 (the last yield is the result)
            pass
        answers = []
        for sent, state in zip(requests, states):
            update = state.update
            answers.append(
                {
                    "host": sent.host,
                    "model": sent.model,
                    "answer": update.text,
                    "finish_reason": update.finish_reasons[0],
                    "time_to_first_token_s": update.time_to_first_token_s,
                    "elapsed_s": round(update.elapsed_s, 3),
                    "tokens_per_s": update.tokens_per_s,
                    "usage": update.usage,
                    "cost_usd": playground.prices.cost(sent.host, sent.model, update.usage),
                    "error": playground.explain(state.error, lang, sent.host, sent.model) if state.error else None,
                }
            )
        return answers

    @with_knobs("in_sight", starts=SWEEP_STARTS, after_host=True)
    async def sweep(
        message: str,
        parameter: str = SWEEPABLE[0],
        values: list[float] | None = None,
        samples: int = 3,
        system_prompt: str = "",
        host: str = start,
        model: str = "",
        knobs=None,
        request: gr.Request = None,
    ) -> list[dict]:
        """`samples` answers (1–5) for each of up to 8 values of one parameter (SWEEPABLE), all sent at once; the
        other knobs are the ones in sight (in_sight). One row per value: {"value", "answers", "distinct",
        "mean_tokens"} (and "errors")."""
        lang = language(request)
        try:
            messages = chat_messages(system_prompt, require_text(message))
            tried = sweep_values([0, 0.5, 1, 1.5] if values is None else values, parameter, lang)
            rows = sweep_requests(playground, host, model, messages, parameter, tried, samples, lang, **knobs)
        except Exception as error:
            raise fail(playground, error, lang, host, model) from None
        cells = [[None] * len(row) for row in rows]
        async for row, sample, result in run_sweep(playground, rows):
            cells[row][sample] = result
        table = []
        for value, row in zip(tried, cells):
            summary = sweep_row(value, row)
            errors = [playground.explain(c, lang, host, model) for c in row if not isinstance(c, Completion)]
            table.append({**summary, **({"errors": errors} if errors else {})})
        return table

    in_sight = " and ".join(f"`{name}`" for name, knob in KNOBS.items() if knob.in_sight)
    sweep.__doc__ = sweep.__doc__.replace("SWEEPABLE", ", ".join(SWEEPABLE)).replace("(in_sight)", f"({in_sight})")
    for endpoint in (e for e in (compare, sweep) if e.__name__ in names):
        gr.api(as_api(endpoint), api_name=endpoint.__name__, concurrency_limit=None)
