"""Booking an interview, with every refusal saying why; the database has the last word."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.config import Policy
from app.db import utcnow
from app.errors import Conflict, FieldError, invalid
from app.i18n import _
from app.interviews.calendar import (
    covers,
    holiday_name,
    hours_on,
    wall_time_exists,
    wall_time_is_ambiguous,
)
from app.interviews.models import Interview, InterviewStatus
from app.interviews.slots import (
    Calendar,
    Need,
    Slot,
    check_file_open,
    check_kind_at,
    duration_of,
    get_location,
    get_worker,
    load_calendar,
    worker_need,
)
from app.notices.service import send_note

PENDING_INDEX = ("uq_interview_worker_id_kind_scheduled", "interview.worker_id, interview.kind")


def resolve_start(starts_at: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """A start time in UTC; a time without offset is a wall time in the location's zone."""
    if starts_at.tzinfo is None:
        shown = starts_at.strftime("%Y-%m-%d %H:%M")
        if not wall_time_exists(starts_at, zone):
            raise invalid(
                "starts_at",
                _("{time} does not exist in {zone}: the clocks skip it that day.").format(
                    time=shown, zone=zone.key
                ),
            )
        if wall_time_is_ambiguous(starts_at, zone):
            raise invalid(
                "starts_at",
                _("{time} happens twice in {zone} that day: give the UTC offset.").format(
                    time=shown, zone=zone.key
                ),
            )
        starts_at = starts_at.replace(tzinfo=zone)
    return starts_at.astimezone(dt.UTC)


def check_time(calendar: Calendar, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    """Refuse a start in the past, on a public holiday, or outside the office hours."""
    if start <= now:
        raise invalid("starts_at", _("This time has already passed."))
    local_start, local_end = start.astimezone(calendar.zone), end.astimezone(calendar.zone)
    holiday = holiday_name(
        calendar.location.country, calendar.location.subdivision, local_start.date()
    )
    if holiday is not None:
        raise invalid(
            "starts_at",
            _("{date} is a public holiday at this location ({holiday}).").format(
                date=local_start.date().isoformat(), holiday=holiday
            ),
        )
    if not covers(hours_on(calendar.office_hours, local_start.date()), local_start, local_end):
        raise invalid(
            "starts_at",
            _("The interview ({start}–{end}, {zone}) does not fit the office hours.").format(
                start=local_start.strftime("%H:%M"),
                end=local_end.strftime("%H:%M"),
                zone=calendar.zone.key,
            ),
        )


def _choose(
    calendar: Calendar,
    start: dt.datetime,
    end: dt.datetime,
    blocked: dt.datetime,
    need: Need,
    *,
    officer_id: int | None,
    room_id: int | None,
    interpreter_id: int | None,
) -> Slot:
    """The resources for a time, chosen or checked one by one so a refusal can say which."""
    if officer_id is not None and officer_id not in {o.id for o in calendar.officers}:
        raise invalid("officer_id", _("This officer does not interview at this location."))
    if room_id is not None and room_id not in {r.id for r in calendar.rooms}:
        raise invalid("room_id", _("This room is not at this location."))
    if interpreter_id is not None:
        chosen = next((i for i in calendar.interpreters if i.id == interpreter_id), None)
        if chosen is None:
            raise invalid("interpreter_id", _("This interpreter does not work at this location."))
        if not set(chosen.languages) & set(need.languages):
            raise invalid(
                "interpreter_id",
                _("This interpreter does not speak the worker's languages ({languages}).").format(
                    languages=", ".join(need.languages)
                ),
            )
    slot = calendar.free_slot(
        start,
        end,
        blocked,
        need,
        officer_id=officer_id,
        room_id=room_id,
        interpreter_id=interpreter_id,
    )
    if slot is not None:
        return slot
    # Say which resource is missing.
    if calendar.free_slot(start, end, blocked, Need(False, ()), officer_id=officer_id) is None:
        field, message = "officer_id", _("No officer is working and free at that time.")
        if officer_id is not None:
            message = _("This officer is not working, away or already booked at that time.")
    elif (
        calendar.free_slot(
            start, end, blocked, Need(False, ()), officer_id=officer_id, room_id=room_id
        )
        is None
    ):
        field, message = "room_id", _("No room is free at that time.")
    else:
        field, message = (
            "interpreter_id",
            _("No interpreter of the worker's language is free then."),
        )
        if interpreter_id is not None:
            message = _("This interpreter is not available or already booked at that time.")
    raise Conflict(message, errors=[FieldError(field, message)])


def has_pending(session: Session, worker_id: int, kind: str) -> bool:
    """Whether the worker already has an interview of that kind scheduled."""
    return (
        session.scalar(
            select(Interview.id).where(
                Interview.worker_id == worker_id,
                Interview.kind == kind,
                Interview.status == InterviewStatus.scheduled.value,
            )
        )
        is not None
    )


def _pending_conflict() -> Conflict:
    message = _("The worker already has an interview of this kind scheduled.")
    return Conflict(message, errors=[FieldError("kind", message)])


def insert_interview(session: Session, interview: Interview) -> Interview:
    """Store an interview; a clash caught by the database becomes a clear 409."""
    try:
        with session.begin_nested():
            session.add(interview)
            session.flush()
    except IntegrityError as exc:
        if any(name in str(exc.orig) for name in PENDING_INDEX):
            raise _pending_conflict() from None
        raise Conflict(
            _("The officer, room or interpreter was booked for an overlapping time a moment ago.")
            + " "
            + _("Choose another slot.")
        ) from None
    return interview


@contextmanager
def booking_contention() -> Iterator[None]:
    """On SQLite, another request that wrote first makes this one's view stale ("database is
    locked"): that is a booking made at the same moment, a 409, not an outage."""
    try:
        yield
    except OperationalError as exc:
        if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
            raise
        raise Conflict(
            _("Someone else was booking at the same moment.") + " " + _("Choose another slot.")
        ) from None


def book_interview(
    session: Session,
    *,
    worker_id: int,
    kind: str,
    location_id: int,
    starts_at: dt.datetime,
    policy: Policy,
    actor: Actor,
    officer_id: int | None = None,
    room_id: int | None = None,
    interpreter_id: int | None = None,
    rescheduled_from_id: int | None = None,
    now: dt.datetime | None = None,
) -> Interview:
    """Book an interview at a time, with free resources (chosen, or checked if given)."""
    with booking_contention():
        return _book(
            session,
            worker_id=worker_id,
            kind=kind,
            location_id=location_id,
            starts_at=starts_at,
            policy=policy,
            actor=actor,
            officer_id=officer_id,
            room_id=room_id,
            interpreter_id=interpreter_id,
            rescheduled_from_id=rescheduled_from_id,
            now=now,
        )


def _book(
    session: Session,
    *,
    worker_id: int,
    kind: str,
    location_id: int,
    starts_at: dt.datetime,
    policy: Policy,
    actor: Actor,
    officer_id: int | None,
    room_id: int | None,
    interpreter_id: int | None,
    rescheduled_from_id: int | None,
    now: dt.datetime | None,
) -> Interview:
    worker = get_worker(session, worker_id)
    check_file_open(worker)
    location = get_location(session, location_id)
    check_kind_at(location, kind)
    zone = zoneinfo.ZoneInfo(location.time_zone)
    start = resolve_start(starts_at, zone)
    end = start + duration_of(policy, kind)
    blocked = end + dt.timedelta(minutes=policy.interviews.buffer_minutes)
    calendar = load_calendar(
        session, location, policy, start - dt.timedelta(days=1), blocked + dt.timedelta(days=1)
    )
    check_time(calendar, start, end, now or utcnow())
    if has_pending(session, worker.id, kind):
        raise _pending_conflict()
    need = worker_need(session, worker, location)
    slot = _choose(
        calendar,
        start,
        end,
        blocked,
        need,
        officer_id=officer_id,
        room_id=room_id,
        interpreter_id=interpreter_id,
    )
    interview = insert_interview(
        session,
        Interview(
            worker_id=worker.id,
            kind=kind,
            status=InterviewStatus.scheduled.value,
            location_id=location.id,
            room_id=slot.room_id,
            officer_id=slot.officer_id,
            interpreter_id=slot.interpreter_id,
            interpreter_language=slot.interpreter_language,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            blocked_until=slot.blocked_until,
            booked_by_user_id=actor.user_id,
            rescheduled_from_id=rescheduled_from_id,
        ),
    )
    record(
        session,
        actor=actor,
        action="book",
        entity="interview",
        entity_id=interview.id,
        worker_id=worker.id,
        changes=booking_summary(interview),
    )
    # The formal note to the mission (invitation, or the new time of a moved interview).
    send_note(session, interview=interview, actor=actor, policy=policy)
    return interview


def booking_summary(interview: Interview) -> dict[str, Any]:
    """What the audit log keeps of a booking: kind, time and resources, no personal data."""
    return {
        "kind": interview.kind,
        "starts_at": interview.starts_at.isoformat(),
        "location_id": interview.location_id,
        "room_id": interview.room_id,
        "officer_id": interview.officer_id,
        "interpreter_id": interview.interpreter_id,
    }
