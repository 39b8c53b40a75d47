"""Concerns, minimal for now: opened automatically (a second no-show in a row); issue 5 adds
the follow-up (referrals, mediation, closing)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.interviews.models import Concern, ConcernSeverity, ConcernStatus


def open_concern(
    session: Session,
    *,
    worker_id: int,
    source: str,
    severity: ConcernSeverity,
    summary: str,
    actor: Actor,
) -> Concern:
    """Open a concern about a worker; the opening is audited."""
    concern = Concern(
        worker_id=worker_id,
        source=source,
        severity=severity.value,
        summary=summary,
        status=ConcernStatus.open.value,
    )
    session.add(concern)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="concern",
        entity_id=concern.id,
        worker_id=worker_id,
        # Before and after, like every "create" entry (the worker's file shows them so).
        changes={
            "source": {"before": None, "after": source},
            "severity": {"before": None, "after": severity.value},
        },
    )
    return concern


def open_concern_from(session: Session, *, worker_id: int, source: str) -> Concern | None:
    """The worker's open concern from that source, if there is one."""
    return session.scalars(
        select(Concern).where(
            Concern.worker_id == worker_id,
            Concern.source == source,
            Concern.status == ConcernStatus.open.value,
        )
    ).first()
