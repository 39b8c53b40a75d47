"""Concerns about a worker, their history, referrals to organisations, and the worker's consent.

A concern moves open -> referred -> closed (closed only with an outcome; an open concern may
also be closed without a referral). Mediation has its own small state on the referral:
sent -> in_progress -> concluded; a mediation referral that has not moved by its deadline is
escalated once. Notes are a worker's circumstances in an officer's words: encrypted at rest.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow


class ConcernSource(StrEnum):
    interview = "interview"  # an interview record: a follow-up, a referral, an ILO indicator
    no_show = "no_show"  # a second missed interview in a row
    overdue = "overdue"  # the card expired without renewal
    underpaid = "underpaid"  # a month paid below the contract's wage, or not at all
    help_request = "help_request"  # the worker (or someone for them) asked for help
    other = "other"


class ConcernStatus(StrEnum):
    open = "open"
    referred = "referred"  # referred to at least one organisation
    closed = "closed"


class ConcernSeverity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class ConcernOutcome(StrEnum):
    """How a concern ended: required to close it."""

    resolved = "resolved"  # put right: wages paid, passport handed back, hours kept
    changed_employer = "changed_employer"
    left_country = "left_country"
    handed_to_authorities = "handed_to_authorities"  # police, inspectorate or a court took it on
    unfounded = "unfounded"  # looked into: nothing wrong found
    worker_declined = "worker_declined"  # the worker did not want it followed up
    other = "other"


class OrganisationKind(StrEnum):
    mediation = "mediation"
    labour_inspectorate = "labour_inspectorate"
    police = "police"
    ngo = "ngo"
    shelter = "shelter"
    consulate = "consulate"  # the worker's own country's consulate
    ministry = "ministry"  # another unit of the ministry
    other = "other"


class ConsentMethod(StrEnum):
    at_interview = "at_interview"
    in_person = "in_person"
    by_phone = "by_phone"
    in_writing = "in_writing"


class ReferralStatus(StrEnum):
    sent = "sent"
    in_progress = "in_progress"
    concluded = "concluded"


class SharedDetail(StrEnum):
    """What a referral tells the organisation about the worker."""

    identity = "identity"  # name, nationality, date of birth
    contact = "contact"  # phone, address
    employment = "employment"  # employer, mission, contract
    circumstances = "circumstances"  # what the concern is about


class NoteText(Encrypted):
    """Encrypted at rest, and long: what an officer wrote about the worker's circumstances."""

    impl = Text()
    cache_ok = True


SEVERITY_ORDER = (ConcernSeverity.low, ConcernSeverity.medium, ConcernSeverity.high)


def _in(values: type[StrEnum]) -> str:
    return ", ".join(repr(v.value) for v in values)


class _Tracked:
    """Timestamps and an optimistic-locking version, as in the other domains."""

    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Concern(_Tracked, Base):
    """A flag raised about a worker, followed up until it is closed with an outcome."""

    __tablename__ = "concern"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(ConcernStatus)})", name="status"),
        CheckConstraint(f"severity IN ({_in(ConcernSeverity)})", name="severity"),
        CheckConstraint(f"source IN ({_in(ConcernSource)})", name="source"),
        CheckConstraint(f"outcome IN ({_in(ConcernOutcome)})", name="outcome"),
        # Closed exactly when it has an outcome: a concern is never closed without one.
        CheckConstraint(
            "(status = 'closed' AND outcome IS NOT NULL AND closed_at IS NOT NULL) "
            "OR (status <> 'closed' AND outcome IS NULL)",
            name="closed_with_outcome",
        ),
        Index("ix_concern_worker_id_status", "worker_id", "status"),
        Index("ix_concern_status_opened_at", "status", "opened_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    source: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(10), default=ConcernStatus.open.value)
    # What the concern is about: a message id for the ones opened automatically (translated
    # when shown), the officer's words for the ones opened by hand.
    summary: Mapped[str] = mapped_column(String(1000))
    opened_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    assigned_to_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    escalated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(30))
    outcome_note: Mapped[str | None] = mapped_column(NoteText)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ConcernEvent(Base):
    """One line of a concern's history: who did what, when, with an optional note."""

    __tablename__ = "concern_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(NoteText)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Organisation(_Tracked, Base):
    """An entry of the referral directory (staff data, unlike the public help directory)."""

    __tablename__ = "organisation"
    __table_args__ = (CheckConstraint(f"kind IN ({_in(OrganisationKind)})", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(300))
    languages: Mapped[list[str]] = mapped_column(JSON)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(500))
    # A consulate's sending state: the worker's "own consulate" is the one of their nationality.
    country: Mapped[str | None] = mapped_column(String(2))
    # Sharing a worker's details with an organisation outside the ministry needs their consent.
    outside_ministry: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(Base):
    """The worker's consent to share their details with one organisation, or with any outside
    organisation (organisation_id null); kept after it is withdrawn."""

    __tablename__ = "consent"
    __table_args__ = (CheckConstraint(f"method IN ({_in(ConsentMethod)})", name="method"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    given_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(NoteText)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class Referral(_Tracked, Base):
    """A concern referred to an organisation: what was shared, on what basis, and how it goes."""

    __tablename__ = "referral"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(ReferralStatus)})", name="status"),
        CheckConstraint("consent_id IS NULL OR override_reason IS NULL", name="one_basis"),
        Index("ix_referral_status_deadline_on", "status", "deadline_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    referred_on: Mapped[dt.date] = mapped_column(Date)
    referred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    referred_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    shared: Mapped[list[str]] = mapped_column(JSON)
    # The basis for sharing outside the ministry: the worker's consent, or a supervisor's
    # override with the reason.
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id"))
    override_reason: Mapped[str | None] = mapped_column(String(500))
    override_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    status: Mapped[str] = mapped_column(String(20), default=ReferralStatus.sent.value)
    # A mediation must move by this day (each progress recorded sets the next one).
    deadline_on: Mapped[dt.date | None] = mapped_column(Date)
    moved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    concluded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
