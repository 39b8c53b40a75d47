"""Missions, employers, workers (with their languages) and contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow


class MissionKind(StrEnum):
    embassy = "embassy"
    consulate = "consulate"
    permanent_mission = "permanent_mission"
    international_organisation = "international_organisation"


class WorkerStatus(StrEnum):
    pending = "pending"  # on file, not yet registered
    registered = "registered"
    departed = "departed"


class Proficiency(StrEnum):
    native = "native"
    fluent = "fluent"
    good = "good"
    basic = "basic"

    @property
    def understands_documents(self) -> bool:
        """Good enough to understand a contract or an interview without help."""
        return self is not Proficiency.basic


def _in(values: type[StrEnum]) -> str:
    return ", ".join(repr(v.value) for v in values)


class _Tracked:
    """Timestamps and an optimistic-locking version, so no change is lost silently."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Mission(_Tracked, Base):
    __tablename__ = "mission"
    __table_args__ = (CheckConstraint(f"kind IN ({_in(MissionKind)})", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    sending_country: Mapped[str | None] = mapped_column(String(2), index=True)
    address: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    search_name: Mapped[str] = mapped_column(String(300), index=True)


class Employer(_Tracked, Base):
    """A member of a mission with privileges and immunities; one file across postings."""

    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id"), index=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    search_name: Mapped[str] = mapped_column(String(420), index=True)

    mission: Mapped[Mission] = relationship(lazy="raise")


class Worker(_Tracked, Base):
    """The private domestic worker: identity as in the passport."""

    __tablename__ = "worker"
    __table_args__ = (
        CheckConstraint(f"status IN ({_in(WorkerStatus)})", name="status"),
        Index("ix_worker_status_search_name", "status", "search_name"),
        Index("ix_worker_search_name_id", "search_name", "id"),
        # Substring search by name at 100,000 workers: a trigram index on PostgreSQL.
        Index(
            "ix_worker_search_name_trgm",
            "search_name",
            postgresql_using="gin",
            postgresql_ops={"search_name": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id"), index=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    # The name as printed in the passport's machine-readable zone, for staff who search in Latin.
    latin_name: Mapped[str | None] = mapped_column(String(400))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    nationality: Mapped[str] = mapped_column(String(2), index=True)
    passport_number: Mapped[str] = mapped_column(Encrypted)
    passport_country: Mapped[str] = mapped_column(String(2))
    passport_hash: Mapped[str] = mapped_column(String(64), unique=True)
    passport_expires_on: Mapped[dt.date] = mapped_column(Date)
    preferred_language: Mapped[str] = mapped_column(String(20), index=True)
    phone: Mapped[str | None] = mapped_column(Encrypted)
    address: Mapped[str | None] = mapped_column(Encrypted)
    status: Mapped[str] = mapped_column(String(20), default=WorkerStatus.pending.value)
    search_name: Mapped[str] = mapped_column(String(820))

    mission: Mapped[Mission] = relationship(lazy="raise")
    languages: Mapped[list[WorkerLanguage]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="WorkerLanguage.id"
    )

    @property
    def listed_name(self) -> str:
        """The name as lists, panels and notes show it: "FAMILY, Given names"."""
        return f"{self.family_name}, {self.given_names}"


class WorkerLanguage(Base):
    __tablename__ = "worker_language"
    __table_args__ = (
        UniqueConstraint("worker_id", "language"),
        CheckConstraint(f"proficiency IN ({_in(Proficiency)})", name="proficiency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(20), index=True)
    proficiency: Mapped[str] = mapped_column(String(10))


class Contract(_Tracked, Base):
    """The employment contract; a breach of the policy is stored with the rules it breaks."""

    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint("wage_period IN ('month', 'hour')", name="wage_period"),
        CheckConstraint("wage_basis IN ('net', 'gross')", name="wage_basis"),
        CheckConstraint("ends_on IS NULL OR ends_on > starts_on", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id"), index=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    wage_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    wage_currency: Mapped[str] = mapped_column(String(3))
    wage_period: Mapped[str] = mapped_column(String(5))
    wage_basis: Mapped[str] = mapped_column(String(5))
    weekly_hours: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    weekly_rest_days: Mapped[Decimal] = mapped_column(Numeric(3, 1))
    paid_leave_weeks: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    board_and_lodging: Mapped[bool] = mapped_column(Boolean)
    languages: Mapped[list[str]] = mapped_column(JSON)
    policy_flags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    worker: Mapped[Worker] = relationship(lazy="raise")
    employer: Mapped[Employer] = relationship(lazy="raise")
