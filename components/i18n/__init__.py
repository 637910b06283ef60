"""Every text of the playground, in one catalog layout: a module per language (en.py, es.py), each with
UI (the page's static text, fed to gr.I18n), MESSAGES (what the server says) and PRESETS (the lesson's
prompts). No gradio here: the server's sentences and the presets are plain data."""

from __future__ import annotations

from typing import Any

from . import en, es

LANGUAGES = ("en", "es")
CATALOGS = {"en": en, "es": es}


class UserError(Exception):
    """Something the user can fix (a setting, an input, a host's configuration); `key` names its sentence."""

    def __init__(self, key: str, **details: object):
        super().__init__(key)
        self.key, self.details = key, details


def translate(key: str, language: str, **values: object) -> str:
    """A server sentence in the reader's language (English when a language lacks it)."""
    catalog = CATALOGS.get(language, en).MESSAGES
    return catalog.get(key, en.MESSAGES[key]).format(**values)


def preset(name: str, language: str) -> Any:
    return CATALOGS.get(language, en).PRESETS[name]


def ui_text() -> dict[str, dict[str, str]]:
    """The page's static text, as gr.I18n wants it."""
    return {language: CATALOGS[language].UI for language in LANGUAGES}


def ui(key: str, language: str) -> str:
    """One static text, for the few places the server fills in (e.g. choices updated on page load)."""
    return CATALOGS.get(language, en).UI[key]


def language_from_header(accept_language: str | None) -> str:
    """Pick es or en from an Accept-Language header (highest q first); English when neither is there."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "en"
