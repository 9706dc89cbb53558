"""The account page: who is logged in, logging out, and the API tokens of scripts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.store.accounts import AccountError
from runstrong.store.api_tokens import MAX_LABEL, create_token, list_tokens, revoke_token
from runstrong.web.auth import LOGGED_IN, CurrentAccount
from runstrong.web.deps import LogDep, TemplatesDep
from runstrong.web.errors import InputError

router = APIRouter(tags=["pages"], include_in_schema=False, dependencies=LOGGED_IN)


@router.get("/account", response_class=HTMLResponse)
async def show_account(
    request: Request, account: CurrentAccount, log: LogDep, templates: TemplatesDep
) -> HTMLResponse:
    return await _page(request, account, log, templates)


@router.post("/account/tokens", response_class=HTMLResponse)
async def create_token_page(
    request: Request,
    account: CurrentAccount,
    log: LogDep,
    templates: TemplatesDep,
    label: Annotated[str, Form(max_length=MAX_LABEL)],
) -> HTMLResponse:
    """Make a token and show it this once; only its digest is kept."""
    try:
        secret = await run_in_threadpool(
            lambda: create_token(log.store(), account.name, label, now=datetime.now(UTC))
        )
    except AccountError as err:
        return await _page(request, account, log, templates, problem=str(err), status=409)
    return await _page(request, account, log, templates, new_token=secret, new_label=label)


@router.post("/account/tokens/{token_id}/revoke")
async def revoke_token_page(
    request: Request,
    account: CurrentAccount,
    log: LogDep,
    token_id: Annotated[int, Path(ge=1, le=2**62)],
) -> Response:
    if not await run_in_threadpool(lambda: revoke_token(log.store(), account.name, token_id)):
        raise InputError(f"you have no token {token_id}", field="token_id")
    return RedirectResponse(request.app.url_path_for("show_account"), status_code=303)


async def _page(request, account, log, templates, *, status: int = 200, **shown) -> HTMLResponse:
    local = await request.app.state.gate.local_mode()
    tokens = (
        [] if local else await run_in_threadpool(lambda: list_tokens(log.store(), account.name))
    )
    return templates.TemplateResponse(
        request,
        "account.html",
        {"account": account, "tokens": tokens, "local_mode": local, **shown},
        status_code=status,
    )
