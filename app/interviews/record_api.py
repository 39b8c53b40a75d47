"""The interview record in the JSON API: officers and supervisors only, every read audited."""

from __future__ import annotations

from fastapi import APIRouter, status

from app.deps import Officer, SessionDep, actor_of
from app.interviews import record
from app.interviews.schemas import RecordCreate, RecordOut
from app.schemas import problem_responses

router = APIRouter(responses=problem_responses(401, 403, 422))
ITEM = problem_responses(404, 409)


@router.post(
    "/interviews/{interview_id}/record",
    response_model=RecordOut,
    status_code=status.HTTP_201_CREATED,
    tags=["interviews"],
    responses=ITEM,
)
def record_interview(
    interview_id: int, body: RecordCreate, session: SessionDep, user: Officer
) -> RecordOut:
    """Record what happened at an interview that took place; concerns open by themselves."""
    rec = record.record_interview(
        session, interview_id=interview_id, data=body.model_dump(), actor=actor_of(user)
    )
    return RecordOut.model_validate(rec)


@router.get(
    "/interviews/{interview_id}/record",
    response_model=RecordOut,
    tags=["interviews"],
    responses=ITEM,
)
def read_record(interview_id: int, session: SessionDep, user: Officer) -> RecordOut:
    """The record of an interview (officers and supervisors; the read is audited)."""
    rec = record.read_record(session, interview_id=interview_id, actor=actor_of(user))
    return RecordOut.model_validate(rec)
