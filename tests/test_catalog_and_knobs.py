"""Each fact once: both languages have every text (same keys, same placeholders), and the knobs' one
definition is what the settings, the sliders' ranges and the builtin server all enforce."""

import re
import string

import pytest

from components.core.settings import KNOBS, GenerationSettings, sent_values
from components.i18n import CATALOGS, UserError, translate


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("section", ["UI", "MESSAGES", "PRESETS"])
def test_both_languages_have_the_same_keys(section):
    en, es = (getattr(CATALOGS[lang], section) for lang in ("en", "es"))
    assert en.keys() == es.keys()


def test_server_messages_have_the_same_placeholders_and_no_empty_text():
    for key, english in CATALOGS["en"].MESSAGES.items():
        spanish = CATALOGS["es"].MESSAGES[key]
        assert english.strip() and spanish.strip(), key
        assert placeholders(english) == placeholders(spanish), key


def test_page_text_has_no_braces_and_no_empty_text():
    # Gradio's I18n mangles {…} in translated labels; every static text must be filled in.
    for catalog in CATALOGS.values():
        for key, text in catalog.UI.items():
            assert text.strip(), key
            assert not re.search(r"\{\w+\}", text.replace("`{", "").replace("}`", "")), key


def test_every_knob_has_a_label_and_help_in_both_languages():
    for name in KNOBS:
        for catalog in CATALOGS.values():
            assert catalog.UI[f"knobs.{name}"] and catalog.UI[f"knobs.{name}.info"]


def test_knobs_left_at_the_hosts_default_are_not_sent():
    assert sent_values({"temperature": 1, "max_tokens": 0, "n": 1, "top_p": 1, "seed": None}, "en") == {}
    settings = GenerationSettings.from_knobs("en", temperature=0, max_tokens=12.0, n=2, stop="\n", seed=7)
    assert settings.to_api() == {"temperature": 0.0, "max_tokens": 12, "n": 2, "stop": ["\n"], "seed": 7}


@pytest.mark.parametrize(
    "name, value, spanish",
    [
        ("temperature", 5, "Temperatura debe estar entre 0 y 2 (se recibió 5)."),
        ("n", 0, "Opciones (n) debe estar entre 1 y 8 (se recibió 0)."),
        ("max_tokens", -1, "Máximo de tokens debe estar entre 1 y 16384 (se recibió -1)."),
        ("top_p", 2, "Top p debe estar entre 0 y 1 (se recibió 2)."),
        ("presence_penalty", 3, "Penalización de presencia debe estar entre -2 y 2 (se recibió 3)."),
    ],
)
def test_out_of_range_knobs_are_refused_in_the_readers_language(name, value, spanish):
    with pytest.raises(UserError) as caught:
        GenerationSettings.from_knobs("es", **{name: value})
    assert translate(caught.value.key, "es", **caught.value.details) == spanish
    with pytest.raises(UserError) as caught:
        GenerationSettings.from_knobs("en", **{name: value})
    assert "must be between" in translate(caught.value.key, "en", **caught.value.details)


def test_five_stop_sequences_and_non_numbers_are_refused():
    with pytest.raises(UserError) as caught:
        GenerationSettings.from_knobs("en", stop=["a", "b", "c", "d", "e"])
    assert caught.value.key == "too_many_stops"
    with pytest.raises(UserError) as caught:
        GenerationSettings.from_knobs("en", temperature="hot")
    assert caught.value.key == "not_a_number"
    with pytest.raises(UserError):
        GenerationSettings.from_knobs("en", n=1.5)


def test_the_builtin_server_enforces_the_same_ranges():
    from components.builtin_model.api import ApiError, parse
    from components.builtin_model.model import NGramModel

    model = NGramModel.load()
    base = {"model": "builtin-tiny", "messages": [{"role": "user", "content": "hi"}]}
    for name, knob in KNOBS.items():
        if knob.maximum is None or knob.maximum > 10**6:
            continue
        if name != "max_tokens":  # (its top is beyond this model's context window, refused for that reason)
            parse({**base, name: knob.maximum}, model)  # the top of the range is accepted
        with pytest.raises(ApiError) as caught:
            parse({**base, name: knob.maximum + 1}, model)
        assert caught.value.param == name and f"between {knob.minimum} and {knob.maximum}" in caught.value.message


def test_every_catalog_key_is_read_by_the_code():
    """A key is read where the code names it, whole or through an f-string's literal start (f"knobs.{name}")."""
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "components"
    source = "\n".join(p.read_text() for p in package.rglob("*.py") if "i18n" not in p.parts)
    starts = set(re.findall(r'f["\']([a-z_]+\.[\w.]*)\{', source))
    for section in ("UI", "MESSAGES", "PRESETS"):
        unread = [
            key
            for key in getattr(CATALOGS["en"], section)
            if f'"{key}"' not in source and f"'{key}'" not in source and not key.startswith(tuple(starts))
        ]
        assert not unread, f"{section} keys nothing reads: {unread}"


def without_other_uses(path) -> str:
    """A file's text without the words knobs share with other things: a red "stop" button, finish_reason "stop"."""
    import re

    return re.sub(r'variant="stop"|finish_reason == "stop"', "", path.read_text(encoding="utf-8"))


def test_a_knob_is_named_in_at_most_four_application_files():
    """One definition (settings.py) and everything derived: a knob's name appears (quoted, as a keyword or as an
    annotation) in few files outside the builtin model, the catalogs and the other libraries' scripts.
    Temperature, the lessons' own subject, is also named where How it works reshapes by it and where Compare's
    columns start."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = [root / "app.py", *(root / "components").rglob("*.py")]
    files = [f for f in files if not {"builtin_model", "i18n"} & set(f.relative_to(root).parts)]
    # (library_code.py translates OpenAI's parameter names into each library's own: it must spell them)
    files = [f for f in files if f.name != "library_code.py"]
    for name in KNOBS:
        named = re.compile(rf"[\"']{name}[\"']|\b{name}=|\b{name}:")
        found = sorted(str(f.relative_to(root)) for f in files if named.search(without_other_uses(f)))
        assert len(found) <= 4, (name, found)
