"""The session sweeper never breaks a live page: raced (sweeping every millisecond) against sessions finishing
events over the queue, no stream ends in an error and Gradio logs no KeyError."""

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest

from components.classroom import sessions
from components.classroom.playground import Playground
from components.ui.page import launch
from tests.support import free_port
from tests.visitor import Visitor


@pytest.mark.slow  # ~20 s of events
def test_the_sweeper_races_finishing_events_without_breaking_a_stream(monkeypatch, caplog, capfd):
    monkeypatch.setattr(sessions, "SWEEP_EVERY_S", 0.001)
    caplog.set_level(logging.WARNING)
    demo = launch(Playground({}), server_port=free_port(), quiet=True)
    try:

        def student(number: int) -> int:
            visitor = Visitor(demo.local_url)
            done = 0
            for turn in range(15):  # some listen late: their event is done before they read it
                (tokens,) = visitor.call("tokenize", listen_after_s=0.1 * (turn % 2), text=f"hola gato {number}")
                done += bool(tokens)
            visitor.close()
            return done

        with ThreadPoolExecutor(12) as pool:
            finished = sum(pool.map(student, range(24)))
    finally:
        demo.close()
    assert finished == 24 * 15
    logged = caplog.text + capfd.readouterr().err  # (uvicorn prints "Exception in ASGI application" itself)
    assert "KeyError" not in logged and "Traceback" not in logged
