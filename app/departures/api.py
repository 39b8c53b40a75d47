"""A worker's departure through the JSON API: read it, record each step, close the file."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from sqlalchemy.orm import Session

from app.auth.models import Role, StaffUser
from app.departures import employment, service
from app.departures.models import Departure
from app.departures.schemas import (
    CardOutcome,
    Closing,
    DepartureOut,
    EmploymentEnd,
    InterviewLink,
    MissingOut,
)
from app.deps import Officer, SessionDep, Viewer, actor_of
from app.registry.models import Worker
from app.registry.workers import get_worker
from app.schemas import problem_responses

router = APIRouter(responses=problem_responses(401, 403, 404, 422), tags=["departures"])
PATH = "/workers/{worker_id}/departure"


def departure_out(
    session: Session, worker: Worker, departure: Departure | None, *, full: bool
) -> DepartureOut:
    """The departure as the API gives it; without `full` (a viewer), no reasons or notes."""
    missing = [
        MissingOut(code=m.code, message=m.message, supervisor_may_waive=m.supervisor_may_waive)
        for m in service.departure_missing(
            session, worker=worker, departure=departure, today=dt.date.today()
        )
    ]
    if departure is None:
        return DepartureOut(worker_id=worker.id, status="none", missing=missing)
    out = DepartureOut.model_validate(
        {
            **{name: getattr(departure, name) for name in service.FIELDS},
            "worker_id": worker.id,
            "status": "closed" if departure.closed_on else "open",
            "closed_by_user_id": departure.closed_by_user_id,
            "version": departure.version,
            "missing": missing,
        }
    )
    if not full:
        for name in ("card_not_returned_reason", "interview_waived_reason", "notes"):
            setattr(out, name, None)
    return out


def _answer(session: Session, worker_id: int, departure: Departure) -> DepartureOut:
    return departure_out(session, get_worker(session, worker_id), departure, full=True)


@router.get(PATH, response_model=DepartureOut)
def read(worker_id: int, session: SessionDep, user: Viewer) -> DepartureOut:
    """The worker's departure and what is still missing before the file is closed (audited)."""
    worker, departure = service.read_departure(session, worker_id=worker_id, actor=actor_of(user))
    return departure_out(session, worker, departure, full=user.role_enum.allows(Role.officer))


@router.put(f"{PATH}/employment", response_model=DepartureOut, responses=problem_responses(409))
def record_employment_end(
    worker_id: int, body: EmploymentEnd, session: SessionDep, user: Officer
) -> DepartureOut:
    """Record or correct why and when the employment ended; the contracts end that day."""
    departure = employment.record_employment_end(
        session,
        worker_id=worker_id,
        reason=body.reason,
        ended_on=body.employment_ended_on,
        notes=body.notes,
        version=body.version,
        actor=actor_of(user),
    )
    return _answer(session, worker_id, departure)


@router.put(f"{PATH}/card", response_model=DepartureOut, responses=problem_responses(409))
def record_card(
    worker_id: int, body: CardOutcome, session: SessionDep, user: Officer
) -> DepartureOut:
    """Record the day the identity card was given back, or why it was not."""
    departure = service.record_card(
        session,
        worker_id=worker_id,
        returned_on=body.card_returned_on,
        not_returned_reason=body.card_not_returned_reason,
        version=body.version,
        actor=actor_of(user),
    )
    return _answer(session, worker_id, departure)


@router.put(f"{PATH}/interview", response_model=DepartureOut, responses=problem_responses(409))
def link_interview(
    worker_id: int, body: InterviewLink, session: SessionDep, user: Officer
) -> DepartureOut:
    """Link the held departure interview (book it as any interview, of kind departure)."""
    departure = service.link_interview(
        session,
        worker_id=worker_id,
        interview_id=body.interview_id,
        version=body.version,
        actor=actor_of(user),
    )
    return _answer(session, worker_id, departure)


@router.post(f"{PATH}/close", response_model=DepartureOut, responses=problem_responses(409))
def close(worker_id: int, body: Closing, session: SessionDep, user: Officer) -> DepartureOut:
    """Close the file: the worker has departed. Without a returned card or a departure
    interview, only a supervisor may close it (and says why there was no interview)."""
    departure = service.close_file(
        session,
        worker_id=worker_id,
        interview_waived_reason=body.interview_waived_reason,
        version=body.version,
        supervisor=_is_supervisor(user),
        actor=actor_of(user),
    )
    return _answer(session, worker_id, departure)


def _is_supervisor(user: StaffUser) -> bool:
    return user.role_enum.allows(Role.supervisor)
