"""Address checks that keep the fetcher away from internal networks (SSRF).

A user-supplied URL (or a link inside a feed) must never make us talk to
loopback, the cloud metadata service, the LAN or other non-public addresses.
The guard resolves the host once, refuses it if ANY resolved address is not
public, and returns the address to connect to, so the fetcher can pin it and a
second, different DNS answer (DNS rebinding) never gets used.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

import httpx

from .errors import FetchError, RefusedURLError

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network
Resolver = Callable[[str, int], list[IPAddress]]

DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64 = IPv6Network("64:ff9b::/96")
_SHARED = IPv4Network("100.64.0.0/10")


@dataclass(frozen=True)
class Target:
    """A checked URL and the one address the connection must use."""

    url: httpx.URL
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    address: IPAddress


def system_resolver(host: str, port: int) -> list[IPAddress]:
    """All addresses the system resolver gives for ``host``, in its order, unique."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    found: list[IPAddress] = []
    for info in infos:
        address = ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


def _tunnelled_ipv4(address: IPv6Address) -> list[IPv4Address]:
    """IPv4 addresses an IPv6 address carries (6to4, Teredo, NAT64) that a router may reach."""
    embedded: list[IPv4Address] = []
    if address.sixtofour is not None:
        embedded.append(address.sixtofour)
    if address.teredo is not None:
        embedded.extend(address.teredo)
    if address in _NAT64:
        embedded.append(IPv4Address(int(address) & 0xFFFFFFFF))
    return embedded


def _own_reason(address: IPAddress) -> str | None:
    checks = (
        (address.is_unspecified, "unspecified"),
        (address.is_loopback, "loopback"),
        (address.is_multicast, "multicast"),
        (address.is_link_local, "link-local"),
        (address.is_reserved, "reserved"),
        (address.is_private, "private"),
        (isinstance(address, IPv4Address) and address in _SHARED, "shared (carrier NAT)"),
        (not address.is_global, "not public"),
    )
    return next((reason for flagged, reason in checks if flagged), None)


def forbidden_reason(address: IPAddress) -> str | None:
    """Why ``address`` must not be contacted, or None when it is public."""
    if isinstance(address, IPv6Address):
        mapped = address.ipv4_mapped
        if mapped is not None:  # the socket really talks IPv4 to the mapped address
            reason = _own_reason(mapped)
            return f"{reason} (IPv4-mapped {mapped})" if reason else None
        for inner in _tunnelled_ipv4(address):
            reason = _own_reason(inner)
            if reason is not None:
                return f"{reason} (embedded {inner})"
    return _own_reason(address)


class AddressGuard:
    """Checks URLs; ``allowed_networks`` is an explicit, per-instance opt-in for tests."""

    def __init__(
        self, allowed_networks: Iterable[IPNetwork] = (), resolver: Resolver | None = None
    ) -> None:
        self._allowed = tuple(allowed_networks)
        self._resolve = resolver or system_resolver

    def check(self, url: str) -> Target:
        """Refuse ``url`` unless it is http(s) and every address of its host is allowed."""
        parsed = parse_http_url(url)
        host = parsed.raw_host.decode("ascii")
        port = parsed.port or DEFAULT_PORTS[parsed.scheme]
        addresses = self._resolve(host, port)
        if not addresses:
            raise FetchError(f"cannot resolve host {host!r}: no addresses")
        for address in addresses:
            self._refuse_if_forbidden(url, host, address)
        return Target(url=parsed, host=host, port=port, address=addresses[0])

    def _refuse_if_forbidden(self, url: str, host: str, address: IPAddress) -> None:
        if any(address in network for network in self._allowed):
            return
        reason = forbidden_reason(address)
        if reason is not None:
            raise RefusedURLError(
                f"refused {url}: host {host!r} resolves to {address}, a {reason} address"
            )


def parse_http_url(url: str) -> httpx.URL:
    """The URL parsed once (the fetcher sends exactly this); anything but http(s) is refused.

    Parsing with the same library that builds the request avoids a parser
    differential where the guard checks one host and the request names another.
    """
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise RefusedURLError(f"refused {url!r}: not a valid URL ({exc})") from exc
    if parsed.scheme not in DEFAULT_PORTS:
        shown = f"not {parsed.scheme}" if parsed.scheme else "and this URL has no scheme"
        raise RefusedURLError(f"refused {url!r}: only http and https URLs are fetched, {shown}")
    if parsed.userinfo:
        raise RefusedURLError(f"refused {url!r}: URLs with credentials are not fetched")
    if not parsed.raw_host:
        raise RefusedURLError(f"refused {url!r}: the URL has no host")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise RefusedURLError(f"refused {url!r}: port {parsed.port} is out of range")
    return parsed.copy_with(fragment=None)
