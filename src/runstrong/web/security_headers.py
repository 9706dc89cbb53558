"""The headers every answer carries: what the browser may load, frame and tell others.

Pages run only scripts and styles from runstrong's own files (no inline script
or handler, so injected markup cannot run), cannot be framed, and send no
Referer to other sites: the plan page shows the calendar feed's secret address,
and nothing on it may carry that away. SVG drawings may style themselves but
run nothing. A route that needs another policy (the printable card, a
self-contained page) sets its own Content-Security-Policy, which is kept.
Strict-Transport-Security is sent only over HTTPS.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
#: A document that is complete in itself: its own <style>, no script, nothing fetched.
SELF_CONTAINED_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_CSP = b"content-security-policy"
_COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
_HSTS = (b"strict-transport-security", b"max-age=31536000")


class SecurityHeaders:
    """Adds the headers above to every HTTP answer (pages, API, static files and errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                names = {name.lower() for name, _ in headers}
                if _CSP not in names:
                    headers.append((_CSP, _policy(headers).encode()))
                headers.extend(_COMMON)
                if https:
                    headers.append(_HSTS)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _policy(headers: list[tuple[bytes, bytes]]) -> str:
    content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
    if content_type.startswith(b"image/svg+xml"):
        return SELF_CONTAINED_POLICY
    return PAGE_POLICY
