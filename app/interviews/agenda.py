"""Interviews as people see them: with names, in the location's time zone, by day and week."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEntry
from app.auth.models import StaffUser
from app.errors import NotFound
from app.i18n import _
from app.interviews.models import (
    Interpreter,
    Interview,
    InterviewLocation,
    InterviewOfficer,
    InterviewRoom,
)
from app.registry.models import Worker


class Scope(StrEnum):
    location = "location"
    officer = "officer"
    room = "room"


@dataclass(frozen=True)
class Row:
    """One interview with what a page or a calendar says about it."""

    interview: Interview
    worker: Worker
    location: InterviewLocation
    room: InterviewRoom
    officer: InterviewOfficer
    officer_name: str
    interpreter: Interpreter | None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.location.time_zone)

    @property
    def local_start(self) -> dt.datetime:
        return self.interview.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> dt.datetime:
        return self.interview.ends_at.astimezone(self.zone)


Model = TypeVar("Model", Worker, InterviewLocation, InterviewRoom, InterviewOfficer, Interpreter)


def _by_id(session: Session, model: type[Model], ids: set[int | None]) -> dict[int, Model]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {o.id: o for o in session.scalars(select(model).where(model.id.in_(wanted)))}


def rows_of(session: Session, interviews: list[Interview]) -> list[Row]:
    """The interviews with their worker, place, room, officer and interpreter (a few queries)."""
    if not interviews:
        return []

    workers = _by_id(session, Worker, {i.worker_id for i in interviews})
    locations = _by_id(session, InterviewLocation, {i.location_id for i in interviews})
    rooms = _by_id(session, InterviewRoom, {i.room_id for i in interviews})
    officers = _by_id(session, InterviewOfficer, {i.officer_id for i in interviews})
    interpreters = _by_id(session, Interpreter, {i.interpreter_id for i in interviews})
    user_ids = {o.staff_user_id for o in officers.values()}
    names: dict[int, str] = {
        user_id: name
        for user_id, name in session.execute(
            select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(user_ids))
        )
    }
    rows = []
    for i in interviews:
        officer = officers[i.officer_id]
        rows.append(
            Row(
                interview=i,
                worker=workers[i.worker_id],
                location=locations[i.location_id],
                room=rooms[i.room_id],
                officer=officer,
                officer_name=names.get(officer.staff_user_id, ""),
                interpreter=interpreters.get(i.interpreter_id or 0),
            )
        )
    return rows


def scope_location(session: Session, scope: Scope, scope_id: int) -> tuple[str, InterviewLocation]:
    """What a calendar is of (its title) and the location whose time zone it is shown in."""
    if scope is Scope.location:
        location = session.get(InterviewLocation, scope_id)
        if location is None:
            raise NotFound(_("There is no such interview location."))
        return location.name, location
    if scope is Scope.room:
        room = session.get(InterviewRoom, scope_id)
        if room is None:
            raise NotFound(_("There is no such room."))
        location = session.get(InterviewLocation, room.location_id)
        assert location is not None
        return f"{room.name}, {location.name}", location
    officer = session.get(InterviewOfficer, scope_id)
    if officer is None:
        raise NotFound(_("There is no such interviewing officer."))
    location = session.get(InterviewLocation, officer.location_id)
    user = session.get(StaffUser, officer.staff_user_id)
    assert location is not None and user is not None
    return user.display_name, location


def first_day(day: dt.date, days: int) -> dt.date:
    """A week starts on Monday; a day is itself."""
    return day - dt.timedelta(days=day.weekday()) if days == 7 else day


def days_of(
    session: Session,
    *,
    scope: Scope,
    scope_id: int,
    start: dt.date,
    days: int,
    statuses: tuple[str, ...],
) -> tuple[str, InterviewLocation, list[tuple[dt.date, list[Row]]]]:
    """A calendar's days (local dates in the location's zone), each with its interviews."""
    title, location = scope_location(session, scope, scope_id)
    zone = zoneinfo.ZoneInfo(location.time_zone)
    since = dt.datetime.combine(start, dt.time(), zone).astimezone(dt.UTC)
    until = dt.datetime.combine(start + dt.timedelta(days=days), dt.time(), zone).astimezone(dt.UTC)
    column = {
        Scope.location: Interview.location_id,
        Scope.officer: Interview.officer_id,
        Scope.room: Interview.room_id,
    }[scope]
    interviews = list(
        session.scalars(
            select(Interview)
            .where(
                column == scope_id,
                Interview.status.in_(statuses),
                Interview.starts_at >= since,
                Interview.starts_at < until,
            )
            .order_by(Interview.starts_at, Interview.id)
        )
    )
    rows = rows_of(session, interviews)
    calendar: list[tuple[dt.date, list[Row]]] = [
        (start + dt.timedelta(days=n), []) for n in range(days)
    ]
    by_date: dict[dt.date, list[Row]] = {d: r for d, r in calendar}
    for row in rows:
        by_date[row.local_start.date()].append(row)
    return title, location, calendar


def location_choices(session: Session) -> list[tuple[int, str]]:
    """Active interview locations by name, for a form's choice."""
    rows = session.execute(
        select(InterviewLocation.id, InterviewLocation.name)
        .where(InterviewLocation.active)
        .order_by(InterviewLocation.name)
    )
    return [(row.id, row.name) for row in rows]


def officer_choices(session: Session) -> list[tuple[int, str]]:
    """Active interviewing officers by name."""
    rows = session.execute(
        select(InterviewOfficer.id, StaffUser.display_name)
        .join(StaffUser, StaffUser.id == InterviewOfficer.staff_user_id)
        .where(InterviewOfficer.active)
        .order_by(StaffUser.display_name)
    )
    return [(row.id, row.display_name) for row in rows]


def room_choices(session: Session) -> list[tuple[int, str]]:
    """Active rooms, named with their location."""
    rows = session.execute(
        select(InterviewRoom.id, InterviewRoom.name, InterviewLocation.name.label("where"))
        .join(InterviewLocation, InterviewLocation.id == InterviewRoom.location_id)
        .where(InterviewRoom.active)
        .order_by(InterviewLocation.name, InterviewRoom.name)
    )
    return [(row.id, f"{row.name}, {row.where}") for row in rows]


def officer_of_user(session: Session, user_id: int) -> InterviewOfficer | None:
    """The interviewing-officer profile of a staff user, if they have one."""
    return session.scalars(
        select(InterviewOfficer).where(InterviewOfficer.staff_user_id == user_id)
    ).first()


def interviews_of_worker(session: Session, worker_id: int) -> list[Row]:
    """A worker's interviews, latest first (for their file, which audits its own opening)."""
    interviews = list(
        session.scalars(
            select(Interview)
            .where(Interview.worker_id == worker_id)
            .order_by(Interview.starts_at.desc(), Interview.id.desc())
            .limit(50)
        )
    )
    return rows_of(session, interviews)


def history_of(session: Session, interview: Interview) -> list[Interview]:
    """The bookings this one replaced, and the one that replaced it, oldest first."""
    chain = [interview]
    current = interview
    while current.rescheduled_from_id is not None and len(chain) < 20:
        found = session.get(Interview, current.rescheduled_from_id)
        if found is None:
            break
        chain.insert(0, found)
        current = found
    newer = session.scalars(
        select(Interview).where(Interview.rescheduled_from_id == interview.id)
    ).first()
    if newer is not None:
        chain.append(newer)
    return chain


def changes_of(session: Session, interviews: list[Interview]) -> list[AuditEntry]:
    """Who booked and changed these interviews, and when, oldest first (reads left out)."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.entity == "interview",
                AuditEntry.entity_id.in_([i.id for i in interviews]),
                AuditEntry.action.not_in(("read", "list")),
            )
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )


def location_zones(session: Session) -> list[tuple[int, str]]:
    return [
        (row.id, row.time_zone)
        for row in session.execute(select(InterviewLocation.id, InterviewLocation.time_zone))
    ]


def interpreters_at(session: Session, location_id: int | None) -> list[Interpreter]:
    if location_id is None:
        return []
    return list(session.scalars(select(Interpreter).where(Interpreter.location_id == location_id)))
