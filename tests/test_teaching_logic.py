"""Pure logic of the teaching tabs and the completeness of both languages."""

import io

import pytest
from PIL import Image

from components.images import MAX_BYTES, prepare_image
from components.presets import CHAIN, FEW_SHOT, PERSONA_QUESTION, PERSONAS, VISION_QUESTION
from components.teaching import InputError, example_pairs, few_shot_messages, render_step
from components.ui_text import UI_TEXT


def test_both_ui_catalogs_have_the_same_keys_and_no_empty_values():
    assert UI_TEXT["en"].keys() == UI_TEXT["es"].keys()
    assert all(value.strip() for catalog in UI_TEXT.values() for value in catalog.values())


def test_every_preset_exists_in_both_languages():
    for key, texts in PERSONAS.items():
        assert texts.keys() == {"en", "es"} and (key == "custom" or all(texts.values()))
    for preset in FEW_SHOT.values():
        for language in ("en", "es"):
            system, pairs, question = preset[language]
            assert system and len(pairs) >= 2 and question
    assert CHAIN.keys() == PERSONA_QUESTION.keys() == VISION_QUESTION.keys() == {"en", "es"}
    assert (
        len(FEW_SHOT) >= 3 and {"yoda", "chespirito", "pirate", "teacher", "json", "eli10", "custom"} <= PERSONAS.keys()
    )


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


def test_few_shot_messages_order_and_roles():
    messages = few_shot_messages(" Hints ", [("q1", "a1"), ("q2", "a2")], " Q ")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user", "assistant", "user"]
    assert messages[0]["content"] == "Hints" and messages[-1]["content"] == "Q"
    assert few_shot_messages("", [], "Q") == [{"role": "user", "content": "Q"}]


def test_render_step_placeholders():
    outputs = ["one", "two", ""]
    assert render_step("Explain {input}", 1, "LLMs", outputs) == "Explain LLMs"
    assert render_step("{step1} + {previous} {json: 1}", 3, "x", outputs) == "one + two {json: 1}"
    with pytest.raises(InputError) as caught:
        render_step("{step3}", 3, "x", outputs)
    assert caught.value.key == "bad_placeholder"
    with pytest.raises(InputError):
        render_step("  ", 2, "x", outputs)


def test_a_heavy_image_is_re_encoded_under_the_limit(tmp_path):
    noisy = Image.effect_noise((1800, 1800), 100).convert("RGB")  # noise does not compress
    path = tmp_path / "noise.png"
    noisy.save(path)
    assert path.stat().st_size > MAX_BYTES
    prepared = prepare_image(path)
    assert prepared.size_bytes <= MAX_BYTES and prepared.mime == "image/jpeg"
    assert (prepared.width, prepared.height) == (1800, 1800)


def test_webp_is_kept_as_it_is(tmp_path):
    path = tmp_path / "small.webp"
    Image.new("RGB", (10, 20), "red").save(path, "WEBP")
    prepared = prepare_image(path)
    assert prepared.mime == "image/webp" and prepared.data_url.startswith("data:image/webp;base64,")
    assert prepared.size_bytes == path.stat().st_size


def test_other_image_formats_are_refused(tmp_path):
    path = tmp_path / "old.bmp"
    buffer = io.BytesIO()
    Image.new("RGB", (5, 5)).save(buffer, "BMP")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError) as caught:
        prepare_image(path)
    assert caught.value.key == "image_format" and caught.value.details["kind"] == "BMP"
