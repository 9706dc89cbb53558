"""The names and addresses this machine is reached by, for a server bound to all of them.

`runstrong serve --host 0.0.0.0` is how a phone on the home network reaches
the app, by the laptop's name or address; those are the Host headers the app
must accept. Anything this machine cannot find out about itself is left out:
`--allowed-host` adds it.
"""

from __future__ import annotations

import contextlib
import socket

#: Bound to these, the server answers on every address this machine has.
EVERY_ADDRESS = ("0.0.0.0", "::", "")
#: An address in a documentation-only range: "connecting" a UDP socket to it sends
#: nothing, but tells which local address would reach the network.
_PROBE = ("192.0.2.1", 9)


def bound_hosts(host: str) -> list[str]:
    """The Host names a server bound to `host` is reached by."""
    if host in EVERY_ADDRESS:
        return this_machine()
    return [_as_host(host)]


def this_machine() -> list[str]:
    """This machine's host name (also as `.local`), its full name and its addresses."""
    names: list[str] = []
    name = socket.gethostname()
    if name:
        names += [name, f"{name}.local"]
    with contextlib.suppress(OSError):
        names.append(socket.getfqdn())
    with contextlib.suppress(OSError):
        names += [info[4][0] for info in socket.getaddrinfo(name, None)]
    with (
        contextlib.suppress(OSError),
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe,
    ):
        probe.connect(_PROBE)
        names.append(probe.getsockname()[0])
    return list(dict.fromkeys(_as_host(n) for n in names if n))


def _as_host(address: str) -> str:
    """As a Host header names it: an IPv6 address in brackets, names in lower case."""
    address = address.split("%", 1)[0]  # a link-local address's zone is not part of Host
    return f"[{address}]" if ":" in address else address.lower()
