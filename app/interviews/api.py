"""The interviews' JSON API: free slots, bookings and their changes, renewal plans."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Annotated

from fastapi import APIRouter, Query, status

from app.auth.models import Role, StaffUser
from app.deps import Officer, PolicyDep, SessionDep, Viewer, actor_of
from app.interviews import changes, planning
from app.interviews.booking import book_interview
from app.interviews.models import Interview, InterviewKind, InterviewStatus
from app.interviews.record_api import router as record_router
from app.interviews.resources_api import router as resources_router
from app.interviews.schemas import (
    InterviewBook,
    InterviewCancel,
    InterviewDetails,
    InterviewOut,
    InterviewReschedule,
    PlanCreate,
    PlanOut,
    SlotOut,
    SlotsOut,
    StatusChange,
)
from app.interviews.slots import find_slots
from app.notices.service import send_plan_notes
from app.schemas import Page, problem_responses

router = APIRouter(responses=problem_responses(401, 403, 422))
router.include_router(resources_router)
router.include_router(record_router)
ITEM = problem_responses(404, 409)
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page")]
CursorParam = Annotated[str | None, Query(max_length=500, description="`next` of the page before")]


def _local(moment: dt.datetime, zone: str) -> str:
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).isoformat()


def interview_out(interview: Interview, zone: str, user: StaffUser) -> InterviewOut:
    """An interview as the reader may see it: viewers get the time and place only."""
    details = None
    if user.role_enum.allows(Role.officer):
        details = InterviewDetails.model_validate(interview)
    return InterviewOut(
        id=interview.id,
        worker_id=interview.worker_id,
        kind=InterviewKind(interview.kind),
        status=InterviewStatus(interview.status),
        location_id=interview.location_id,
        room_id=interview.room_id,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        local_starts_at=_local(interview.starts_at, zone),
        local_ends_at=_local(interview.ends_at, zone),
        time_zone=zone,
        details=details,
    )


def _one(session: SessionDep, interview: Interview, user: StaffUser) -> InterviewOut:
    return interview_out(
        interview, changes.zones_for(session, [interview])[interview.location_id], user
    )


@router.get("/interviews/slots", response_model=SlotsOut, tags=["interviews"], responses=ITEM)
def list_slots(
    session: SessionDep,
    policy: PolicyDep,
    user: Officer,
    worker_id: int,
    kind: InterviewKind,
    location_id: int,
    after: dt.datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SlotsOut:
    """The earliest free slots for a worker and a kind of interview at a location."""
    slots, need, location = find_slots(
        session,
        worker_id=worker_id,
        kind=kind,
        location_id=location_id,
        policy=policy,
        after=after,
        limit=limit,
        actor=actor_of(user),
    )
    zone = location.time_zone
    return SlotsOut(
        worker_id=worker_id,
        kind=kind,
        location_id=location.id,
        time_zone=zone,
        needs_interpreter=need.interpreter,
        languages=list(need.languages),
        items=[
            SlotOut(
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                local_starts_at=_local(s.starts_at, zone),
                local_ends_at=_local(s.ends_at, zone),
                time_zone=zone,
                location_id=s.location_id,
                officer_id=s.officer_id,
                room_id=s.room_id,
                interpreter_id=s.interpreter_id,
                interpreter_language=s.interpreter_language,
            )
            for s in slots
        ],
    )


@router.post(
    "/interviews/plans",
    response_model=PlanOut,
    status_code=status.HTTP_201_CREATED,
    tags=["interviews"],
    responses=ITEM,
)
def propose_plan(
    body: PlanCreate, session: SessionDep, policy: PolicyDep, user: Officer
) -> PlanOut:
    """Propose renewal interviews for every worker whose renewal falls in the period."""
    plan = planning.propose_plan(
        session,
        location_id=body.location_id,
        period_starts_on=body.period_starts_on,
        period_ends_on=body.period_ends_on,
        policy=policy,
        actor=actor_of(user),
    )
    return planning.plan_out(session, plan)


@router.get(
    "/interviews/plans/{plan_id}", response_model=PlanOut, tags=["interviews"], responses=ITEM
)
def read_plan(plan_id: int, session: SessionDep, user: Officer) -> PlanOut:
    """A renewal plan, with who is placed where and who cannot be placed, and why."""
    return planning.plan_out(session, planning.get_plan(session, plan_id))


@router.post(
    "/interviews/plans/{plan_id}/confirm",
    response_model=PlanOut,
    tags=["interviews"],
    responses=ITEM,
)
def confirm_plan(
    plan_id: int, body: StatusChange, session: SessionDep, policy: PolicyDep, user: Officer
) -> PlanOut:
    """Book every placed interview of a proposed plan in one step."""
    actor = actor_of(user)
    plan = planning.confirm_plan(
        session, plan_id=plan_id, version=body.version, policy=policy, actor=actor
    )
    send_plan_notes(session, plan_id=plan.id, actor=actor, policy=policy)
    return planning.plan_out(session, plan)


@router.get("/interviews", response_model=Page[InterviewOut], tags=["interviews"])
def list_interviews(
    session: SessionDep,
    user: Viewer,
    worker_id: int | None = None,
    location_id: int | None = None,
    officer_id: int | None = None,
    kind: InterviewKind | None = None,
    status: InterviewStatus | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    cursor: CursorParam = None,
    limit: Limit = 50,
) -> dict[str, object]:
    """Interviews in time order, filtered; the listing is audited."""
    items, next_cursor = changes.list_interviews(
        session,
        actor=actor_of(user),
        worker_id=worker_id,
        location_id=location_id,
        officer_id=officer_id,
        kind=kind,
        status=status,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )
    zones = changes.zones_for(session, items)
    return {
        "items": [interview_out(i, zones[i.location_id], user) for i in items],
        "next": next_cursor,
    }


@router.post(
    "/interviews",
    response_model=InterviewOut,
    status_code=status.HTTP_201_CREATED,
    tags=["interviews"],
    responses=ITEM,
)
def book(
    body: InterviewBook, session: SessionDep, policy: PolicyDep, user: Officer
) -> InterviewOut:
    """Book an interview; officers, rooms and interpreters are never double-booked."""
    interview = book_interview(session, **body.model_dump(), policy=policy, actor=actor_of(user))
    return _one(session, interview, user)


@router.get(
    "/interviews/{interview_id}", response_model=InterviewOut, tags=["interviews"], responses=ITEM
)
def read_interview(interview_id: int, session: SessionDep, user: Viewer) -> InterviewOut:
    """One interview; the read is audited. Viewers see the time and place only."""
    interview = changes.read_interview(session, interview_id=interview_id, actor=actor_of(user))
    return _one(session, interview, user)


@router.post(
    "/interviews/{interview_id}/reschedule",
    response_model=InterviewOut,
    status_code=status.HTTP_201_CREATED,
    tags=["interviews"],
    responses=ITEM,
)
def reschedule(
    interview_id: int,
    body: InterviewReschedule,
    session: SessionDep,
    policy: PolicyDep,
    user: Officer,
) -> InterviewOut:
    """Move an interview to a new time; answers the new booking, linked to the old one."""
    interview = changes.reschedule_interview(
        session, interview_id=interview_id, **body.model_dump(), policy=policy, actor=actor_of(user)
    )
    return _one(session, interview, user)


@router.post(
    "/interviews/{interview_id}/cancel",
    response_model=InterviewOut,
    tags=["interviews"],
    responses=ITEM,
)
def cancel(
    interview_id: int, body: InterviewCancel, session: SessionDep, user: Officer
) -> InterviewOut:
    """Cancel an interview, saying why."""
    interview = changes.cancel_interview(
        session,
        interview_id=interview_id,
        reason=body.reason,
        version=body.version,
        actor=actor_of(user),
    )
    return _one(session, interview, user)


@router.post(
    "/interviews/{interview_id}/no-show",
    response_model=InterviewOut,
    tags=["interviews"],
    responses=ITEM,
)
def no_show(
    interview_id: int, body: StatusChange, session: SessionDep, user: Officer
) -> InterviewOut:
    """Record that the worker did not come; a second miss in a row opens a concern."""
    interview = changes.mark_no_show(
        session, interview_id=interview_id, version=body.version, actor=actor_of(user)
    )
    return _one(session, interview, user)


@router.post(
    "/interviews/{interview_id}/held",
    response_model=InterviewOut,
    tags=["interviews"],
    responses=ITEM,
)
def held(interview_id: int, body: StatusChange, session: SessionDep, user: Officer) -> InterviewOut:
    """Record that the interview took place."""
    interview = changes.mark_held(
        session, interview_id=interview_id, version=body.version, actor=actor_of(user)
    )
    return _one(session, interview, user)
