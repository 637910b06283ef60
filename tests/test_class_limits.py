"""The class limits, met over HTTP as a visitor meets them: light work (tokenising, the context meter, the Keys
panel) counted against its own budget, calls open at once per address, images per request, and the size of one
upload request."""

from __future__ import annotations

import asyncio
import base64
import socket
import threading
import time
from pathlib import Path

import gradio.utils
import httpx2
import pytest

from components.classroom.access import Caller, current_caller
from components.classroom.gate import LimitedApp
from components.classroom.limits import CALLS_AT_ONCE_PER_VISITOR, LIGHT_PER_CALL, ClassLimits, OpenCalls
from components.i18n import translate
from components.ui.page import UPLOAD_REQUEST_BYTES
from tests.support import ORANGE_PNG, FakeHost, ServedApp
from tests.visitor import Visitor, failure, launched

LIMITED = "requests per minute"


@pytest.fixture(scope="module")
def held_host():
    host = FakeHost(answer="held answer")
    with ServedApp(host.app()) as served:
        host.url = served.url
        yield host


def test_light_work_is_counted_on_its_own_budget():
    demo, _ = launched({"PLAYGROUND_REQUESTS_PER_MINUTE": "1"})
    try:
        visitor = Visitor(demo.local_url)
        for _ in range(LIGHT_PER_CALL):  # a meter and a tokenizer that a student types into: plenty
            assert visitor.call("tokenize", text="Hola gato")
        assert LIMITED in failure(visitor, "tokenize", text="Hola gato")
        meter = visitor.run_page("measure", {"host.label": "builtin", "chat.prompt": "Hola"})[0]
        assert LIMITED in meter  # said in the meter's place, the page goes on
        assert LIMITED in visitor.save_keys(OPENAI_API_KEY="sk-student-123456")[-2]
        assert visitor.call("chat", message="Hola", max_tokens=3)  # model calls have their own budget
        other = Visitor(demo.local_url)  # the next student in the room: a budget of their own
        assert other.call("tokenize", text="Hola gato")
    finally:
        demo.close()


def test_calls_open_at_once_from_one_address_are_capped(held_host):
    env = {
        "OPENAI_COMPAT_BASE_URL": f"{held_host.url}/v1",
        "OPENAI_COMPAT_MODEL": "fake-model-a",
        "PLAYGROUND_CALLS_AT_ONCE_PER_ADDRESS": "2",
    }
    demo, _ = launched(env)
    held_host.release.clear()
    answers: list = []
    try:
        holders = [Visitor(demo.local_url) for _ in range(2)]
        threads = [
            threading.Thread(target=lambda v=v: answers.append(v.call("chat", message="hold", host="custom")))
            for v in holders
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while held_host.in_flight < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert held_host.in_flight == 2
        third = Visitor(demo.local_url)  # another session, same address
        assert translate("too_many_at_once", "en", most=2) in failure(third, "chat", message="Hola", host="custom")
        held_host.release.set()
        for thread in threads:
            thread.join(20)
        assert [a[0]["choices"][0]["text"] for a in answers] == ["held answer"] * 2
        assert third.call("chat", message="Hola", host="custom")  # the places were given back
    finally:
        held_host.release.set()
        demo.close()


def test_one_visitor_is_held_to_its_own_places_and_a_refusal_takes_none():
    calls = OpenCalls(per_visitor=2, per_address=3)
    assert calls.take(["session:a", "address:1"]) is None
    assert calls.take(["session:a", "address:1"]) is None
    assert calls.take(["session:a", "address:1"]) == 2  # the visitor's cap
    assert calls.take(["session:b", "address:1"]) is None
    assert calls.take(["session:c", "address:1"]) == 3  # the address's cap
    assert calls.open_now == {"session:a": 2, "session:b": 1, "address:1": 3}  # refusals took nothing
    for keys in (["session:a", "address:1"], ["session:a", "address:1"], ["session:b", "address:1"]):
        calls.release(keys)
    assert calls.open_now == {}
    assert CALLS_AT_ONCE_PER_VISITOR >= 8 * 5  # the largest sweep fits


def test_a_page_call_gives_its_place_back_when_it_fails():
    limits = ClassLimits({"PLAYGROUND_CALLS_AT_ONCE_PER_ADDRESS": "1"})
    token = current_caller.set(Caller(session="s#v", address="10.0.0.1"))
    try:
        with pytest.raises(RuntimeError), limits.open_call():
            raise RuntimeError("the host went away")
        with limits.open_call():  # the place is free again
            assert limits.open_calls.open_now == {"session:s#v": 1, "address:10.0.0.1": 1}
    finally:
        current_caller.reset(token)
    assert limits.open_calls.open_now == {}


def test_scripts_on_v1_are_held_to_the_calls_at_once_of_their_address():
    """A script's /v1 calls hold a place for as long as the answer streams; the app's own calls do not."""
    limits = ClassLimits({"PLAYGROUND_CALLS_AT_ONCE_PER_ADDRESS": "1"})
    entered, finish = asyncio.Event(), asyncio.Event()

    async def model(scope, receive, send):
        entered.set()
        await finish.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    app = LimitedApp(model, limits, "internal-token", lambda key, language, **values: key)

    async def scenario():
        transport = httpx2.ASGITransport(app=app, client=("203.0.113.5", 1234))
        async with httpx2.AsyncClient(transport=transport, base_url="http://copy") as http:
            first = asyncio.create_task(http.post("/v1/chat/completions", json={}))
            await entered.wait()
            second = await http.post("/v1/chat/completions", json={})
            internal = asyncio.create_task(
                http.post("/v1/chat/completions", json={}, headers={"x-playground-internal": "internal-token"})
            )
            finish.set()
            return await first, second, await internal, await http.post("/v1/chat/completions", json={})

    first, second, internal, after = asyncio.run(scenario())
    assert second.status_code == 429 and second.json()["error"]["code"] == "too_many_at_once"
    assert (first.status_code, internal.status_code, after.status_code) == (200, 200, 200)
    assert limits.open_calls.open_now == {}


def test_a_history_with_more_images_than_a_request_may_carry_is_refused_before_reading(launched_app):
    visitor = Visitor(launched_app[0].local_url)
    picture = {"type": "image_url", "image_url": {"url": "data:image/png;base64," + ORANGE_PNG}}
    history = [{"role": "user", "content": [picture]} for _ in range(5)]
    message = failure(visitor, "stream", message="¿Qué ves?", history=history)
    assert translate("too_many_images", "en", most=4, count=5) in message
    assert visitor.call("stream", message="¿Qué ves?", history=history[:4])  # four still go


def test_one_upload_request_carries_at_most_four_images_worth(launched_app):
    folder = Path(gradio.utils.get_upload_folder())
    before = sorted(folder.rglob("*"))
    too_much = UPLOAD_REQUEST_BYTES + 1  # e.g. five images of 45 MB (each under Gradio's own 50 MB)
    head = (
        f"POST /gradio_api/upload HTTP/1.1\r\nHost: copy\r\nAccept-Language: es\r\nContent-Length: {too_much}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\n\r\n--b\r\n"
    )
    with socket.create_connection(("127.0.0.1", launched_app[0].server_port), timeout=10) as raw:
        raw.sendall(head.encode())  # the body is never sent: the answer comes from the length alone
        answer = b""
        while not answer.endswith(b"0\r\n\r\n"):  # the body's chunks may come in packets of their own
            packet = raw.recv(65536)
            if not packet:
                break
            answer += packet
        answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413") and "Sube menos archivos" in answer
    assert sorted(folder.rglob("*")) == before  # nothing was written
    with httpx2.Client(base_url=launched_app[0].local_url, timeout=10) as http:
        form = {"content-type": "multipart/form-data; boundary=b"}
        chunked = http.post("/gradio_api/upload", content=iter([b"--b--\r\n"]), headers=form)
        assert chunked.status_code == 411  # a length it would not declare could not be held to
        small = http.post("/gradio_api/upload", files=[("files", ("cat.png", base64.b64decode(ORANGE_PNG)))])
    assert small.status_code == 200 and len(small.json()) == 1  # what the page uploads still goes
