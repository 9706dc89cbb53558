"""Who a request acts for: the `CurrentAccount` dependency every route declares.

Local mode (no accounts in the log, served on loopback) is the same code with
one implicit user, the local runner, and costs no database lookup. Once the
log has an account, every request must carry a login cookie or an API token
(`Authorization: Bearer`); that is one indexed lookup. The server never goes
back to local mode while it runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from runstrong.store import DEFAULT_USER
from runstrong.store.accounts import Account, any_accounts
from runstrong.store.api_tokens import token_owner
from runstrong.store.login_sessions import login_owner
from runstrong.web.errors import ErrorBody, FieldError, InputError
from runstrong.web.training_log import TrainingLog

#: The cookie a browser that logged in sends back.
LOGIN_COOKIE = "runstrong_login"
#: The one user of local mode.
LOCAL_ACCOUNT = Account(id=0, name=DEFAULT_USER, admin=False, can_log_in=False)
#: How often local mode looks again for accounts (added meanwhile with `runstrong users add`).
RECHECK_SECONDS = 5.0


class LoginRequired(Exception):
    """No valid login or token: pages send the browser to the login page, the API says 401."""


class Gate:
    """Whether this server asks for logins; decided from the log, then only ever tightened.

    Args:
        log: the shared training log.
        clock: monotonic seconds (tests pass their own).
    """

    def __init__(self, log: TrainingLog, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._log = log
        self._clock = clock
        self._lock = threading.Lock()
        self._login_required = False
        self._checked_at: float | None = None

    async def local_mode(self) -> bool:
        """True while the log has no accounts (looked up at most every few seconds)."""
        if self._login_required:
            return False
        checked = self._checked_at
        if checked is None or self._clock() - checked >= RECHECK_SECONDS:
            await run_in_threadpool(self._check)
        return not self._login_required

    def _check(self) -> None:
        found = any_accounts(self._log.store())
        with self._lock:
            self._login_required = self._login_required or found
            self._checked_at = self._clock()


def bearer_token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


async def current_account(request: Request) -> Account:
    """The account the request acts for.

    Raises:
        LoginRequired: the server asks for logins and the request has no valid one.
    """
    gate: Gate = request.app.state.gate
    if await gate.local_mode():
        return LOCAL_ACCOUNT
    token = bearer_token(request)
    cookie = request.cookies.get(LOGIN_COOKIE)
    if token is None and cookie is None:
        raise LoginRequired
    store = request.app.state.log.store
    found = await run_in_threadpool(_owner, store, token, cookie)
    if found is None:
        raise LoginRequired
    user_id, name, admin = found
    return Account(id=user_id, name=name, admin=admin)


def _owner(store, token: str | None, cookie: str | None):
    if token is not None:
        return token_owner(store(), token)
    return login_owner(store(), cookie, now=datetime.now(UTC))


CurrentAccount = Annotated[Account, Depends(current_account)]


async def admin_account(account: CurrentAccount) -> Account:
    """Raises: InputError (403), the user is not an admin."""
    if not account.admin:
        raise InputError("only an admin may manage users", field="user", status=403)
    return account


AdminAccount = Annotated[Account, Depends(admin_account)]
#: For routers: every route in them acts for a logged-in user.
LOGGED_IN = [Depends(current_account)]


def install_login_handler(app: FastAPI) -> None:
    """Answer a request without a valid login: 401 from the API, the login page for pages."""
    app.add_exception_handler(LoginRequired, _login_required)


async def _login_required(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api"):
        message = "log in first: a login cookie or an 'Authorization: Bearer TOKEN' header"
        body = ErrorBody(
            detail=message,
            errors=[FieldError(location="header", field="authorization", message=message)],
        )
        return JSONResponse(
            body.model_dump(), status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    login = request.app.url_path_for("show_login")
    return RedirectResponse(f"{login}?next={quote(here, safe='/')}", status_code=303)
