"""The pages' big answers (each page, `/config`, `/gradio_api/info`) go out compressed, made once per address and
sign-in: over HTTP, each visitor still gets their own cookie, their own root URL and their own user name."""

import brotli
import httpx2
import pytest

from components.classroom.playground import Playground
from tests.support import free_port

PATHS = ["/", "/chat", "/compare", "/techniques", "/vision", "/config", "/gradio_api/info"]


@pytest.mark.parametrize("path", PATHS)
def test_each_big_answer_is_compressed_and_the_same_as_the_whole_one(launched_app, path):
    demo, _ = launched_app
    with httpx2.Client(base_url=demo.local_url) as http:
        whole = http.get(path, headers={"Accept-Encoding": "identity"})
        gzipped = http.get(path, headers={"Accept-Encoding": "gzip"})  # (httpx undoes gzip itself)
        with http.stream("GET", path, headers={"Accept-Encoding": "gzip, deflate, br"}) as response:
            br_headers, br_body = response.headers, b"".join(response.iter_raw())
    assert whole.status_code == gzipped.status_code == 200 and "content-encoding" not in whole.headers
    assert gzipped.headers["content-encoding"] == "gzip" and gzipped.content == whole.content
    assert br_headers["content-encoding"] == "br" and "accept-encoding" in br_headers["vary"].lower()
    assert brotli.decompress(br_body) == whole.content
    assert len(br_body) * 5 < len(whole.content)  # the config is mostly repeated keys and schemas


def test_every_visitor_still_gets_their_own_cookie_and_address(launched_app):
    demo, _ = launched_app
    with httpx2.Client(base_url=demo.local_url) as first, httpx2.Client(base_url=demo.local_url) as second:
        a, b = first.get("/config"), second.get("/config")
        elsewhere = first.get("/config", headers={"Host": "aula.example.org"})
    assert a.cookies["playground-visitor-unsecure"] != b.cookies["playground-visitor-unsecure"]
    assert a.json()["root"].startswith("http://127.0.0.1") and elsewhere.json()["root"] == "http://aula.example.org"
    assert "content-security-policy" in a.headers


def test_a_signed_in_student_sees_their_own_name_and_a_stranger_only_the_login():
    from components.ui.page import launch

    demo = launch(Playground({"PLAYGROUND_PASSWORD": "gatos-2026"}), server_port=free_port(), quiet=True)
    try:
        names = {}
        for name in ("ana", "luis"):
            with httpx2.Client(base_url=demo.local_url) as browser:
                assert browser.post("/login", data={"username": name, "password": "gatos-2026"}).status_code == 200
                names[name] = [browser.get("/config").json()["username"] for _ in range(2)]
        with httpx2.Client(base_url=demo.local_url) as stranger:
            config = stranger.get("/config")
            page = stranger.get("/")
    finally:
        demo.close()
    assert names == {"ana": ["ana", "ana"], "luis": ["luis", "luis"]}
    assert config.status_code == 401 or "components" not in config.text
    assert "ana" not in page.text and "luis" not in page.text
