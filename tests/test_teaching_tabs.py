"""The four teaching tabs through gradio_client on the launched app, asserting what reaches the wire."""

import base64
import io

import pytest
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image

FAKE_ANSWER = "Patitas suaves en la cocina"
NO_OUTPUTS = [""] * 5


def chat_requests(fake, since):
    return [s for s in fake.seen[since:] if s.path.endswith("/chat/completions")]


def test_persona_runs_with_and_without_the_system_message(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    with_system, without_system, stats = app_client.predict(
        "Actúa como Yoda de Star Wars.", "Explícame qué es un gato", True, 0.7, 50, "custom", "", api_name="/persona"
    )
    bodies = sorted((s.body for s in chat_requests(session_fake_host, since)), key=lambda b: len(b["messages"]))
    assert [m["role"] for m in bodies[0]["messages"]] == ["user"]
    assert bodies[1]["messages"][0] == {"role": "system", "content": "Actúa como Yoda de Star Wars."}
    assert all(b["stream"] for b in bodies)
    assert with_system.strip() == FAKE_ANSWER and without_system.strip() == FAKE_ANSWER
    assert stats.count("finish_reason") == 2


def test_persona_on_the_builtin_model_without_comparison(app_client):
    with_system, without_system, _ = app_client.predict(
        "Answer like a pirate", "What is a token?", False, 0.7, 40, "builtin", "", api_name="/persona"
    )
    assert with_system and without_system == ""


def test_few_shot_sends_examples_as_alternating_turns(app_client, session_fake_host):
    table = {
        "headers": ["on", "user", "assistant"],
        "data": [
            [True, "¿Capital de Brasil?", "Piensa en la ciudad que no es Río"],
            [False, "switched off", "not sent"],
            [True, "¿Patas de una araña?", "Cuenta las de un insecto y suma dos"],
            [True, "", ""],  # spare row: ignored
            [True, "no answer", ""],  # incomplete: left out and reported
        ],
    }
    since = len(session_fake_host.seen)
    answer, zero_shot, notes, sent = app_client.predict(
        "Da pistas en lugar de respuestas completas",
        table,
        "¿Planeta más grande?",
        True,
        0.7,
        40,
        "custom",
        "",
        api_name="/few_shot",
    )
    expected = [
        {"role": "system", "content": "Da pistas en lugar de respuestas completas"},
        {"role": "user", "content": "¿Capital de Brasil?"},
        {"role": "assistant", "content": "Piensa en la ciudad que no es Río"},
        {"role": "user", "content": "¿Patas de una araña?"},
        {"role": "assistant", "content": "Cuenta las de un insecto y suma dos"},
        {"role": "user", "content": "¿Planeta más grande?"},
    ]
    bodies = [s.body for s in chat_requests(session_fake_host, since)]
    assert sent == expected and expected in [b["messages"] for b in bodies]
    assert [expected[0], expected[-1]] in [b["messages"] for b in bodies]  # the zero-shot run
    assert answer == FAKE_ANSWER and zero_shot == FAKE_ANSWER
    assert "1 example row(s)" in notes


def test_few_shot_on_the_builtin_model(app_client):
    table = {"headers": ["on", "user", "assistant"], "data": [[True, "I love tuna", "positive"]]}
    answer, zero_shot, _, sent = app_client.predict(
        "Classify the sentiment", table, "My cat is happy", False, 0.7, 30, "builtin", "", api_name="/few_shot"
    )
    assert answer and zero_shot == "" and len(sent) == 4


def chain(app_client, templates, outputs=NO_OUTPUTS, count=3, done=0, host="custom"):
    templates = list(templates) + [""] * (5 - len(templates))
    return app_client.predict("LLMs", count, done, *templates, *outputs, 0.7, 40, host, "", api_name="/chain")


def test_chain_feeds_each_step_the_previous_output(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    result = chain(
        app_client,
        ["Explica {input} en un párrafo.", "Revisa como editor:\n{previous}", "Reescribe {step1} usando {previous}"],
    )
    prompts = [s.body["messages"][0]["content"] for s in chat_requests(session_fake_host, since)]
    assert prompts[0] == "Explica LLMs en un párrafo."
    assert prompts[1].endswith(FAKE_ANSWER + " ")  # step 2 got step 1's output
    assert prompts[2] == f"Reescribe {FAKE_ANSWER}  usando {FAKE_ANSWER} "
    assert [text.strip() for text in result[:3]] == [FAKE_ANSWER] * 3 and result[3:5] == ("", "")
    assert all("finish_reason" in line for line in result[5:8])


def test_chain_reruns_only_the_steps_after_an_edited_output(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    outputs = ["first output", "EDITED FEEDBACK", "old rewrite", "", ""]
    result = chain(app_client, ["{input}", "Review {previous}", "Rewrite with {previous}"], outputs, done=2)
    prompts = [s.body["messages"][0]["content"] for s in chat_requests(session_fake_host, since)]
    assert prompts == ["Rewrite with EDITED FEEDBACK"]
    assert result[0] == "first output" and result[1] == "EDITED FEEDBACK" and result[2].strip() == FAKE_ANSWER


def test_chain_with_five_steps_on_the_builtin_model(app_client):
    result = chain(app_client, ["Explain {input}"] + ["Review {previous}"] * 4, count=5, host="builtin")
    assert all(result[:5])


@pytest.mark.parametrize(
    "templates, message",
    [
        (["Explain {input}", "   "], "Step 2 has an empty template"),
        (["Explain {step2}", "x"], "Step 1 uses {step2}"),
    ],
)
def test_chain_refuses_bad_templates_clearly(app_client, templates, message):
    with pytest.raises(AppError, match=message):
        chain(app_client, templates, count=2)


def picture(tmp_path, name, size=(64, 48), fmt="PNG"):
    path = tmp_path / name
    Image.new("RGB", size, "teal").save(path, fmt)
    return path


def sent_image(fake, since):
    body = chat_requests(fake, since)[-1].body
    text_part, image_part = body["messages"][0]["content"]
    url = image_part["image_url"]["url"]
    header, data = url.split(",", 1)
    return text_part, image_part, header, Image.open(io.BytesIO(base64.b64decode(data)))


def test_vision_sends_a_data_url_with_the_right_mime_and_detail(app_client, session_fake_host, tmp_path):
    since = len(session_fake_host.seen)
    answer, _, _, shown = app_client.predict(
        handle_file(str(picture(tmp_path, "p.jpg", fmt="JPEG"))),
        "¿Qué ves?",
        "low",
        0.7,
        50,
        "custom",
        "",
        api_name="/vision",
    )
    text_part, image_part, header, image = sent_image(session_fake_host, since)
    assert text_part == {"type": "text", "text": "¿Qué ves?"} and image_part["image_url"]["detail"] == "low"
    assert header == "data:image/jpeg;base64" and image.size == (64, 48)
    assert shown["mime"] == "image/jpeg" and not shown["resized"] and answer.strip() == FAKE_ANSWER


def test_vision_downscales_large_images_and_sends_a_gifs_first_frame(app_client, session_fake_host, tmp_path):
    since = len(session_fake_host.seen)
    _, _, _, shown = app_client.predict(
        handle_file(str(picture(tmp_path, "big.png", (3000, 1500)))),
        "?",
        "high",
        0.7,
        20,
        "custom",
        "",
        api_name="/vision",
    )
    assert sent_image(session_fake_host, since)[3].size == (2048, 1024) and shown["resized"]
    gif = tmp_path / "anim.gif"
    frames = [Image.new("P", (40, 30), i) for i in (1, 2)]
    frames[0].save(gif, save_all=True, append_images=frames[1:])
    since = len(session_fake_host.seen)
    app_client.predict(handle_file(str(gif)), "?", "auto", 0.7, 20, "custom", "", api_name="/vision")
    _, _, header, image = sent_image(session_fake_host, since)
    assert header == "data:image/png;base64" and image.size == (40, 30)


def test_vision_lying_extension_is_read_by_its_content(app_client, session_fake_host, tmp_path):
    jpeg_named_png = picture(tmp_path, "photo.png", fmt="JPEG")
    since = len(session_fake_host.seen)
    app_client.predict(handle_file(str(jpeg_named_png)), "?", "auto", 0.7, 20, "custom", "", api_name="/vision")
    assert sent_image(session_fake_host, since)[2] == "data:image/jpeg;base64"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.png", b"just some text, not pixels", "not an image"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not an image"),
        ("cut.png", None, "damaged"),
    ],
)
def test_vision_refuses_bad_files_with_a_clear_message(app_client, session_fake_host, tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:  # a real PNG cut in half
        full = picture(tmp_path, "full.png", (300, 300)).read_bytes()
        content = full[: len(full) // 2]
    path.write_bytes(content)
    since = len(session_fake_host.seen)
    with pytest.raises(AppError, match=message):
        app_client.predict(handle_file(str(path)), "?", "auto", 0.7, 20, "custom", "", api_name="/vision")
    assert chat_requests(session_fake_host, since) == []  # nothing was sent upstream


def test_vision_on_the_builtin_model_is_honest(app_client):
    from components.tabs.vision import SAMPLES

    answer, _, _, shown = app_client.predict(
        handle_file(SAMPLES[0]), "What is in this image?", "auto", 0.7, 300, "builtin", "", api_name="/vision"
    )
    assert "can't see" in answer and "480 × 400" in answer and shown["mime"] == "image/png"


def test_vision_asks_for_an_image(app_client):
    with pytest.raises(AppError, match="Upload an image"):
        app_client.predict(None, "?", "auto", 0.7, 20, "builtin", "", api_name="/vision")
