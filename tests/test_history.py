"""The history converter: the Chatbot's typed parts (page and gradio_client) and the /stream API's
OpenAI-style messages give the same conversation."""

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from components.core.history import image_data_url, to_openai_messages
from components.core.uploads import Uploads


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "orange").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "cat.png"
    path.write_bytes(png_bytes())
    return str(path)


def test_chatbot_parts_and_openai_messages_give_the_same_conversation(picture):
    chatbot = [
        {"role": "user", "content": [{"type": "text", "text": "Hola"}], "metadata": None, "options": None},
        {"role": "assistant", "content": [{"type": "text", "text": "¡Miau!"}], "metadata": None},
        {"role": "assistant", "content": [{"type": "text", "text": "Cut off"}], "metadata": {"title": "⚠️"}},
        {
            "role": "user",
            "content": [
                {"type": "file", "file": {"path": picture, "mime_type": "image/png"}},
                {"type": "text", "text": "¿Qué ves?"},
            ],
        },
    ]
    url = f"data:image/png;base64,{base64.b64encode(png_bytes()).decode()}"
    api = [
        {"role": "user", "content": "Hola"},
        {"role": "assistant", "content": "¡Miau!"},
        {
            "role": "user",
            "content": [{"type": "image_url", "image_url": {"url": url}}, {"type": "text", "text": "¿Qué ves?"}],
        },
    ]
    expected = [{"role": "system", "content": "Be brief"}, *api]
    uploads = Uploads(Path(picture).parent)  # the picture is an upload (Gradio's folder, in the app)
    assert to_openai_messages(chatbot, "Be brief", uploads) == expected
    assert to_openai_messages(api, "Be brief", uploads) == expected


def test_empty_parts_non_images_and_unknown_entries_are_left_out(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    history = [
        {"role": "user", "content": [{"type": "file", "file": {"path": str(notes)}}, {"type": "text", "text": " "}]},
        {"role": "tool", "content": "ignored"},
        "not a message",
        {"role": "assistant", "content": "hello"},
    ]
    assert to_openai_messages(history, "  ") == [{"role": "assistant", "content": "hello"}]
    assert to_openai_messages(None) == [] and to_openai_messages([]) == []


def test_a_turn_split_over_bubbles_is_one_message():
    history = [{"role": "user", "content": "one"}, {"role": "user", "content": [{"type": "text", "text": "two"}]}]
    assert to_openai_messages(history) == [{"role": "user", "content": "one\ntwo"}]


def test_real_image_files_become_data_urls(tmp_path):
    picture = tmp_path / "cat.png"
    picture.write_bytes(png_bytes())
    uploads = Uploads(tmp_path)
    assert image_data_url(str(picture), uploads) == f"data:image/png;base64,{base64.b64encode(png_bytes()).decode()}"
    assert image_data_url(str(tmp_path / "notes.txt"), uploads) is None  # not an image: never opened
