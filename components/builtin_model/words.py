"""Words as the builtin model compares them: crude stems, and the words too common to say what a message is
about. The lowest layer of the model (nothing here imports the rest)."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+")


def stems(text: str) -> list[str]:
    """Crude stems so "explain", "explains" and "explanation" meet: no plural s, first six letters."""
    return [w.lower().rstrip("s")[:6] for w in WORD.findall(text)]


SPANISH_HINTS = set("áéíóúñ¿¡")
# Words too common to say what a message is about (stems, as `stems` makes them).
STOPWORDS = set(
    "the a an i you it is are was be do doe what how who why when where which that thi to of in on at for"
    " with and or but my me your can could would will tell about one please hello hi"
    " el la lo lo la un una uno y o que qué como cómo de del en con por para mi me te tu yo se es son"
    " est está estás sobre al le hola dime por favor".split()
)
