"""Refuse a form posted to runstrong from another site.

Browsers say where a request comes from (Sec-Fetch-Site, else Origin); a
page elsewhere must not be able to make the user's browser replace their plan
or their feed's secret. Clients that are not browsers send neither header.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request

from runstrong.web.errors import InputError

_ALLOWED_SITES = ("same-origin", "none")


async def same_origin(request: Request) -> None:
    """A dependency for form routes that change what is stored.

    Raises:
        InputError: 403, the request comes from another site.
    """
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None:
        allowed = site in _ALLOWED_SITES
    else:
        allowed = origin is None or urlsplit(origin).netloc == request.headers.get("host")
    if not allowed:
        raise InputError(
            "this form can only be sent from runstrong's own pages",
            field="origin",
            location="header",
            status=403,
        )
