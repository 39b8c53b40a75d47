"""The record of a held interview: who was there, what was checked, asked and given.

Officers and supervisors only (the routes say so); every read and the writing are audited.
A follow-up, a referral, any ILO indicator of forced labour, or someone from the employer's
side in the room opens a concern; the last also means the interview must be held again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.concerns.models import ConcernSeverity
from app.concerns.service import open_concern
from app.db import utcnow
from app.errors import Conflict, NotFound, invalid
from app.i18n import N_, _
from app.interviews.changes import mark_held
from app.interviews.models import (
    CHECKS,
    TAINTING_PRESENCE,
    Interview,
    InterviewRecord,
    InterviewStatus,
    Outcome,
)

CONCERN_SOURCE = "interview"
SUMMARIES = {
    "presence": N_(
        "Someone from the employer's side was present at the interview: "
        "it must be held again, without them."
    ),
    Outcome.referral.value: N_("The interview ended with a referral."),
    Outcome.follow_up.value: N_("The interview needs a follow-up."),
    "ilo": N_("Indicators of forced labour were seen at the interview."),
}
STATUS_REFUSALS = {
    InterviewStatus.cancelled.value: N_(
        "This interview was cancelled: it never took place and cannot be recorded."
    ),
    InterviewStatus.rescheduled.value: N_(
        "This interview was moved to another time: record the new booking instead."
    ),
    InterviewStatus.missed.value: N_(
        "The worker did not come to this interview: there is nothing to record."
    ),
}


def _recordable(session: Session, interview_id: int, now: dt.datetime) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound(
            _("There is no such interview: only a booked interview can be recorded. Book it first.")
        )
    if interview.status in STATUS_REFUSALS:
        raise Conflict(_(STATUS_REFUSALS[interview.status]))
    if interview.starts_at > now:
        raise invalid(
            "interview_id",
            _("This interview has not started yet: it can be recorded once it has taken place."),
        )
    if session.scalar(
        select(InterviewRecord.id).where(InterviewRecord.interview_id == interview.id)
    ):
        raise Conflict(_("This interview is already recorded."))
    return interview


def _concern_summary(rec: InterviewRecord) -> tuple[str, ConcernSeverity] | None:
    """Why the record opens a concern, and how serious it is, or None."""
    if rec.must_repeat:
        return SUMMARIES["presence"], ConcernSeverity.high
    if rec.ilo_indicators:
        return SUMMARIES["ilo"], ConcernSeverity.high
    if rec.outcome == Outcome.referral.value:
        return SUMMARIES[Outcome.referral.value], ConcernSeverity.high
    if rec.outcome == Outcome.follow_up.value:
        return SUMMARIES[Outcome.follow_up.value], ConcernSeverity.medium
    return None


def record_interview(
    session: Session,
    *,
    interview_id: int,
    data: dict[str, Any],
    actor: Actor,
    now: dt.datetime | None = None,
) -> InterviewRecord:
    """Record what happened at an interview that took place (a scheduled one is marked held)."""
    moment = now or utcnow()
    interview = _recordable(session, interview_id, moment)
    present = [str(p) for p in data.get("present") or []]
    must_repeat = any(p in TAINTING_PRESENCE for p in present)
    if must_repeat and data.get("next_interview_due_on") is None:
        raise invalid(
            "next_interview_due_on",
            _(
                "Someone from the employer's side was present: the interview must be held again. "
                "Give the date by which the new interview is due."
            ),
        )
    due = data.get("next_interview_due_on")
    if due is not None and due < moment.date():
        raise invalid("next_interview_due_on", _("The next interview cannot be due in the past."))
    if interview.status == InterviewStatus.scheduled.value:
        mark_held(session, interview_id=interview.id, actor=actor, now=moment)
    rec = InterviewRecord(
        interview_id=interview.id,
        worker_id=interview.worker_id,
        present=present,
        present_notes=data.get("present_notes"),
        interpreter_id=interview.interpreter_id,
        language=data["language"],
        **{name: bool(data.get(name)) for name in CHECKS},
        ilo_indicators=[str(i) for i in data.get("ilo_indicators") or []],
        worker_words=data.get("worker_words") or None,
        leaflet_language=data.get("leaflet_language"),
        leaflet_version=data.get("leaflet_version"),
        outcome=str(data["outcome"]),
        next_interview_due_on=due,
        must_repeat=must_repeat,
        recorded_at=moment,
        recorded_by_user_id=actor.user_id,
    )
    session.add(rec)
    session.flush()
    reason = _concern_summary(rec)
    if reason is not None:
        concern = open_concern(
            session,
            worker_id=interview.worker_id,
            source=CONCERN_SOURCE,
            severity=reason[1],
            summary=reason[0],
            actor=actor,
        )
        rec.concern_id = concern.id
        session.flush()
    record(
        session,
        actor=actor,
        action="record",
        entity="interview_record",
        entity_id=rec.id,
        worker_id=interview.worker_id,
        # What the log keeps: the findings, never the worker's words.
        changes={
            "interview_id": interview.id,
            "outcome": rec.outcome,
            "ilo_indicators": rec.ilo_indicators,
            "must_repeat": must_repeat,
            "concern_id": rec.concern_id,
        },
    )
    return rec


def record_of(session: Session, interview_id: int) -> InterviewRecord | None:
    """The record of an interview, if there is one (not audited: say who reads it)."""
    return session.scalars(
        select(InterviewRecord).where(InterviewRecord.interview_id == interview_id)
    ).first()


def read_record(session: Session, *, interview_id: int, actor: Actor) -> InterviewRecord:
    """The record of an interview; the read is audited in the worker's file."""
    if session.get(Interview, interview_id) is None:
        raise NotFound(_("There is no such interview."))
    rec = record_of(session, interview_id)
    if rec is None:
        raise NotFound(_("This interview has not been recorded yet."))
    record(
        session,
        actor=actor,
        action="read",
        entity="interview_record",
        entity_id=rec.id,
        worker_id=rec.worker_id,
    )
    return rec


def repeat_pending(session: Session, worker_id: int) -> InterviewRecord | None:
    """The worker's latest record that asks for the interview to be held again, if no interview
    has been booked since it was recorded."""
    latest = session.scalars(
        select(InterviewRecord)
        .where(InterviewRecord.worker_id == worker_id)
        .order_by(InterviewRecord.recorded_at.desc(), InterviewRecord.id.desc())
        .limit(1)
    ).first()
    if latest is None or not latest.must_repeat:
        return None
    booked_since = session.scalar(
        select(Interview.id).where(
            Interview.worker_id == worker_id,
            Interview.created_at > latest.recorded_at,
            Interview.status.in_([InterviewStatus.scheduled.value, InterviewStatus.held.value]),
        )
    )
    return None if booked_since else latest
