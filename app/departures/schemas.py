"""What the departure API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints

from app.departures.models import DepartureReason
from app.registry.schemas import Version
from app.schemas import Input, Output
from app.validation import ShortText, clean_text

Reason = Annotated[ShortText, StringConstraints(min_length=3, max_length=500)]
Notes = Annotated[
    str,
    BeforeValidator(lambda v: clean_text(v) if isinstance(v, str) else v),
    StringConstraints(max_length=2000),
]


class EmploymentEnd(Input):
    reason: DepartureReason
    employment_ended_on: dt.date = Field(
        description="The last day of employment; the contracts running later end that day"
    )
    notes: Notes | None = None
    version: Version = None


class CardOutcome(Input):
    """The day the card was given back, or why it was not (one of the two)."""

    card_returned_on: dt.date | None = None
    card_not_returned_reason: Reason | None = Field(
        default=None, description="Why the card was not given back, e.g. lost"
    )
    version: Version = None


class InterviewLink(Input):
    interview_id: int = Field(description="A held interview of kind departure, of this worker")
    version: Version = None


class Closing(Input):
    interview_waived_reason: Reason | None = Field(
        default=None,
        description="Supervisors only: why the file is closed without a departure interview",
    )
    version: Version = None


class MissingOut(BaseModel):
    code: str
    message: str
    supervisor_may_waive: bool


class DepartureOut(Output):
    """The worker's departure; `status` is none (nothing recorded), open or closed.

    The reasons and notes are for officers and up: a viewer gets them as null.
    """

    worker_id: int
    status: Literal["none", "open", "closed"]
    reason: DepartureReason | None = None
    employment_ended_on: dt.date | None = None
    card_returned_on: dt.date | None = None
    card_not_returned_reason: str | None = None
    interview_id: int | None = None
    interview_waived_reason: str | None = None
    closed_on: dt.date | None = None
    closed_by_user_id: int | None = None
    notes: str | None = None
    version: int | None = None
    missing: list[MissingOut]
