"""A shared copy, attacked as a visitor would attack it: over HTTP against a launched app, the Keys panel filled
through the queue as the page fills it. A loopback listener stands for the visitor's own server, another for
the teacher's host, and a stand-in Azure credential records every token it is asked for."""

from __future__ import annotations

import base64
import io
import socket
import threading
import tracemalloc
from pathlib import Path

import gradio.utils
import pytest
from azure.core.credentials import AccessToken
from PIL import Image
from starlette.applications import Starlette
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from components.classroom.playground import Playground
from components.core.hosts import ClientPool
from components.i18n import translate
from tests.support import FakeHost, ServedApp, free_port
from tests.visitor import Visitor, failure, launched

TEACHER_AZURE_KEY = "teacher-azure-key-0123456789"
TEACHER_COMPAT_KEY = "sk-teacher-compat-0123456789"
SERVER_TOKEN = "server-azure-identity-token-42"
VICTIM_KEY = "sk-victim-student-key-987654"


class RecordingCredential:
    """Stands for DefaultAzureCredential (managed identity, az login): records who asked for a token."""

    def __init__(self):
        self.asked: list[tuple] = []

    def get_token(self, *scopes, **kwargs):
        self.asked.append(scopes)
        return AccessToken(SERVER_TOKEN, 4102444800)

    def close(self):
        pass


def served_fake(**kwargs):
    host = FakeHost(**kwargs)
    served = ServedApp(host.app()).__enter__()
    host.url, host.port, host.served = served.url, served.port, served
    return host


@pytest.fixture(scope="module")
def teacher_host():
    host = served_fake(answer="teacher host answer")
    yield host
    host.served.__exit__()


@pytest.fixture(scope="module")
def visitor_server():
    host = served_fake(answer="visitor server answer", model_ids=("visitor-model-1", "visitor-model-2"))
    yield host
    host.served.__exit__()


@pytest.fixture(scope="module")
def odd_server(teacher_host):
    """A visitor's server that redirects to the teacher's host, or answers 400 with a revealing message."""

    async def redirect(request):
        return RedirectResponse(f"{teacher_host.url}/v1/chat/completions", status_code=307)

    async def detail(request):
        return JSONResponse({"error": {"message": "INTERNAL-DETAIL-42 db at 10.0.0.5"}}, status_code=400)

    routes = [Route("/redirect/v1/chat/completions", redirect, methods=["POST"])]
    routes.append(Route("/detail/v1/chat/completions", detail, methods=["POST"]))
    with ServedApp(Starlette(routes=routes)) as served:
        yield served.url


@pytest.fixture(scope="module")
def silent_port():
    """A port that accepts and hangs up at once (open, but no HTTP): must read like a closed one."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def accept():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


@pytest.fixture(scope="module")
def open_copy(teacher_host):
    """The teacher's Azure and custom keys, a model list, a token cap; local URLs allowed (a school network), so
    that what reaches a visitor's listener can be seen."""
    credential = RecordingCredential()
    env = {
        "AZURE_OPENAI_ENDPOINT": teacher_host.url,
        "AZURE_OPENAI_KEY": TEACHER_AZURE_KEY,
        "AZURE_OPENAI_CHAT_DEPLOYMENT": "gpt-4o-mini",
        "OPENAI_COMPAT_BASE_URL": f"{teacher_host.url}/v1",
        "OPENAI_COMPAT_KEY": TEACHER_COMPAT_KEY,
        "OPENAI_COMPAT_MODEL": "fake-model-b",
        "PLAYGROUND_MODELS": "fake-model-b",
        "PLAYGROUND_MAX_TOKENS": "50",
        "PLAYGROUND_ALLOW_LOCAL_URLS": "1",
    }
    demo, playground = launched(env, credential)
    yield demo, playground, credential
    demo.close()


@pytest.fixture(scope="module")
def keyless_copy(teacher_host):
    credential = RecordingCredential()
    env = {
        "AZURE_OPENAI_ENDPOINT": teacher_host.url,
        "AZURE_OPENAI_CHAT_DEPLOYMENT": "gpt-4o-mini",
        "PLAYGROUND_ALLOW_LOCAL_URLS": "1",
        "PLAYGROUND_MAX_TOKENS": "60",
    }
    demo, playground = launched(env, credential)
    yield demo, credential
    demo.close()


@pytest.fixture(scope="module")
def keys_off_copy():
    """README's "each student's own key" and "each student's Hugging Face account" rows."""
    credential = RecordingCredential()
    env = {"SERVER_KEYS": "off", "HF_MODEL": "openai/gpt-oss-20b", "PLAYGROUND_ALLOW_LOCAL_URLS": "1"}
    demo, playground = launched(env, credential)
    yield demo, credential
    demo.close()


@pytest.fixture(scope="module")
def guarded_copy():
    """A copy with the default guard; the teacher's URL carries credentials and points to a closed port."""
    closed = free_port()
    env = {
        "OPENAI_COMPAT_BASE_URL": f"http://teacher:pa55word@127.0.0.1:{closed}/v1?api-key=querysecret",
        "OPENAI_COMPAT_MODEL": "m",
    }
    demo, playground = launched(env)
    yield demo, playground
    demo.close()


def everything_seen(host: FakeHost, since: int = 0) -> str:
    return repr([(s.headers, s.body, s.path) for s in host.seen[since:]])


# --- 1. server credentials never go to a visitor's URL ------------------------------------------------------


def test_the_teachers_keys_never_reach_a_visitors_url(open_copy, visitor_server):
    demo, _, credential = open_copy
    since = len(visitor_server.seen)
    visitor = Visitor(demo.local_url)
    visitor.save_keys(AZURE_OPENAI_ENDPOINT=visitor_server.url, AZURE_OPENAI_CHAT_DEPLOYMENT="gpt-4o-mini")
    assert translate(
        "own_setting_missing", "en", host="Azure OpenAI", var="AZURE_OPENAI_KEY / AZURE_OPENAI_API_KEY"
    ) in (failure(visitor, "chat", message="Hola", host="azure"))
    visitor.save_keys(OPENAI_COMPAT_BASE_URL=f"{visitor_server.url}/v1", OPENAI_COMPAT_MODEL="visitor-model-1")
    (answer,) = visitor.call("chat", message="Hola", host="custom")
    assert answer["choices"][0]["text"].strip() == "visitor server answer"  # a keyless server of their own works
    visitor.call("models", host="custom")
    seen = everything_seen(visitor_server, since)
    assert "/chat/completions" in seen and "/models" in seen
    for secret in (TEACHER_AZURE_KEY, TEACHER_COMPAT_KEY, SERVER_TOKEN):
        assert secret not in seen
    assert credential.asked == []


def test_the_servers_azure_identity_signs_only_for_the_servers_endpoint(keyless_copy, visitor_server, teacher_host):
    demo, credential = keyless_copy
    since, teacher_since = len(visitor_server.seen), len(teacher_host.seen)
    visitor = Visitor(demo.local_url)
    visitor.save_keys(AZURE_OPENAI_ENDPOINT=visitor_server.url, AZURE_OPENAI_CHAT_DEPLOYMENT="gpt-4o-mini")
    assert "AZURE_OPENAI_KEY" in failure(visitor, "chat", message="Hola", host="azure")
    visitor.call("models", host="azure")
    assert visitor_server.seen[since:] == [] and credential.asked == []
    student = Visitor(demo.local_url)  # no keys of their own: the teacher's Azure, signed by the server
    (answer,) = student.call("chat", message="Hola", host="azure")
    assert answer["choices"][0]["text"].strip() == "teacher host answer"
    assert credential.asked and teacher_host.seen[-1].headers["authorization"] == f"Bearer {SERVER_TOKEN}"
    assert teacher_host.seen[-1].body["max_tokens"] == 60  # the teacher pays through keyless Azure: capped too
    assert len(teacher_host.seen) > teacher_since


def test_with_server_keys_off_the_servers_identity_signs_nothing(keys_off_copy, visitor_server):
    demo, credential = keys_off_copy
    since = len(visitor_server.seen)
    visitor = Visitor(demo.local_url, language="es")
    visitor.save_keys(AZURE_OPENAI_ENDPOINT=visitor_server.url, AZURE_OPENAI_CHAT_DEPLOYMENT="gpt-4o-mini")
    assert "Tus propias claves" in failure(visitor, "chat", message="Hola", host="azure")
    assert visitor_server.seen[since:] == [] and credential.asked == []


def test_visitors_use_only_the_listed_models_on_the_teachers_keys(open_copy, teacher_host):
    demo, _, _ = open_copy
    since = len(teacher_host.seen)
    visitor = Visitor(demo.local_url)
    message = failure(visitor, "chat", message="Hola", host="custom", model="gpt-4-very-expensive")
    assert translate("model_not_allowed", "en", model="gpt-4-very-expensive", models="fake-model-b") in message
    assert [s for s in teacher_host.seen[since:] if s.path.endswith("/chat/completions")] == []
    (models,) = visitor.call("models", host="custom")
    assert models == ["fake-model-b"]  # the host lists fake-model-a too
    (answer,) = visitor.call("chat", message="Hola", host="custom", max_tokens=400, n=8)
    sent = teacher_host.seen[-1]
    assert sent.headers["authorization"] == f"Bearer {TEACHER_COMPAT_KEY}"  # README: "the teacher's key"
    assert sent.body["model"] == "fake-model-b" and sent.body["max_tokens"] == 50  # PLAYGROUND_MAX_TOKENS
    assert sent.body["n"] == 3  # PLAYGROUND_MAX_N's default on the teacher's key


# --- 2. no file is read because a request names it -----------------------------------------------------------


@pytest.fixture
def teachers_picture(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "purple").save(buffer, "PNG")
    path = tmp_path / "teacher-secret.png"
    path.write_bytes(buffer.getvalue())
    return path


def test_history_and_vision_paths_outside_the_uploads_are_never_opened(open_copy, teacher_host, teachers_picture):
    demo, _, _ = open_copy
    since = len(teacher_host.seen)
    visitor = Visitor(demo.local_url, language="es")
    refused = translate("not_an_upload", "es")
    for path in (str(teachers_picture), str(teachers_picture.with_name("missing.png")), "/dev/zero"):
        assert refused in failure(visitor, "vision", image={"path": path}, host="custom")
        if path.endswith(".png"):  # (a history's file part not named like an image is left out unopened)
            history = [{"role": "user", "content": [{"type": "file", "file": {"path": path}}]}]
            assert refused in failure(visitor, "stream", message="¿Qué ves?", history=history, host="custom")
    leaked = base64.b64encode(teachers_picture.read_bytes()).decode()
    assert leaked not in everything_seen(teacher_host, since)
    assert [s for s in teacher_host.seen[since:] if s.path.endswith("/chat/completions")] == []


def test_an_upload_too_big_is_refused_before_it_is_read(open_copy):
    demo, _, _ = open_copy
    folder = Path(gradio.utils.get_upload_folder()) / "test-huge-upload"
    folder.mkdir(parents=True, exist_ok=True)
    huge = folder / "huge.png"
    with open(huge, "wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper
    visitor = Visitor(demo.local_url)
    tracemalloc.start()
    try:
        message = failure(visitor, "vision", image={"path": str(huge)}, host="custom")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        huge.unlink()
    assert translate("image_too_big", "en", megabytes=200) in message
    assert peak < 30 * 1024 * 1024  # the file was not read (it would take 200 MB)


# --- 3. no request on the server's behalf to its own networks ------------------------------------------------


def test_a_visitors_url_never_reaches_loopback_private_or_metadata_addresses(guarded_copy, visitor_server):
    demo, _ = guarded_copy
    since = len(visitor_server.seen)
    visitor = Visitor(demo.local_url)
    messages = []
    for url in (
        f"{visitor_server.url}/v1",  # an open loopback port
        f"http://127.0.0.1:{free_port()}/v1",  # a closed one: the same sentence
        f"http://localhost:{visitor_server.port}/v1",
        f"{demo.local_url}v1",  # the app itself
        "http://169.254.169.254/latest/v1",  # cloud metadata
        "http://10.0.0.5/v1",
        f"http://[::1]:{visitor_server.port}/v1",
    ):
        visitor.save_keys(OPENAI_COMPAT_BASE_URL=url, OPENAI_COMPAT_MODEL="m", OPENAI_COMPAT_KEY="sk-visitor-123456")
        message = failure(visitor, "chat", message="Hola", host="custom")
        assert "private or local network address" in message, message
        messages.append(message.replace(url.split("/v1")[0].replace("localhost", "127.0.0.1"), "<url>"))
        assert visitor.call("models", host="custom") == [["m"]]  # no ids from inside
    assert visitor_server.seen[since:] == []


def test_redirects_are_not_followed_and_error_texts_tell_nothing(open_copy, odd_server, teacher_host, silent_port):
    demo, _, _ = open_copy
    since = len(teacher_host.seen)
    visitor = Visitor(demo.local_url)
    visitor.save_keys(OPENAI_COMPAT_BASE_URL=f"{odd_server}/redirect/v1", OPENAI_COMPAT_MODEL="m")
    assert "(307)" in failure(visitor, "chat", message="Hola", host="custom")
    assert teacher_host.seen[since:] == []  # the redirect to the teacher's host was not followed
    visitor.save_keys(OPENAI_COMPAT_BASE_URL=f"{odd_server}/detail/v1")
    message = failure(visitor, "chat", message="Hola", host="custom")
    assert "(400)" in message and "INTERNAL-DETAIL" not in message and "10.0.0.5" not in message
    texts = []
    for port in (free_port(), silent_port):  # closed, and open without HTTP: one sentence
        url = f"http://127.0.0.1:{port}/v1"
        visitor.save_keys(OPENAI_COMPAT_BASE_URL=url)
        texts.append(failure(visitor, "chat", message="Hola", host="custom").replace(str(port), "<port>"))
    assert texts[0] == texts[1] and "No answer from" in texts[0]


# --- 4. sessions are sealed ----------------------------------------------------------------------------------


def test_a_victims_session_hash_reaches_nothing_of_theirs(open_copy, visitor_server, teacher_host):
    demo, playground, _ = open_copy
    victim = Visitor(demo.local_url)
    victim.save_keys(
        OPENAI_COMPAT_BASE_URL=f"{visitor_server.url}/v1",
        OPENAI_COMPAT_MODEL="visitor-model-1",
        OPENAI_COMPAT_KEY=VICTIM_KEY,
    )
    victim.call("chat", message="Hola", host="custom")
    assert visitor_server.seen[-1].headers["authorization"] == f"Bearer {VICTIM_KEY}"
    (victims_models,) = victim.call("models", host="custom")
    assert "visitor-model-2" in victims_models
    since = len(visitor_server.seen)
    attacker = Visitor(demo.local_url, session_hash=victim.session_hash)  # same hash, its own cookie
    (answer,) = attacker.call("chat", message="Hola", host="custom")
    assert answer["choices"][0]["text"].strip() == "teacher host answer"  # the server's host, not the victim's
    (models,) = attacker.call("models", host="custom")
    assert not any(name.startswith("visitor-model") for name in models)  # model lists are per credential
    assert VICTIM_KEY not in everything_seen(visitor_server, since) + everything_seen(teacher_host)
    cookieless = Visitor(demo.local_url, session_hash=victim.session_hash, cookies=False)
    assert "cookie" in cookieless.save_keys(OPENAI_COMPAT_KEY="sk-attacker-000000")[-2]
    assert "" not in playground.keys.typed  # nothing kept for a cookieless browser


def test_keys_follow_their_browser_to_its_other_pages_only_and_go_with_its_last_page(
    open_copy, visitor_server, teacher_host
):
    demo, playground, _ = open_copy
    own_key = "sk-pages-of-one-browser-424242"  # (other tests' keys may still be kept in this module's copy)
    first_page = Visitor(demo.local_url)
    first_page.save_keys(
        OPENAI_COMPAT_BASE_URL=f"{visitor_server.url}/v1",
        OPENAI_COMPAT_MODEL="visitor-model-1",
        OPENAI_COMPAT_KEY=own_key,
    )
    other_page = Visitor(demo.local_url)  # the Chat page of the same browser: a new session, the same cookie
    other_page.http.cookies = first_page.http.cookies
    other_page.run("open_page_1", ["builtin"])
    other_page.call("chat", message="Hola", host="custom")
    assert visitor_server.seen[-1].headers["authorization"] == f"Bearer {own_key}"
    since = len(visitor_server.seen)
    stranger = Visitor(demo.local_url, session_hash=other_page.session_hash)  # even with that page's hash
    (answer,) = stranger.call("chat", message="Hola", host="custom")
    assert answer["choices"][0]["text"].strip() == "teacher host answer"
    assert own_key not in everything_seen(visitor_server, since) + everything_seen(teacher_host)
    playground.forget_session(first_page.session_hash)  # Gradio let the first page go: the other is still open
    assert own_key in playground.all_secrets()
    playground.forget_session(other_page.session_hash)  # and then the last one
    assert own_key not in playground.all_secrets()


def test_keys_of_a_session_gradio_evicts_are_forgotten(visitor_server):
    demo, playground = launched({"PLAYGROUND_MAX_SESSIONS": "2", "PLAYGROUND_ALLOW_LOCAL_URLS": "1"})
    try:
        victim = Visitor(demo.local_url)
        victim.save_keys(OPENAI_COMPAT_BASE_URL=f"{visitor_server.url}/v1", OPENAI_COMPAT_KEY=VICTIM_KEY)
        assert VICTIM_KEY in playground.all_secrets()
        for _ in range(3):  # a class arrives; Gradio keeps two sessions
            Visitor(demo.local_url).call("tokenize", text="hola")
        assert victim.session_hash not in demo.state_holder.session_data
        assert VICTIM_KEY not in playground.all_secrets() and not playground.keys.typed
    finally:
        demo.close()


# --- 5. smaller leaks -----------------------------------------------------------------------------------------


def test_url_credentials_unlisted_hosts_and_remote_images(guarded_copy):
    demo, _ = guarded_copy
    visitor = Visitor(demo.local_url, language="es")
    message = failure(visitor, "chat", message="Hola", host="custom")  # the teacher's URL, a closed port
    assert "127.0.0.1" in message and "pa55word" not in message and "querysecret" not in message
    assert "teacher" not in message
    refused = failure(visitor, "chat", message="Hola", host="ollama")  # not configured: not callable
    assert translate("host_not_offered", "es", host="Ollama") in refused
    page = visitor.http.get("/")
    assert "img-src 'self' data: blob:" in page.headers["content-security-policy"]


# --- README's "who pays" rows ----------------------------------------------------------------------------------


def test_each_students_hugging_face_account_row(keys_off_copy):
    demo, credential = keys_off_copy
    visitor = Visitor(demo.local_url)
    host_list = visitor.run("open_page", ["builtin"])[1]  # (after the navigation bar)
    assert "huggingface" in [value for _, value in host_list["choices"]]  # HF_MODEL lists it for signing in
    message = failure(visitor, "chat", message="Hola", host="huggingface")
    assert "HF_TOKEN" in message and "sign in" in message


def test_a_sign_in_token_goes_only_to_the_hugging_face_router(fake_host):
    import asyncio

    import httpx2

    from components.classroom.access import Caller, current_caller
    from components.core.settings import GenerationSettings
    from tests.support import RedirectTransport

    router = httpx2.AsyncClient(transport=RedirectTransport(fake_host.port, only=("router.huggingface.co",)))
    env = {"SERVER_KEYS": "off", "HF_MODEL": "openai/gpt-oss-20b", "HF_BASE_URL": "http://teachers-proxy.example/v1"}
    playground = Playground(env, ClientPool(visitor_http_client=router, max_retries=0))
    playground.builtin_url = "http://127.0.0.1:9/v1"

    async def signed_in_call():
        current_caller.set(Caller("s1#c1", "203.0.113.7", hf_token="hf_student_oauth_token_1"))
        request = playground.request("huggingface", "", [{"role": "user", "content": "Hola"}], GenerationSettings())
        return await playground.complete(request)

    asyncio.run(signed_in_call())
    (seen,) = fake_host.seen
    assert seen.original_host == "router.huggingface.co"  # not the teacher's HF_BASE_URL
    assert seen.headers["authorization"] == "Bearer hf_student_oauth_token_1"
    assert seen.body["model"] == "openai/gpt-oss-20b"


def test_each_students_own_key_row(keys_off_copy, visitor_server):
    demo, credential = keys_off_copy
    visitor = Visitor(demo.local_url)
    visitor.save_keys(
        OPENAI_COMPAT_BASE_URL=f"{visitor_server.url}/v1",
        OPENAI_COMPAT_MODEL="visitor-model-1",
        OPENAI_COMPAT_KEY="sk-student-own-key-55555",
    )
    visitor.call("chat", message="Hola", host="custom")
    assert visitor_server.seen[-1].headers["authorization"] == "Bearer sk-student-own-key-55555"
    assert credential.asked == []


def test_logs_hide_keys_typed_after_start_and_answers_scan_only_their_own_sessions_keys():
    import logging

    from components.classroom.access import Caller, current_caller
    from components.core.errors import RedactingFilter

    playground = Playground({"OPENAI_API_KEY": "sk-teacher-000000"})
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    handler.addFilter(RedactingFilter(playground.all_secrets))  # made at start, as app.py does
    log = logging.getLogger("test-redaction")
    log.addHandler(handler)
    playground.keys.save("a#1", {"OPENAI_COMPAT_KEY": "plainstudentkey123"})  # not shaped like sk-/hf_
    playground.keys.save("b#2", {"OPENAI_COMPAT_KEY": "otherstudentkey456"})
    log.warning("upstream said plainstudentkey123 and sk-teacher-000000")
    assert records == ["upstream said *** and ***"]
    token = current_caller.set(Caller("a#1"))
    try:
        scanned = playground._secrets_for_caller()
    finally:
        current_caller.reset(token)
    assert scanned == ["sk-teacher-000000", "plainstudentkey123"]  # not session b's


def test_every_test_security_md_cites_exists():
    import re

    text = (Path(__file__).resolve().parent.parent / "docs" / "SECURITY.md").read_text()
    cited = re.findall(r"`(?:(test_\w+\.py)|…)::(test_\w+)`", text)
    assert len(cited) >= 15
    here = Path(__file__).resolve().parent
    for module, name in cited:
        source = (here / (module or Path(__file__).name)).read_text()
        assert f"def {name}(" in source, f"SECURITY.md cites {module or 'this file'}::{name}, which does not exist"
    for module in re.findall(r"`(test_\w+\.py)`", text):
        assert (here / module).exists(), module


@pytest.mark.slow  # 61 calls through the queue
def test_a_class_behind_one_address_gets_a_budget_each_and_a_session_minter_meets_the_address_cap():
    env = {"PLAYGROUND_REQUESTS_PER_MINUTE": "2", "PLAYGROUND_REQUESTS_PER_MINUTE_PER_ADDRESS": "60"}
    demo, _ = launched(env)
    try:
        students = [Visitor(demo.local_url, **{"X-Forwarded-For": f"198.51.100.{i}"}) for i in range(30)]
        for student in students:  # the whole room, one school address (the spoofed header changes nothing)
            for _ in range(2):
                student.call("chat", message="Hola", max_tokens=3)
        assert "requests per minute" in failure(students[0], "chat", message="Hola", max_tokens=3)  # its own 2
        minter = Visitor(demo.local_url, **{"X-Forwarded-For": "203.0.113.99"})  # a new session: a fresh budget
        assert "requests per minute" in failure(minter, "chat", message="Hola", max_tokens=3)  # but the address's
    finally:
        demo.close()
