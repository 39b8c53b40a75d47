"""The concern screens: the list (oldest first, with its age), opening one from the worker's
file, and the concerns section of that file; one concern and its forms are in concern_views.py.
Officers and up; viewers see on the worker's file only that concerns exist."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.concerns import (
    display,
    listing,
    panels,  # noqa: F401  (registers the dashboard panels)
    service,
)
from app.concerns.concern_views import router as concern_router
from app.concerns.models import ConcernSeverity, ConcernSource
from app.concerns.schemas import ConcernCreate
from app.deps import SessionDep
from app.i18n import N_
from app.registry.models import Worker
from app.registry.service import by_ids
from app.registry.views import _int
from app.registry.workers import get_worker
from app.web import forms
from app.web.pages import NOTICES, page, query_of, submit
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff

router = APIRouter(prefix="/staff", include_in_schema=False)
router.include_router(concern_router)  # one concern and its forms
NOTICES.update(
    {
        "concern_opened": N_("The concern is opened."),
        "concern_updated": N_("The concern is updated."),
        "consent_recorded": N_("The worker's consent is recorded."),
        "consent_withdrawn": N_("The consent is withdrawn."),
        "referred": N_("The concern is referred."),
        "progress": N_("The referral's progress is recorded."),
        "concern_closed": N_("The concern is closed."),
    }
)
# The assignment filter: "me" and "nobody" together are an officer's own work list.
ASSIGNED = {
    "any": N_("Anyone or nobody"),
    "me": N_("Me"),
    "me_or_nobody": N_("Me, or nobody yet"),
    "nobody": N_("Nobody yet"),
}
STATUS_FILTER = {
    "active": N_("Not closed"),
    "open": N_("Open"),
    "referred": N_("Referred"),
    "closed": N_("Closed"),
    "any": N_("Any status"),
}


def concern_context(session: Session, worker_id: int) -> dict[str, Any]:
    """What the worker's file shows of the concerns (its opening is audited by the file)."""
    found = service.concerns_of_worker(session, worker_id)
    return {
        "worker_concerns": found,
        "concern_names": display.names(),
        "concern_summary": display.summary,
        "concern_assignees": listing.user_names(session, {c.assigned_to_user_id for c in found}),
    }


# The list ---------------------------------------------------------------------------------


def _list_filters(request: Request, staff: Staff) -> dict[str, Any]:
    """The filters as chosen, or the defaults: supervisors see every concern not closed;
    officers their own and those nobody has taken yet."""
    q = request.query_params
    default_assigned = "any" if staff.can("supervisor") else "me_or_nobody"
    assigned = q.get("assigned") or default_assigned
    chosen = {
        "status": q.get("status") if q.get("status") in STATUS_FILTER else "active",
        "severity": q.get("severity") if q.get("severity") in display.SEVERITIES else "",
        "source": q.get("source") if q.get("source") in display.SOURCES else "",
        "assigned": assigned if (assigned in ASSIGNED or assigned.isdigit()) else "any",
        "escalated": "true" if q.get("escalated") == "true" else "",
    }
    return chosen


@router.get("/concerns", response_class=HTMLResponse)
def concern_list(request: Request, session: SessionDep, staff: OfficerPage) -> Response:
    """Concerns oldest first with their age, filtered (the listing is audited)."""
    chosen = _list_filters(request, staff)
    assigned = chosen["assigned"]
    me = staff.user.id
    items, next_cursor = listing.list_concerns(
        session,
        actor=staff.actor,
        status=None if chosen["status"] == "any" else chosen["status"],
        severity=chosen["severity"] or None,
        source=chosen["source"] or None,
        assigned_to_user_id=(
            me if assigned in ("me", "me_or_nobody") else _int(assigned) if assigned else None
        ),
        unassigned=assigned in ("nobody", "me_or_nobody"),
        escalated=True if chosen["escalated"] else None,
        cursor=request.query_params.get("cursor"),
    )
    people = service.assignees(session)
    return page(
        request,
        "staff/concerns/list.html",
        staff=staff,
        section="concerns",
        concerns=items,
        workers=by_ids(session, Worker, {c.worker_id for c in items}),
        assignee_names=listing.user_names(session, {c.assigned_to_user_id for c in items}),
        age=service.age_days,
        next_cursor=next_cursor,
        query={**chosen, **query_of(request, "cursor")},
        status_filter=display.choices(STATUS_FILTER),
        assigned_filter=display.choices(ASSIGNED) + [(str(u.id), u.display_name) for u in people],
        severities=display.choices(display.SEVERITIES),
        sources=display.choices(display.SOURCES),
        **display.names(),
    )


# Opening one from the worker's file -------------------------------------------------------


def _new_form(
    request: Request,
    session: Session,
    staff: Staff,
    worker_id: int,
    values: forms.Values,
    errors: forms.Errors,
) -> Response:
    return page(
        request,
        "staff/concerns/new.html",
        staff=staff,
        section="concerns",
        worker=get_worker(session, worker_id),
        values=values,
        errors=errors,
        sources=display.choices(display.SOURCES),
        severities=display.choices(display.SEVERITIES),
        assignee_choices=[(str(u.id), u.display_name) for u in service.assignees(session)],
        status=422 if errors else 200,
    )


@router.get("/workers/{worker_id}/concerns/new", response_class=HTMLResponse)
def new_concern(
    request: Request, worker_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """The form to open a concern about the worker (a help request, something seen)."""
    values = {
        "source": ConcernSource.help_request.value,
        "severity": ConcernSeverity.medium.value,
        "assigned_to_user_id": staff.user.id,
        "form_id": forms.new_form_id(),
    }
    return _new_form(request, session, staff, worker_id, values, {})


@router.post("/workers/{worker_id}/concerns")
def create_concern(
    request: Request, worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Open the concern (a double post goes to the concern opened the first time)."""
    get_worker(session, worker_id)
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    data = {
        "worker_id": worker_id,
        "source": values.get("source"),
        "severity": values.get("severity"),
        "summary": values.get("summary"),
        "assigned_to_user_id": _int(values.get("assigned_to_user_id")),
    }
    return submit(
        session,
        staff,
        data,
        schema=ConcernCreate,
        form_id=form_id,
        notice="concern_opened",
        save=lambda body: service.open_by_hand(session, data=body.model_dump(), actor=staff.actor),
        url_of=lambda c: f"/staff/concerns/{c.id}",
        again=lambda errors: _new_form(
            request, session, staff, worker_id, {**values, "form_id": form_id}, errors
        ),
    )
