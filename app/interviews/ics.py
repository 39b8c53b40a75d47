"""iCalendar: an .ics for each interview and a feed per officer at a secret, revocable URL.

Every time carries its location's TZID with a VTIMEZONE, never floating or UTC only, so a
calendar client shows 09:00 in Geneva as 09:00 in Geneva, across daylight-saving changes too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.db import utcnow
from app.errors import NotFound
from app.i18n import _
from app.interviews.agenda import Row, rows_of
from app.interviews.models import (
    ACTIVE_STATUSES,
    CalendarFeed,
    Interview,
    InterviewOfficer,
    InterviewStatus,
)

PRODID = "-//Hestia//Interviews//EN"
# Alarms: the day before, to prepare (interpreter, file), and shortly before.
ALARMS = (dt.timedelta(days=-1), dt.timedelta(minutes=-30))
FEED_PAST = dt.timedelta(days=30)
FEED_FUTURE = dt.timedelta(days=366)


def _event(row: Row, *, with_name: bool, base_url: str) -> icalendar.Event:
    interview = row.interview
    event = icalendar.Event()
    event.add("uid", f"interview-{interview.id}@hestia")
    event.add("dtstamp", utcnow())
    # In the location's zone: icalendar writes DTSTART;TZID=Europe/Zurich:20270301T083000.
    event.add("dtstart", row.local_start)
    event.add("dtend", row.local_end)
    if with_name:
        summary = _("Interview: {name}").format(name=row.worker.listed_name)
    else:
        # A feed lives in calendar apps and phones: it names no worker, only the booking.
        summary = _("Interview no. {id}").format(id=interview.id)
    event.add("summary", summary)
    event.add("location", f"{row.location.name}, {row.room.name}")
    event.add("url", f"{base_url}/staff/interviews/{interview.id}")
    lines = [_("Time zone: {zone}").format(zone=row.location.time_zone)]
    if row.interpreter is not None:
        lines.append(
            _("Interpreter: {name} ({language})").format(
                name=row.interpreter.name, language=interview.interpreter_language or ""
            )
        )
    event.add("description", "\n".join(lines))
    cancelled = interview.status == InterviewStatus.cancelled.value
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", interview.version)
    for trigger in ALARMS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def calendar_of(rows: list[Row], *, with_names: bool, base_url: str, name: str) -> bytes:
    """An iCalendar file of these interviews, with the VTIMEZONE of every zone used."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for row in rows:
        cal.add_component(_event(row, with_name=with_names, base_url=base_url))
    cal.add_missing_timezones()
    return cal.to_ical()


def interview_ics(session: Session, interview: Interview, *, base_url: str) -> bytes:
    """The .ics of one interview, for the staff member who downloads it."""
    rows = rows_of(session, [interview])
    return calendar_of(rows, with_names=True, base_url=base_url, name=_("Interview"))


# The officer's feed -------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed(session: Session, officer_id: int) -> CalendarFeed | None:
    return session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.officer_id == officer_id, CalendarFeed.revoked_at.is_(None)
        )
    ).first()


def create_feed(session: Session, *, officer_id: int, actor: Actor) -> str:
    """A new secret feed URL token for an officer (the old one is revoked); shown once."""
    revoke_feed(session, officer_id=officer_id, actor=actor)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        officer_id=officer_id, token_hash=_hash(token), created_by_user_id=actor.user_id
    )
    session.add(feed)
    session.flush()
    record(session, actor=actor, action="create", entity="calendar_feed", entity_id=feed.id)
    return token


def revoke_feed(session: Session, *, officer_id: int, actor: Actor) -> bool:
    """Revoke the officer's feed: its URL answers 404 from now on."""
    feed = active_feed(session, officer_id)
    if feed is None:
        return False
    feed.revoked_at = utcnow()
    session.flush()
    record(session, actor=actor, action="revoke", entity="calendar_feed", entity_id=feed.id)
    return True


def feed_ics(session: Session, *, token: str, base_url: str) -> bytes:
    """The officer's interviews from a month ago to a year ahead, for a calendar client."""
    feed = session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == _hash(token), CalendarFeed.revoked_at.is_(None)
        )
    ).first()
    officer = session.get(InterviewOfficer, feed.officer_id) if feed else None
    if feed is None or officer is None:
        raise NotFound(_("There is no such calendar."))
    now = utcnow()
    interviews = list(
        session.scalars(
            select(Interview)
            .where(
                Interview.officer_id == officer.id,
                Interview.status.in_([*ACTIVE_STATUSES, InterviewStatus.cancelled.value]),
                Interview.starts_at >= now - FEED_PAST,
                Interview.starts_at < now + FEED_FUTURE,
            )
            .order_by(Interview.starts_at, Interview.id)
        )
    )
    return calendar_of(
        rows_of(session, interviews), with_names=False, base_url=base_url, name="Hestia"
    )
