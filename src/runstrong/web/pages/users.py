"""Managing users in the browser, for admins: add, give a new password, remove."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.store.accounts import (
    MAX_PASSWORD,
    AccountError,
    add_user,
    list_users,
    remove_user,
    set_password,
)
from runstrong.web.auth import AdminAccount, admin_account
from runstrong.web.deps import SharedLogDep, TemplatesDep

router = APIRouter(
    prefix="/admin/users",
    tags=["pages"],
    include_in_schema=False,
    dependencies=[Depends(admin_account)],
)

UserName = Annotated[str, Path(max_length=120)]
Password = Annotated[str, Form(max_length=MAX_PASSWORD)]


@router.get("", response_class=HTMLResponse)
def show_users(
    request: Request, account: AdminAccount, log: SharedLogDep, templates: TemplatesDep
) -> HTMLResponse:
    return _page(request, account, log, templates)


@router.post("", response_class=HTMLResponse)
def add_user_page(
    request: Request,
    account: AdminAccount,
    log: SharedLogDep,
    templates: TemplatesDep,
    name: Annotated[str, Form(max_length=120)],
    password: Password,
    admin: Annotated[bool, Form()] = False,
) -> Response:
    try:
        add_user(log.store(), name, password, admin=admin)
    except AccountError as err:
        return _page(request, account, log, templates, problem=_said(err), status=409)
    return _done(request, f"Added {name}.")


@router.post("/{name}/password", response_class=HTMLResponse)
def reset_password(
    request: Request,
    account: AdminAccount,
    log: SharedLogDep,
    templates: TemplatesDep,
    name: UserName,
    password: Password,
) -> Response:
    try:
        set_password(log.store(), name, password)
    except AccountError as err:
        return _page(request, account, log, templates, problem=_said(err), status=422)
    return _done(request, f"The password of {name} is changed.")


@router.post("/{name}/remove", response_class=HTMLResponse)
def remove_user_page(
    request: Request,
    account: AdminAccount,
    log: SharedLogDep,
    templates: TemplatesDep,
    name: UserName,
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    """Remove a user with their whole log; the box must be ticked, and never oneself."""
    problem = None
    if confirm != "yes":
        problem = f"Tick the box to remove {name} with their sessions."
    elif name == account.name:
        problem = "You cannot remove yourself."
    if problem:
        return _page(request, account, log, templates, problem=problem, status=422)
    try:
        removed = remove_user(log.store(), name)
    except AccountError as err:
        return _page(request, account, log, templates, problem=_said(err), status=409)
    return _done(request, f"Removed {name} and their {removed} sessions.")


def _said(err: AccountError) -> str:
    return f"{err} ({err.hint})" if err.hint else str(err)


def _done(request: Request, message: str) -> Response:
    url = request.app.url_path_for("show_users") + "?done=" + quote(message)
    return RedirectResponse(url, status_code=303)


def _page(request, account, log, templates, *, problem=None, status=200) -> HTMLResponse:
    done = request.query_params.get("done")
    return templates.TemplateResponse(
        request,
        "users.html",
        {
            "account": account,
            "users": list_users(log.store()),
            "problem": problem,
            "done": done[:200] if done else None,
        },
        status_code=status,
    )
