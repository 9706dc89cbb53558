"""Which network addresses a calendar feed may be fetched from, and connections pinned to them.

A shared server fetches whatever feed address a user types, so an address
must not reach the server's own network: loopback, private, link-local,
multicast and reserved addresses are refused unless the operator allows
them (`RUNSTRONG_ALLOW_PRIVATE_FEEDS`, for a single-user install whose
feeds live on the home network). The host name is resolved once per
connection, every address it gives is checked, and the connection goes to
an address that was checked, with TLS still verified for the host name, so
a name that resolves differently a moment later (DNS rebinding) changes
nothing.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING

import httpcore
import httpx

if TYPE_CHECKING:
    from collections.abc import Iterable

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: The well-known NAT64 prefix (RFC 6052): an IPv4 address in the last 32 bits.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class RefusedAddress(Exception):
    """The feed's host is on a private network and such feeds are not allowed here."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


def is_public(address: Address) -> bool:
    """Whether `address` is on the public internet, and so is any IPv4 address it carries."""
    if isinstance(address, ipaddress.IPv6Address):
        translated = _translated(address)
        if translated is not None:
            # An IPv4 address reached through IPv6 (DNS64 on an IPv6-only network): its own.
            return is_public(translated)
        carried = [address.sixtofour, address.teredo[1] if address.teredo else None]
        if any(inner is not None and not is_public(inner) for inner in carried):
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_unspecified
    )


def _translated(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv4-mapped or NAT64 address stands for."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, in the order to try them.

    Raises:
        httpcore.ConnectError: the name does not resolve.
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise httpcore.ConnectError(f"cannot resolve {host}: {err}") from None
    return list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in found))


def vetted(host: str, port: int, *, private_ok: bool) -> list[str]:
    """The addresses to connect to for `host`: all of them, once each is allowed.

    Raises:
        RefusedAddress: any address is not public, and private feeds are not allowed.
        httpcore.ConnectError: the name does not resolve.
    """
    addresses = resolve(host, port)
    if not private_ok and not all(is_public(_parse(a)) for a in addresses):
        raise RefusedAddress(host)
    return addresses


def _parse(text: str) -> Address:
    return ipaddress.ip_address(text.split("%", 1)[0])  # without an IPv6 zone index


class _PinnedBackend(httpcore.SyncBackend):
    """Connects to a checked address of the host; TLS is then verified for the host name."""

    def __init__(self, *, private_ok: bool) -> None:
        self.private_ok = private_ok

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in vetted(host, port, private_ok=self.private_ok):
            try:
                return super().connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                failure = err
        raise failure or httpcore.ConnectError(f"no address for {host}")


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport (TLS settings, errors) over connections to checked addresses.

    Given to a client as its transport, it also keeps proxies from the
    environment out: a proxy would resolve the host itself, unchecked.
    """

    def __init__(self, *, private_ok: bool) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_PinnedBackend(private_ok=private_ok),
        )
