"""Requests to an address a visitor typed: only public addresses, checked when the connection is made (a name
may resolve differently a second later), the address checked is the one connected to, no redirects, no
proxy from the environment. PLAYGROUND_ALLOW_LOCAL_URLS=1 lets a school network reach its own Ollama.
No gradio here."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Mapping

import anyio
import httpcore2
import httpx2

# Shared address space for carrier-grade NAT (RFC 6598): not "private" to ipaddress, private to us.
CGNAT = ipaddress.ip_network("100.64.0.0/10")


class AddressRefused(httpcore2.ConnectError):
    """The address is not one a visitor's URL may reach (private, loopback, this app…)."""


def allow_local_urls(env: Mapping[str, str]) -> bool:
    return (env.get("PLAYGROUND_ALLOW_LOCAL_URLS") or "").strip().lower() in ("1", "true", "yes", "on")


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast and ip not in CGNAT


class AddressGuard:
    """Which resolved addresses a visitor's URL may connect to."""

    def __init__(self, allow_local: bool = False):
        self.allow_local = allow_local
        self.own_ports: set[int] = set()  # the app's own port(s): never, even on a school network

    def allowed(self, address: str, port: int) -> bool:
        if is_public(address):
            return True
        ip = ipaddress.ip_address(address)
        local = not (ip.is_multicast or ip.is_unspecified or ip.is_reserved)
        return self.allow_local and local and port not in self.own_ports

    def pick(self, addresses: Iterable[str], port: int) -> str:
        """The address to connect to: every one the name resolves to must be allowed (a name that also points
        inside is refused whole)."""
        found = list(dict.fromkeys(addresses))
        if not found or not all(self.allowed(a, port) for a in found):
            raise AddressRefused("address not allowed")
        return found[0]


class GuardedBackend(httpcore2.AsyncNetworkBackend):
    """httpcore's network backend, resolving the name itself and connecting only to an allowed address."""

    def __init__(self, guard: AddressGuard):
        self.guard = guard
        self.inner = httpcore2.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = [ipaddress.ip_address(host.strip("[]")).compressed]
        except ValueError:
            try:
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except OSError as error:
                raise httpcore2.ConnectError("name not resolved") from error
            addresses = [info[4][0].split("%")[0] for info in infos]
        address = self.guard.pick(addresses, port)
        return await self.inner.connect_tcp(address, port, timeout, local_address, socket_options)

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AddressRefused("no unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_client(guard: AddressGuard) -> httpx2.AsyncClient:
    """The HTTP client for visitors' URLs: the SDK's defaults, but no redirects, no proxy and the guard."""
    from openai import DefaultAsyncHttpxClient  # see hosts.import_sdk()

    transport = httpx2.AsyncHTTPTransport(trust_env=False)
    # httpx builds its connection pool with the default backend; the guard goes in its place.
    transport._pool._network_backend = GuardedBackend(guard)
    return DefaultAsyncHttpxClient(transport=transport, follow_redirects=False, trust_env=False)
