"""What each tab sends, as pure logic shared by the page and the API: the messages of every lesson
(chat, personas, few-shot, chain steps, vision) and the chain's step-by-step run."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

from components.core.pacing import throttled
from components.i18n import UserError, preset

MAX_STEPS = 5
PLACEHOLDER = re.compile(r"\{(input|previous|step[1-5])\}")
DETAILS = ("auto", "low", "high")


def require_text(text: str | None) -> str:
    if not isinstance(text, str) or not text.strip():
        raise UserError("empty_message")
    return text


def chat_messages(system: str | None, message: str) -> list[dict[str, Any]]:
    """A system message (when there is one) and the user's message: the lesson's chat.py."""
    messages = [{"role": "system", "content": system}] if system and system.strip() else []
    return messages + [{"role": "user", "content": require_text(message)}]


def persona_prompt(persona: str | None, language: str) -> str:
    """A persona's system prompt: a preset id ("yoda", "pirate"…) in the reader's language, or the text itself."""
    personas = preset("personas", language)
    value = (persona or "").strip()
    if value in personas:
        return personas[value]
    if value and " " not in value and len(value) < 20:  # looks like an id, not a prompt: say which ids exist
        known = ", ".join(key for key in personas if key != "custom")
        raise UserError("unknown_persona", persona=value, known=known)
    return value


def _cell(value: Any) -> str:
    return "" if value is None or value != value else str(value).strip()  # value != value: NaN from pandas


def example_pairs(rows: list[list[Any]] | None) -> tuple[list[tuple[str, str]], int]:
    """The switched-on (user, assistant) pairs of the table, and how many incomplete rows were left out.
    A row is [on, user, assistant] (the page's table) or [user, assistant] (the API)."""
    pairs, incomplete = [], 0
    for row in rows or []:
        if not isinstance(row, (list, tuple)) or not 2 <= len(row) <= 3:
            raise UserError("bad_examples")
        on, user, assistant = (True, *row) if len(row) == 2 else row
        if on in (False, "false", "False", 0, "0"):
            continue
        user, assistant = _cell(user), _cell(assistant)
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
    messages.append({"role": "user", "content": require_text(question).strip()})
    return messages


MAX_STEP_PROMPT_CHARS = 100_000  # a step's filled prompt (about 25,000 tokens: more than any lesson needs)


def render_step(template: str, step: int, first_input: str, outputs: list[str]) -> str:
    """Fill {input}, {previous} and {stepN} (outputs of earlier steps). Other braces are left alone."""
    if not template or not template.strip():
        raise UserError("empty_template", step=step)

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name == "input":
            return first_input
        index = step - 2 if name == "previous" else int(name[4:]) - 1
        if not 0 <= index < step - 1:
            raise UserError("bad_placeholder", step=step, name=match.group(0))
        return outputs[index]

    prompt = PLACEHOLDER.sub(fill, template.strip())
    if len(prompt) > MAX_STEP_PROMPT_CHARS:  # {input} repeated in a step multiplies what is sent
        raise UserError("step_too_long", step=step, chars=len(prompt), most=MAX_STEP_PROMPT_CHARS)
    return prompt


def check_steps(templates: list[str]) -> list[str]:
    if not isinstance(templates, list) or not 1 <= len(templates) <= MAX_STEPS:
        raise UserError("no_steps", most=MAX_STEPS)
    return [str(template or "") for template in templates]


async def run_chain(
    playground, host: str, model: str, first_input: str, templates: list[str], settings, outputs=None, start: int = 0
) -> AsyncIterator[tuple[int, Any]]:
    """Run steps `start`… in order, each one's prompt filled from the outputs before it (edited ones kept).
    Yields (step index, stream update, the step's request), paced for a page; `outputs` is filled as the
    steps run."""
    outputs = outputs if outputs is not None else [""] * len(templates)
    for index in range(start, len(templates)):
        outputs[index] = ""
        prompt = render_step(templates[index], index + 1, first_input, outputs)
        request = playground.request(host, model, [{"role": "user", "content": prompt}], settings)
        async for update in throttled(playground.stream(request)):
            outputs[index] = update.text
            yield index, update, request


def vision_messages(question: str, data_url: str, detail: str) -> list[dict]:
    if (detail or "auto") not in DETAILS:
        raise UserError("bad_detail", value=detail)
    image_part = {"type": "image_url", "image_url": {"url": data_url, "detail": detail or "auto"}}
    return [{"role": "user", "content": [{"type": "text", "text": require_text(question)}, image_part]}]
