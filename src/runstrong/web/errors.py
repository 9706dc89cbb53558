"""Error responses: 4xx JSON that names the field at fault, or a short page for browsers.

Every API error has the same shape, so a client can show the message next to
the input that caused it:

    {"detail": "speed: Input should be less than or equal to 120",
     "errors": [{"in": "query", "field": "speed", "message": "..."}]}
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runstrong.store.errors import StoreError


class FieldError(BaseModel):
    """One problem with one input."""

    location: str
    field: str
    message: str


class ErrorBody(BaseModel):
    """What every 4xx response carries."""

    detail: str
    errors: list[FieldError] = []


class InputError(Exception):
    """A request that is well-formed but names something wrong (an unknown id, a bad index)."""

    def __init__(
        self, message: str, *, field: str, location: str = "path", status: int = 404
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.error = FieldError(location=location, field=field, message=message)


#: for OpenAPI: the shape of the error responses routes can give.
ERROR_RESPONSES: dict[int | str, dict] = {
    404: {"model": ErrorBody, "description": "Something named in the request does not exist."},
    422: {"model": ErrorBody, "description": "An input is invalid; `errors` names it."},
}


class BodyTooLarge(StarletteHTTPException):
    """A request body (sent in chunks, with no length declared) grew past the limit."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large(max_bytes))
        self.max_bytes = max_bytes


class BodyLimit:
    """Refuse a request whose body is over `max_bytes`, declared or not.

    A declared length over the limit is refused before anything is read
    (uploads are otherwise spooled in full before a route can look at their
    size); a chunked body is counted as it arrives and refused the moment it
    passes the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            response = _respond(Request(scope), 413, _too_large_body(self.max_bytes))
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)


def _too_large(max_bytes: int) -> str:
    return f"the request is larger than {max_bytes // 1024} KB"


def _too_large_body(max_bytes: int) -> ErrorBody:
    message = _too_large(max_bytes)
    return ErrorBody(
        detail=message, errors=[FieldError(location="body", field="body", message=message)]
    )


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error in the shape above."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StoreError, _store_error)


def _respond(request: Request, status: int, body: ErrorBody) -> Response:
    if not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", ""):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "error": body}, status_code=status
        )
    return JSONResponse(body.model_dump(), status_code=status)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for item in exc.errors():
        loc = [str(part) for part in item.get("loc", ())]
        location, field = (loc[0], ".".join(loc[1:])) if loc else ("request", "")
        errors.append(
            FieldError(location=location, field=field or location, message=str(item["msg"]))
        )
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors) or "invalid request"
    return _respond(request, 422, ErrorBody(detail=detail, errors=errors))


async def _input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputError)
    return input_error_response(request, exc)


def input_error_response(request: Request, exc: InputError) -> Response:
    """The answer to `exc`, for middleware that refuses a request before any route runs."""
    return _respond(request, exc.status, ErrorBody(detail=exc.message, errors=[exc.error]))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, BodyTooLarge):
        body = _too_large_body(exc.max_bytes)
    else:
        body = ErrorBody(detail=str(exc.detail))
    response = _respond(request, exc.status_code, body)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _store_error(request: Request, exc: Exception) -> Response:
    """The log cannot be used (foreign, damaged, unreachable): said plainly, never a 500.
    Where it lives and what to do go to the server's log, not to every visitor."""
    assert isinstance(exc, StoreError)
    hint = f" ({exc.hint})" if exc.hint else ""
    logging.getLogger("runstrong.web").error("the training log cannot be used: %s%s", exc, hint)
    message = "the training log cannot be used; the server's log says why"
    return _respond(request, 503, ErrorBody(detail=message))
