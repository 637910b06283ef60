"""Bad input through the API: refused or cleaned with a clear message, never a crash."""

import pytest
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image

EMPTY = "Write a message first"
TABLE = {"headers": ["on", "user", "assistant"], "data": [[True, "", ""], [True, "   ", "x"]]}


@pytest.mark.parametrize(
    "endpoint, args",
    [
        ("/chat", ["", "   ", 0.7, 10, 1, "builtin", ""]),
        ("/stream", ["\n\t ", [], "", 0.7, 10, 1, "builtin", ""]),
        ("/persona", ["Be Yoda", "  ", True, 0.7, 10, "builtin", ""]),
        ("/few_shot", ["Hints", TABLE, " ", True, 0.7, 10, "builtin", ""]),
        ("/vision", [None, "  ", "auto", 0.7, 10, "builtin", ""]),
    ],
)
def test_empty_and_whitespace_messages_are_refused(app_client, endpoint, args):
    with pytest.raises(AppError, match=EMPTY):
        app_client.predict(*args, api_name=endpoint)


def test_a_one_megabyte_message_is_too_long_for_the_model(app_client):
    huge = "gato " * 200_000
    with pytest.raises(AppError, match="too long for this model"):
        app_client.predict("", huge, 0.7, 10, 1, "builtin", "", api_name="/chat")
    job = app_client.submit(huge, [], "", 0.7, 10, 1, "builtin", "", api_name="/stream")
    with pytest.raises(AppError, match="too long for this model"):
        job.result()
    assert job.outputs()[-1][1] == huge  # the message is given back, not lost


def test_an_over_long_system_prompt_is_explained(app_client):
    with pytest.raises(AppError, match="too long for this model"):
        app_client.predict("Eres un gato. " * 20_000, "Hola", 0.7, 10, 1, "builtin", "", api_name="/chat")


@pytest.mark.parametrize(
    "args, message",
    [
        (["", "hi", 5, 10, 1, "builtin", ""], "greater than maximum value 2"),
        (["", "hi", 0.7, 10, 0, "builtin", ""], "less than minimum value 1"),
        (["", "hi", 0.7, -1, 1, "builtin", ""], "less than minimum value 0"),
        (["", "hi", 0.7, 10, 1, "nowhere", ""], "not in the list of choices"),
    ],
)
def test_out_of_range_parameters_are_refused_before_any_call(app_client, args, message):
    with pytest.raises(AppError, match=message):
        app_client.predict(*args, api_name="/chat")


def test_a_few_shot_table_of_empty_rows_still_answers_zero_shot(app_client):
    answer, _, notes, sent = app_client.predict(
        "Hints", TABLE, "¿Planeta más grande?", False, 0.7, 20, "builtin", "", api_name="/few_shot"
    )
    assert answer and [m["role"] for m in sent] == ["system", "user"]
    assert "1 example row(s) had an empty side" in notes


def test_a_thirty_megabyte_image_is_shrunk_before_sending(app_client, tmp_path):
    path = tmp_path / "huge.png"
    Image.effect_noise((3300, 3300), 120).convert("RGB").save(path, compress_level=0)
    assert path.stat().st_size > 30 * 1024 * 1024
    answer, _, _, shown = app_client.predict(
        handle_file(str(path)), "What is this?", "auto", 0.7, 200, "builtin", "", api_name="/vision"
    )
    assert shown["width"] == 2048 and shown["bytes"] <= 4 * 1024 * 1024 and shown["resized"]
    assert "can't see" in answer and "2048 × 2048" in answer
