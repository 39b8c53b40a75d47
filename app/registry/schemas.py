"""What the registry's API takes and gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from app.config import WageBasis, WagePeriod
from app.i18n import _
from app.registry.models import MissionKind, Proficiency, WorkerStatus
from app.schemas import Input, Output
from app.validation import (
    CountryCode,
    Email,
    LanguageCode,
    Name,
    PhoneNumber,
    ShortText,
)

Version = Annotated[int | None, Field(description="The version read; a mismatch is a 409")]
PassportNumber = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=3, max_length=20, pattern=r"^[A-Za-z0-9 -]+$"
    ),
]


# Missions -------------------------------------------------------------------------------


class MissionCreate(Input):
    name: Annotated[Name, StringConstraints(max_length=300)]
    kind: MissionKind
    sending_country: CountryCode | None = None
    address: ShortText | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None


class MissionUpdate(Input):
    name: Annotated[Name, StringConstraints(max_length=300)] | None = None
    kind: MissionKind | None = None
    sending_country: CountryCode | None = None
    address: ShortText | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None
    version: Version = None


class MissionOut(Output):
    id: int
    name: str
    kind: MissionKind
    sending_country: str | None
    address: str | None
    email: str | None
    phone: str | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


# Employers ------------------------------------------------------------------------------


class EmployerCreate(Input):
    mission_id: int
    family_name: Name
    given_names: Name
    position: ShortText | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None


class EmployerUpdate(Input):
    mission_id: int | None = None
    family_name: Name | None = None
    given_names: Name | None = None
    position: ShortText | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None
    version: Version = None


class EmployerOut(Output):
    id: int
    mission_id: int
    family_name: str
    given_names: str
    position: str | None
    email: str | None
    phone: str | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


# Workers --------------------------------------------------------------------------------


class LanguageSkill(Input):
    language: LanguageCode
    proficiency: Proficiency


def _check_birth(value: dt.date | None) -> dt.date | None:
    if value is not None and (value >= dt.date.today() or value.year < 1900):
        raise ValueError(_("The date of birth must be a past date after 1900."))
    return value


def _unique_languages(value: list[LanguageSkill] | None) -> list[LanguageSkill] | None:
    if value is not None:
        codes = [skill.language for skill in value]
        if len(set(codes)) != len(codes):
            raise ValueError(_("Each language may be listed only once."))
    return value


class WorkerCreate(Input):
    mission_id: int
    family_name: Name
    given_names: Name
    latin_name: Annotated[ShortText, StringConstraints(max_length=400)] | None = None
    date_of_birth: dt.date
    nationality: CountryCode
    passport_number: PassportNumber
    passport_country: CountryCode
    passport_expires_on: dt.date
    languages: list[LanguageSkill] = Field(min_length=1, max_length=20)
    preferred_language: LanguageCode
    phone: PhoneNumber | None = None
    address: ShortText | None = None

    _birth = field_validator("date_of_birth")(_check_birth)
    _languages = field_validator("languages")(_unique_languages)


class WorkerUpdate(Input):
    mission_id: int | None = None
    family_name: Name | None = None
    given_names: Name | None = None
    latin_name: Annotated[ShortText, StringConstraints(max_length=400)] | None = None
    date_of_birth: dt.date | None = None
    nationality: CountryCode | None = None
    passport_number: PassportNumber | None = None
    passport_country: CountryCode | None = None
    passport_expires_on: dt.date | None = None
    languages: list[LanguageSkill] | None = Field(default=None, min_length=1, max_length=20)
    preferred_language: LanguageCode | None = None
    phone: PhoneNumber | None = None
    address: ShortText | None = None
    version: Version = None

    _birth = field_validator("date_of_birth")(_check_birth)
    _languages = field_validator("languages")(_unique_languages)


class WorkerListItem(Output):
    id: int
    mission_id: int
    family_name: str
    given_names: str
    latin_name: str | None
    nationality: str
    date_of_birth: dt.date
    preferred_language: str
    status: WorkerStatus


class LanguageSkillOut(Output):
    language: str
    proficiency: Proficiency


class WorkerOut(WorkerListItem):
    passport_number: str
    passport_country: str
    passport_expires_on: dt.date
    languages: list[LanguageSkillOut]
    phone: str | None
    address: str | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime


# Contracts ------------------------------------------------------------------------------

Money = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]
Hours = Annotated[Decimal, Field(gt=0, le=168, max_digits=5, decimal_places=2)]
RestDays = Annotated[Decimal, Field(ge=0, le=7, max_digits=3, decimal_places=1)]
LeaveWeeks = Annotated[Decimal, Field(ge=0, le=52, max_digits=4, decimal_places=1)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$", to_upper=True)]


class Wage(Input):
    amount: Money
    currency: Currency
    period: WagePeriod
    basis: WageBasis


class ContractCreate(Input):
    worker_id: int
    employer_id: int
    starts_on: dt.date
    ends_on: dt.date | None = None
    wage: Wage
    weekly_hours: Hours
    weekly_rest_days: RestDays
    paid_leave_weeks: LeaveWeeks
    board_and_lodging: bool
    languages: list[LanguageCode] = Field(min_length=1, max_length=5)


class ContractUpdate(Input):
    employer_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    wage: Wage | None = None
    weekly_hours: Hours | None = None
    weekly_rest_days: RestDays | None = None
    paid_leave_weeks: LeaveWeeks | None = None
    board_and_lodging: bool | None = None
    languages: list[LanguageCode] | None = Field(default=None, min_length=1, max_length=5)
    version: Version = None


class PolicyFlagOut(Output):
    rule: str
    message: str


class ContractOut(Output):
    id: int
    worker_id: int
    employer_id: int
    starts_on: dt.date
    ends_on: dt.date | None
    wage: Wage
    weekly_hours: Decimal
    weekly_rest_days: Decimal
    paid_leave_weeks: Decimal
    board_and_lodging: bool
    languages: list[str]
    flagged: bool
    flags: list[PolicyFlagOut]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
