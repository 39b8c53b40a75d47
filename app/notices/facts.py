"""What a notice says about an interview, read once from the database into plain values.

The texts and the PDF workers get these (picklable, no session), so rendering never holds a
database transaction and never loads a relationship by accident.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.i18n import _
from app.interviews.models import Interview, InterviewKind, InterviewLocation, InterviewRoom
from app.registry.models import Mission, Worker, WorkerLanguage

# Kinds of interview at which the worker already has an identity card to show.
HAS_CARD = {InterviewKind.renewal.value, InterviewKind.welfare.value, InterviewKind.departure.value}


@dataclass(frozen=True)
class Appointment:
    """One interview as the notices tell it: who, what kind, when and where."""

    interview_id: int
    interview_version: int
    status: str
    kind: str
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime
    zone: str  # the location's IANA time zone: every time is said in it
    location_name: str
    location_address: str | None
    location_country: str
    room_name: str
    interpreter_language: str | None
    worker_id: int
    worker_name: str
    worker_languages: tuple[str, ...]  # preferred first, then the others as on file
    mission_id: int
    mission_name: str
    mission_address: str | None
    mission_email: str | None
    # The booking this one replaces (a reschedule), with its time and status.
    previous_starts_at: dt.datetime | None = None
    previous_status: str | None = None

    @property
    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.zone))

    @property
    def local_previous_start(self) -> dt.datetime | None:
        if self.previous_starts_at is None:
            return None
        return self.previous_starts_at.astimezone(zoneinfo.ZoneInfo(self.zone))


def appointment_of(session: Session, interview_id: int) -> Appointment:
    """The facts of one interview (NotFound when there is no such interview)."""
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound(_("There is no such interview."))
    row = session.execute(
        select(Worker, Mission, InterviewLocation, InterviewRoom)
        .join(Mission, Mission.id == Worker.mission_id)
        .join(InterviewLocation, InterviewLocation.id == interview.location_id)
        .join(InterviewRoom, InterviewRoom.id == interview.room_id)
        .where(Worker.id == interview.worker_id)
    ).one()
    worker, mission, location, room = row
    spoken = session.scalars(
        select(WorkerLanguage.language)
        .where(WorkerLanguage.worker_id == worker.id)
        .order_by(WorkerLanguage.id)
    ).all()
    languages = tuple(dict.fromkeys([worker.preferred_language, *spoken]))
    previous = (
        session.get(Interview, interview.rescheduled_from_id)
        if interview.rescheduled_from_id is not None
        else None
    )
    return Appointment(
        interview_id=interview.id,
        interview_version=interview.version,
        status=interview.status,
        kind=interview.kind,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        zone=location.time_zone,
        location_name=location.name,
        location_address=location.address,
        location_country=location.country,
        room_name=room.name,
        interpreter_language=interview.interpreter_language,
        worker_id=worker.id,
        worker_name=worker.listed_name,
        worker_languages=languages,
        mission_id=mission.id,
        mission_name=mission.name,
        mission_address=mission.address,
        mission_email=mission.email,
        previous_starts_at=previous.starts_at if previous is not None else None,
        previous_status=previous.status if previous is not None else None,
    )
