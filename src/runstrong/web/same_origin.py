"""Refuse a write sent to runstrong from another site.

Browsers say where a request comes from (Sec-Fetch-Site, else Origin); a page
elsewhere must not be able to make the user's browser replace their plan,
log a set or rotate their feed's secret. Every POST, PUT, PATCH and DELETE,
pages and JSON API alike, passes this check before any route runs; it only
compares headers, so the player's busiest write pays next to nothing.
Clients that are not browsers send neither header and pass (the API's own
credentials guard them); forms are further guarded by `runstrong.web.csrf`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from runstrong.web.errors import InputError, input_error_response

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_ALLOWED_SITES = (b"same-origin", b"none")


def from_another_site(site: bytes | None, origin: bytes | None, host: bytes | None) -> bool:
    """What the headers say: Sec-Fetch-Site when the browser sends it, else Origin against
    Host ("null", sent from sandboxes and privacy redirects, is another site)."""
    if site is not None:
        return site not in _ALLOWED_SITES
    if origin is None:
        return False
    return host is None or urlsplit(origin.decode("latin-1")).netloc.encode("latin-1") != host


class SameOriginWrites:
    """403 for a write from another site, in the shape of every other error."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in _SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        site = origin = host = None
        for name, value in scope["headers"]:
            if name == b"sec-fetch-site":
                site = value
            elif name == b"origin":
                origin = value
            elif name == b"host":
                host = value
        if from_another_site(site, origin, host):
            refused = InputError(
                "runstrong only takes changes sent from its own pages",
                field="origin",
                location="header",
                status=403,
            )
            await input_error_response(Request(scope), refused)(scope, receive, send)
            return
        await self.app(scope, receive, send)
