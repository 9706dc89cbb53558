"""Error responses: 4xx JSON that names the field at fault, or a short page for browsers.

Every API error has the same shape, so a client can show the message next to
the input that caused it:

    {"detail": "speed: Input should be less than or equal to 120",
     "errors": [{"in": "query", "field": "speed", "message": "..."}]}
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send


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


class BodyLimit:
    """Refuse a request whose declared body is over `max_bytes` before it is read.

    Uploads are otherwise spooled in full before a route can look at their size.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope["headers"]).get(b"content-length", b"")
            if length.isdigit() and int(length) > self.max_bytes:
                message = f"the request is larger than {self.max_bytes // 1024} KB"
                body = ErrorBody(
                    detail=message,
                    errors=[FieldError(location="body", field="body", message=message)],
                )
                response = _respond(Request(scope), 413, body)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error in the shape above."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


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
    return _respond(request, exc.status, ErrorBody(detail=exc.message, errors=[exc.error]))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response = _respond(request, exc.status_code, ErrorBody(detail=str(exc.detail)))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response
