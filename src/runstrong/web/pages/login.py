"""Logging in and out: a form, a cookie that names a row in the log, and a limit on guessing.

A wrong password and an unknown name get the same answer after the same
work; too many failures for a name or from an address get 429 with
Retry-After until the oldest leaves the window.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.store.accounts import MAX_PASSWORD, verify_login
from runstrong.store.login_failures import forget_failures, keys, record_failure, wait_seconds
from runstrong.store.login_sessions import LOGIN_LIFETIME, end_login, start_login
from runstrong.web.auth import LOGGED_IN, LOGIN_COOKIE
from runstrong.web.deps import SharedLogDep, TemplatesDep

router = APIRouter(tags=["pages"], include_in_schema=False)
#: Logging out needs a login; logging in cannot.
logged_in_router = APIRouter(tags=["pages"], include_in_schema=False, dependencies=LOGGED_IN)

WRONG = "The name or the password is wrong."
NextPath = Annotated[str, Query(max_length=2000)]


def safe_next(path: str) -> str:
    """Where to go after logging in: a path on this site only, never another site."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


@router.get("/login", response_class=HTMLResponse)
async def show_login(request: Request, templates: TemplatesDep, next: NextPath = "/") -> Response:
    local = await request.app.state.gate.local_mode()
    return _page(request, templates, next=next, local_mode=local)


@router.post("/login", response_class=HTMLResponse)
def log_in(
    request: Request,
    log: SharedLogDep,
    templates: TemplatesDep,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=MAX_PASSWORD + 1)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    store = log.store()
    now = datetime.now(UTC)
    address = request.client.host if request.client else None
    counters = keys(name, address)
    wait = wait_seconds(store, counters, now=now)
    if wait:
        return _page(
            request,
            templates,
            next=next,
            name=name,
            problem=f"Too many failed logins: try again in {max(1, round(wait / 60))} minutes.",
            status=429,
            headers={"Retry-After": str(wait)},
        )
    account = verify_login(store, name, password)
    if account is None:
        record_failure(store, counters, now=now)
        return _page(request, templates, next=next, name=name, problem=WRONG, status=401)
    forget_failures(store, counters[0])
    secret = start_login(store, account.id, now=now)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        LOGIN_COOKIE,
        secret,
        max_age=int(LOGIN_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@logged_in_router.post("/logout")
def log_out(request: Request, log: SharedLogDep) -> Response:
    """End this browser's login everywhere (the row goes, so every worker forgets it)."""
    secret = request.cookies.get(LOGIN_COOKIE)
    if secret:
        end_login(log.store(), secret)
    response = RedirectResponse(request.app.url_path_for("show_login"), status_code=303)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


def _page(
    request: Request,
    templates,
    *,
    next: str,
    name: str = "",
    problem: str | None = None,
    local_mode: bool = False,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "login.html",
        {"next": safe_next(next), "name": name, "problem": problem, "local_mode": local_mode},
        status_code=status,
        headers=headers,
    )
