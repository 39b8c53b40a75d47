"""What the concerns API takes and gives."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints

from app.concerns.models import (
    ConcernOutcome,
    ConcernSeverity,
    ConcernSource,
    ConcernStatus,
    ConsentMethod,
    OrganisationKind,
    ReferralStatus,
    SharedDetail,
)
from app.registry.schemas import Version
from app.schemas import Input, Output
from app.validation import (
    CountryCode,
    Email,
    LanguageCode,
    Name,
    PhoneNumber,
    ShortText,
    clean_text,
)


def _text(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


# An officer's note: a few words to a page (kept encrypted).
Note = Annotated[str, BeforeValidator(_text), StringConstraints(max_length=4000)]
Summary = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=3, max_length=1000)]


# Concerns -----------------------------------------------------------------------------------


class ConcernCreate(Input):
    worker_id: int
    source: ConcernSource = ConcernSource.help_request
    severity: ConcernSeverity = ConcernSeverity.medium
    summary: Summary = Field(description="What the concern is about, in the officer's words")
    assigned_to_user_id: int | None = None


class ConcernUpdate(Input):
    """Assign (null: nobody), change the severity; the note goes into the history."""

    assigned_to_user_id: int | None = None
    severity: ConcernSeverity | None = None
    note: Note | None = None
    version: Version = None


class NoteCreate(Input):
    note: Note


class ConcernClose(Input):
    outcome: ConcernOutcome | None = Field(default=None, description="Required to close")
    note: Note | None = Field(default=None, description="Required when the outcome is other")
    version: Version = None


class EventOut(Output):
    id: int
    at: dt.datetime
    actor: str
    action: str
    note: str | None
    details: dict[str, Any] | None


class ConcernDetails(Output):
    """What officers and supervisors see of a concern."""

    source: ConcernSource
    severity: ConcernSeverity
    summary: str
    opened_by_user_id: int | None
    assigned_to_user_id: int | None
    escalated_at: dt.datetime | None
    outcome: ConcernOutcome | None
    outcome_note: str | None
    closed_at: dt.datetime | None
    age_days: int
    version: int


class ConcernOut(Output):
    """A concern; viewers see that it exists (`details` null), not what it is about."""

    id: int
    worker_id: int
    status: ConcernStatus
    opened_at: dt.datetime
    details: ConcernDetails | None = None


# Organisations ------------------------------------------------------------------------------


class OrganisationCreate(Input):
    kind: OrganisationKind
    name: Annotated[Name, StringConstraints(max_length=300)]
    languages: list[LanguageCode] = Field(default_factory=list, max_length=40)
    phone: PhoneNumber | None = None
    email: Email | None = None
    address: ShortText | None = None
    country: CountryCode | None = Field(default=None, description="A consulate's sending state")
    outside_ministry: bool = True
    active: bool = True


class OrganisationUpdate(Input):
    kind: OrganisationKind | None = None
    name: Annotated[Name, StringConstraints(max_length=300)] | None = None
    languages: list[LanguageCode] | None = Field(default=None, max_length=40)
    phone: PhoneNumber | None = None
    email: Email | None = None
    address: ShortText | None = None
    country: CountryCode | None = None
    outside_ministry: bool | None = None
    active: bool | None = None
    version: Version = None


class OrganisationOut(Output):
    id: int
    kind: OrganisationKind
    name: str
    languages: list[str]
    phone: str | None
    email: str | None
    address: str | None
    country: str | None
    outside_ministry: bool
    active: bool
    version: int


# Consent and referrals ----------------------------------------------------------------------


class ConsentCreate(Input):
    organisation_id: int | None = Field(
        default=None, description="Null: any organisation outside the ministry"
    )
    given_on: dt.date
    method: ConsentMethod
    note: Note | None = None


class ConsentOut(Output):
    id: int
    worker_id: int
    organisation_id: int | None
    given_on: dt.date
    method: ConsentMethod
    note: str | None
    recorded_at: dt.datetime
    recorded_by_user_id: int | None
    withdrawn_at: dt.datetime | None


class ReferralCreate(Input):
    organisation_id: int
    shared: list[SharedDetail] = Field(
        default_factory=list, description="What is told about the worker; empty: nothing"
    )
    note: Note | None = None
    override_reason: ShortText | None = Field(
        default=None, description="Supervisors: why the details go without consent"
    )
    version: Version = Field(default=None, description="The concern's version read")


class ReferralProgress(Input):
    note: Note
    concluded: bool = False
    version: Version = None


class ReferralOut(Output):
    id: int
    concern_id: int
    organisation_id: int
    referred_on: dt.date
    shared: list[str]
    consent_id: int | None
    override_reason: str | None
    status: ReferralStatus
    deadline_on: dt.date | None
    moved_at: dt.datetime | None
    escalated_at: dt.datetime | None
    concluded_at: dt.datetime | None
    version: int


class ConcernFull(ConcernOut):
    """One concern with its history and referrals (empty for viewers)."""

    history: list[EventOut] = Field(default_factory=list)
    referrals: list[ReferralOut] = Field(default_factory=list)
