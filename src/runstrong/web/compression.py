"""Gzip for what the server sends at length (pages, scripts, timelines, plans), not for a
player's writes.

Recording a set, moving or finishing a session answers a few hundred bytes
of JSON, under the size worth compressing; yet passing through the
compressor (which holds back every response to decide) costs such a request
a tenth of its CPU. So those requests go straight to the app.
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

#: the player's writes: small JSON answers
_UNCOMPRESSED_PREFIX = "/api/sessions"
_READS = frozenset({"GET", "HEAD"})


class Compression:
    """Starlette's GZipMiddleware for every response but the player's writes."""

    def __init__(self, app: ASGIApp, *, minimum_size: int, compresslevel: int) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=compresslevel)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] not in _READS
            and scope["path"].startswith(_UNCOMPRESSED_PREFIX)
        ):
            await self.app(scope, receive, send)
        else:
            await self.gzip(scope, receive, send)
