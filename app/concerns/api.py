"""Concerns, their referrals, the worker's consent and the organisation directory, through the
JSON API. Viewers see that a concern exists; officers handle concerns; supervisors also
override a missing consent and keep the directory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from app.audit.service import record
from app.auth.models import Role, StaffUser
from app.concerns import consents, listing, organisations, referrals, service
from app.concerns.models import (
    Concern,
    ConcernOutcome,
    ConcernSeverity,
    ConcernSource,
    ConcernStatus,
    OrganisationKind,
)
from app.concerns.schemas import (
    ConcernClose,
    ConcernCreate,
    ConcernDetails,
    ConcernFull,
    ConcernOut,
    ConcernUpdate,
    ConsentCreate,
    ConsentOut,
    EventOut,
    NoteCreate,
    OrganisationCreate,
    OrganisationOut,
    OrganisationUpdate,
    ReferralCreate,
    ReferralOut,
    ReferralProgress,
)
from app.deps import Officer, PolicyDep, SessionDep, Supervisor, Viewer, actor_of
from app.registry.workers import get_worker
from app.schemas import Page, page_of, problem_responses
from app.validation import LanguageCode

router = APIRouter(responses=problem_responses(401, 403, 422))
ITEM = problem_responses(404, 409)
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page")]
CursorParam = Annotated[str | None, Query(max_length=500, description="`next` of the page before")]
StatusFilter = Annotated[
    str | None,
    Query(pattern=r"^(active|open|referred|closed|any)$", description="active: not closed"),
]


def concern_out(concern: Concern, user: StaffUser) -> ConcernOut:
    """A concern as the reader may see it: viewers get that it exists, not what it is."""
    details = None
    if user.role_enum.allows(Role.officer):
        details = ConcernDetails(
            source=ConcernSource(concern.source),
            severity=ConcernSeverity(concern.severity),
            summary=concern.summary,
            opened_by_user_id=concern.opened_by_user_id,
            assigned_to_user_id=concern.assigned_to_user_id,
            escalated_at=concern.escalated_at,
            outcome=ConcernOutcome(concern.outcome) if concern.outcome else None,
            outcome_note=concern.outcome_note,
            closed_at=concern.closed_at,
            age_days=service.age_days(concern),
            version=concern.version,
        )
    return ConcernOut(
        id=concern.id,
        worker_id=concern.worker_id,
        status=ConcernStatus(concern.status),
        opened_at=concern.opened_at,
        details=details,
    )


def _full(session: SessionDep, concern: Concern, user: StaffUser) -> ConcernFull:
    shell = concern_out(concern, user)
    if shell.details is None:
        return ConcernFull(**shell.model_dump())
    return ConcernFull(
        **shell.model_dump(),
        history=[EventOut.model_validate(e) for e in service.history_of(session, concern.id)],
        referrals=[
            ReferralOut.model_validate(r) for r in referrals.referrals_of(session, concern.id)
        ],
    )


# Concerns -----------------------------------------------------------------------------------


@router.get("/concerns", response_model=Page[ConcernOut], tags=["concerns"])
def list_concerns(
    session: SessionDep,
    user: Viewer,
    status: StatusFilter = "active",
    severity: ConcernSeverity | None = None,
    source: ConcernSource | None = None,
    assigned_to_user_id: int | None = None,
    mine: bool = False,
    worker_id: int | None = None,
    escalated: bool | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Concerns, oldest first (by default those not closed); the listing is audited."""
    items, next_cursor = listing.list_concerns(
        session,
        actor=actor_of(user),
        status=None if status == "any" else status,
        severity=severity,
        source=source,
        assigned_to_user_id=user.id if mine else assigned_to_user_id,
        worker_id=worker_id,
        escalated=escalated,
        cursor=cursor,
        limit=limit,
    )
    return page_of([concern_out(c, user) for c in items], next_cursor)


@router.post(
    "/concerns",
    response_model=ConcernOut,
    status_code=status.HTTP_201_CREATED,
    tags=["concerns"],
    responses=ITEM,
)
def open_concern(body: ConcernCreate, session: SessionDep, user: Officer) -> ConcernOut:
    """Open a concern about a worker (a help request, something seen); audited."""
    concern = service.open_by_hand(session, data=body.model_dump(), actor=actor_of(user))
    return concern_out(concern, user)


@router.get("/concerns/{concern_id}", response_model=ConcernFull, tags=["concerns"], responses=ITEM)
def read_concern(concern_id: int, session: SessionDep, user: Viewer) -> ConcernFull:
    """One concern with its history and referrals (viewers: that it exists); audited."""
    concern = service.read_concern(session, concern_id=concern_id, actor=actor_of(user))
    return _full(session, concern, user)


@router.patch(
    "/concerns/{concern_id}", response_model=ConcernOut, tags=["concerns"], responses=ITEM
)
def update_concern(
    concern_id: int, body: ConcernUpdate, session: SessionDep, user: Officer
) -> ConcernOut:
    """Assign the concern or change its severity; send `version` to catch a concurrent change."""
    concern = service.update_concern(
        session,
        concern_id=concern_id,
        data=body.model_dump(exclude_unset=True, exclude={"version"}),
        version=body.version,
        actor=actor_of(user),
    )
    return concern_out(concern, user)


@router.post(
    "/concerns/{concern_id}/notes",
    response_model=EventOut,
    status_code=status.HTTP_201_CREATED,
    tags=["concerns"],
    responses=ITEM,
)
def add_note(concern_id: int, body: NoteCreate, session: SessionDep, user: Officer) -> object:
    """Add a note to the concern's history."""
    return service.add_note(session, concern_id=concern_id, note=body.note, actor=actor_of(user))


@router.post(
    "/concerns/{concern_id}/close", response_model=ConcernOut, tags=["concerns"], responses=ITEM
)
def close_concern(
    concern_id: int, body: ConcernClose, session: SessionDep, user: Officer
) -> ConcernOut:
    """Close the concern with its outcome (required)."""
    concern = service.close_concern(
        session,
        concern_id=concern_id,
        outcome=body.outcome.value if body.outcome else None,
        note=body.note,
        version=body.version,
        actor=actor_of(user),
    )
    return concern_out(concern, user)


# Referrals ----------------------------------------------------------------------------------


@router.get(
    "/concerns/{concern_id}/referrals",
    response_model=list[ReferralOut],
    tags=["referrals"],
    responses=ITEM,
)
def list_referrals(concern_id: int, session: SessionDep, user: Officer) -> object:
    """The concern's referrals, first made first; the read is audited."""
    service.read_concern(session, concern_id=concern_id, actor=actor_of(user))
    return referrals.referrals_of(session, concern_id)


@router.post(
    "/concerns/{concern_id}/referrals",
    response_model=ReferralOut,
    status_code=status.HTTP_201_CREATED,
    tags=["referrals"],
    responses=ITEM,
)
def refer(
    concern_id: int, body: ReferralCreate, session: SessionDep, policy: PolicyDep, user: Officer
) -> object:
    """Refer the concern to an organisation. Sharing the worker's details outside the ministry
    needs their recorded consent, or a supervisor's `override_reason`; both are audited."""
    return referrals.refer(
        session,
        concern_id=concern_id,
        organisation_id=body.organisation_id,
        shared=[s.value for s in body.shared],
        note=body.note,
        override_reason=body.override_reason,
        can_override=user.role_enum.allows(Role.supervisor),
        version=body.version,
        policy=policy,
        actor=actor_of(user),
    )


@router.post(
    "/referrals/{referral_id}/progress",
    response_model=ReferralOut,
    tags=["referrals"],
    responses=ITEM,
)
def record_progress(
    referral_id: int,
    body: ReferralProgress,
    session: SessionDep,
    policy: PolicyDep,
    user: Officer,
) -> object:
    """What the organisation did; a mediation that moves gets a new deadline."""
    return referrals.record_progress(
        session,
        referral_id=referral_id,
        note=body.note,
        concluded=body.concluded,
        version=body.version,
        policy=policy,
        actor=actor_of(user),
    )


# Consent ------------------------------------------------------------------------------------


@router.get(
    "/workers/{worker_id}/consents",
    response_model=list[ConsentOut],
    tags=["consent"],
    responses=ITEM,
)
def list_consents(worker_id: int, session: SessionDep, user: Officer) -> object:
    """The worker's consents to share their details, newest first; the read is audited."""
    get_worker(session, worker_id)
    record(session, actor=actor_of(user), action="read", entity="consent", worker_id=worker_id)
    return consents.consents_of(session, worker_id)


@router.post(
    "/workers/{worker_id}/consents",
    response_model=ConsentOut,
    status_code=status.HTTP_201_CREATED,
    tags=["consent"],
    responses=ITEM,
)
def record_consent(
    worker_id: int, body: ConsentCreate, session: SessionDep, user: Officer
) -> object:
    """Record the worker's consent (for one organisation, or any outside the ministry)."""
    return consents.record_consent(
        session,
        worker_id=worker_id,
        organisation_id=body.organisation_id,
        given_on=body.given_on,
        method=body.method.value,
        note=body.note,
        actor=actor_of(user),
    )


@router.post(
    "/consents/{consent_id}/withdraw",
    response_model=ConsentOut,
    tags=["consent"],
    responses=ITEM,
)
def withdraw_consent(consent_id: int, session: SessionDep, user: Officer) -> object:
    """The worker withdraws their consent; nothing more is shared on its strength."""
    return consents.withdraw_consent(session, consent_id=consent_id, actor=actor_of(user))


# Organisations ------------------------------------------------------------------------------


@router.get("/organisations", response_model=Page[OrganisationOut], tags=["organisations"])
def list_organisations(
    session: SessionDep,
    user: Officer,
    q: Annotated[str | None, Query(max_length=100)] = None,
    kind: OrganisationKind | None = None,
    language: Annotated[LanguageCode | None, Query()] = None,
    active: bool | None = True,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """The referral directory by name, filtered by kind and a language served."""
    return page_of(
        *organisations.list_organisations(
            session, q=q, kind=kind, language=language, active=active, cursor=cursor, limit=limit
        )
    )


@router.post(
    "/organisations",
    response_model=OrganisationOut,
    status_code=status.HTTP_201_CREATED,
    tags=["organisations"],
    responses=ITEM,
)
def create_organisation(body: OrganisationCreate, session: SessionDep, user: Supervisor) -> object:
    """Add an organisation to the directory (supervisors and administrators)."""
    return organisations.create_organisation(session, data=body.model_dump(), actor=actor_of(user))


@router.get(
    "/organisations/{organisation_id}",
    response_model=OrganisationOut,
    tags=["organisations"],
    responses=ITEM,
)
def read_organisation(organisation_id: int, session: SessionDep, user: Officer) -> object:
    """One organisation of the directory."""
    return organisations.get_organisation(session, organisation_id)


@router.patch(
    "/organisations/{organisation_id}",
    response_model=OrganisationOut,
    tags=["organisations"],
    responses=ITEM,
)
def update_organisation(
    organisation_id: int, body: OrganisationUpdate, session: SessionDep, user: Supervisor
) -> object:
    """Correct an organisation's entry, or retire it (`active: false`)."""
    return organisations.update_organisation(
        session,
        organisation_id=organisation_id,
        data=body.model_dump(exclude_unset=True, exclude={"version"}),
        version=body.version,
        actor=actor_of(user),
    )
