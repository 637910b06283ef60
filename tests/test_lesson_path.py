"""The lesson as a path: the default one follows the lesson's order in both languages, each step a link that
opens its tab prepared; a teacher's own file is checked on start, and a broken one is said with its line while
the default path serves."""

from urllib.parse import parse_qs, urlsplit

import pytest

from components.classroom.setups import decode_setup
from components.i18n import UserError, translate
from components.lessons.lesson_path import default_lesson, load_lesson, read_lesson, step_link
from components.ui.pages import TAB_MODULES

TABS = set(TAB_MODULES)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_default_path_follows_the_lesson_and_every_step_opens_a_tab(lang):
    steps = default_lesson(lang)
    assert [step.tab for step in steps] == [
        *("lab", "compare", "chat", "stream", "sweep", "persona", "few_shot", "chain", "vision", "structured"),
        "tools",
    ]
    assert all(step.say for step in steps) and list(steps) == read_lesson(yaml_of(steps), TABS)
    link = step_link("http://aula.example/", steps, 6)
    query = parse_qs(urlsplit(link).query)
    assert query["tab"] == ["persona"] and query["view"] == ["presenter"] and query["step"] == ["6"]
    assert decode_setup(query["setup"][0]) == {"persona": "yoda"}


def yaml_of(steps) -> str:
    import json

    return json.dumps([{"tab": s.tab, "setup": s.setup, "say": s.say} for s in steps], ensure_ascii=False)


@pytest.mark.parametrize(
    "text, key, line",
    [
        ("- tab: chat\n  say: [oops\n", "lesson.syntax", 3),
        ("tab: chat\n", "lesson.not_a_list", 1),
        ("- tab: chat\n- tab: kitchen\n", "lesson.tab", 2),
        ("- tab: chat\n  say: hola\n- tab: chat\n  run: rm -rf /\n", "lesson.step", 3),
        ("- tab: chat\n  setup: [1, 2]\n", "lesson.step", 1),
    ],
)
def test_a_broken_lesson_file_is_said_with_its_line(text, key, line):
    with pytest.raises(UserError) as refused:
        read_lesson(text, TABS)
    assert refused.value.key == key and refused.value.details["line"] == line
    assert f"Línea {line}" in translate(key, "es", **refused.value.details)


def test_a_teachers_file_is_read_on_start_and_a_broken_one_leaves_the_default(tmp_path, caplog):
    own = tmp_path / "lesson.yaml"
    own.write_text('- tab: chat\n  setup: {prompt: "Hola"}\n  say: "Primero, un saludo."\n- tab: vision\n')
    lesson = load_lesson({"PLAYGROUND_LESSON": str(own)}, TABS)
    assert [step.tab for step in lesson.for_language("en")] == ["chat", "vision"] and lesson.problem is None
    own.write_text("- tab: chat\n- tab: kitchen\n")
    broken = load_lesson({"PLAYGROUND_LESSON": str(own)}, TABS)
    assert broken.problem.key == "lesson.tab" and broken.for_language("es") == default_lesson("es")
    assert "Line 2 of the lesson file" in caplog.text
    missing = load_lesson({"PLAYGROUND_LESSON": str(tmp_path / "none.yaml")}, TABS)
    assert missing.problem.key == "lesson.unreadable"


def test_the_bar_says_where_the_presenter_is_and_a_broken_file_is_said_on_the_page(tmp_path):
    import gradio as gr
    from starlette.requests import Request

    from components.ui.presenter import lesson_bar

    def at(query: bytes) -> gr.Request:
        scope = {"type": "http", "method": "GET", "path": "/", "query_string": query, "headers": []}
        return gr.Request(Request(scope))

    own = tmp_path / "lesson.yaml"
    own.write_text("- tab: kitchen\n")
    broken = load_lesson({"PLAYGROUND_LESSON": str(own)}, TABS)
    first = lesson_bar(broken, at(b"view=presenter&step=1"), "es")
    assert "1 / 11" in first and 'id="lesson-next"' in first and 'id="lesson-previous"' not in first
    assert "Línea 1 del archivo de la lección" in first and "Se usa la lección de siempre" in first
    assert '<img src="data:image/svg+xml;base64,' in first  # the first step shows the page's QR code
    last = lesson_bar(broken, at(b"step=11"), "en")
    assert "11 / 11" in last and 'id="lesson-next"' not in last and "<img" not in last
    assert "Begin the lesson" in lesson_bar(broken, at(b"step=nonsense"), "en")


def test_behind_a_proxy_the_qr_code_is_the_public_address():
    """On a Space the app sees its proxy; the QR code and the address under it are the page's public address."""
    import base64
    import re

    import gradio as gr
    import segno
    from starlette.requests import Request

    from components.ui.presenter import lesson_bar

    headers = [(b"host", b"10.0.0.7:7860"), (b"x-forwarded-host", b"clase.hf.space"), (b"x-forwarded-proto", b"https")]
    scope = {"type": "http", "method": "GET", "path": "/", "query_string": b"step=1", "headers": headers}
    bar = lesson_bar(load_lesson({}, TABS), gr.Request(Request(scope)), "es")
    assert "<figcaption" in bar and "https://clase.hf.space/</figcaption>" in bar and "10.0.0.7" not in bar
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', bar).group(1)
    expected = segno.make("https://clase.hf.space/", error="m").svg_inline(scale=8, border=2, dark="#000", light="#fff")
    assert base64.b64decode(data).decode() == expected
