"""Errors on the HTML surfaces: a page in the reader's language, or the way to sign in."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.i18n import _
from app.web.templating import render


def is_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path in ("/healthz", "/openapi.json"))


def login_redirect(request: Request) -> Response:
    target = request.url.path
    if request.method == "GET" and request.url.query:
        target += "?" + request.url.query
    return RedirectResponse(f"/staff/login?next={quote(target, safe='')}", status_code=303)


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    titles = {
        400: _("This request cannot be handled"),
        403: _("Not allowed"),
        404: _("Page not found"),
        405: _("Not allowed"),
        409: _("Changed meanwhile"),
        422: _("Some fields are not valid"),
        429: _("Too many attempts"),
        500: _("Something went wrong"),
        503: _("Hestia is not available"),
    }
    staff = getattr(request.state, "staff", None)
    html = render(
        "errors/error.html",
        {
            "request": request,
            "staff": staff,
            "status": status,
            "title": titles.get(status, _("Error")),
            "detail": detail,
        },
    )
    return HTMLResponse(html, status_code=status)
