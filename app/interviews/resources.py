"""Interview locations, rooms, officers, interpreters and their absences."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, capture, changes_between, record
from app.auth.models import Role, StaffUser
from app.errors import Conflict, NotFound, invalid
from app.i18n import _
from app.interviews.calendar import supports_country
from app.interviews.models import (
    Absence,
    Interpreter,
    InterviewLocation,
    InterviewOfficer,
    InterviewRoom,
)
from app.pagination import Cursor, keyset_page
from app.registry.service import apply_changes, check_version

Resource = TypeVar("Resource", InterviewLocation, InterviewRoom, InterviewOfficer, Interpreter)

FIELDS: dict[type[Any], list[str]] = {
    InterviewLocation: [
        "name",
        "kind",
        "address",
        "country",
        "subdivision",
        "time_zone",
        "working_languages",
        "office_hours",
        "active",
    ],
    InterviewRoom: ["location_id", "name", "active"],
    InterviewOfficer: ["staff_user_id", "location_id", "working_hours", "active"],
    Interpreter: ["location_id", "name", "languages", "availability", "active"],
}
ENTITY = {
    InterviewLocation: "interview_location",
    InterviewRoom: "interview_room",
    InterviewOfficer: "interview_officer",
    Interpreter: "interpreter",
}
NOT_FOUND = {
    InterviewLocation: _("There is no such interview location."),
    InterviewRoom: _("There is no such room."),
    InterviewOfficer: _("There is no such interviewing officer."),
    Interpreter: _("There is no such interpreter."),
}


def get_resource(session: Session, model: type[Resource], resource_id: int) -> Resource:
    """One location, room, officer or interpreter."""
    found = session.get(model, resource_id)
    if found is None:
        raise NotFound(_(NOT_FOUND[model]))
    return found


def _check(session: Session, model: type[Any], data: dict[str, Any], current: Any = None) -> None:
    merged = {**(capture(current, FIELDS[model]) if current is not None else {}), **data}
    if model is InterviewLocation:
        if not supports_country(merged["country"], merged.get("subdivision")):
            raise invalid(
                "subdivision" if merged.get("subdivision") else "country",
                _("The public holidays of this country or region are not known."),
            )
        return
    if "location_id" in data and session.get(InterviewLocation, data["location_id"]) is None:
        raise invalid("location_id", _("There is no such interview location."))
    if model is InterviewOfficer and "staff_user_id" in data:
        user = session.get(StaffUser, data["staff_user_id"])
        if user is None or not user.is_active or not user.role_enum.allows(Role.officer):
            raise invalid(
                "staff_user_id", _("Interviews are held by active staff with the officer role.")
            )
        taken = session.scalar(
            select(InterviewOfficer.id).where(
                InterviewOfficer.staff_user_id == data["staff_user_id"]
            )
        )
        if taken is not None and (current is None or taken != current.id):
            raise Conflict(_("This staff user is already an interviewing officer."))


def create_resource(
    session: Session, model: type[Resource], *, data: dict[str, Any], actor: Actor
) -> Resource:
    """Add a location, room, officer or interpreter; the addition is audited."""
    _check(session, model, data)
    resource = model(**data)
    session.add(resource)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity=ENTITY[model],
        entity_id=resource.id,
        changes=changes_between({}, capture(resource, FIELDS[model])),
    )
    return resource


def update_resource(
    session: Session,
    model: type[Resource],
    *,
    resource_id: int,
    data: dict[str, Any],
    version: int | None,
    actor: Actor,
) -> Resource:
    """Correct a location, room, officer or interpreter; the change is audited."""
    resource = get_resource(session, model, resource_id)
    check_version(resource, version)
    _check(session, model, data, resource)
    apply_changes(session, resource, data, fields=FIELDS[model], actor=actor, entity=ENTITY[model])
    return resource


def list_resources(
    session: Session,
    model: type[Resource],
    *,
    location_id: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[Resource], str | None]:
    """Locations, rooms, officers or interpreters, oldest first, by location."""
    stmt = select(model)
    if location_id is not None and model is not InterviewLocation:
        stmt = stmt.where(getattr(model, "location_id") == location_id)  # noqa: B009
    return keyset_page(session, stmt, [Cursor(model.id, int)], cursor=cursor, limit=limit)


def add_absence(
    session: Session,
    *,
    data: dict[str, Any],
    actor: Actor,
    officer_id: int | None = None,
    interpreter_id: int | None = None,
) -> Absence:
    """Record a time an officer or interpreter is away; no booking is made in it."""
    if officer_id is not None:
        get_resource(session, InterviewOfficer, officer_id)
    if interpreter_id is not None:
        get_resource(session, Interpreter, interpreter_id)
    if data["ends_at"] <= data["starts_at"]:
        raise invalid("ends_at", _("An absence ends after it starts."))
    absence = Absence(officer_id=officer_id, interpreter_id=interpreter_id, **data)
    session.add(absence)
    session.flush()
    record(
        session,
        actor=actor,
        action="create",
        entity="absence",
        entity_id=absence.id,
        changes={
            "officer_id": officer_id,
            "interpreter_id": interpreter_id,
            "starts_at": absence.starts_at.isoformat(),
            "ends_at": absence.ends_at.isoformat(),
        },
    )
    return absence


def list_absences(
    session: Session, *, officer_id: int | None = None, interpreter_id: int | None = None
) -> list[Absence]:
    """An officer's or interpreter's absences, in time order."""
    stmt = select(Absence).order_by(Absence.starts_at)
    if officer_id is not None:
        get_resource(session, InterviewOfficer, officer_id)
        stmt = stmt.where(Absence.officer_id == officer_id)
    if interpreter_id is not None:
        get_resource(session, Interpreter, interpreter_id)
        stmt = stmt.where(Absence.interpreter_id == interpreter_id)
    return list(session.scalars(stmt.limit(500)))
