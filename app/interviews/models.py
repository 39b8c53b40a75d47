"""Interview locations, rooms, officers, interpreters, interviews and renewal plans.

Also a minimal table other issues build on: `identity_card` (issue 5, cards) gives the
renewal due date. Concerns live in app.concerns.

No officer, room or interpreter is ever booked twice: the migration adds, on PostgreSQL,
exclusion constraints over `tstzrange(starts_at, blocked_until)` for active interviews, and on
SQLite triggers that abort an overlapping insert or update. They live in the migration only:
Alembic's autogenerate neither creates nor compares them, and SQLite has no such constraint.
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
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow


class InterviewKind(StrEnum):
    pre_departure = "pre_departure"  # at a consulate abroad, before the visa
    arrival = "arrival"
    renewal = "renewal"
    welfare = "welfare"
    departure = "departure"


class InterviewStatus(StrEnum):
    scheduled = "scheduled"
    held = "held"
    missed = "missed"
    cancelled = "cancelled"
    rescheduled = "rescheduled"


# The statuses that hold an officer, a room and an interpreter (the constraints use them).
ACTIVE_STATUSES = (InterviewStatus.scheduled.value, InterviewStatus.held.value)


class LocationKind(StrEnum):
    office = "office"  # the protocol office in the host country
    consulate = "consulate"  # a consulate abroad, for the interview before departure


class PlanStatus(StrEnum):
    proposed = "proposed"
    confirmed = "confirmed"


def _in(values: type[StrEnum]) -> str:
    return ", ".join(repr(v.value) for v in values)


class _Tracked:
    """Timestamps and an optimistic-locking version, as in the registry."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


# Weekly hours are kept as {"mon": ["08:30-12:00", "13:30-17:00"], ...} in local time, the
# same shape as the policy's office hours; null means "the location's office hours".
WeeklyHours = dict[str, list[str]]


class InterviewLocation(_Tracked, Base):
    """Where interviews are held: the protocol office or a consulate abroad."""

    __tablename__ = "interview_location"
    __table_args__ = (CheckConstraint(f"kind IN ({_in(LocationKind)})", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(500))
    country: Mapped[str] = mapped_column(String(2))
    # A region whose own public holidays also close the office (e.g. the canton "GE").
    subdivision: Mapped[str | None] = mapped_column(String(10))
    time_zone: Mapped[str] = mapped_column(String(64))
    working_languages: Mapped[list[str]] = mapped_column(JSON)
    office_hours: Mapped[WeeklyHours | None] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class InterviewRoom(_Tracked, Base):
    __tablename__ = "interview_room"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("interview_location.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class InterviewOfficer(_Tracked, Base):
    """A staff user who interviews workers at one location, with weekly working hours."""

    __tablename__ = "interview_officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("interview_location.id"), index=True)
    working_hours: Mapped[WeeklyHours | None] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Interpreter(_Tracked, Base):
    __tablename__ = "interpreter"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("interview_location.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    languages: Mapped[list[str]] = mapped_column(JSON)
    availability: Mapped[WeeklyHours | None] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Absence(Base):
    """A time an officer or an interpreter is away (leave, training, illness)."""

    __tablename__ = "absence"
    __table_args__ = (
        CheckConstraint(
            "(officer_id IS NULL) <> (interpreter_id IS NULL)", name="officer_or_interpreter"
        ),
        CheckConstraint("ends_at > starts_at", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("interview_officer.id"), index=True)
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class InterviewPlan(_Tracked, Base):
    """A proposed schedule of renewal interviews for a period, confirmed in one step."""

    __tablename__ = "interview_plan"
    __table_args__ = (CheckConstraint(f"status IN ({_in(PlanStatus)})", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("interview_location.id"))
    period_starts_on: Mapped[dt.date] = mapped_column(Date)
    period_ends_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default=PlanStatus.proposed.value)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    confirmed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class InterviewPlanItem(Base):
    """One worker in a plan: the proposed slot, or why they cannot be placed."""

    __tablename__ = "interview_plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("interview_plan.id", ondelete="CASCADE"), index=True
    )
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    renewal_due_on: Mapped[dt.date] = mapped_column(Date)
    window_opens_on: Mapped[dt.date] = mapped_column(Date)
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    blocked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("interview_officer.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("interview_room.id"))
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id"))
    interpreter_language: Mapped[str | None] = mapped_column(String(20))
    # A reason code (see planning.UNPLACED); null when the worker was placed.
    unplaced_reason: Mapped[str | None] = mapped_column(String(40))
    interview_id: Mapped[int | None] = mapped_column(Integer)


class Interview(_Tracked, Base):
    """One in-person interview: who, what kind, when and where, with whom, and its status.

    `blocked_until` is the end plus the policy's buffer: the officer, room and interpreter stay
    held until then, so the database's no-overlap guarantee covers the buffer too.
    """

    __tablename__ = "interview"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_in(InterviewKind)})", name="kind"),
        CheckConstraint(f"status IN ({_in(InterviewStatus)})", name="status"),
        CheckConstraint("ends_at > starts_at AND blocked_until >= ends_at", name="times"),
        Index("ix_interview_starts_at_status", "starts_at", "status"),
        Index("ix_interview_worker_id_starts_at", "worker_id", "starts_at"),
        # At most one pending interview of each kind per worker, even under concurrent booking.
        Index(
            "uq_interview_worker_id_kind_scheduled",
            "worker_id",
            "kind",
            unique=True,
            sqlite_where=text("status = 'scheduled'"),
            postgresql_where=text("status = 'scheduled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=InterviewStatus.scheduled.value)
    location_id: Mapped[int] = mapped_column(ForeignKey("interview_location.id"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("interview_room.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("interview_officer.id"), index=True)
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id"), index=True)
    interpreter_language: Mapped[str | None] = mapped_column(String(20))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Why it was cancelled or rescheduled, in the officer's words (officers and supervisors).
    status_reason: Mapped[str | None] = mapped_column(String(500))
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status_changed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    booked_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    rescheduled_from_id: Mapped[int | None] = mapped_column(ForeignKey("interview.id"))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("interview_plan.id"))


class IdentityCard(Base):
    """Minimal for now (issue 5 builds the cards): the renewal is due when the card expires."""

    __tablename__ = "identity_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date] = mapped_column(Date, index=True)


# Holding the interview ------------------------------------------------------------------


class EncryptedText(Encrypted):
    """Encrypted at rest like an identifier, but long: a worker's own words."""

    impl = Text()
    cache_ok = True


class Outcome(StrEnum):
    no_concern = "no_concern"
    follow_up = "follow_up"
    referral = "referral"


class Presence(StrEnum):
    """Who else was in the room, besides the worker, the officer and the interpreter."""

    employer = "employer"
    mission_member = "mission_member"  # a member or representative of the employer's mission
    family = "family"  # the worker's own family or friend
    support = "support"  # an NGO, a lawyer, a trade union
    other = "other"


# Someone whose presence taints the interview: it is a flag, and it must be held again.
TAINTING_PRESENCE = (Presence.employer.value, Presence.mission_member.value)


class IloIndicator(StrEnum):
    """The ILO's eleven indicators of forced labour."""

    abuse_of_vulnerability = "abuse_of_vulnerability"
    deception = "deception"
    restriction_of_movement = "restriction_of_movement"
    isolation = "isolation"
    physical_and_sexual_violence = "physical_and_sexual_violence"
    intimidation_and_threats = "intimidation_and_threats"
    retention_of_identity_documents = "retention_of_identity_documents"
    withholding_of_wages = "withholding_of_wages"
    debt_bondage = "debt_bondage"
    abusive_working_and_living_conditions = "abusive_working_and_living_conditions"
    excessive_overtime = "excessive_overtime"


# What the officer checked and asked, each a yes or a no (the order of the form).
CHECKS = (
    "identity_checked",
    "holds_own_passport",
    "has_contract_copy_understood",
    "paid_as_agreed",
    "works_agreed_hours",
    "gets_weekly_rest",
    "gets_leave",
    "has_private_room",
    "has_own_phone",
    "free_to_go_out",
    "owes_recruitment_debt",
)


class InterviewRecord(Base):
    """What happened at a held interview: who was there, what was checked, asked and given.

    One record per interview; officers and supervisors only, every read audited.
    """

    __tablename__ = "interview_record"
    __table_args__ = (CheckConstraint(f"outcome IN ({_in(Outcome)})", name="outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interview.id"), unique=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    present: Mapped[list[str]] = mapped_column(JSON)
    present_notes: Mapped[str | None] = mapped_column(String(500))
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id"))
    language: Mapped[str] = mapped_column(String(20))
    identity_checked: Mapped[bool] = mapped_column(Boolean)
    holds_own_passport: Mapped[bool] = mapped_column(Boolean)
    has_contract_copy_understood: Mapped[bool] = mapped_column(Boolean)
    paid_as_agreed: Mapped[bool] = mapped_column(Boolean)
    works_agreed_hours: Mapped[bool] = mapped_column(Boolean)
    gets_weekly_rest: Mapped[bool] = mapped_column(Boolean)
    gets_leave: Mapped[bool] = mapped_column(Boolean)
    has_private_room: Mapped[bool] = mapped_column(Boolean)
    has_own_phone: Mapped[bool] = mapped_column(Boolean)
    free_to_go_out: Mapped[bool] = mapped_column(Boolean)
    owes_recruitment_debt: Mapped[bool] = mapped_column(Boolean)
    ilo_indicators: Mapped[list[str]] = mapped_column(JSON)
    worker_words: Mapped[str | None] = mapped_column(EncryptedText)
    leaflet_language: Mapped[str | None] = mapped_column(String(20))
    leaflet_version: Mapped[str | None] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(20))
    next_interview_due_on: Mapped[dt.date | None] = mapped_column(Date)
    must_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("concern.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class CalendarFeed(Base):
    """An officer's iCalendar feed: only the token's SHA-256 is kept; the token is shown once."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("interview_officer.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
