"""The gradio_client API, as a student would read it on "Use via API". Changing it must be deliberate:
update SNAPSHOT here and the README's "Use it from Python" section together."""

KNOBS = [("temperature", 0.7), ("max_tokens", 200)]
WHERE = [("host", "builtin"), ("model", "")]
SNAPSHOT = {
    "/chat": [("message", None), ("system_prompt", ""), *KNOBS, ("n", 1), *WHERE],
    "/stream": [("message", None), ("history", None), ("system_prompt", ""), *KNOBS, *WHERE],
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
    "/models": [("host", "builtin")],
}


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
        "/chat": ["message"],
        "/stream": ["message"],
        "/persona": ["question"],
        "/few_shot": ["question"],
        "/chain": ["input"],
        "/vision": ["image"],
        "/models": [],
    }
