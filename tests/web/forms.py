"""Posting a page's form as the browser does: with the token the page gave it."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(client, page: str = "/import") -> str:
    """The token `page`'s forms carry; the client keeps the cookie it belongs to."""
    found = _TOKEN.search(client.get(page).text)
    assert found, f"{page} has no form token"
    return found.group(1)


def with_token(client, data: dict | None = None, page: str = "/import") -> dict:
    """`data` plus the form token, as a form on `page` would send it."""
    return {**(data or {}), "csrf_token": form_token(client, page)}
