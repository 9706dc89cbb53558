"""Forms only runstrong's own pages can send: a signed double-submit token.

Each browser holds a random value in the `runstrong_csrf` cookie; every form
carries `csrf_token`, that value signed with the server's key
(`runstrong.secret_key`, the same in every worker). A page on another site can
make the browser post, but it can neither read the token from our page nor
sign one of its own, so its post is refused (403) before the route runs.

Use: put `{{ csrf_field() }}` inside every `<form method="post">`, and
`Depends(require_csrf_token)` on the route. `create_app` gives every page
router the dependency; a router included on its own adds
`dependencies=[Depends(require_csrf_token)]`. JSON APIs are guarded by the
request's origin instead (`runstrong.web.same_origin`).
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from itsdangerous import BadSignature, URLSafeSerializer
from jinja2 import pass_context
from markupsafe import Markup, escape
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runstrong.web.errors import InputError

COOKIE = "runstrong_csrf"
FIELD = "csrf_token"
#: A year: a page kept offline by the service worker still posts with its token.
COOKIE_SECONDS = 365 * 24 * 3600
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_NEW_SEED = "csrf_new_seed"  # request.state: a seed made for this answer, to set as the cookie


class CsrfTokens:
    """Signs a browser's cookie value into its form token, and checks the pair."""

    def __init__(self, key: bytes) -> None:
        self._signer = URLSafeSerializer(key, salt="runstrong.csrf")

    def token(self, seed: str) -> str:
        return self._signer.dumps(seed)

    def matches(self, token: str, seed: str) -> bool:
        """Signed by this server, for this browser (both compared in constant time)."""
        try:
            signed = self._signer.loads(token)
        except BadSignature:
            return False
        return isinstance(signed, str) and hmac.compare_digest(signed, seed)


def _seed(request: Request) -> str:
    """This browser's cookie value; a new one (set on the answer) when it has none."""
    seed = request.cookies.get(COOKIE) or getattr(request.state, _NEW_SEED, None)
    if not seed:
        seed = secrets.token_urlsafe(32)
        setattr(request.state, _NEW_SEED, seed)
    return seed


@pass_context
def csrf_field(context) -> Markup:
    """The hidden input every state-changing form carries (a template global)."""
    request: Request = context["request"]
    token = request.app.state.csrf.token(_seed(request))
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(token)}">')


async def require_csrf_token(request: Request) -> None:
    """Refuse a post whose form lacks this browser's token; safe methods pass.

    Raises:
        InputError: 403, no token, or one signed elsewhere or for another browser.
    """
    if request.method in SAFE_METHODS:
        return
    form = await request.form()  # parsed once: the route's own form fields reuse it
    token = form.get(FIELD)
    seed = request.cookies.get(COOKIE)
    tokens: CsrfTokens = request.app.state.csrf
    if not (isinstance(token, str) and seed and tokens.matches(token, seed)):
        raise InputError(
            "this form is out of date or did not come from runstrong's own page: "
            "reload the page and send it again",
            field=FIELD,
            location="body",
            status=403,
        )


class CsrfCookie:
    """Sets the cookie on an answer whose page signed a token for a browser that had none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})  # shared with the request, even a copied scope

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                seed = state.get(_NEW_SEED)
                if seed:
                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    cookie = (
                        f"{COOKIE}={seed}; Path=/; Max-Age={COOKIE_SECONDS}; "
                        f"HttpOnly; SameSite=Lax{secure}"
                    )
                    headers = [*message.get("headers", ()), (b"set-cookie", cookie.encode())]
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_cookie)
