"""Registration, the identity card and its renewal, through the JSON API."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, status
from pydantic import BaseModel

from app.deps import Officer, PolicyDep, SessionDep, Viewer, actor_of
from app.interviews.models import IdentityCard
from app.registry.workers import get_worker
from app.renewals import service
from app.schemas import Output, problem_responses

router = APIRouter(responses=problem_responses(401, 403, 404, 422), tags=["registration"])


class MissingOut(BaseModel):
    code: str
    message: str


class ReadinessOut(BaseModel):
    ready: bool
    missing: list[MissingOut]


class CardOut(Output):
    id: int
    worker_id: int
    number: str
    issued_on: dt.date
    expires_on: dt.date


def _readiness(missing: list[service.Missing]) -> ReadinessOut:
    return ReadinessOut(
        ready=not missing, missing=[MissingOut(code=m.code, message=m.message) for m in missing]
    )


@router.get("/workers/{worker_id}/registration", response_model=ReadinessOut)
def registration(worker_id: int, session: SessionDep, user: Viewer) -> ReadinessOut:
    """What stands between the worker and registration (nothing: ready)."""
    worker = get_worker(session, worker_id)
    return _readiness(service.registration_missing(session, worker=worker, today=dt.date.today()))


@router.post(
    "/workers/{worker_id}/registration", response_model=CardOut, status_code=status.HTTP_201_CREATED
)
def register(worker_id: int, session: SessionDep, policy: PolicyDep, user: Officer) -> object:
    """Register the worker and issue the first identity card."""
    return service.register(session, worker_id=worker_id, policy=policy, actor=actor_of(user))


@router.get("/workers/{worker_id}/renewal", response_model=ReadinessOut)
def renewal(worker_id: int, session: SessionDep, policy: PolicyDep, user: Viewer) -> ReadinessOut:
    """What stands between the worker and the card's renewal (nothing: ready)."""
    worker = get_worker(session, worker_id)
    return _readiness(
        service.renewal_missing(session, worker=worker, policy=policy, today=dt.date.today())
    )


@router.post(
    "/workers/{worker_id}/renewal", response_model=CardOut, status_code=status.HTTP_201_CREATED
)
def renew(worker_id: int, session: SessionDep, policy: PolicyDep, user: Officer) -> object:
    """Renew the identity card after the renewal interview."""
    return service.renew(session, worker_id=worker_id, policy=policy, actor=actor_of(user))


@router.get("/workers/{worker_id}/cards", response_model=list[CardOut])
def cards(worker_id: int, session: SessionDep, user: Viewer) -> object:
    """The worker's identity cards, newest first."""
    from sqlalchemy import select

    get_worker(session, worker_id)
    return list(
        session.scalars(
            select(IdentityCard)
            .where(IdentityCard.worker_id == worker_id)
            .order_by(IdentityCard.expires_on.desc())
        )
    )
