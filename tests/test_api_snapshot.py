"""The gradio_client API, as a student would read it on "Use via API". Changing it must be deliberate:
update SNAPSHOT here and the README's "Use it from Python" section together."""

KNOBS = [("temperature", 0.7), ("max_tokens", 200)]
WHERE = [("host", "builtin"), ("model", "")]
MORE_KNOBS = [
    ("top_p", 1),
    ("seed", None),
    ("stop", None),
    ("presence_penalty", 0),
    ("frequency_penalty", 0),
    ("json_mode", False),
]
SNAPSHOT = {
    "/chat": [("message", None), ("system_prompt", ""), *KNOBS, ("n", 1), *WHERE, *MORE_KNOBS],
    "/stream": [("message", None), ("history", None), ("system_prompt", ""), *KNOBS, *WHERE, *MORE_KNOBS],
    "/persona": [("question", None), ("persona", "yoda"), ("compare", True), *KNOBS, *WHERE],
    "/few_shot": [
        ("question", None),
        ("examples", None),
        ("system_prompt", None),
        ("zero_shot", True),
        *KNOBS,
        *WHERE,
    ],
    "/chain": [("input", None), ("steps", None), *KNOBS, *WHERE],
    "/vision": [("image", None), ("question", None), ("detail", "auto"), *KNOBS, *WHERE],
    "/structured": [("message", None), ("schema", None), ("system_prompt", ""), *KNOBS, *WHERE],
    "/tools": [
        ("message", None),
        ("tools", None),
        ("tool_choice", "auto"),
        ("parallel_tool_calls", None),
        ("system_prompt", ""),
        *KNOBS,
        *WHERE,
    ],
    "/compare": [("message", None), ("system_prompt", ""), ("columns", None)],
    "/sweep": [
        ("message", None),
        ("parameter", "temperature"),
        ("values", None),
        ("samples", 3),
        ("system_prompt", ""),
        *WHERE,
        ("temperature", 0.7),
        ("max_tokens", 60),
    ],
    "/models": [("host", "builtin")],
    "/tokenize": [("text", None), ("encoding", "o200k_base")],
    "/next_token": [
        ("text", None),
        ("system_prompt", ""),
        ("top_logprobs", 10),
        *WHERE,
        ("reply_so_far", ""),
    ],
}


TAB_ENDPOINTS = ("/chat", "/stream", "/persona", "/few_shot", "/chain", "/vision", "/structured", "/tools")
SNAPSHOT |= {f"{name}_code": SNAPSHOT[name] for name in TAB_ENDPOINTS}  # the script: the same parameters


def test_the_api_is_exactly_the_documented_one(app_client):
    info = app_client.view_api(return_format="dict", print_info=False)
    named = {
        name: [(p["parameter_name"], p["parameter_default"]) for p in endpoint["parameters"]]
        for name, endpoint in info["named_endpoints"].items()
    }
    assert named == SNAPSHOT
    assert info["unnamed_endpoints"] == {}  # every page-only event is private
    required = {
        name: [p["parameter_name"] for p in endpoint["parameters"] if not p["parameter_has_default"]]
        for name, endpoint in info["named_endpoints"].items()
    }
    assert required == {
        **{f"{name}_code": required[name] for name in TAB_ENDPOINTS},
        "/chat": ["message"],
        "/stream": ["message"],
        "/persona": ["question"],
        "/few_shot": ["question"],
        "/chain": ["input"],
        "/vision": ["image"],
        "/structured": ["message"],
        "/tools": ["message"],
        "/compare": ["message"],
        "/sweep": ["message"],
        "/models": [],
        "/tokenize": ["text"],
        "/next_token": ["text"],
    }


def test_every_endpoint_works_with_only_its_message(app_client):
    from gradio_client import handle_file

    from components.ui.tabs.vision import SAMPLES

    assert app_client.predict("Hola", api_name="/chat")["choices"][0]["text"]
    assert app_client.predict("Hola", api_name="/stream")
    persona = app_client.predict("¿Qué es un gato?", api_name="/persona")
    assert persona["with_system"] and persona["without_system"] and persona["system_prompt"].startswith("Act like Yoda")
    few_shot = app_client.predict("¿Planeta más grande?", api_name="/few_shot")
    assert few_shot["answer"] and few_shot["zero_shot_answer"] and len(few_shot["messages"]) == 8
    assert len(app_client.predict("los gatos", api_name="/chain")) == 3
    assert "can't see" in app_client.predict(handle_file(SAMPLES[1]), api_name="/vision")
    assert app_client.predict(api_name="/models")[0] == "builtin-tiny"
    columns = app_client.predict("Hola", api_name="/compare")
    assert [c["error"] for c in columns] == [None, None] and all(c["answer"] for c in columns)
    rows = app_client.predict("Hola", api_name="/sweep")
    assert [row["value"] for row in rows] == [0, 0.5, 1, 1.5] and all(len(row["answers"]) == 3 for row in rows)
