"""Loaded by every Python process the tests start (PYTHONPATH), and by the test process itself: any name
lookup or connection outside loopback is refused and written to NETGUARD_LOG, so the test that caused it
fails (tests/conftest.py reads the log). Tests talk to local fakes only."""

import ipaddress
import os
import sys

LOCAL_NAMES = {"localhost", "localhost.localdomain", "", "0.0.0.0", "::"}


def _is_local(host: object) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    text = text.strip("[]")
    if text in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False  # a name other than localhost: resolving it would already ask the network


def _guard(event: str, args: tuple) -> None:
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event in ("socket.connect", "socket.sendto"):
        address = args[1] if event == "socket.connect" else args[-1]
        if not isinstance(address, tuple):  # a Unix socket path
            return
        host = address[0]
    else:
        return
    if _is_local(host):
        return
    log = os.environ.get("NETGUARD_LOG")
    if log:
        with open(log, "a") as file:
            file.write(f"{os.getpid()} {event} {host}\n")
    raise ConnectionRefusedError(f"tests may not reach {host!r}: point this host at a local fake")


def install() -> None:
    if not getattr(sys, "_netguard_installed", False):
        sys.addaudithook(_guard)
        sys._netguard_installed = True


if os.environ.get("NETGUARD_LOG"):
    install()
