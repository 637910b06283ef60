"""The four teaching tabs through gradio_client on the launched app, asserting what reaches the wire."""

import base64
import io

import pytest
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image

FAKE_ANSWER = "Patitas suaves en la cocina"


def chat_requests(fake, since):
    return [s for s in fake.seen[since:] if s.path.endswith("/chat/completions")]


def test_persona_runs_with_and_without_the_system_message(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    result = app_client.predict("Explícame qué es un gato", persona="yoda", host="custom", api_name="/persona")
    bodies = sorted((s.body for s in chat_requests(session_fake_host, since)), key=lambda b: len(b["messages"]))
    question = {"role": "user", "content": "Explícame qué es un gato"}
    common = {"model": "fake-model-b", "temperature": 0.7, "max_tokens": 200, "stream": True}
    common["stream_options"] = {"include_usage": True}
    assert bodies == [
        {**common, "messages": [question]},
        {**common, "messages": [{"role": "system", "content": result["system_prompt"]}, question]},
    ]
    assert result["system_prompt"].startswith("Act like Yoda")  # the preset, in the caller's language
    assert result["with_system"].strip() == FAKE_ANSWER and result["without_system"].strip() == FAKE_ANSWER


def test_persona_with_a_prompt_of_your_own_and_no_comparison(app_client):
    result = app_client.predict(
        "What is a token?", persona="Answer like a robot.", compare=False, max_tokens=40, api_name="/persona"
    )
    assert result["with_system"] and result["without_system"] is None
    assert result["system_prompt"] == "Answer like a robot."


def test_few_shot_sends_examples_as_alternating_turns(app_client, session_fake_host):
    examples = [
        ["¿Capital de Brasil?", "Piensa en la ciudad que no es Río"],
        ["¿Patas de una araña?", "Cuenta las de un insecto y suma dos"],
        ["", ""],  # spare row: ignored
        ["no answer", ""],  # incomplete: left out
    ]
    since = len(session_fake_host.seen)
    result = app_client.predict(
        "¿Planeta más grande?",
        examples=examples,
        system_prompt="Da pistas en lugar de respuestas completas",
        max_tokens=40,
        host="custom",
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
    bodies = sorted((s.body for s in chat_requests(session_fake_host, since)), key=lambda b: -len(b["messages"]))
    common = {"model": "fake-model-b", "temperature": 0.7, "max_tokens": 40}
    assert bodies == [{**common, "messages": expected}, {**common, "messages": [expected[0], expected[-1]]}]
    assert result == {"answer": FAKE_ANSWER, "zero_shot_answer": FAKE_ANSWER, "messages": expected}


def test_few_shot_with_only_a_question_uses_the_lessons_examples(launched_app):
    from gradio_client import Client

    spanish = Client(
        launched_app[0].local_url, verbose=False, analytics_enabled=False, headers={"Accept-Language": "es"}
    )
    result = spanish.predict("¿Planeta más grande?", zero_shot=False, api_name="/few_shot")
    roles = [m["role"] for m in result["messages"]]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user", "assistant", "user"]
    assert result["messages"][1]["content"] == "¿Capital de Brasil?" and result["zero_shot_answer"] is None


def test_chain_feeds_each_step_the_previous_output(app_client, session_fake_host):
    since = len(session_fake_host.seen)
    templates = [
        "Explica {input} en un párrafo.",
        "Revisa como editor:\n{previous}",
        "Reescribe {step1} usando {previous}",
    ]
    outputs = app_client.predict("LLMs", steps=templates, host="custom", api_name="/chain")
    prompts = [s.body["messages"][0]["content"] for s in chat_requests(session_fake_host, since)]
    answer = FAKE_ANSWER + " "  # the fake streams word by word, each with a space
    assert prompts == [
        "Explica LLMs en un párrafo.",
        f"Revisa como editor:\n{answer}",
        f"Reescribe {answer} usando {answer}",
    ]
    assert outputs == [answer] * 3


def test_chain_runs_only_the_steps_after_an_edited_output(session_fake_host):
    """What the page's "run the steps after this one" does: earlier (edited) outputs are kept and used."""
    import asyncio

    from components.classroom.playground import Playground
    from components.core.settings import GenerationSettings
    from components.lessons.teaching import run_chain

    playground = Playground({"OPENAI_COMPAT_BASE_URL": f"{session_fake_host.url}/v1", "OPENAI_COMPAT_MODEL": "m"})
    outputs = ["first output", "EDITED FEEDBACK", "old rewrite"]
    templates = ["{input}", "Review {previous}", "Rewrite with {previous}"]
    since = len(session_fake_host.seen)

    async def run():
        async for _ in run_chain(playground, "custom", "", "LLMs", templates, GenerationSettings(), outputs, start=2):
            pass

    asyncio.run(run())
    prompts = [s.body["messages"][0]["content"] for s in chat_requests(session_fake_host, since)]
    assert prompts == ["Rewrite with EDITED FEEDBACK"]
    assert outputs[:2] == ["first output", "EDITED FEEDBACK"] and outputs[2].strip() == FAKE_ANSWER


def test_chain_with_only_an_input_runs_the_lessons_three_steps_on_the_builtin_model(app_client):
    outputs = app_client.predict("large language models", max_tokens=40, api_name="/chain")
    assert len(outputs) == 3 and all(outputs)


@pytest.mark.parametrize(
    "templates, message",
    [
        (["Explain {input}", "   "], "Step 2 has an empty template"),
        (["Explain {step2}", "x"], "Step 1 uses {step2}"),
    ],
)
def test_chain_refuses_bad_templates_clearly(app_client, templates, message):
    with pytest.raises(AppError, match=message):
        app_client.predict("LLMs", steps=templates, api_name="/chain")


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
    answer = app_client.predict(
        handle_file(str(picture(tmp_path, "p.jpg", fmt="JPEG"))), "¿Qué ves?", "low", host="custom", api_name="/vision"
    )
    text_part, image_part, header, image = sent_image(session_fake_host, since)
    assert text_part == {"type": "text", "text": "¿Qué ves?"} and image_part["image_url"]["detail"] == "low"
    assert header == "data:image/jpeg;base64" and image.size == (64, 48)
    assert answer == FAKE_ANSWER


def test_vision_downscales_large_images_and_sends_a_gifs_first_frame(app_client, session_fake_host, tmp_path):
    since = len(session_fake_host.seen)
    app_client.predict(handle_file(str(picture(tmp_path, "big.png", (3000, 1500)))), host="custom", api_name="/vision")
    assert sent_image(session_fake_host, since)[3].size == (2048, 1024)
    gif = tmp_path / "anim.gif"
    frames = [Image.new("P", (40, 30), i) for i in (1, 2)]
    frames[0].save(gif, save_all=True, append_images=frames[1:])
    since = len(session_fake_host.seen)
    app_client.predict(handle_file(str(gif)), host="custom", api_name="/vision")
    _, _, header, image = sent_image(session_fake_host, since)
    assert header == "data:image/png;base64" and image.size == (40, 30)


def test_vision_lying_extension_is_read_by_its_content(app_client, session_fake_host, tmp_path):
    jpeg_named_png = picture(tmp_path, "photo.png", fmt="JPEG")
    since = len(session_fake_host.seen)
    app_client.predict(handle_file(str(jpeg_named_png)), host="custom", api_name="/vision")
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
        app_client.predict(handle_file(str(path)), host="custom", api_name="/vision")
    assert chat_requests(session_fake_host, since) == []  # nothing was sent upstream


def test_vision_on_the_builtin_model_is_honest(app_client):
    from components.ui.tabs.vision import SAMPLES

    answer = app_client.predict(handle_file(SAMPLES[0]), api_name="/vision")  # only an image: the lesson's question
    assert "can't see" in answer and "480 × 400" in answer


def test_vision_asks_for_an_image(app_client):
    with pytest.raises(AppError, match="Upload an image"):
        app_client.predict(None, api_name="/vision")
