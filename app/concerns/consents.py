"""The worker's consent to share their details with organisations outside the ministry:
recorded (when, how, by whom, for one organisation or any), withdrawn, and looked up when a
concern is referred. Both are audited in the worker's file."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.concerns.models import Consent, ConsentMethod
from app.concerns.organisations import get_organisation
from app.db import utcnow
from app.errors import Conflict, NotFound, invalid
from app.i18n import _
from app.registry.workers import get_worker


def record_consent(
    session: Session,
    *,
    worker_id: int,
    organisation_id: int | None,
    given_on: dt.date,
    method: str,
    note: str | None,
    actor: Actor,
    today: dt.date | None = None,
) -> Consent:
    """Record that the worker agreed to their details being shared (with one organisation, or
    with any outside the ministry when none is named)."""
    worker = get_worker(session, worker_id)
    if given_on > (today or dt.date.today()):
        raise invalid("given_on", _("Consent cannot be dated in the future."))
    if organisation_id is not None:
        try:
            get_organisation(session, organisation_id)
        except NotFound as exc:
            raise invalid("organisation_id", exc.detail) from exc
    consent = Consent(
        worker_id=worker.id,
        organisation_id=organisation_id,
        given_on=given_on,
        method=ConsentMethod(method).value,
        note=(note or "").strip() or None,
        recorded_by_user_id=actor.user_id,
    )
    session.add(consent)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="consent",
        entity_id=consent.id,
        worker_id=worker.id,
        changes={
            "organisation_id": {"before": None, "after": organisation_id},
            "given_on": {"before": None, "after": given_on.isoformat()},
            "method": {"before": None, "after": consent.method},
        },
    )
    return consent


def withdraw_consent(session: Session, *, consent_id: int, actor: Actor) -> Consent:
    """The worker takes their consent back: nothing more is shared on its strength."""
    consent = session.get(Consent, consent_id)
    if consent is None:
        raise NotFound(_("There is no such consent."))
    if consent.withdrawn_at is not None:
        raise Conflict(_("This consent was already withdrawn."))
    consent.withdrawn_at = utcnow()
    consent.withdrawn_by_user_id = actor.user_id
    session.flush()
    record(
        session,
        actor=actor,
        action="withdraw",
        entity="consent",
        entity_id=consent.id,
        worker_id=consent.worker_id,
    )
    return consent


def consents_of(session: Session, worker_id: int) -> list[Consent]:
    """The worker's consents, newest first (withdrawn ones included)."""
    return list(
        session.scalars(
            select(Consent)
            .where(Consent.worker_id == worker_id)
            .order_by(Consent.given_on.desc(), Consent.id.desc())
        )
    )


def consent_for(session: Session, *, worker_id: int, organisation_id: int) -> Consent | None:
    """The worker's standing consent that covers this organisation, if there is one."""
    return session.scalars(
        select(Consent)
        .where(
            Consent.worker_id == worker_id,
            Consent.withdrawn_at.is_(None),
            or_(Consent.organisation_id.is_(None), Consent.organisation_id == organisation_id),
        )
        .order_by(Consent.organisation_id.is_(None), Consent.id.desc())
    ).first()
