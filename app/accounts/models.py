"""The account the wage is paid into (in the worker's name alone), and the deposits seen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from app.crypto import Encrypted
from app.db import Base, UTCDateTime, utcnow


class Evidence(StrEnum):
    bank_letter = "bank_letter"
    statement = "statement"
    bank_card = "bank_card"


class SalaryAccount(Base):
    __tablename__ = "salary_account"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'closed')", name="status"),
        Index("ix_salary_account_worker_id_status", "worker_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    # IBAN, or the national account number where the host country has no IBAN.
    account_number: Mapped[str] = mapped_column(Encrypted)
    # Keyed hash: the same account given for two workers (an employer's account) is found.
    account_hash: Mapped[str] = mapped_column(String(64), index=True)
    is_iban: Mapped[bool] = mapped_column(Boolean)
    bank_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2))
    bank_name: Mapped[str | None] = mapped_column(String(200))
    bic: Mapped[str | None] = mapped_column(String(11))
    holder_name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="active")
    confirmed_on: Mapped[dt.date | None] = mapped_column(Date)
    confirmed_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    evidence: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SalaryDeposit(Base):
    """A monthly wage payment seen on a statement, compared with the contract's wage."""

    __tablename__ = "salary_deposit"
    __table_args__ = (Index("ix_salary_deposit_worker_id_month", "worker_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("salary_account.id"))
    month: Mapped[dt.date] = mapped_column(Date)  # the first day of the month paid for
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    expected: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    shortfall: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
