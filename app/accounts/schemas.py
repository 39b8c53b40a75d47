"""What the salary-account API takes and gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from app.accounts.models import Evidence
from app.schemas import Input, Output
from app.validation import ShortText


class AccountCreate(Input):
    iban: Annotated[str, StringConstraints(max_length=50)] | None = None
    account_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    bank_code: Annotated[str, StringConstraints(max_length=20)] | None = None
    bank_name: ShortText | None = None
    holder_name: Annotated[ShortText, StringConstraints(min_length=2, max_length=300)]


class AccountConfirm(Input):
    evidence: Evidence
    confirmed_on: dt.date


class AccountOut(Output):
    id: int
    worker_id: int
    account_number: str
    is_iban: bool
    country: str
    bank_code: str | None
    bank_name: str | None
    bic: str | None
    holder_name: str
    status: str
    confirmed_on: dt.date | None
    evidence: str | None


class DepositCreate(Input):
    month: dt.date = Field(description="Any day of the month paid for")
    amount: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$", to_upper=True)]


class DepositOut(Output):
    id: int
    worker_id: int
    month: dt.date
    amount: Decimal
    currency: str
    expected: Decimal | None
    shortfall: Decimal
    flagged: bool


class DepositSummary(Output):
    items: list[DepositOut]
    unpaid_months: list[dt.date]
