"""The audit log for supervisors: browsable and filterable, never editable."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.audit import service
from app.auth.models import StaffUser
from app.deps import SessionDep
from app.registry.service import by_ids
from app.registry.views import _int
from app.web.pages import page, query_of
from app.web.staff import SupervisorPage

router = APIRouter(prefix="/staff", include_in_schema=False)

ENTITIES = ("worker", "contract", "employer", "mission")
ACTIONS = ("read", "list", "create", "update")


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/audit", response_class=HTMLResponse)
def audit_log(request: Request, session: SessionDep, staff: SupervisorPage) -> Response:
    """Who read or changed what, newest first, filtered."""
    q = request.query_params
    since, until = _day(q.get("since")), _day(q.get("until"))
    items, next_cursor = service.list_entries(
        session,
        worker_id=_int(q.get("worker_id")),
        actor_user_id=_int(q.get("actor_user_id")),
        entity=q.get("entity") if q.get("entity") in ENTITIES else None,
        action=q.get("action") if q.get("action") in ACTIONS else None,
        since=dt.datetime.combine(since, dt.time(), dt.UTC) if since else None,
        until=dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC)
        if until
        else None,
        cursor=q.get("cursor"),
    )
    users = by_ids(session, StaffUser, {e.actor_user_id for e in items if e.actor_user_id})
    return page(
        request,
        "staff/audit/list.html",
        staff=staff,
        section="audit",
        entries=items,
        users=users,
        next_cursor=next_cursor,
        entities=ENTITIES,
        actions=ACTIONS,
        query=query_of(request, "worker_id", "actor_user_id", "entity", "action", "since", "until"),
    )
