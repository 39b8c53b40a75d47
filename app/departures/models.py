"""The departure: end of employment, the card given back, the last interview, the file closed.

One departure per worker. The worker's file and its whole history stay; closing the file
only sets the worker's status to departed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.db import Base, UTCDateTime, utcnow


class DepartureReason(StrEnum):
    contract_ended = "contract_ended"
    posting_ended = "posting_ended"  # the employer's posting in the host country ended
    left_job = "left_job"  # the worker left the job
    left_country = "left_country"  # the worker left the host country
    other = "other"


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


class Departure(_Tracked, Base):
    """A worker's departure, step by step; the file is closed only when every step is done
    (or a supervisor has confirmed what could not be done, with the reason)."""

    __tablename__ = "departure"
    __table_args__ = (
        CheckConstraint(f"reason IN ({_in(DepartureReason)})", name="reason"),
        # The card is either given back or not, with the reason; never both.
        CheckConstraint(
            "card_returned_on IS NULL OR card_not_returned_reason IS NULL", name="card"
        ),
        # The departure interview is either held or waived by a supervisor; never both.
        CheckConstraint(
            "interview_id IS NULL OR interview_waived_reason IS NULL", name="interview"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), unique=True)
    reason: Mapped[str] = mapped_column(String(20))
    employment_ended_on: Mapped[dt.date] = mapped_column(Date)
    card_returned_on: Mapped[dt.date | None] = mapped_column(Date)
    # Why the card was not given back (lost, stolen, kept by the employer), in the officer's
    # words; a supervisor confirms it by closing the file.
    card_not_returned_reason: Mapped[str | None] = mapped_column(String(500))
    card_recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interview.id"))
    # Why the file was closed without a departure interview (e.g. the worker had already left
    # the country): a supervisor's decision.
    interview_waived_reason: Mapped[str | None] = mapped_column(String(500))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    notes: Mapped[str | None] = mapped_column(String(2000))
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
