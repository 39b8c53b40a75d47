"""The audit log, read-only, for supervisors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from app.audit import service
from app.audit.schemas import AuditEntryOut
from app.deps import SessionDep, Supervisor
from app.schemas import Page, page_of, problem_responses

router = APIRouter(responses=problem_responses(401, 403, 422))


@router.get("/audit", response_model=Page[AuditEntryOut], tags=["audit"])
def list_audit(
    session: SessionDep,
    user: Supervisor,
    worker_id: int | None = None,
    actor_user_id: int | None = None,
    entity: Annotated[str | None, Query(max_length=40)] = None,
    action: Annotated[str | None, Query(max_length=20)] = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, object]:
    """Who read or changed what, newest first. There is no way to change or delete an entry."""
    items, next_cursor = service.list_entries(
        session,
        worker_id=worker_id,
        actor_user_id=actor_user_id,
        entity=entity,
        action=action,
        since=since,
        until=until,
        cursor=cursor,
        limit=limit,
    )
    return page_of(items, next_cursor)
