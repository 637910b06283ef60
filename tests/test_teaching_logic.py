"""Pure logic of the teaching tabs and the completeness of both languages."""

import io

import pytest
from PIL import Image

from components.core.images import MAX_BYTES, prepare_image
from components.core.uploads import Uploads
from components.i18n import UserError, preset
from components.lessons.teaching import example_pairs, few_shot_messages, persona_prompt, render_step


def test_every_preset_exists_in_both_languages():
    for language in ("en", "es"):
        personas = preset("personas", language)
        assert {"yoda", "chespirito", "pirate", "teacher", "json", "eli10", "custom"} == personas.keys()
        assert all(text for key, text in personas.items() if key != "custom")
        assert personas.keys() == preset("persona_labels", language).keys()
        for system, pairs, question in preset("few_shot", language).values():
            assert system and len(pairs) >= 2 and question
        assert preset("chat_examples", language).keys() == preset("chat_example_labels", language).keys()


def test_a_persona_is_a_preset_id_or_a_prompt_of_your_own():
    assert persona_prompt("pirate", "es").startswith("Responde como un pirata")
    assert persona_prompt("Talk like a robot.", "en") == "Talk like a robot."
    with pytest.raises(UserError) as caught:
        persona_prompt("wizard", "en")
    assert caught.value.key == "unknown_persona" and "yoda" in caught.value.details["known"]


def test_example_pairs_skip_switched_off_empty_and_incomplete_rows():
    rows = [
        [True, "a", "b"],
        [False, "c", "d"],
        [True, " ", ""],
        [True, "e", None],
        ["true", "f", "g"],
        [None, "h", "i"],
        [float("nan"), "j", "k"],
    ]
    pairs, incomplete = example_pairs(rows)
    assert pairs == [("a", "b"), ("f", "g"), ("h", "i"), ("j", "k")] and incomplete == 1
    assert example_pairs([["q", "a"], ["", ""]]) == ([("q", "a")], 0)  # the API's [user, assistant] pairs
    with pytest.raises(UserError):
        example_pairs([["only one"]])


def test_few_shot_messages_order_and_roles():
    messages = few_shot_messages(" Hints ", [("q1", "a1"), ("q2", "a2")], " Q ")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert messages[0]["content"] == "Hints" and messages[-1]["content"] == "Q"
    assert few_shot_messages("", [], "Q") == [{"role": "user", "content": "Q"}]


def test_render_step_placeholders():
    outputs = ["one", "two", ""]
    assert render_step("Explain {input}", 1, "LLMs", outputs) == "Explain LLMs"
    assert render_step("{step1} + {previous} {json: 1}", 3, "x", outputs) == "one + two {json: 1}"
    with pytest.raises(UserError) as caught:
        render_step("{step3}", 3, "x", outputs)
    assert caught.value.key == "bad_placeholder"
    with pytest.raises(UserError):
        render_step("  ", 2, "x", outputs)


def test_a_heavy_image_is_re_encoded_under_the_limit(tmp_path):
    noisy = Image.effect_noise((1800, 1800), 100).convert("RGB")  # noise does not compress
    path = tmp_path / "noise.png"
    noisy.save(path)
    assert path.stat().st_size > MAX_BYTES
    prepared = prepare_image(path, Uploads(tmp_path))
    assert prepared.size_bytes <= MAX_BYTES and prepared.mime == "image/jpeg"
    assert (prepared.width, prepared.height) == (1800, 1800)


def test_webp_is_kept_as_it_is(tmp_path):
    path = tmp_path / "small.webp"
    Image.new("RGB", (10, 20), "red").save(path, "WEBP")
    prepared = prepare_image(path, Uploads(tmp_path))
    assert prepared.mime == "image/webp" and prepared.data_url.startswith("data:image/webp;base64,")
    assert prepared.size_bytes == path.stat().st_size


def test_other_image_formats_are_refused(tmp_path):
    path = tmp_path / "old.bmp"
    buffer = io.BytesIO()
    Image.new("RGB", (5, 5)).save(buffer, "BMP")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UserError) as caught:
        prepare_image(path, Uploads(tmp_path))
    assert caught.value.key == "image_format" and caught.value.details["kind"] == "BMP"
