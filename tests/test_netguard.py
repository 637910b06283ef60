"""The guard that keeps every test on this machine: it refuses outside addresses, here and in children."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def fresh_log(tmp_path, monkeypatch):
    log = tmp_path / "outside.log"
    monkeypatch.setenv("NETGUARD_LOG", str(log))  # the test's own log: the autouse check stays clean
    return log


def test_outside_addresses_are_refused_in_this_process(fresh_log):
    with pytest.raises(ConnectionRefusedError, match="may not reach"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1: never a real host
    with pytest.raises(ConnectionRefusedError):
        socket.getaddrinfo("router.huggingface.co", 443)
    assert "192.0.2.1" in fresh_log.read_text() and "router.huggingface.co" in fresh_log.read_text()


def test_loopback_is_allowed(fresh_log):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=1).close()
    socket.getaddrinfo("localhost", 80)
    assert not fresh_log.exists()


def test_child_processes_are_guarded_too(fresh_log):
    code = (
        "import socket\n"
        "try:\n    socket.create_connection(('192.0.2.1', 443), timeout=1)\n"
        "except ConnectionRefusedError:\n    print('refused')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=dict(os.environ), capture_output=True, text=True, timeout=30, cwd=Path.cwd()
    )
    assert result.stdout.strip() == "refused" and "192.0.2.1" in fresh_log.read_text()
