"""Missions and employers, and the helpers every registry service shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, capture, changes_between, record
from app.errors import Conflict, FieldError, Invalid, NotFound, invalid
from app.i18n import _
from app.pagination import Cursor, keyset_page
from app.registry.models import Employer, Mission
from app.validation import search_key

MISSION_FIELDS = ["name", "kind", "sending_country", "address", "email", "phone"]
EMPLOYER_FIELDS = ["mission_id", "family_name", "given_names", "position", "email", "phone"]


def check_version(obj: Any, version: int | None) -> None:
    """Refuse an update made on a stale copy of the record."""
    if version is not None and version != obj.version:
        raise Conflict(
            _("Someone changed this record after you opened it. Reload it and try again."),
            errors=[FieldError("version", _("The record has changed since you read it."))],
        )


def apply_changes(
    session: Session,
    obj: Any,
    values: dict[str, Any],
    *,
    fields: list[str],
    actor: Actor,
    entity: str,
    worker_id: int | None = None,
    secret: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Set the given fields, and audit what changed (before and after)."""
    before = capture(obj, fields)
    for name, value in values.items():
        setattr(obj, name, value)
    changes = changes_between(before, capture(obj, fields), secret=secret)
    if changes:
        session.flush()
        record(
            session,
            actor=actor,
            action="update",
            entity=entity,
            entity_id=obj.id,
            worker_id=worker_id,
            changes=changes,
        )
    return changes


def like_terms(column: Any, q: str | None) -> list[Any]:
    """Conditions for a name search: every word of the query, anywhere in the name."""
    if not q:
        return []
    words = search_key(q).split()
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return [column.like(f"%{w}%", escape="\\") for w in escaped[:5]]


# Missions ------------------------------------------------------------------------------


def get_mission(session: Session, mission_id: int) -> Mission:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFound(_("There is no such mission."))
    return mission


def require_mission(session: Session, mission_id: int, field: str = "mission_id") -> Mission:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise invalid(field, _("There is no such mission."))
    return mission


def create_mission(session: Session, *, data: dict[str, Any], actor: Actor) -> Mission:
    """Register a mission (embassy, consulate, permanent mission or organisation)."""
    mission = Mission(**data, search_name=search_key(data["name"]))
    session.add(mission)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="mission",
        entity_id=mission.id,
        changes=changes_between({}, capture(mission, MISSION_FIELDS)),
    )
    return mission


def update_mission(
    session: Session, *, mission_id: int, data: dict[str, Any], version: int | None, actor: Actor
) -> Mission:
    """Correct a mission's details; the change is audited."""
    mission = get_mission(session, mission_id)
    check_version(mission, version)
    if "name" in data:
        data["search_name"] = search_key(data["name"])
    apply_changes(session, mission, data, fields=MISSION_FIELDS, actor=actor, entity="mission")
    return mission


def list_missions(
    session: Session,
    *,
    q: str | None = None,
    kind: str | None = None,
    sending_country: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Mission], str | None]:
    """Missions by name, filtered."""
    stmt = select(Mission).where(*like_terms(Mission.search_name, q))
    if kind:
        stmt = stmt.where(Mission.kind == kind)
    if sending_country:
        stmt = stmt.where(Mission.sending_country == sending_country.upper())
    return keyset_page(
        session,
        stmt,
        [Cursor(Mission.search_name, str), Cursor(Mission.id, int)],
        cursor=cursor,
        limit=limit,
    )


# Employers ------------------------------------------------------------------------------


def get_employer(session: Session, employer_id: int) -> Employer:
    employer = session.get(Employer, employer_id)
    if employer is None:
        raise NotFound(_("There is no such employer."))
    return employer


def create_employer(session: Session, *, data: dict[str, Any], actor: Actor) -> Employer:
    """Register a member of a mission who employs, or will employ, a worker."""
    require_mission(session, data["mission_id"])
    employer = Employer(**data, search_name=search_key(data["family_name"], data["given_names"]))
    session.add(employer)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="employer",
        entity_id=employer.id,
        changes=changes_between({}, capture(employer, EMPLOYER_FIELDS)),
    )
    return employer


def update_employer(
    session: Session, *, employer_id: int, data: dict[str, Any], version: int | None, actor: Actor
) -> Employer:
    """Correct an employer's details or record a move to another mission."""
    employer = get_employer(session, employer_id)
    check_version(employer, version)
    if "mission_id" in data:
        require_mission(session, data["mission_id"])
    if "family_name" in data or "given_names" in data:
        data["search_name"] = search_key(
            data.get("family_name", employer.family_name),
            data.get("given_names", employer.given_names),
        )
    apply_changes(session, employer, data, fields=EMPLOYER_FIELDS, actor=actor, entity="employer")
    return employer


def list_employers(
    session: Session,
    *,
    q: str | None = None,
    mission_id: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Employer], str | None]:
    """Employers by name, filtered by mission."""
    stmt = select(Employer).where(*like_terms(Employer.search_name, q))
    if mission_id is not None:
        stmt = stmt.where(Employer.mission_id == mission_id)
    return keyset_page(
        session,
        stmt,
        [Cursor(Employer.search_name, str), Cursor(Employer.id, int)],
        cursor=cursor,
        limit=limit,
    )


def require_fields(errors: list[FieldError]) -> None:
    """Raise the collected field errors, if any."""
    if errors:
        raise Invalid(errors[0].message, errors=errors)


def by_ids(session: Session, model: type[Any], ids: set[int]) -> dict[int, Any]:
    """Records of one kind by id, in one query (for the rows of a list page)."""
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(model.id.in_(ids)))}


def mission_choices(session: Session) -> list[tuple[int, str]]:
    """Every mission by name, for a form's choice."""
    rows = session.execute(
        select(Mission.id, Mission.name).order_by(Mission.search_name).limit(2000)
    )
    return [(row.id, row.name) for row in rows]


def employer_choices(session: Session, mission_id: int) -> list[tuple[int, str]]:
    """The employers of one mission, for a contract's choice."""
    rows = session.scalars(
        select(Employer)
        .where(Employer.mission_id == mission_id)
        .order_by(Employer.search_name)
        .limit(500)
    )
    return [(e.id, f"{e.family_name}, {e.given_names}") for e in rows]
