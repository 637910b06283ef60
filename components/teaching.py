"""Pure logic of the teaching tabs: few-shot messages and chain templates."""

from __future__ import annotations

import re
from typing import Any

MAX_STEPS = 5
PLACEHOLDER = re.compile(r"\{(input|previous|step[1-5])\}")


class InputError(Exception):
    """Something the user typed that cannot be sent; `key` names the message in the catalog."""

    def __init__(self, key: str, **details: object):
        super().__init__(key)
        self.key, self.details = key, details


def _cell(value: Any) -> str:
    return "" if value is None or value != value else str(value).strip()  # value != value: NaN from pandas


def example_pairs(rows: list[list[Any]] | None) -> tuple[list[tuple[str, str]], int]:
    """The switched-on (user, assistant) pairs of the table, and how many incomplete rows were left out."""
    pairs, incomplete = [], 0
    for row in rows or []:
        row = list(row) + [None] * (3 - len(row))
        on, user, assistant = row[0], _cell(row[1]), _cell(row[2])
        if on in (False, "false", "False", 0, "0"):
            continue
        if not user and not assistant:
            continue  # an empty row is just spare space in the table
        if not user or not assistant:
            incomplete += 1
            continue
        pairs.append((user, assistant))
    return pairs, incomplete


def few_shot_messages(system: str, pairs: list[tuple[str, str]], question: str) -> list[dict[str, str]]:
    """System first, then each example as a real user/assistant exchange, then the question."""
    messages = [{"role": "system", "content": system.strip()}] if system and system.strip() else []
    for user, assistant in pairs:
        messages += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
    messages.append({"role": "user", "content": question.strip()})
    return messages


def render_step(template: str, step: int, first_input: str, outputs: list[str]) -> str:
    """Fill {input}, {previous} and {stepN} (outputs of earlier steps). Other braces are left alone."""
    if not template or not template.strip():
        raise InputError("empty_template", step=step)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name == "input":
            return first_input
        index = step - 2 if name == "previous" else int(name[4:]) - 1
        if not 0 <= index < step - 1:
            raise InputError("bad_placeholder", step=step, name=match.group(0))
        return outputs[index]

    return PLACEHOLDER.sub(fill, template.strip())
