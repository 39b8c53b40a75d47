"""Finding free slots: office hours, holidays, a free officer, room and interpreter, the buffer."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.config import Policy
from app.db import utcnow
from app.errors import Conflict, NotFound, invalid
from app.i18n import _
from app.interviews.calendar import BusyIndex, covers, holiday_name, hours_on, to_utc
from app.interviews.models import (
    ACTIVE_STATUSES,
    Absence,
    Interpreter,
    Interview,
    InterviewKind,
    InterviewLocation,
    InterviewOfficer,
    InterviewRoom,
    LocationKind,
    WeeklyHours,
)
from app.registry.models import Proficiency, Worker, WorkerLanguage, WorkerStatus

CHUNK_DAYS = 14


@dataclass(frozen=True)
class Slot:
    """A start time with the officer, room and (if needed) interpreter free for it."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    blocked_until: dt.datetime
    location_id: int
    officer_id: int
    room_id: int
    interpreter_id: int | None = None
    interpreter_language: str | None = None


@dataclass(frozen=True)
class Need:
    """What a worker needs at a location: the languages an interpreter may use, if any."""

    interpreter: bool
    languages: tuple[str, ...]  # the worker's languages, best understood and preferred first


def need_from(skills: list[tuple[str, str]], preferred: str, location: InterviewLocation) -> Need:
    """Whether a worker with these (language, proficiency) skills needs an interpreter here."""
    understood = [lang for lang, level in skills if Proficiency(level).understands_documents]
    speaks = understood or [lang for lang, _level in skills]
    ordered = sorted(speaks, key=lambda lang: (lang != preferred, lang))
    needs = not set(understood) & set(location.working_languages)
    return Need(interpreter=needs, languages=tuple(ordered))


def worker_need(session: Session, worker: Worker, location: InterviewLocation) -> Need:
    """Whether the worker needs an interpreter at this location, and in which languages."""
    rows = session.execute(
        select(WorkerLanguage.language, WorkerLanguage.proficiency).where(
            WorkerLanguage.worker_id == worker.id
        )
    ).all()
    return need_from([(lang, level) for lang, level in rows], worker.preferred_language, location)


def duration_of(policy: Policy, kind: str) -> dt.timedelta:
    return dt.timedelta(minutes=getattr(policy.interviews.durations_minutes, kind))


def check_kind_at(location: InterviewLocation, kind: str) -> None:
    """The interview before departure is held at a consulate; the others at the office."""
    at_consulate = location.kind == LocationKind.consulate.value
    if (kind == InterviewKind.pre_departure.value) != at_consulate:
        message = (
            _("The interview before departure is held at a consulate.")
            if kind == InterviewKind.pre_departure.value
            else _("This kind of interview is held at the protocol office, not at a consulate.")
        )
        raise invalid("location_id", message)


@dataclass
class Calendar:
    """One location's resources and busy times over a period, ready for quick checks."""

    location: InterviewLocation
    zone: zoneinfo.ZoneInfo
    office_hours: WeeklyHours
    officers: list[InterviewOfficer]
    rooms: list[InterviewRoom]
    interpreters: list[Interpreter]
    busy: BusyIndex = field(default_factory=BusyIndex)
    load: Counter[int] = field(default_factory=Counter)  # interviews per officer, for fairness

    def holiday(self, day: dt.date) -> str | None:
        return holiday_name(self.location.country, self.location.subdivision, day)

    def starts_on(
        self, day: dt.date, duration: dt.timedelta, step: dt.timedelta
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """Every start (UTC) on a local day that fits the office hours, in order, once."""
        if self.holiday(day) is not None:
            return
        for span_start, span_end in hours_on(self.office_hours, day):
            wall = dt.datetime.combine(day, span_start)
            while wall.time() >= span_start and wall.date() == day:
                start = to_utc(day, wall.time(), self.zone)
                if start is not None:
                    end = start + duration
                    end_local = end.astimezone(self.zone)
                    if end_local.date() != day or end_local.time() > span_end:
                        break
                    yield start, end
                wall += step

    def free_slot(
        self,
        start: dt.datetime,
        end: dt.datetime,
        blocked_until: dt.datetime,
        need: Need,
        *,
        officer_id: int | None = None,
        room_id: int | None = None,
        interpreter_id: int | None = None,
    ) -> Slot | None:
        """The least busy free officer, a free room and a free interpreter, or None."""
        local = (start.astimezone(self.zone), end.astimezone(self.zone))
        officer = next(
            (
                o
                for o in sorted(self.officers, key=lambda o: (self.load[o.id], o.id))
                if (officer_id is None or o.id == officer_id)
                and covers(hours_on(o.working_hours or self.office_hours, local[0].date()), *local)
                and self.busy.is_free(("officer", o.id), start, blocked_until)
            ),
            None,
        )
        if officer is None:
            return None
        room = next(
            (
                r
                for r in self.rooms
                if (room_id is None or r.id == room_id)
                and self.busy.is_free(("room", r.id), start, blocked_until)
            ),
            None,
        )
        if room is None:
            return None
        interpreter, language = None, None
        if need.interpreter or interpreter_id is not None:
            found = self.free_interpreter(start, end, blocked_until, need, interpreter_id)
            if found is None:
                return None
            interpreter, language = found
        return Slot(
            starts_at=start,
            ends_at=end,
            blocked_until=blocked_until,
            location_id=self.location.id,
            officer_id=officer.id,
            room_id=room.id,
            interpreter_id=interpreter.id if interpreter else None,
            interpreter_language=language,
        )

    def free_interpreter(
        self,
        start: dt.datetime,
        end: dt.datetime,
        blocked_until: dt.datetime,
        need: Need,
        interpreter_id: int | None = None,
    ) -> tuple[Interpreter, str] | None:
        local = (start.astimezone(self.zone), end.astimezone(self.zone))
        for language in need.languages:
            for i in self.interpreters:
                if (
                    (interpreter_id is None or i.id == interpreter_id)
                    and language in i.languages
                    and covers(
                        hours_on(i.availability or self.office_hours, local[0].date()), *local
                    )
                    and self.busy.is_free(("interpreter", i.id), start, blocked_until)
                ):
                    return i, language
        return None

    def take(self, slot: Slot) -> None:
        """Mark a slot's officer, room and interpreter busy (a plan being built)."""
        self.busy.add(("officer", slot.officer_id), slot.starts_at, slot.blocked_until)
        self.busy.add(("room", slot.room_id), slot.starts_at, slot.blocked_until)
        if slot.interpreter_id is not None:
            self.busy.add(("interpreter", slot.interpreter_id), slot.starts_at, slot.blocked_until)
        self.load[slot.officer_id] += 1


def load_calendar(
    session: Session,
    location: InterviewLocation,
    policy: Policy,
    start: dt.datetime,
    end: dt.datetime,
    *,
    exclude_interview_id: int | None = None,
) -> Calendar:
    """A location's active resources and what keeps them busy between start and end."""
    officers = list(
        session.scalars(
            select(InterviewOfficer)
            .where(InterviewOfficer.location_id == location.id, InterviewOfficer.active)
            .order_by(InterviewOfficer.id)
        )
    )
    rooms = list(
        session.scalars(
            select(InterviewRoom)
            .where(InterviewRoom.location_id == location.id, InterviewRoom.active)
            .order_by(InterviewRoom.id)
        )
    )
    interpreters = list(
        session.scalars(
            select(Interpreter)
            .where(Interpreter.location_id == location.id, Interpreter.active)
            .order_by(Interpreter.id)
        )
    )
    calendar = Calendar(
        location=location,
        zone=zoneinfo.ZoneInfo(location.time_zone),
        office_hours=location.office_hours or policy.office_hours,
        officers=officers,
        rooms=rooms,
        interpreters=interpreters,
    )
    absences = session.execute(
        select(Absence.officer_id, Absence.interpreter_id, Absence.starts_at, Absence.ends_at)
        .where(Absence.starts_at < end, Absence.ends_at > start)
        .where(
            or_(
                Absence.officer_id.in_([o.id for o in officers]),
                Absence.interpreter_id.in_([i.id for i in interpreters]),
            )
        )
    )
    for officer_id, interpreter_id, a_start, a_end in absences:
        key = ("officer", officer_id) if officer_id else ("interpreter", interpreter_id)
        calendar.busy.add(key, a_start, a_end)
    # The buffer is part of blocked_until, so an interview that started before `start` can
    # still hold a resource: look back by the longest possible interview.
    lookback = dt.timedelta(hours=9)
    stmt = select(
        Interview.officer_id,
        Interview.room_id,
        Interview.interpreter_id,
        Interview.starts_at,
        Interview.blocked_until,
    ).where(
        Interview.location_id == location.id,
        Interview.status.in_(ACTIVE_STATUSES),
        Interview.starts_at < end,
        Interview.starts_at >= start - lookback,
    )
    if exclude_interview_id is not None:
        stmt = stmt.where(Interview.id != exclude_interview_id)
    for officer_id, room_id, interpreter_id, i_start, i_blocked in session.execute(stmt):
        calendar.busy.add(("officer", officer_id), i_start, i_blocked)
        calendar.busy.add(("room", room_id), i_start, i_blocked)
        if interpreter_id is not None:
            calendar.busy.add(("interpreter", interpreter_id), i_start, i_blocked)
        calendar.load[officer_id] += 1
    return calendar


def get_location(
    session: Session, location_id: int, field_name: str = "location_id"
) -> InterviewLocation:
    location = session.get(InterviewLocation, location_id)
    if location is None or not location.active:
        raise invalid(field_name, _("There is no such interview location."))
    return location


def get_worker(session: Session, worker_id: int) -> Worker:
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise NotFound(_("There is no such worker."))
    return worker


def check_file_open(worker: Worker) -> None:
    """No new interview for a worker whose file is closed (they have left)."""
    if worker.status == WorkerStatus.departed.value:
        raise Conflict(_("This worker's file is closed: no interview can be booked."))


def check_interpreters_exist(calendar: Calendar, need: Need) -> None:
    """Refuse at once when no interpreter at the location speaks any of the worker's languages."""
    if not need.interpreter:
        return
    if not any(lang in i.languages for i in calendar.interpreters for lang in need.languages):
        raise invalid(
            "location_id",
            _(
                "The worker speaks none of this location's working languages well enough, "
                "and no interpreter here speaks {languages}."
            ).format(languages=", ".join(need.languages)),
        )


def search_slots(
    calendar: Calendar,
    need: Need,
    policy: Policy,
    kind: str,
    *,
    first_day: dt.date,
    last_day: dt.date,
    not_before: dt.datetime,
    limit: int,
) -> list[Slot]:
    """The earliest free slots between two local days, one per start time."""
    duration = duration_of(policy, kind)
    buffer = dt.timedelta(minutes=policy.interviews.buffer_minutes)
    step = dt.timedelta(minutes=policy.interviews.slot_step_minutes)
    found: list[Slot] = []
    day = first_day
    while day <= last_day and len(found) < limit:
        for start, end in calendar.starts_on(day, duration, step):
            if start < not_before:
                continue
            slot = calendar.free_slot(start, end, end + buffer, need)
            if slot is not None:
                found.append(slot)
                if len(found) >= limit:
                    break
        day += dt.timedelta(days=1)
    return found


def find_slots(
    session: Session,
    *,
    worker_id: int,
    kind: str,
    location_id: int,
    policy: Policy,
    actor: Actor,
    after: dt.datetime | None = None,
    limit: int = 10,
) -> tuple[list[Slot], Need, InterviewLocation]:
    """The earliest free slots for a worker and a kind of interview at a location (audited)."""
    worker = get_worker(session, worker_id)
    check_file_open(worker)
    record(
        session,
        actor=actor,
        action="find_slots",
        entity="interview",
        worker_id=worker.id,
        changes={"kind": kind, "location_id": location_id},
    )
    location = get_location(session, location_id)
    check_kind_at(location, kind)
    not_before = max(after or utcnow(), utcnow())
    zone = zoneinfo.ZoneInfo(location.time_zone)
    day = not_before.astimezone(zone).date()
    horizon = day + dt.timedelta(days=policy.interviews.search_days)
    need: Need | None = None
    slots: list[Slot] = []
    while day <= horizon and len(slots) < limit:
        chunk_end = min(day + dt.timedelta(days=CHUNK_DAYS - 1), horizon)
        calendar = load_calendar(
            session,
            location,
            policy,
            dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC),
            dt.datetime.combine(chunk_end + dt.timedelta(days=1), dt.time(), zone).astimezone(
                dt.UTC
            ),
        )
        if need is None:
            need = worker_need(session, worker, location)
            check_interpreters_exist(calendar, need)
        slots += search_slots(
            calendar,
            need,
            policy,
            kind,
            first_day=day,
            last_day=chunk_end,
            not_before=not_before,
            limit=limit - len(slots),
        )
        day = chunk_end + dt.timedelta(days=1)
    assert need is not None  # the loop runs at least once: horizon >= day
    return slots, need, location
