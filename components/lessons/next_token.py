"""The next-token lab's arithmetic, without gradio: a candidate list reshaped by temperature and top_p (over
the returned candidates only), a draw from it, and the tokens shown shaded with their IDs."""

from __future__ import annotations

import html
import math
import random


def reshape(candidates: list[dict], temperature: float, top_p: float) -> list[dict]:
    """Each candidate's probability under `temperature` (p ∝ exp(logprob / T), renormalised over these
    candidates) and whether the top_p nucleus keeps it. Temperature 0 keeps only the likeliest."""
    if not candidates:
        return []
    if temperature <= 0:
        shaped = [1.0 if i == 0 else 0.0 for i in range(len(candidates))]
    else:
        peak = max(c["logprob"] for c in candidates)
        weights = [math.exp((c["logprob"] - peak) / temperature) for c in candidates]
        total = sum(weights)
        shaped = [w / total for w in weights]
    rows, mass = [], 0.0
    for candidate, p in sorted(zip(candidates, shaped), key=lambda pair: -pair[1]):
        kept = mass < top_p or not rows  # the smallest set reaching top_p, never empty
        mass += p
        rows.append({**candidate, "shaped": p, "kept": kept})
    return rows


def draw(candidates: list[dict], temperature: float, top_p: float, rng: random.Random | None = None) -> dict:
    """One candidate, drawn as the sliders say (among the kept ones, renormalised)."""
    rows = [row for row in reshape(candidates, temperature, top_p) if row["kept"]]
    total = sum(row["shaped"] for row in rows)
    target = (rng or random).random() * total
    for row in rows:
        target -= row["shaped"]
        if target < 0:
            return row
    return rows[-1]


def shaded_tokens(tokens: list[dict]) -> str:
    """Tokens as alternately shaded spans, each with its ID below (HTML, escaped)."""
    spans = []
    for index, token in enumerate(tokens):
        text = html.escape(token["token"]).replace(" ", "&nbsp;").replace("\n", "↵")
        spans.append(
            f'<span class="token token-{index % 4}" title="ID {token["id"]}">{text}<sub>{token["id"]}</sub></span>'
        )
    return '<div class="tokens">' + "".join(spans) + "</div>"


TOKEN_CSS = """
.tokens { line-height: 2.4; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.tokens .token { display: inline-block; padding: 0 3px; margin: 1px; border-radius: 4px; white-space: pre; }
.tokens .token sub { font-size: 0.65em; opacity: 0.7; margin-left: 2px; }
.token-0 { background: #fde68a55; } .token-1 { background: #a7f3d055; }
.token-2 { background: #bfdbfe55; } .token-3 { background: #fbcfe855; }
"""
