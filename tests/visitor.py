"""A visitor of a launched app, over plain HTTP, as a browser's page talks to it: its own cookies (what the
server sets), a session hash it chooses, page events called by fn_index through the queue (private ones
included: privacy is not a boundary), and the Keys panel filled as the page fills it; and a copy launched with
the environment a test gives it."""

from __future__ import annotations

import json
import re
import secrets
import time

import httpx2

from components.builtin_model.server import ServerOptions
from components.classroom.playground import Playground
from components.core.hosts import ClientPool
from components.ui.page import launch
from tests.support import free_port


class EventFailed(Exception):
    """The event ended with an error; its message is what the page would show."""


class Visitor:
    def __init__(self, base_url: str, session_hash: str | None = None, language: str = "en", cookies=True, **headers):
        self.http = httpx2.Client(
            base_url=base_url, headers={"Accept-Language": language, **headers}, timeout=30, follow_redirects=False
        )
        self.keep_cookies = cookies
        self.session_hash = session_hash or secrets.token_hex(6)
        self.config = self._get("/config").json()
        self.components = {c["id"]: c for c in self.config["components"]}
        self.events = {d["api_name"]: (i, d) for i, d in enumerate(self.config["dependencies"]) if d.get("api_name")}

    def _get(self, path: str, **kwargs):
        response = self.http.get(path, **kwargs)
        if not self.keep_cookies:
            self.http.cookies.clear()
        return response

    def close(self) -> None:
        self.http.close()

    def labels(self, api_name: str) -> list[str]:
        _, dependency = self.events[api_name]
        return [self.components[i].get("props", {}).get("label") for i in dependency["inputs"]]

    def run(self, api_name: str, data: list, listen_after_s: float = 0) -> list:
        """Call an event (page or API) through the queue, as the page does; its outputs, or EventFailed.
        `listen_after_s`: open the event stream that much later (a slow connection: the event may be done)."""
        fn_index, _ = self.events[api_name]
        body = {"data": data, "fn_index": fn_index, "session_hash": self.session_hash, "event_data": None}
        joined = self.http.post("/gradio_api/queue/join", json=body)
        if not self.keep_cookies:
            self.http.cookies.clear()
        if joined.status_code != 200:
            raise EventFailed(joined.text)
        time.sleep(listen_after_s)
        with self.http.stream("GET", "/gradio_api/queue/data", params={"session_hash": self.session_hash}) as sse:
            for line in sse.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "unexpected_error":
                    raise EventFailed(str(message))
                if message.get("msg") != "process_completed":
                    continue
                output = message.get("output") or {}
                if not message.get("success"):
                    raise EventFailed(str(output.get("error")))
                return output["data"]
        raise EventFailed("the stream ended without a result")

    def run_page(self, api_name: str, values: dict) -> list:
        """A page event with some inputs given by their control's catalog key (e.g. "chat.prompt") and the rest
        as the page starts them (their initial values)."""
        _, dependency = self.events[api_name]
        data = []
        for input_id in dependency["inputs"]:
            props = self.components[input_id].get("props", {})
            key = re.search(r'"key": "([^"]+)"', str(props.get("label") or ""))
            data.append(values[key.group(1)] if key and key.group(1) in values else props.get("value"))
        return self.run(api_name, data)

    def call(self, api_name: str, listen_after_s: float = 0, **arguments) -> list:
        """An API endpoint by name with its parameters by name (the rest: the page's defaults)."""
        _, dependency = self.events[api_name]
        info = self.http.get("/gradio_api/info").json()["named_endpoints"][f"/{api_name}"]["parameters"]
        data = [arguments.get(p["parameter_name"], p.get("parameter_default")) for p in info]
        assert len(data) == len(dependency["inputs"]) or not dependency["inputs"]
        return self.run(api_name, data, listen_after_s)

    def save_keys(self, **values: str) -> list:
        """Fill the Keys panel's boxes (named by their .env variable) and press "Use my keys"."""
        return self.run("use_keys", [values.get(label, "") for label in self.labels("use_keys")])


def launched(env: dict, credential=None):
    """A copy of the app with this environment, listening on a free port: (the Blocks, its Playground)."""
    pool = ClientPool(azure_credential=credential, max_retries=0, timeout=3)
    playground = Playground(env, pool)
    demo = launch(playground, ServerOptions(), server_port=free_port(), quiet=True)
    return demo, playground


def failure(visitor: Visitor, api_name: str, **arguments) -> str:
    """The message an API call ends with (it must fail)."""
    try:
        visitor.call(api_name, **arguments)
    except EventFailed as error:
        return str(error)
    raise AssertionError(f"/{api_name} answered; a refusal was expected")
