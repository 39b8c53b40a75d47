"""The departure on the staff screens: its section on the worker's file, and its own page with
a form for each step (officers and up)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.departures import employment, service
from app.departures.models import Departure, DepartureReason
from app.departures.schemas import CardOutcome, Closing, EmploymentEnd, InterviewLink
from app.deps import SessionDep
from app.i18n import N_
from app.interviews import agenda, display
from app.interviews.models import InterviewStatus
from app.registry.models import Worker
from app.registry.workers import get_worker
from app.renewals.service import latest_card
from app.web import forms
from app.web.pages import NOTICES, attempt, page, redirect
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES.update(
    {
        "departure_recorded": N_("The departure is recorded."),
        "departure_closed": N_("The file is closed: the worker has departed."),
    }
)
REASONS: dict[str, str] = {
    DepartureReason.contract_ended: N_("The contract ended"),
    DepartureReason.posting_ended: N_("The employer's posting ended"),
    DepartureReason.left_job: N_("The worker left the job"),
    DepartureReason.left_country: N_("The worker left the country"),
    DepartureReason.other: N_("Another reason (say which in the notes)"),
}


def departure_context(session: Session, worker: Worker) -> dict[str, Any]:
    """What the worker's file shows of the departure (its opening is audited by the file)."""
    departure = service.get_departure(session, worker.id)
    return {
        "departure": departure,
        "departure_missing": service.departure_missing(
            session, worker=worker, departure=departure, today=dt.date.today()
        ),
        "departure_reasons": dict(display.choices(REASONS)),
    }


def _stored(departure: Departure | None) -> forms.Values:
    """The forms' values as recorded."""
    if departure is None:
        return {}
    return {
        "reason": departure.reason,
        "employment_ended_on": departure.employment_ended_on.isoformat(),
        "notes": departure.notes,
        "card_returned_on": departure.card_returned_on and departure.card_returned_on.isoformat(),
        "card_not_returned_reason": departure.card_not_returned_reason,
        "interview_id": departure.interview_id,
        "version": departure.version,
    }


def _page(
    request: Request,
    session: Session,
    staff: Staff,
    worker: Worker,
    *,
    values: forms.Values | None = None,
    errors: forms.Errors | None = None,
    status: int = 200,
) -> Response:
    departure = service.get_departure(session, worker.id)
    interviews = agenda.rows_of(session, service.departure_interviews(session, worker.id))
    held = [r for r in interviews if r.interview.status == InterviewStatus.held.value]
    return page(
        request,
        "staff/departures/departure.html",
        staff=staff,
        section="workers",
        worker=worker,
        departure=departure,
        missing=service.departure_missing(
            session, worker=worker, departure=departure, today=dt.date.today()
        ),
        card=latest_card(session, worker.id),
        interview_rows=interviews,
        held_choices=[
            (r.interview.id, display.when(r.interview.starts_at, r.location.time_zone))
            for r in held
        ],
        reasons=display.choices(REASONS),
        values={**_stored(departure), **(values or {})},
        errors=errors or {},
        status=status,
        interview_kind_names=dict(display.choices(display.KINDS)),
        interview_status_names=dict(display.choices(display.STATUSES)),
        interview_when=display.when,
    )


@router.get("/workers/{worker_id}/departure", response_class=HTMLResponse)
def departure_page(
    request: Request, worker_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """The departure's steps, each with its form, and what is still missing (audited)."""
    worker, _departure = service.read_departure(session, worker_id=worker_id, actor=staff.actor)
    return _page(request, session, staff, worker)


def _step(
    request: Request,
    session: Session,
    staff: Staff,
    worker_id: int,
    form: Any,
    schema: type[BaseModel],
    save: Any,
    *,
    anchor: str,
) -> Response:
    """Check a step's form with the API's schema and save it; or show the page again with the
    errors beside the fields and what was typed kept."""
    worker = get_worker(session, worker_id)
    values = forms.values_of(form)
    result = attempt(session, schema, values, save)
    if not result.saved:
        errors, status = result.errors, result.status
        return _page(request, session, staff, worker, values=values, errors=errors, status=status)
    if anchor == "closed":
        return redirect(f"/staff/workers/{worker_id}?notice=departure_closed#departure")
    return redirect(f"/staff/workers/{worker_id}/departure?notice=departure_recorded#{anchor}")


@router.post("/workers/{worker_id}/departure/employment")
def record_employment_end(
    request: Request, worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record or correct why and when the employment ended."""

    def save(body: Any) -> None:
        employment.record_employment_end(
            session,
            worker_id=worker_id,
            reason=body.reason,
            ended_on=body.employment_ended_on,
            notes=body.notes,
            version=body.version,
            actor=staff.actor,
        )

    return _step(request, session, staff, worker_id, form, EmploymentEnd, save, anchor="employment")


@router.post("/workers/{worker_id}/departure/card")
def record_card(
    request: Request, worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record the day the card was given back, or why it was not."""

    def save(body: Any) -> None:
        service.record_card(
            session,
            worker_id=worker_id,
            returned_on=body.card_returned_on,
            not_returned_reason=body.card_not_returned_reason,
            version=body.version,
            actor=staff.actor,
        )

    return _step(request, session, staff, worker_id, form, CardOutcome, save, anchor="card-back")


@router.post("/workers/{worker_id}/departure/interview")
def link_interview(
    request: Request, worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Link the held departure interview."""

    def save(body: Any) -> None:
        service.link_interview(
            session,
            worker_id=worker_id,
            interview_id=body.interview_id,
            version=body.version,
            actor=staff.actor,
        )

    return _step(
        request, session, staff, worker_id, form, InterviewLink, save, anchor="departure-interview"
    )


@router.post("/workers/{worker_id}/departure/close")
def close(
    request: Request, worker_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Close the worker's file."""

    def save(body: Any) -> None:
        service.close_file(
            session,
            worker_id=worker_id,
            interview_waived_reason=body.interview_waived_reason,
            version=body.version,
            supervisor=staff.can("supervisor"),
            actor=staff.actor,
        )

    return _step(request, session, staff, worker_id, form, Closing, save, anchor="closed")
