"""RFC 9457 problem documents for the JSON surfaces: every error, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import DomainError
from app.i18n import _
from app.validation import pydantic_message
from app.web.errors import error_page, is_html, login_redirect

log = logging.getLogger("hestia.errors")
PROBLEM = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    instance: str | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] if len(parts) > 1 else parts
    return ".".join(parts)


def validation_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        loc = tuple(error.get("loc", ()))
        errors.append({"field": _field(loc), "message": pydantic_message(error)})
    return errors


def _domain(request: Request, exc: DomainError) -> Response:
    if is_html(request):
        if exc.status == 401:
            return login_redirect(request)
        return error_page(request, exc.status, exc.detail)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return problem(
        exc.status,
        exc.title,
        exc.detail,
        errors=[{"field": e.field, "message": e.message} for e in exc.errors],
        headers=headers,
        instance=request.url.path,
    )


def _validation(request: Request, exc: RequestValidationError) -> Response:
    if is_html(request):
        return error_page(request, 400, _("The address or the form is not valid."))
    return problem(
        422,
        "Invalid input",
        _("Some fields are not valid."),
        errors=validation_errors(exc),
        instance=request.url.path,
    )


def _http(request: Request, exc: StarletteHTTPException) -> Response:
    if is_html(request):
        return error_page(request, exc.status_code)
    titles = {404: "Not found", 405: "Method not allowed"}
    return problem(
        exc.status_code,
        titles.get(exc.status_code, "Error"),
        str(exc.detail),
        headers=getattr(exc, "headers", None),
        instance=request.url.path,
    )


def _stale(request: Request, exc: StaleDataError) -> Response:
    if is_html(request):
        return error_page(
            request,
            409,
            _("Someone changed this record at the same time. Reload it and try again."),
        )
    return problem(
        409,
        "Conflict",
        _("Someone changed this record at the same time. Reload it and try again."),
        instance=request.url.path,
    )


def _integrity(request: Request, exc: IntegrityError) -> Response:
    log.warning("integrity error on %s %s", request.method, request.url.path)
    if is_html(request):
        return error_page(request, 409, _("This conflicts with a record stored at the same time."))
    return problem(
        409,
        "Conflict",
        _("This conflicts with a record stored at the same time."),
        instance=request.url.path,
    )


def _database_down(request: Request, exc: OperationalError) -> Response:
    log.error("database error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    if is_html(request):
        return error_page(request, 503)
    return problem(503, "Service unavailable", _("The database cannot be reached right now."))


def _unexpected(request: Request, exc: Exception) -> Response:
    # The exception's text may quote personal data: log its type and where, not its message.
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
    if is_html(request):
        return error_page(request, 500)
    return problem(500, "Internal error", _("Something went wrong on our side. Nothing was saved."))


HANDLERS: dict[Any, Any] = {
    DomainError: _domain,
    RequestValidationError: _validation,
    StarletteHTTPException: _http,
    StaleDataError: _stale,
    IntegrityError: _integrity,
    OperationalError: _database_down,
    Exception: _unexpected,
}


def install(app: FastAPI) -> None:
    for exc_class, handler in HANDLERS.items():
        app.add_exception_handler(exc_class, handler)
