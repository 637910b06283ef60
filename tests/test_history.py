"""The history converter on both shapes Gradio produces."""

from components.history import to_openai_messages

BROWSER = [
    {"role": "user", "content": [{"type": "text", "text": "Hola"}], "metadata": None, "options": None},
    {"role": "assistant", "content": [{"type": "text", "text": "¡Miau!"}], "metadata": None},
    {"role": "assistant", "content": [{"type": "text", "text": "Cut off"}], "metadata": {"title": "⚠️"}},
    {
        "role": "user",
        "content": [
            {"type": "file", "file": {"path": "/tmp/cat.png", "mime_type": "image/png"}},
            {"type": "text", "text": "¿Qué ves?"},
        ],
    },
]
CLIENT = [
    {"role": "user", "content": "Hola"},
    {"role": "assistant", "content": "¡Miau!"},
    {"role": "user", "content": [{"path": "/tmp/cat.png"}, "¿Qué ves?"]},
]
EXPECTED = [
    {"role": "system", "content": "Be brief"},
    {"role": "user", "content": "Hola"},
    {"role": "assistant", "content": "¡Miau!"},
    {
        "role": "user",
        "content": [
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
            {"type": "text", "text": "¿Qué ves?"},
        ],
    },
]


def fake_loader(path):
    return "data:image/png;base64,AAAA" if path.endswith(".png") else None


def test_browser_and_client_shapes_give_the_same_messages():
    assert to_openai_messages(BROWSER, "Be brief", fake_loader) == EXPECTED
    assert to_openai_messages(CLIENT, "Be brief", fake_loader) == EXPECTED


def test_pairs_empty_parts_and_non_images():
    history = [["hi", "hello"], ["file?", None], {"role": "user", "content": [{"path": "/tmp/notes.txt"}, "  "]}]
    assert to_openai_messages(history, "  ", fake_loader) == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
        {"role": "user", "content": "file?"},
    ]
    assert to_openai_messages(None) == [] and to_openai_messages([]) == []


def test_a_turn_split_over_bubbles_is_one_message():
    history = [{"role": "user", "content": "one"}, {"role": "user", "content": [{"type": "text", "text": "two"}]}]
    assert to_openai_messages(history) == [{"role": "user", "content": "one\ntwo"}]


def test_real_image_files_become_data_urls(tmp_path):
    from components.history import image_data_url

    picture = tmp_path / "cat.jpg"
    picture.write_bytes(b"\xff\xd8\xff")
    assert image_data_url(str(picture)) == "data:image/jpeg;base64,/9j/"
    assert image_data_url(str(tmp_path / "notes.txt")) is None
