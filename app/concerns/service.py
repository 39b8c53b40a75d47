"""Concerns: opened by hand or by the system, assigned, graded, noted, closed with an outcome;
each change is a line of the concern's history and an entry of the worker's audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.auth.models import Role, StaffUser
from app.concerns.models import (
    SEVERITY_ORDER,
    Concern,
    ConcernEvent,
    ConcernOutcome,
    ConcernSeverity,
    ConcernSource,
    ConcernStatus,
)
from app.db import utcnow
from app.errors import Conflict, NotFound, invalid
from app.i18n import _
from app.registry.service import check_version
from app.registry.workers import get_worker

HANDLING_ROLES = (Role.officer.value, Role.supervisor.value, Role.administrator.value)


def add_event(
    session: Session,
    concern: Concern,
    *,
    actor: Actor,
    action: str,
    note: str | None = None,
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> ConcernEvent:
    """Append a line to the concern's history."""
    event = ConcernEvent(
        concern_id=concern.id,
        at=at or utcnow(),
        actor_user_id=actor.user_id,
        actor=actor.label,
        action=action,
        note=note or None,
        details=details,
    )
    session.add(event)
    return event


def open_concern(
    session: Session,
    *,
    worker_id: int,
    source: str,
    severity: ConcernSeverity,
    summary: str,
    actor: Actor,
    assigned_to_user_id: int | None = None,
    note: str | None = None,
) -> Concern:
    """Open a concern about a worker; the opening is audited and starts its history."""
    if assigned_to_user_id is not None:
        assignee(session, assigned_to_user_id)
    concern = Concern(
        worker_id=worker_id,
        source=ConcernSource(source).value,
        severity=severity.value,
        summary=summary,
        status=ConcernStatus.open.value,
        opened_by_user_id=actor.user_id,
        assigned_to_user_id=assigned_to_user_id,
    )
    session.add(concern)
    session.flush()
    add_event(session, concern, actor=actor, action="opened", note=note)
    record(
        session,
        actor=actor,
        action="create",
        entity="concern",
        entity_id=concern.id,
        worker_id=worker_id,
        # Before and after, like every "create" entry (the worker's file shows them so).
        changes={
            "source": {"before": None, "after": concern.source},
            "severity": {"before": None, "after": severity.value},
        },
    )
    return concern


def open_by_hand(session: Session, *, data: dict[str, Any], actor: Actor) -> Concern:
    """An officer opens a concern (a help request by phone, something seen): the summary is
    their own words."""
    worker = get_worker(session, data["worker_id"])
    return open_concern(
        session,
        worker_id=worker.id,
        source=data.get("source") or ConcernSource.help_request.value,
        severity=ConcernSeverity(data.get("severity") or ConcernSeverity.medium.value),
        summary=data["summary"],
        assigned_to_user_id=data.get("assigned_to_user_id"),
        actor=actor,
    )


def open_concern_from(session: Session, *, worker_id: int, source: str) -> Concern | None:
    """The worker's concern from that source that is not closed yet, if there is one."""
    return session.scalars(
        select(Concern)
        .where(
            Concern.worker_id == worker_id,
            Concern.source == source,
            Concern.status != ConcernStatus.closed.value,
        )
        .order_by(Concern.id)
    ).first()


def get_concern(session: Session, concern_id: int) -> Concern:
    concern = session.get(Concern, concern_id)
    if concern is None:
        raise NotFound(_("There is no such concern."))
    return concern


def read_concern(session: Session, *, concern_id: int, actor: Actor) -> Concern:
    """One concern; the read is audited in the worker's file."""
    concern = get_concern(session, concern_id)
    record(
        session,
        actor=actor,
        action="read",
        entity="concern",
        entity_id=concern.id,
        worker_id=concern.worker_id,
    )
    return concern


def require_not_closed(concern: Concern) -> None:
    if concern.status == ConcernStatus.closed.value:
        raise Conflict(_("This concern is closed: open a new one if something new comes up."))


def assignee(session: Session, user_id: int) -> StaffUser:
    """A staff user who may handle concerns (an active officer, supervisor or administrator)."""
    user = session.get(StaffUser, user_id)
    if user is None or not user.is_active or user.role not in HANDLING_ROLES:
        raise invalid(
            "assigned_to_user_id",
            _("Choose an active officer: only officers and supervisors handle concerns."),
        )
    return user


def assignees(session: Session) -> list[StaffUser]:
    """Who a concern can be assigned to, by name."""
    return list(
        session.scalars(
            select(StaffUser)
            .where(StaffUser.is_active, StaffUser.role.in_(HANDLING_ROLES))
            .order_by(StaffUser.display_name, StaffUser.id)
        )
    )


def raised(severity: str) -> str:
    """The next severity up (high stays high)."""
    index = [s.value for s in SEVERITY_ORDER].index(severity)
    return SEVERITY_ORDER[min(index + 1, len(SEVERITY_ORDER) - 1)].value


def update_concern(
    session: Session,
    *,
    concern_id: int,
    data: dict[str, Any],
    version: int | None,
    actor: Actor,
) -> Concern:
    """Assign the concern (or take it off someone) and change its severity; each change is a
    line of its history, with the note if one is given."""
    concern = get_concern(session, concern_id)
    check_version(concern, version)
    require_not_closed(concern)
    note = data.get("note") or None
    changes: dict[str, Any] = {}
    if "assigned_to_user_id" in data and data["assigned_to_user_id"] != concern.assigned_to_user_id:
        new = data["assigned_to_user_id"]
        if new is not None:
            assignee(session, new)
        changes["assigned_to_user_id"] = {"before": concern.assigned_to_user_id, "after": new}
        concern.assigned_to_user_id = new
        add_event(session, concern, actor=actor, action="assigned", note=note, details=changes)
    severity = data.get("severity")
    if severity is not None and severity != concern.severity:
        change = {"before": concern.severity, "after": ConcernSeverity(severity).value}
        changes["severity"] = change
        concern.severity = change["after"]
        add_event(
            session,
            concern,
            actor=actor,
            action="severity",
            note=note,
            details={"severity": change},
        )
    if not changes:
        if note:
            add_note(session, concern_id=concern.id, note=note, actor=actor)
        return concern
    session.flush()
    record(
        session,
        actor=actor,
        action="update",
        entity="concern",
        entity_id=concern.id,
        worker_id=concern.worker_id,
        changes=changes,
    )
    return concern


def add_note(session: Session, *, concern_id: int, note: str, actor: Actor) -> ConcernEvent:
    """Add a note to the concern's history (a call made, what the worker said)."""
    concern = get_concern(session, concern_id)
    require_not_closed(concern)
    if not note or len(note.strip()) < 3:
        raise invalid("note", _("Write the note (at least 3 characters)."))
    event = add_event(session, concern, actor=actor, action="note", note=note.strip())
    session.flush()
    # The log says a note was written, never what it says (the history keeps it, encrypted).
    record(
        session,
        actor=actor,
        action="note",
        entity="concern",
        entity_id=concern.id,
        worker_id=concern.worker_id,
    )
    return event


def close_concern(
    session: Session,
    *,
    concern_id: int,
    outcome: str | None,
    note: str | None,
    version: int | None,
    actor: Actor,
) -> Concern:
    """Close the concern with its outcome (and a note; required when the outcome is "other")."""
    concern = get_concern(session, concern_id)
    check_version(concern, version)
    require_not_closed(concern)
    if not outcome:
        raise invalid(
            "outcome", _("Choose how the concern ended: a concern is closed only with an outcome.")
        )
    outcome = ConcernOutcome(outcome).value
    if outcome == ConcernOutcome.other.value and not (note or "").strip():
        raise invalid("note", _("Say what the outcome was: the outcome is “other”."))
    before = concern.status
    concern.status = ConcernStatus.closed.value
    concern.outcome = outcome
    concern.outcome_note = (note or "").strip() or None
    concern.closed_at = utcnow()
    concern.closed_by_user_id = actor.user_id
    add_event(
        session,
        concern,
        actor=actor,
        action="closed",
        note=concern.outcome_note,
        details={"outcome": outcome},
    )
    session.flush()
    record(
        session,
        actor=actor,
        action="close",
        entity="concern",
        entity_id=concern.id,
        worker_id=concern.worker_id,
        changes={
            "status": {"before": before, "after": concern.status},
            "outcome": {"before": None, "after": outcome},
        },
    )
    return concern


def history_of(session: Session, concern_id: int) -> list[ConcernEvent]:
    """The concern's history, oldest first."""
    return list(
        session.scalars(
            select(ConcernEvent)
            .where(ConcernEvent.concern_id == concern_id)
            .order_by(ConcernEvent.at, ConcernEvent.id)
        )
    )


def age_days(concern: Concern, now: dt.datetime | None = None) -> int:
    """Whole days since the concern was opened."""
    return max(0, ((now or utcnow()) - concern.opened_at).days)


def concerns_of_worker(session: Session, worker_id: int) -> list[Concern]:
    """A worker's concerns, the ones still open first, then newest first."""
    rows = session.scalars(
        select(Concern).where(Concern.worker_id == worker_id).order_by(Concern.opened_at.desc())
    ).all()
    return sorted(rows, key=lambda c: c.status == ConcernStatus.closed.value)
