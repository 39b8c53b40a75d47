"""What the interviews API takes and gives."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from app.i18n import _
from app.interviews.calendar import check_weekly_hours
from app.interviews.models import (
    IloIndicator,
    InterviewKind,
    InterviewStatus,
    LocationKind,
    Outcome,
    PlanStatus,
    Presence,
)
from app.registry.schemas import Version
from app.schemas import Input, Output
from app.validation import CountryCode, LanguageCode, Name, ShortText


def _weekly(value: dict[str, list[str]] | None) -> dict[str, list[str]] | None:
    if value is not None and (wrong := check_weekly_hours(value)) is not None:
        raise ValueError(
            _("{wrong} is not a weekday (mon…sun) or a span like 08:30-12:00.").format(wrong=wrong)
        )
    return value


def _zone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(_("This is not an IANA time zone, like Europe/Zurich.")) from exc
    return value


WeeklyHours = Annotated[dict[str, list[str]] | None, AfterValidator(_weekly)]
TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_zone)]
Languages = Annotated[list[LanguageCode], Field(min_length=1, max_length=30)]
Subdivision = Annotated[str, StringConstraints(max_length=10, to_upper=True)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]


# Resources ------------------------------------------------------------------------------


class LocationCreate(Input):
    name: Annotated[Name, StringConstraints(max_length=300)]
    kind: LocationKind
    address: ShortText | None = None
    country: CountryCode
    subdivision: Subdivision | None = None
    time_zone: TimeZone
    working_languages: Languages
    office_hours: WeeklyHours = Field(default=None, description="Null: the policy's hours")


class LocationUpdate(Input):
    name: Annotated[Name, StringConstraints(max_length=300)] | None = None
    kind: LocationKind | None = None
    address: ShortText | None = None
    country: CountryCode | None = None
    subdivision: Subdivision | None = None
    time_zone: TimeZone | None = None
    working_languages: Languages | None = None
    office_hours: WeeklyHours = None
    active: bool | None = None
    version: Version = None


class LocationOut(Output):
    id: int
    name: str
    kind: LocationKind
    address: str | None
    country: str
    subdivision: str | None
    time_zone: str
    working_languages: list[str]
    office_hours: dict[str, list[str]] | None
    active: bool
    version: int


class RoomCreate(Input):
    location_id: int
    name: Annotated[ShortText, StringConstraints(max_length=100)]


class RoomUpdate(Input):
    name: Annotated[ShortText, StringConstraints(max_length=100)] | None = None
    active: bool | None = None
    version: Version = None


class RoomOut(Output):
    id: int
    location_id: int
    name: str
    active: bool
    version: int


class OfficerCreate(Input):
    staff_user_id: int
    location_id: int
    working_hours: WeeklyHours = Field(default=None, description="Null: the office hours")


class OfficerUpdate(Input):
    location_id: int | None = None
    working_hours: WeeklyHours = None
    active: bool | None = None
    version: Version = None


class OfficerOut(Output):
    id: int
    staff_user_id: int
    location_id: int
    working_hours: dict[str, list[str]] | None
    active: bool
    version: int


class InterpreterCreate(Input):
    location_id: int
    name: Name
    languages: Languages
    availability: WeeklyHours = Field(default=None, description="Null: the office hours")


class InterpreterUpdate(Input):
    location_id: int | None = None
    name: Name | None = None
    languages: Languages | None = None
    availability: WeeklyHours = None
    active: bool | None = None
    version: Version = None


class InterpreterOut(Output):
    id: int
    location_id: int
    name: str
    languages: list[str]
    availability: dict[str, list[str]] | None
    active: bool
    version: int


class AbsenceCreate(Input):
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: Annotated[ShortText, StringConstraints(max_length=200)] | None = None

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise ValueError(_("Give the time with its UTC offset."))
        return value


class AbsenceOut(Output):
    id: int
    officer_id: int | None
    interpreter_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str | None


# Slots and bookings ---------------------------------------------------------------------


class SlotOut(Output):
    starts_at: dt.datetime = Field(description="UTC")
    ends_at: dt.datetime = Field(description="UTC")
    local_starts_at: str = Field(description="In the location's zone, with its offset")
    local_ends_at: str
    time_zone: str
    location_id: int
    officer_id: int
    room_id: int
    interpreter_id: int | None
    interpreter_language: str | None


class SlotsOut(Output):
    worker_id: int
    kind: InterviewKind
    location_id: int
    time_zone: str
    needs_interpreter: bool
    languages: list[str] = Field(description="The worker's languages an interpreter may use")
    items: list[SlotOut]


StartsAt = Annotated[
    dt.datetime,
    Field(description="With a UTC offset, or without: a wall time in the location's zone"),
]


class InterviewBook(Input):
    worker_id: int
    kind: InterviewKind
    location_id: int
    starts_at: StartsAt
    officer_id: int | None = None
    room_id: int | None = None
    interpreter_id: int | None = None


class InterviewReschedule(Input):
    starts_at: StartsAt
    reason: Reason | None = None
    officer_id: int | None = None
    room_id: int | None = None
    interpreter_id: int | None = None
    version: Version = None


class InterviewCancel(Input):
    reason: Reason
    version: Version = None


class StatusChange(Input):
    version: Version = None


class InterviewDetails(Output):
    """Who holds the interview and what happened to the booking: officers and supervisors."""

    officer_id: int
    interpreter_id: int | None
    interpreter_language: str | None
    status_reason: str | None
    status_changed_at: dt.datetime | None
    status_changed_by_user_id: int | None
    booked_by_user_id: int | None
    rescheduled_from_id: int | None
    plan_id: int | None
    version: int
    created_at: dt.datetime


class InterviewOut(Output):
    id: int
    worker_id: int
    kind: InterviewKind
    status: InterviewStatus
    location_id: int
    room_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    local_starts_at: str
    local_ends_at: str
    time_zone: str
    details: InterviewDetails | None = Field(
        default=None, description="Null for viewers: time and place only"
    )


# Renewal plans --------------------------------------------------------------------------


class PlanCreate(Input):
    location_id: int
    period_starts_on: dt.date
    period_ends_on: dt.date


class PlanItemOut(Output):
    worker_id: int
    renewal_due_on: dt.date
    window_opens_on: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    officer_id: int | None
    room_id: int | None
    interpreter_id: int | None
    interpreter_language: str | None
    unplaced_reason: str | None
    reason: str | None = Field(default=None, description="Why unplaced, in the reader's language")
    interview_id: int | None


class PlanOut(Output):
    id: int
    location_id: int
    period_starts_on: dt.date
    period_ends_on: dt.date
    status: PlanStatus
    placed: int
    unplaced: int
    items: list[PlanItemOut]
    version: int


# The interview record -------------------------------------------------------------------


class RecordCreate(Input):
    """What the officer records of a held interview."""

    present: list[Presence] = Field(
        default_factory=list,
        max_length=5,
        description="Who else was present besides the worker, the officer and the interpreter",
    )
    present_notes: Annotated[ShortText, StringConstraints(max_length=500)] | None = None
    language: LanguageCode = Field(description="The language the interview was held in")
    identity_checked: bool = False
    holds_own_passport: bool = False
    has_contract_copy_understood: bool = False
    paid_as_agreed: bool = False
    works_agreed_hours: bool = False
    gets_weekly_rest: bool = False
    gets_leave: bool = False
    has_private_room: bool = False
    has_own_phone: bool = False
    free_to_go_out: bool = False
    owes_recruitment_debt: bool = False
    ilo_indicators: list[IloIndicator] = Field(default_factory=list, max_length=11)
    worker_words: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)] | None
    ) = Field(default=None, description="The worker's own words (encrypted at rest)")
    leaflet_language: LanguageCode | None = None
    leaflet_version: Annotated[ShortText, StringConstraints(max_length=40)] | None = None
    outcome: Outcome
    next_interview_due_on: dt.date | None = None


class RecordOut(Output):
    id: int
    interview_id: int
    worker_id: int
    present: list[Presence]
    present_notes: str | None
    interpreter_id: int | None
    language: str
    identity_checked: bool
    holds_own_passport: bool
    has_contract_copy_understood: bool
    paid_as_agreed: bool
    works_agreed_hours: bool
    gets_weekly_rest: bool
    gets_leave: bool
    has_private_room: bool
    has_own_phone: bool
    free_to_go_out: bool
    owes_recruitment_debt: bool
    ilo_indicators: list[IloIndicator]
    worker_words: str | None
    leaflet_language: str | None
    leaflet_version: str | None
    outcome: Outcome
    next_interview_due_on: dt.date | None
    must_repeat: bool = Field(description="Someone from the employer's side was present")
    concern_id: int | None
    recorded_at: dt.datetime
    recorded_by_user_id: int | None
