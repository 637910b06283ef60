"""The lesson as a path, for the presenter view: an ordered list of steps, each a tab opened in a prepared state
(its setup, as a share link carries it) with one line for the teacher to say. The default path follows the
lesson's order; a teacher may write their own as a small YAML or JSON file (PLAYGROUND_LESSON):

    - tab: chat
      setup: {prompt: "Escribe un haiku sobre un gato"}
      say: "La misma pregunta, ahora con temperatura 0."

It is read once, at start: a file that cannot be read is said with its line, and the default path serves.
No gradio here."""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from components.classroom.setups import encode_setup
from components.i18n import UserError, preset

MOST_STEPS = 50
MOST_CHARACTERS = 50_000
KEYS = {"tab", "setup", "say"}


@dataclass(frozen=True)
class Step:
    tab: str
    setup: dict = field(default_factory=dict)
    say: str = ""


def read_lesson(text: str, tabs: set[str]) -> list[Step]:
    """The steps of a lesson file (YAML; JSON is YAML too), or UserError("lesson.*", line=…) naming the line."""
    import yaml  # (Gradio's own dependency)

    if len(text) > MOST_CHARACTERS:
        raise UserError("lesson.too_long", most=MOST_CHARACTERS)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise UserError("lesson.syntax", line=mark.line + 1 if mark else 1) from None
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        raise UserError("lesson.not_a_list", line=root.start_mark.line + 1 if root else 1)
    if len(root.value) > MOST_STEPS:
        raise UserError("lesson.too_many", line=root.value[MOST_STEPS].start_mark.line + 1, most=MOST_STEPS)
    steps = []
    for node in root.value:
        line = node.start_mark.line + 1
        value = yaml.safe_load(yaml.serialize(node))
        if not isinstance(value, dict) or set(value) - KEYS or "tab" not in value:
            raise UserError("lesson.step", line=line)
        if value["tab"] not in tabs:
            raise UserError("lesson.tab", line=line, tab=str(value["tab"])[:40], tabs=", ".join(sorted(tabs)))
        setup, say = value.get("setup") or {}, value.get("say") or ""
        if not isinstance(setup, dict) or not all(isinstance(key, str) for key in setup) or not isinstance(say, str):
            raise UserError("lesson.step", line=line)
        steps.append(Step(value["tab"], setup, say))
    return steps


@functools.cache  # the same for every visitor: made once per language
def default_lesson(lang: str) -> tuple[Step, ...]:
    return tuple(Step(**step) for step in preset("lesson", lang))


@dataclass(frozen=True)
class Lesson:
    """The path the page walks: a teacher's own (the same in every language) or the default one; `problem`
    says why a teacher's file was not used."""

    steps: list[Step] | None = None  # None: the default path, in the reader's language
    problem: UserError | None = None

    def for_language(self, lang: str) -> Sequence[Step]:
        return self.steps if self.steps is not None else default_lesson(lang)


def load_lesson(env, tabs: set[str]) -> Lesson:
    """PLAYGROUND_LESSON's path, read and checked; a problem is logged (with its line) and the default serves."""
    where = (env.get("PLAYGROUND_LESSON") or "").strip()
    if not where:
        return Lesson()
    try:
        try:
            text = Path(where).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise UserError("lesson.unreadable", path=where) from None
        return Lesson(read_lesson(text, tabs))
    except UserError as problem:
        from components.i18n import translate

        logging.getLogger(__name__).error(
            "PLAYGROUND_LESSON %s: %s", where, translate(problem.key, "en", **problem.details)
        )
        return Lesson(problem=problem)


def step_link(page_url: str, steps: Sequence[Step], number: int) -> str:
    """The address of step `number` (from 1): its tab, its setup, the presenter view and the step."""
    step = steps[number - 1]
    query = {"tab": step.tab, "setup": encode_setup(step.setup), "view": "presenter", "step": number}
    return f"{page_url.split('?')[0]}?{urlencode(query)}"
