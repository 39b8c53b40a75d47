"""Rendering staff pages and handling their forms the same way everywhere."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.crypto import lookup_hash
from app.errors import DomainError
from app.i18n import N_, _
from app.web import forms
from app.web.staff import Staff
from app.web.templating import render

NOTICES = {
    "created": N_("Saved. The record was created."),
    "saved": N_("Saved."),
    "signed_out": N_("You are signed out."),
    "expired": N_("Your session has ended. Please sign in again."),
    "password": N_("Your password is changed. Your other sessions were signed out."),
    "language": N_("Your language is changed."),
}


def page(
    request: Request,
    template: str,
    *,
    staff: Staff | None,
    section: str = "",
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A staff page with what every page needs (who is signed in, the notice, the section)."""
    notice_key = request.query_params.get("notice", "")
    html = render(
        template,
        {
            "request": request,
            "staff": staff,
            "section": section,
            "notice": _(NOTICES[notice_key]) if notice_key in NOTICES else "",
            "refusal": lambda name: refusal(request, name),
            **context,
        },
    )
    return HTMLResponse(html, status_code=status)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _refusal_mac(name: str, message: str) -> str:
    return lookup_hash("refusal", name, message)[:32]


def refusal_query(name: str, message: str) -> str:
    """A query string carrying a refusal to the page redirected to, signed so that a crafted
    link cannot make a staff page show words of someone else's choosing."""
    message = message[:300]
    return urlencode({name: message, f"{name}_mac": _refusal_mac(name, message)})


def refusal(request: Request, name: str) -> str:
    """The refusal carried by `refusal_query`, or "" when missing or not ours."""
    message = request.query_params.get(name, "")
    mac = request.query_params.get(f"{name}_mac", "")
    if message and hmac.compare_digest(mac, _refusal_mac(name, message)):
        return message
    return ""


@dataclass(frozen=True)
class Attempt:
    """What saving a posted form came to: what `save` returned, or the errors by field (never
    empty when it failed) and the status to show the form again with."""

    record: Any = None
    errors: forms.Errors = field(default_factory=dict)
    status: int = 200

    @property
    def saved(self) -> bool:
        return not self.errors


def attempt(
    session: Session,
    schema: type[BaseModel],
    data: forms.Values,
    save: Callable[[Any], Any],
    *,
    raising: tuple[type[DomainError], ...] = (),
) -> Attempt:
    """Check posted `data` with the API's schema and save it in a savepoint; a service's
    refusal becomes errors beside the fields, with its status (422 for the schema's), except
    the kinds of error in `raising` (a page that is gone: NotFound), which go on up."""
    parsed, errors = forms.parse(schema, data)
    if parsed is None:
        return Attempt(errors=errors, status=422)
    try:
        with session.begin_nested():
            return Attempt(record=save(parsed))
    except raising:
        raise
    except DomainError as exc:
        return Attempt(errors=forms.domain_errors(exc), status=exc.status)


def submit(
    session: Session,
    staff: Staff,
    values: dict[str, Any],
    *,
    schema: type[BaseModel],
    save: Callable[[BaseModel], Any],
    url_of: Callable[[Any], str],
    again: Callable[[forms.Errors], Response],
    form_id: str | None = None,
    notice: str = "saved",
) -> Response:
    """Check a posted form with the API's schema, save it, and go to the record (post/redirect/
    get); or show the form again with each error beside its field and what was typed kept.

    A create form carries a form id: posting it twice goes to the record made the first time.
    """
    done = forms.already_submitted(session, form_id)
    if done:
        return redirect(done)
    result = attempt(session, schema, forms.nest(values), save)
    if not result.saved:
        return again(result.errors)
    url = url_of(result.record)
    forms.remember_submission(session, form_id=form_id, user_id=staff.user.id, url=url)
    return redirect(f"{url}?notice={notice}")


def query_of(request: Request, *names: str) -> dict[str, str]:
    """The list page's filters as given, to keep them in the form and the page links."""
    return {n: request.query_params[n] for n in (*names, "cursor") if request.query_params.get(n)}
