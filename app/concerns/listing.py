"""The concerns list, oldest first (keyset pages on the opening time), and the names it shows."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.auth.models import StaffUser
from app.concerns.models import Concern, ConcernStatus
from app.pagination import Cursor, aware_datetime, keyset_page

# The filter "not closed": what the office still has to act on.
ACTIVE = "active"
OLDEST_FIRST = (Cursor(Concern.opened_at, aware_datetime), Cursor(Concern.id, int))


def list_concerns(
    session: Session,
    *,
    actor: Actor,
    status: str | None = ACTIVE,
    severity: str | None = None,
    source: str | None = None,
    assigned_to_user_id: int | None = None,
    unassigned: bool = False,
    worker_id: int | None = None,
    escalated: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Concern], str | None]:
    """Concerns, oldest first, filtered; the listing is audited."""
    stmt = select(Concern)
    if status == ACTIVE:
        stmt = stmt.where(Concern.status != ConcernStatus.closed.value)
    elif status:
        stmt = stmt.where(Concern.status == status)
    if severity:
        stmt = stmt.where(Concern.severity == severity)
    if source:
        stmt = stmt.where(Concern.source == source)
    # Both: assigned to that user or to nobody ("mine, and what nobody has taken yet").
    nobody = Concern.assigned_to_user_id.is_(None)
    if assigned_to_user_id is not None:
        assigned = Concern.assigned_to_user_id == assigned_to_user_id
        stmt = stmt.where(or_(assigned, nobody) if unassigned else assigned)
    elif unassigned:
        stmt = stmt.where(nobody)
    if worker_id is not None:
        stmt = stmt.where(Concern.worker_id == worker_id)
    if escalated is not None:
        stmt = stmt.where(
            Concern.escalated_at.is_not(None) if escalated else Concern.escalated_at.is_(None)
        )
    rows, next_cursor = keyset_page(session, stmt, OLDEST_FIRST, cursor=cursor, limit=limit)
    record(
        session,
        actor=actor,
        action="list",
        entity="concern",
        worker_id=worker_id,
        changes={"count": len(rows)},
    )
    return rows, next_cursor


def user_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    """Staff users' display names, in one query."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(wanted))
    )
    return {user_id: name for user_id, name in rows}
