"""A class on a shared copy: students' own keys (each request carries only its own session's key), the limits
per session and address (the builtin /v1 included), SERVER_KEYS=off, the token cap and the class password."""

import asyncio

import httpx2
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from openai import OpenAI, RateLimitError

from components.classroom.access import Caller, client_address, current_caller, password_check, source_for
from components.classroom.limits import RateLimiter
from components.classroom.playground import Playground
from components.core.settings import GenerationSettings
from components.i18n import UserError, translate
from tests.support import free_port


def test_twenty_sessions_each_send_only_their_own_key(fake_host):
    # A school network's own server (loopback here): reachable only with PLAYGROUND_ALLOW_LOCAL_URLS.
    playground = Playground({"PLAYGROUND_ALLOW_LOCAL_URLS": "1"})
    keys = {f"session-{i}": f"sk-student-{i:02d}-{'x' * 12}" for i in range(20)}
    for session, key in keys.items():
        typed = {"OPENAI_COMPAT_KEY": key, "OPENAI_COMPAT_BASE_URL": f"{fake_host.url}/v1", "OPENAI_COMPAT_MODEL": "m"}
        playground.keys.save(session, typed)

    async def one(session: str) -> None:
        current_caller.set(Caller(session, "10.0.0.1"))
        for _ in range(3):
            request = playground.request("custom", "", [{"role": "user", "content": session}], GenerationSettings())
            await playground.complete(request)

    async def all_at_once():
        await asyncio.gather(*(one(s) for s in keys))  # each task has its own caller

    asyncio.run(all_at_once())
    seen = [s for s in fake_host.seen if s.path.endswith("/chat/completions")]
    assert len(seen) == 60
    for request in seen:
        session = request.body["messages"][0]["content"]
        assert request.headers["authorization"] == f"Bearer {keys[session]}"  # its own key, no other
    assert all(key in playground.all_secrets() for key in keys.values())  # hidden from the logs
    playground.forget_session("session-3")
    assert keys["session-3"] not in playground.all_secrets() and "session-3" not in playground.keys.typed


def test_server_keys_off_leaves_only_students_keys():
    env = {"OPENAI_API_KEY": "sk-teacher-key-123456", "SERVER_KEYS": "off"}
    playground = Playground(env)
    with pytest.raises(UserError) as caught:
        playground.resolve_host("openai")  # the teacher's key is not for visitors
    assert caught.value.key == "own_key_needed"
    playground.keys.save("s1", {"OPENAI_API_KEY": "sk-student-key-654321"})
    token = current_caller.set(Caller("s1"))
    try:
        assert playground.resolve_host("openai").api_key == "sk-student-key-654321"
    finally:
        current_caller.reset(token)
    assert source_for("huggingface", env, None, "hf_signed_in_token").env["HF_TOKEN"] == "hf_signed_in_token"
    assert "OPENAI_API_KEY" not in source_for("openai", env, None, None).env


def test_the_token_cap_applies_to_the_servers_keys_only():
    playground = Playground({"OPENAI_API_KEY": "sk-teacher-key-123456", "PLAYGROUND_MAX_TOKENS": "100"})
    asked = GenerationSettings(max_tokens=500)
    assert playground.request("openai", "", [], asked).settings.max_tokens == 100
    assert playground.request("openai", "", [], GenerationSettings()).settings.max_tokens == 100  # unset: capped
    assert playground.request("openai", "", [], GenerationSettings(max_tokens=20)).settings.max_tokens == 20
    playground.keys.save("s1", {"OPENAI_API_KEY": "sk-student-key-654321"})
    token = current_caller.set(Caller("s1"))
    try:
        assert playground.request("openai", "", [], asked).settings.max_tokens == 500  # the student pays
    finally:
        current_caller.reset(token)


def test_the_limiter_counts_each_session_and_each_address():
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.admit(["session:a", "address:1"]) is None
    assert limiter.admit(["session:a", "address:1"]) is None
    assert limiter.admit(["session:a", "address:1"]) == 60  # the session's third call this minute
    assert limiter.admit(["session:b", "address:1"]) == 60  # another tab from the same address: the address's
    assert limiter.admit(["session:c", "address:2"]) is None  # someone else
    now[0] = 45.5
    assert limiter.admit(["session:a", "address:1"]) == 15  # seconds until the oldest call leaves the window
    now[0] = 60.0
    assert limiter.admit(["session:a", "address:1"]) is None


def test_the_class_password():
    check = password_check({"PLAYGROUND_PASSWORD": "gatos-2026"})
    assert check("anyone", "gatos-2026") and not check("anyone", "perros") and not check("", "")
    assert password_check({}) is None


@pytest.fixture(scope="module")
def limited_app(builtin_url):
    from components.ui.page import launch

    env = {
        "PLAYGROUND_REQUESTS_PER_MINUTE": "3",
        "PLAYGROUND_REQUESTS_PER_MINUTE_PER_ADDRESS": "4",
        "PLAYGROUND_PASSWORD": "gatos-2026",
    }
    demo = launch(Playground(env), server_port=free_port(), quiet=True)
    yield demo
    demo.close()


def logged_in_client(demo, language="es"):
    return Client(
        demo.local_url,
        auth=("profe", "gatos-2026"),
        verbose=False,
        analytics_enabled=False,
        headers={"Accept-Language": language},
    )


def test_a_wrong_password_is_refused_and_the_right_one_enters(limited_app):
    with httpx2.Client(base_url=limited_app.local_url) as http:
        assert http.get("/config").status_code == 401  # nothing before the password
        wrong = http.post("/login", data={"username": "x", "password": "perros"})
        assert wrong.status_code == 400
        right = http.post("/login", data={"username": "alumno", "password": "gatos-2026"})
        assert right.status_code == 200 and http.get("/config").status_code == 200


def test_without_the_password_the_queue_takes_no_event(limited_app):
    """Gradio's login check on the queue (run on the event loop: components/ui/login_check.py) still refuses."""
    with (
        httpx2.Client(base_url=limited_app.local_url) as stranger,
        httpx2.Client(base_url=limited_app.local_url) as student,
    ):
        student.post("/login", data={"username": "alumno", "password": "gatos-2026"})
        models = next(d for d in student.get("/config").json()["dependencies"] if d.get("api_name") == "models")
        body = {"data": [None] * len(models["inputs"]), "fn_index": models["id"], "session_hash": "stranger01"}
        assert stranger.post("/gradio_api/queue/join", json=body).status_code == 401
        assert stranger.get("/gradio_api/queue/data", params={"session_hash": "stranger01"}).status_code == 401
        assert student.post("/gradio_api/queue/join", json=body).status_code == 200


def test_the_queues_login_check_is_the_one_run_on_the_loop():
    """If Gradio renamed its login check, the queue would go back to a worker thread per request, silently."""
    import gradio as gr
    import gradio.routes

    from components.ui.login_check import is_gradio_login_check

    with gr.Blocks() as demo:
        gr.Textbox()
    included = gradio.routes.App.create_app(demo).router.routes
    routes = [
        route for branch in included if hasattr(branch, "original_router") for route in branch.original_router.routes
    ]
    queue = [route for route in routes if route.path.endswith(("/queue/join", "/queue/data"))]
    assert len(queue) == 2 and all(
        [is_gradio_login_check(depends.dependency) for depends in route.dependencies] == [True] for route in queue
    )


@pytest.mark.slow  # three launched clients and a minute-long window
def test_limits_per_session_per_address_and_on_the_builtin_v1(limited_app):
    client = logged_in_client(limited_app)
    for _ in range(3):
        client.predict("Hola", max_tokens=5, api_name="/chat")
    with pytest.raises(AppError) as caught:
        client.predict("Hola", max_tokens=5, api_name="/chat")
    assert "Espera" in str(caught.value) and "s y vuelve a enviar" in str(caught.value)
    other_session = logged_in_client(limited_app, "en")  # a second visitor, same address: a budget of its own
    other_session.predict("Hello", max_tokens=5, api_name="/chat")
    with pytest.raises(AppError) as caught:  # but the address has had its 4 this minute
        other_session.predict("Hello", max_tokens=5, api_name="/chat")
    assert "requests per minute" in str(caught.value) and "Wait" in str(caught.value)
    script = OpenAI(base_url=f"{limited_app.local_url}v1", api_key="gatos-2026", max_retries=0)  # the password
    with pytest.raises(RateLimitError) as refused:  # a student's script counts against its address too
        script.chat.completions.create(model="builtin-tiny", messages=[{"role": "user", "content": "Hola"}])
    assert refused.value.response.headers["retry-after"].isdigit()
    assert translate("rate_limited", "en", seconds=refused.value.response.headers["retry-after"]) in str(refused.value)


def test_a_signed_in_students_token_serves_the_hugging_face_host():
    from types import SimpleNamespace

    from components.api.boundary import caller_of

    session = {"oauth_info": {"access_token": "hf_oauth_fake_token_42", "expires_at": 4102444800}}
    request = SimpleNamespace(session_hash="s9", headers={"x-forwarded-for": "203.0.113.7, 10.0.0.1"}, session=session)
    caller = caller_of(request)
    # (no identity cookie in this request: the session is its hash sealed with nothing; no socket here)
    assert (caller.session, caller.address, caller.hf_token) == ("s9#", None, "hf_oauth_fake_token_42")
    assert caller.forwarded == "203.0.113.7, 10.0.0.1"
    assert "hf_oauth_fake_token_42" not in repr(caller)
    playground = Playground({"SERVER_KEYS": "off", "HF_TOKEN": "hf_teacher_token_0000"})
    token = current_caller.set(caller)
    try:
        endpoint = playground.resolve_host("huggingface")
    finally:
        current_caller.reset(token)
    assert endpoint.api_key == "hf_oauth_fake_token_42"  # billed to the student, not the teacher


def test_the_sign_in_button_exists_only_on_a_space_with_sign_in(monkeypatch):
    import gradio.oauth

    from components.ui.page import build_demo

    # What a Space with sign-in sets (gradio.oauth reads them when imported).
    monkeypatch.setenv("SYSTEM", "spaces")
    monkeypatch.setenv("SPACE_ID", "teacher/python-ia")
    for name, value in {
        "OAUTH_CLIENT_ID": "fake-client",
        "OAUTH_CLIENT_SECRET": "fake-secret",
        "OAUTH_SCOPES": "openid profile inference-api",
        "OPENID_PROVIDER_URL": "https://huggingface.co",
    }.items():
        monkeypatch.setattr(gradio.oauth, name, value, raising=False)

    def login_buttons(env):
        demo, _ = build_demo(Playground(env))
        return [c for c in demo.config["components"] if "Sign in with Hugging Face" in str(c.get("props", {}))]

    assert login_buttons({}) == []
    from components.ui.pages import PAGES

    signed_in = login_buttons({"OAUTH_CLIENT_ID": "fake-client", "SPACE_ID": "teacher/python-ia"})
    assert len(signed_in) == len(PAGES)  # one in each page's Keys panel


def test_a_refused_parameter_is_offered_back_only_by_the_tab_that_met_it():
    import openai
    from httpx2 import Request, Response

    from components.api.boundary import fail

    refusal = openai.BadRequestError(
        "refused",
        response=Response(400, request=Request("POST", "http://x/v1/chat/completions")),
        body={"message": "refused", "param": "temperature", "code": "unsupported_parameter"},
    )
    playground = Playground({})
    request = type("Request", (), {"session_hash": "s1", "headers": {}})()
    for place in ("few_shot-1", "persona-2"):
        token = current_caller.set(Caller("s1", place=place))
        try:
            fail(playground, refusal if place == "persona-2" else RuntimeError("busy"), "es", "builtin", "", request)
        finally:
            current_caller.reset(token)
    assert playground.refused == {"s1#": {"persona-2": "temperature"}}  # the few-shot tab's failure takes nothing


def test_a_setup_round_trips_and_a_broken_link_restores_nothing():
    from components.classroom.setups import MAX_SETUP_CHARS, decode_setup, encode_setup, share_link

    values = {"system": "Eres Yoda 🐸", "examples": [[True, "¿2+2?", "Piensa en pares"]], "temperature": 0.3}
    assert decode_setup(encode_setup(values)) == values
    link = share_link("https://teacher-python-ia.hf.space/?old=1", "few_shot", values)
    assert link.startswith("https://teacher-python-ia.hf.space/?tab=few_shot&setup=")
    for broken in (None, "", "not-a-setup", encode_setup(values)[:-5], "A" * (MAX_SETUP_CHARS + 1)):
        assert decode_setup(broken) is None


def test_the_address_is_the_one_your_own_proxies_saw():
    spoofed = "6.6.6.6, 203.0.113.7, 10.0.0.1"  # the client wrote the first entry; two proxies appended
    assert client_address(spoofed, "10.0.0.2", 0) == "10.0.0.2"  # no proxy trusted: the socket's peer
    assert client_address(spoofed, "10.0.0.2", 2) == "203.0.113.7"
    assert client_address(spoofed, "10.0.0.2", 1) == "10.0.0.1"
    assert client_address("", "10.0.0.2", 1) == "10.0.0.2"
    assert client_address("203.0.113.7", "10.0.0.2", 3) == "203.0.113.7"


def test_with_a_password_the_builtin_v1_needs_it_too(limited_app):
    url = f"{limited_app.local_url}v1"
    with httpx2.Client(base_url=url) as http:
        assert http.get("/models").status_code == 401
        refused = http.post("/chat/completions", json={"model": "builtin-tiny", "messages": []})
        assert refused.status_code == 401 and "api_key" in refused.json()["error"]["message"]
        assert http.get("/models", headers={"Authorization": "Bearer perros"}).status_code == 401
        assert http.get("/models", headers={"Authorization": "Bearer gatos-2026"}).status_code == 200
    with httpx2.Client(base_url=limited_app.local_url) as browser:  # a browser that logged in
        browser.post("/login", data={"username": "alumno", "password": "gatos-2026"})
        assert browser.get("/v1/models").status_code == 200


def test_logins_are_throttled_per_address():
    from components.classroom.gate import LOGIN_FAILURES_PER_MINUTE
    from components.ui.page import launch

    demo = launch(Playground({"PLAYGROUND_PASSWORD": "gatos-2026"}), server_port=free_port(), quiet=True)
    try:
        with httpx2.Client(base_url=demo.local_url) as http:
            for _ in range(LOGIN_FAILURES_PER_MINUTE):
                assert http.post("/login", data={"username": "x", "password": "perros"}).status_code == 400
            blocked = http.post("/login", data={"username": "x", "password": "gatos-2026"})
            assert blocked.status_code == 429 and blocked.headers["retry-after"].isdigit()
    finally:
        demo.close()


def test_the_log_tells_the_deployer_how_many_proxies_forwarded_and_never_an_address(caplog):
    from components.ui.page import launch

    demo = launch(Playground({}), server_port=free_port(), quiet=True)  # PLAYGROUND_TRUSTED_PROXIES unset: 0
    try:
        with (
            httpx2.Client(base_url=demo.local_url) as http,
            caplog.at_level("WARNING", logger="components.classroom.gate"),
        ):
            http.get("/config")  # no proxy: nothing to say
            for _ in range(3):  # a Space's proxy chain, say, appended two entries
                http.get("/config", headers={"X-Forwarded-For": "198.51.100.23, 10.16.3.80"})
    finally:
        demo.close()
    hints = [record.getMessage() for record in caplog.records if "X-Forwarded-For" in record.getMessage()]
    assert len(hints) == 1 and "set PLAYGROUND_TRUSTED_PROXIES=2" in hints[0]
    assert "198.51.100.23" not in caplog.text and "10.16.3.80" not in caplog.text
