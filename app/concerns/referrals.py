"""Referring a concern to an organisation, following the referral, and escalating a mediation
that stalls.

Sharing a worker's details with an organisation outside the ministry needs the worker's
recorded consent, or a supervisor's override with a reason; both are audited. A referral that
shares nothing (advice asked without naming the worker) needs neither.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.audit.service import SYSTEM, Actor, record
from app.concerns.consents import consent_for
from app.concerns.models import (
    Concern,
    ConcernStatus,
    Organisation,
    OrganisationKind,
    Referral,
    ReferralStatus,
    SharedDetail,
)
from app.concerns.organisations import referable
from app.concerns.service import add_event, get_concern, raised, require_not_closed
from app.config import Policy
from app.db import utcnow
from app.errors import Conflict, FieldError, Forbidden, NotFound, invalid
from app.i18n import _
from app.registry.service import check_version

MIN_REASON = 10


@dataclass(frozen=True)
class Basis:
    """Why the worker's details may go to the organisation."""

    consent_id: int | None = None
    override_reason: str | None = None


def _basis(
    session: Session,
    concern: Concern,
    organisation: Organisation,
    *,
    shared: list[str],
    override_reason: str | None,
    can_override: bool,
) -> Basis:
    if not organisation.outside_ministry or not shared:
        return Basis()
    consent = consent_for(session, worker_id=concern.worker_id, organisation_id=organisation.id)
    if consent is not None:
        return Basis(consent_id=consent.id)
    reason = (override_reason or "").strip()
    if not reason:
        raise invalid(
            "organisation_id",
            _(
                "The worker has not consented to their details being shared with {name}, "
                "which is outside the ministry. Record the worker's consent first, refer "
                "without sharing their details, or ask a supervisor to override with a reason."
            ).format(name=organisation.name),
        )
    if not can_override:
        message = _("Only a supervisor can share a worker's details without their consent.")
        raise Forbidden(message, errors=[FieldError("override_reason", message)])
    if len(reason) < MIN_REASON:
        raise invalid(
            "override_reason",
            _(
                "Say why the details must be shared without consent (at least {n} characters)."
            ).format(n=MIN_REASON),
        )
    return Basis(override_reason=reason[:500])


def refer(
    session: Session,
    *,
    concern_id: int,
    organisation_id: int | None,
    shared: list[str],
    note: str | None,
    override_reason: str | None,
    can_override: bool,
    version: int | None,
    policy: Policy,
    actor: Actor,
    today: dt.date | None = None,
) -> Referral:
    """Refer the concern to an organisation of the directory; a mediation gets its deadline."""
    concern = get_concern(session, concern_id)
    check_version(concern, version)
    require_not_closed(concern)
    organisation = referable(session, organisation_id)
    shared = sorted({SharedDetail(s).value for s in shared})
    basis = _basis(
        session,
        concern,
        organisation,
        shared=shared,
        override_reason=override_reason,
        can_override=can_override,
    )
    today = today or dt.date.today()
    deadline = None
    if organisation.kind == OrganisationKind.mediation.value:
        deadline = today + dt.timedelta(days=policy.concerns.mediation_deadline_days)
    referral = Referral(
        concern_id=concern.id,
        organisation_id=organisation.id,
        referred_on=today,
        referred_by_user_id=actor.user_id,
        shared=shared,
        consent_id=basis.consent_id,
        override_reason=basis.override_reason,
        override_by_user_id=actor.user_id if basis.override_reason else None,
        status=ReferralStatus.sent.value,
        deadline_on=deadline,
    )
    session.add(referral)
    before = concern.status
    concern.status = ConcernStatus.referred.value
    session.flush()
    add_event(
        session,
        concern,
        actor=actor,
        action="referred",
        note=(note or "").strip() or None,
        details={
            "referral_id": referral.id,
            "organisation_id": organisation.id,
            "shared": shared,
            "consent_id": basis.consent_id,
            "override": basis.override_reason is not None,
        },
    )
    record(
        session,
        actor=actor,
        action="create",
        entity="referral",
        entity_id=referral.id,
        worker_id=concern.worker_id,
        changes={
            "organisation_id": {"before": None, "after": organisation.id},
            "shared": {"before": None, "after": shared},
            "consent_id": {"before": None, "after": basis.consent_id},
            "status": {"before": before, "after": concern.status},
        },
    )
    if basis.override_reason:
        record(
            session,
            actor=actor,
            action="override",
            entity="referral",
            entity_id=referral.id,
            worker_id=concern.worker_id,
            changes={"reason": basis.override_reason, "organisation_id": organisation.id},
        )
    return referral


def get_referral(session: Session, referral_id: int) -> Referral:
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound(_("There is no such referral."))
    return referral


def record_progress(
    session: Session,
    *,
    referral_id: int,
    note: str | None,
    concluded: bool,
    version: int | None,
    policy: Policy,
    actor: Actor,
    today: dt.date | None = None,
) -> Referral:
    """What the organisation did: the referral moves (a mediation gets a new deadline), or it
    is concluded."""
    referral = get_referral(session, referral_id)
    check_version(referral, version)
    concern = get_concern(session, referral.concern_id)
    require_not_closed(concern)
    if referral.status == ReferralStatus.concluded.value:
        raise Conflict(_("This referral is concluded already."))
    if not (note or "").strip():
        raise invalid("note", _("Say what happened (a meeting held, an answer received)."))
    today = today or dt.date.today()
    before = referral.status
    now = utcnow()
    referral.moved_at = now
    if concluded:
        referral.status = ReferralStatus.concluded.value
        referral.concluded_at = now
    else:
        referral.status = ReferralStatus.in_progress.value
        if referral.deadline_on is not None:
            referral.deadline_on = today + dt.timedelta(
                days=policy.concerns.mediation_deadline_days
            )
    session.flush()
    add_event(
        session,
        concern,
        actor=actor,
        action="concluded" if concluded else "progress",
        note=(note or "").strip(),
        details={
            "referral_id": referral.id,
            "organisation_id": referral.organisation_id,
            "deadline_on": _iso(referral.deadline_on),
        },
    )
    record(
        session,
        actor=actor,
        action="update",
        entity="referral",
        entity_id=referral.id,
        worker_id=concern.worker_id,
        changes={"status": {"before": before, "after": referral.status}},
    )
    return referral


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def referrals_of(session: Session, concern_id: int) -> list[Referral]:
    return list(
        session.scalars(
            select(Referral)
            .where(Referral.concern_id == concern_id)
            .order_by(Referral.referred_at, Referral.id)
        )
    )


def stalled(today: dt.date) -> Select[Referral, Concern]:
    """The mediation referrals past their deadline, not concluded, on a concern not closed."""
    return (
        select(Referral, Concern)
        .join(Concern, Concern.id == Referral.concern_id)
        .where(
            Referral.deadline_on < today,
            Referral.status != ReferralStatus.concluded.value,
            Concern.status != ConcernStatus.closed.value,
        )
    )


def escalate_stalled(
    session: Session, *, today: dt.date | None = None, actor: Actor = SYSTEM
) -> list[Referral]:
    """Escalate each mediation that has not moved by its deadline, once: the concern's
    severity goes up, it is flagged escalated and the dashboard shows it."""
    today = today or dt.date.today()
    now = utcnow()
    rows = session.execute(
        stalled(today).where(Referral.escalated_at.is_(None)).order_by(Referral.id)
    ).all()
    escalated = []
    for referral, concern in rows:
        referral.escalated_at = now
        severity = {"before": concern.severity, "after": raised(concern.severity)}
        concern.severity = severity["after"]
        concern.escalated_at = now
        add_event(
            session,
            concern,
            actor=actor,
            action="escalated",
            details={
                "referral_id": referral.id,
                "organisation_id": referral.organisation_id,
                "deadline_on": _iso(referral.deadline_on),
                "severity": severity,
            },
        )
        record(
            session,
            actor=actor,
            action="escalate",
            entity="referral",
            entity_id=referral.id,
            worker_id=concern.worker_id,
            changes={"severity": severity, "deadline_on": _iso(referral.deadline_on)},
        )
        escalated.append(referral)
    session.flush()
    return escalated
