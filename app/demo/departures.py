"""A demo worker who has left: registered two months ago, employment ended ten days ago, the
card given back at the departure interview, and the file closed a week ago. The file keeps its
whole history (contract, card, interviews, deposits, timeline)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import SYSTEM
from app.config import Policy
from app.demo.lifecycle import _account, _candidates, _held, _pay
from app.departures import employment, service
from app.departures.models import DepartureReason
from app.interviews.models import Interview, InterviewLocation, InterviewOfficer, InterviewRoom
from app.renewals import service as renewals


def seed_departure(session: Session, *, policy: Policy, officer: InterviewOfficer) -> int | None:
    """Take one more pending demo worker through registration and departure; their id."""
    today = dt.date.today()
    registered_on = today - dt.timedelta(days=60)
    interviewed = set(session.scalars(select(Interview.worker_id)))
    chosen = [
        (w, c)
        for w, c in _candidates(session, today, 30)
        if w.id not in interviewed and c.starts_on <= registered_on - dt.timedelta(days=5)
    ]
    if not chosen:
        return None
    worker, contract = chosen[0]
    location = session.get(InterviewLocation, officer.location_id)
    room = session.scalars(
        select(InterviewRoom).where(InterviewRoom.location_id == officer.location_id)
    ).first()
    assert location is not None and room is not None
    durations = policy.interviews.durations_minutes

    def held(kind: str, day: dt.date) -> Interview:
        _held(
            session,
            worker=worker,
            kind=kind,
            day=day,
            officer=officer,
            room=room,
            location=location,
            minutes=getattr(durations, kind),
        )
        return session.scalars(
            select(Interview).where(Interview.worker_id == worker.id, Interview.kind == kind)
        ).one()

    held("arrival", registered_on - dt.timedelta(days=2))
    _account(session, worker, policy, registered_on - dt.timedelta(days=2))
    renewals.register(
        session, worker_id=worker.id, policy=policy, actor=SYSTEM, today=registered_on
    )
    _pay(session, worker, contract, today)
    employment.record_employment_end(
        session,
        worker_id=worker.id,
        reason=DepartureReason.posting_ended,
        ended_on=today - dt.timedelta(days=10),
        notes="The employer's posting ended; the worker flew home the week after.",
        version=None,
        actor=SYSTEM,
        today=today - dt.timedelta(days=10),
    )
    interview = held("departure", today - dt.timedelta(days=8))
    service.record_card(
        session,
        worker_id=worker.id,
        returned_on=interview.starts_at.date(),
        not_returned_reason=None,
        version=None,
        actor=SYSTEM,
        today=today,
    )
    service.link_interview(
        session, worker_id=worker.id, interview_id=interview.id, version=None, actor=SYSTEM
    )
    service.close_file(
        session,
        worker_id=worker.id,
        interview_waived_reason=None,
        version=None,
        supervisor=False,
        actor=SYSTEM,
        today=today - dt.timedelta(days=7),
    )
    return worker.id
