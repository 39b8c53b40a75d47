"""Changes to a booked interview (reschedule, cancel, no-show, held) and reading them back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.concerns.models import ConcernSeverity
from app.concerns.service import open_concern, open_concern_from
from app.config import Policy
from app.db import utcnow
from app.errors import Conflict, NotFound, invalid
from app.i18n import N_, _
from app.interviews.booking import book_interview
from app.interviews.display import STATUSES
from app.interviews.models import Interview, InterviewLocation, InterviewStatus
from app.notices.service import send_note
from app.pagination import Cursor, aware_datetime, keyset_page
from app.registry.service import check_version

NO_SHOW = "no_show"
NO_SHOW_SUMMARY = N_(
    "The worker missed a second interview in a row: the employer may be keeping them away."
)


def get_interview(session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound(_("There is no such interview."))
    return interview


def read_interview(session: Session, *, interview_id: int, actor: Actor) -> Interview:
    """One interview; the read is audited in the worker's file."""
    interview = get_interview(session, interview_id)
    record(
        session,
        actor=actor,
        action="read",
        entity="interview",
        entity_id=interview.id,
        worker_id=interview.worker_id,
    )
    return interview


def _set_status(
    session: Session,
    interview: Interview,
    status: InterviewStatus,
    *,
    actor: Actor,
    action: str,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    before = interview.status
    interview.status = status.value
    interview.status_reason = reason
    interview.status_changed_at = utcnow()
    interview.status_changed_by_user_id = actor.user_id
    session.flush()
    changes: dict[str, Any] = {"status": {"before": before, "after": status.value}}
    if reason:
        changes["reason"] = {"before": None, "after": reason}
    record(
        session,
        actor=actor,
        action=action,
        entity="interview",
        entity_id=interview.id,
        worker_id=interview.worker_id,
        changes={**changes, **(extra or {})},
    )


def _require_status(interview: Interview, *allowed: InterviewStatus) -> None:
    if interview.status not in {s.value for s in allowed}:
        raise Conflict(
            _("This interview's status is “{status}”: it cannot be changed this way.").format(
                status=_(STATUSES[interview.status])
            )
        )


def cancel_interview(
    session: Session, *, interview_id: int, reason: str, version: int | None, actor: Actor
) -> Interview:
    """Cancel a scheduled interview, saying why; the resources are free again."""
    interview = get_interview(session, interview_id)
    check_version(interview, version)
    _require_status(interview, InterviewStatus.scheduled)
    _set_status(
        session, interview, InterviewStatus.cancelled, actor=actor, action="cancel", reason=reason
    )
    send_note(session, interview=interview, actor=actor)  # tell the mission, once
    return interview


def reschedule_interview(
    session: Session,
    *,
    interview_id: int,
    starts_at: dt.datetime,
    policy: Policy,
    actor: Actor,
    reason: str | None = None,
    version: int | None = None,
    officer_id: int | None = None,
    room_id: int | None = None,
    interpreter_id: int | None = None,
    now: dt.datetime | None = None,
) -> Interview:
    """Move a scheduled (or missed) interview to a new time: a new booking linked to the old."""
    old = get_interview(session, interview_id)
    check_version(old, version)
    _require_status(old, InterviewStatus.scheduled, InterviewStatus.missed)
    with session.begin_nested():  # a refused new time leaves the old booking as it was
        if old.status == InterviewStatus.scheduled.value:
            _set_status(
                session,
                old,
                InterviewStatus.rescheduled,
                actor=actor,
                action="reschedule",
                reason=reason,
            )
        new = book_interview(
            session,
            worker_id=old.worker_id,
            kind=old.kind,
            location_id=old.location_id,
            starts_at=starts_at,
            policy=policy,
            actor=actor,
            officer_id=officer_id,
            room_id=room_id,
            interpreter_id=interpreter_id,
            rescheduled_from_id=old.id,
            now=now,
        )
    return new


def mark_no_show(
    session: Session,
    *,
    interview_id: int,
    actor: Actor,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Interview:
    """Record that the worker did not come; a second miss in a row opens a concern."""
    interview = get_interview(session, interview_id)
    check_version(interview, version)
    _require_status(interview, InterviewStatus.scheduled)
    if interview.starts_at > (now or utcnow()):
        raise invalid("status", _("The interview has not started yet."))
    _set_status(session, interview, InterviewStatus.missed, actor=actor, action="no_show")
    last_two = session.scalars(
        select(Interview.status)
        .where(
            Interview.worker_id == interview.worker_id,
            Interview.status.in_([InterviewStatus.held.value, InterviewStatus.missed.value]),
        )
        .order_by(Interview.starts_at.desc(), Interview.id.desc())
        .limit(2)
    ).all()
    if last_two == [InterviewStatus.missed.value] * 2 and not open_concern_from(
        session, worker_id=interview.worker_id, source=NO_SHOW
    ):
        open_concern(
            session,
            worker_id=interview.worker_id,
            source=NO_SHOW,
            severity=ConcernSeverity.high,
            summary=NO_SHOW_SUMMARY,
            actor=actor,
        )
    return interview


def mark_held(
    session: Session,
    *,
    interview_id: int,
    actor: Actor,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Interview:
    """Record that the interview took place (the record of it is a separate step)."""
    interview = get_interview(session, interview_id)
    check_version(interview, version)
    _require_status(interview, InterviewStatus.scheduled)
    if interview.starts_at > (now or utcnow()):
        raise invalid("status", _("The interview has not started yet."))
    _set_status(session, interview, InterviewStatus.held, actor=actor, action="held")
    return interview


EARLIEST_FIRST = (Cursor(Interview.starts_at, aware_datetime), Cursor(Interview.id, int))


def list_interviews(
    session: Session,
    *,
    actor: Actor,
    worker_id: int | None = None,
    location_id: int | None = None,
    officer_id: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Interview], str | None]:
    """Interviews in time order, filtered; listing a worker's interviews is audited."""
    stmt = select(Interview)
    if worker_id is not None:
        stmt = stmt.where(Interview.worker_id == worker_id)
    if location_id is not None:
        stmt = stmt.where(Interview.location_id == location_id)
    if officer_id is not None:
        stmt = stmt.where(Interview.officer_id == officer_id)
    if kind:
        stmt = stmt.where(Interview.kind == kind)
    if status:
        stmt = stmt.where(Interview.status == status)
    if since:
        stmt = stmt.where(Interview.starts_at >= since)
    if until:
        stmt = stmt.where(Interview.starts_at < until)
    rows, next_cursor = keyset_page(session, stmt, EARLIEST_FIRST, cursor=cursor, limit=limit)
    record(
        session,
        actor=actor,
        action="list",
        entity="interview",
        worker_id=worker_id,
        changes={"count": len(rows)},
    )
    return rows, next_cursor


def zones_for(session: Session, interviews: list[Interview]) -> dict[int, str]:
    """The time zone of each interview's location, in one query."""
    ids = {i.location_id for i in interviews}
    if not ids:
        return {}
    rows = session.execute(
        select(InterviewLocation.id, InterviewLocation.time_zone).where(
            InterviewLocation.id.in_(ids)
        )
    )
    return {location_id: zone for location_id, zone in rows}
