"""Calendars: a week and a day per location, officer and room; the .ics of an interview; the
officer's iCalendar feed at a secret URL (shown once, revocable)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.db import utcnow
from app.deps import SessionDep
from app.i18n import N_
from app.interviews import agenda, changes, ics
from app.interviews.agenda import Scope
from app.interviews.models import InterviewStatus
from app.interviews.views import helpers
from app.web.pages import NOTICES, page, redirect
from app.web.staff import OfficerPage, OfficerPost, ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)
feed_router = APIRouter(include_in_schema=False)
NOTICES.update({"feed_revoked": N_("The calendar feed is revoked: its address no longer works.")})
SHOWN = (InterviewStatus.scheduled.value, InterviewStatus.held.value, InterviewStatus.missed.value)
ICS = "text/calendar; charset=utf-8"


@router.get("/calendar", response_class=HTMLResponse)
def calendars(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Which calendar to open: a location's, an officer's or a room's."""
    mine = agenda.officer_of_user(session, staff.user.id)
    return page(
        request,
        "staff/interviews/calendars.html",
        staff=staff,
        section="calendar",
        location_choices=agenda.location_choices(session),
        officer_choices=agenda.officer_choices(session),
        room_choices=agenda.room_choices(session),
        mine=mine,
    )


@router.get("/calendar/{scope}/{scope_id}", response_class=HTMLResponse)
def calendar(
    request: Request, scope: Scope, scope_id: int, session: SessionDep, staff: ViewerPage
) -> Response:
    """A week (or a day) of interviews, in the location's time zone."""
    view = "day" if request.query_params.get("view") == "day" else "week"
    days = 1 if view == "day" else 7
    title, location = agenda.scope_location(session, scope, scope_id)
    try:
        day = dt.date.fromisoformat(request.query_params.get("day") or "")
    except ValueError:
        day = utcnow().astimezone(zoneinfo.ZoneInfo(location.time_zone)).date()
    start = agenda.first_day(day, days)
    title, location, calendar_days = agenda.days_of(
        session, scope=scope, scope_id=scope_id, start=start, days=days, statuses=SHOWN
    )
    step = dt.timedelta(days=days)
    return page(
        request,
        "staff/interviews/calendar.html",
        staff=staff,
        section="calendar",
        title=title,
        location=location,
        scope=scope.value,
        scope_id=scope_id,
        view=view,
        start=start,
        calendar_days=calendar_days,
        previous=(start - step).isoformat(),
        following=(start + step).isoformat(),
        **helpers(),
    )


@router.get("/interviews/{interview_id}/calendar.ics")
def interview_ics(
    request: Request, interview_id: int, session: SessionDep, staff: ViewerPage
) -> Response:
    """The interview as an iCalendar file, in its location's zone, with alarms."""
    interview = changes.read_interview(session, interview_id=interview_id, actor=staff.actor)
    body = ics.interview_ics(session, interview, base_url=_base(request))
    return Response(
        body,
        media_type=ICS,
        headers={"Content-Disposition": f'attachment; filename="interview-{interview.id}.ics"'},
    )


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/calendar/feed", response_class=HTMLResponse)
def feed_page(request: Request, session: SessionDep, staff: OfficerPage) -> Response:
    """The officer's own calendar feed: whether there is one, make a new one, revoke it."""
    return _feed_page(request, session, staff, token=None)


def _feed_page(
    request: Request, session: SessionDep, staff: OfficerPage, token: str | None
) -> Response:
    officer = agenda.officer_of_user(session, staff.user.id)
    active = ics.active_feed(session, officer.id) if officer else None
    return page(
        request,
        "staff/interviews/feed.html",
        staff=staff,
        section="calendar",
        officer=officer,
        active=active,
        feed_url=f"{_base(request)}/calendar/{token}.ics" if token else None,
    )


@router.post("/calendar/feed", response_class=HTMLResponse)
def create_feed(request: Request, session: SessionDep, staff: OfficerPost) -> Response:
    """A new secret address (the old one stops working); shown this once, never again."""
    officer = agenda.officer_of_user(session, staff.user.id)
    if officer is None:
        return _feed_page(request, session, staff, token=None)
    token = ics.create_feed(session, officer_id=officer.id, actor=staff.actor)
    return _feed_page(request, session, staff, token=token)


@router.post("/calendar/feed/revoke")
def revoke_feed(session: SessionDep, staff: OfficerPost) -> Response:
    """Revoke the feed: calendar clients that had it get nothing more."""
    officer = agenda.officer_of_user(session, staff.user.id)
    if officer is not None:
        ics.revoke_feed(session, officer_id=officer.id, actor=staff.actor)
    return redirect("/staff/calendar/feed?notice=feed_revoked")


# Public by its URL only: the path holds 32 random bytes (only their SHA-256 is stored), as a
# calendar client cannot sign in. It names no worker; a revoked or unknown token is a 404.
@feed_router.get("/calendar/{token}.ics")
def officer_feed(request: Request, token: str, session: SessionDep) -> Response:
    """An officer's interviews as an iCalendar feed."""
    body = ics.feed_ics(session, token=token[:100], base_url=_base(request))
    return Response(body, media_type=ICS, headers={"Cache-Control": "private, no-cache"})
