"""The interview screens: the list, booking from the worker's file, the interview and its
changes. The record is in record_views.py, the calendars in calendar_views.py."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import PolicyDep, SessionDep
from app.errors import DomainError
from app.i18n import N_, _
from app.interviews import agenda, changes, display, record
from app.interviews.booking import book_interview
from app.interviews.models import InterviewKind, InterviewStatus
from app.interviews.slots import find_slots, get_worker
from app.notices.views import panel as notice_panel
from app.registry.views import _int
from app.web import forms
from app.web.pages import NOTICES, page, query_of, redirect, refusal, refusal_query
from app.web.staff import FormDep, OfficerPage, OfficerPost, ViewerPage

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES.update(
    {
        "booked": N_("The interview is booked."),
        "moved": N_("The interview is moved: this is the new booking."),
        "cancelled": N_("The interview is cancelled."),
        "missed": N_("The no-show is recorded."),
        "held": N_("The interview is marked as held. Record what happened."),
        "recorded": N_("The interview is recorded."),
    }
)


def helpers() -> dict[str, Any]:
    """What every interview template uses to name things and say times."""
    return {
        "kind_names": dict(display.choices(display.KINDS)),
        "status_names": dict(display.choices(display.STATUSES)),
        "when": display.when,
        "span": display.span,
        "clock": display.clock,
        "day_name": display.day_name,
    }


def interview_context(session: Any, worker_id: int) -> dict[str, Any]:
    """What the worker's file shows of the interviews: the list, and whether one must be held
    again because someone from the employer's side was in the room."""
    return {
        "worker_interviews": agenda.interviews_of_worker(session, worker_id),
        "repeat_needed": record.repeat_pending(session, worker_id) is not None,
        # Named apart: the worker's file has its own status names.
        "interview_kind_names": dict(display.choices(display.KINDS)),
        "interview_status_names": dict(display.choices(display.STATUSES)),
        "interview_when": display.when,
    }


# The list ---------------------------------------------------------------------------------


def _day_bounds(day: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    tz = zoneinfo.ZoneInfo(zone)
    start = dt.datetime.combine(day, dt.time(), tz)
    return start.astimezone(dt.UTC), (start + dt.timedelta(days=1)).astimezone(dt.UTC)


@router.get("/interviews", response_class=HTMLResponse)
def interview_list(
    request: Request, session: SessionDep, policy: PolicyDep, staff: ViewerPage
) -> Response:
    """Interviews in time order, filtered by day, location, officer and status (audited)."""
    q = request.query_params
    location_id, officer_id = _int(q.get("location_id")), _int(q.get("officer_id"))
    status = q.get("status") if q.get("status") in {s.value for s in InterviewStatus} else None
    since = until = None
    try:
        day = dt.date.fromisoformat(q.get("day") or "")
    except ValueError:
        day = None
    if day is not None:
        zone = policy.host.time_zone
        if location_id is not None:
            chosen = dict(agenda.location_zones(session)).get(location_id)
            zone = chosen or zone
        since, until = _day_bounds(day, zone)
    items, next_cursor = changes.list_interviews(
        session,
        actor=staff.actor,
        location_id=location_id,
        officer_id=officer_id,
        status=status,
        since=since,
        until=until,
        cursor=q.get("cursor"),
    )
    return page(
        request,
        "staff/interviews/list.html",
        staff=staff,
        section="interviews",
        rows=agenda.rows_of(session, items),
        next_cursor=next_cursor,
        location_choices=agenda.location_choices(session),
        officer_choices=agenda.officer_choices(session),
        room_choices=agenda.room_choices(session),
        statuses=display.choices(display.STATUSES),
        query=query_of(request, "day", "location_id", "officer_id", "status"),
        **helpers(),
    )


# Booking from the worker's file -----------------------------------------------------------


@router.get("/workers/{worker_id}/interviews/new", response_class=HTMLResponse)
def book_form(
    request: Request, worker_id: int, session: SessionDep, policy: PolicyDep, staff: OfficerPage
) -> Response:
    """Choose the kind and the place, then one of the earliest free slots."""
    worker = get_worker(session, worker_id)
    q = request.query_params
    values = {"kind": q.get("kind"), "location_id": q.get("location_id")}
    return _book_page(request, session, policy, staff, worker, values, {})


def _book_page(
    request: Request,
    session: Any,
    policy: Any,
    staff: Any,
    worker: Any,
    values: dict[str, Any],
    errors: forms.Errors,
) -> Response:
    slots: list[Any] = []
    need, location = None, None
    kind, location_id = values.get("kind"), _int(values.get("location_id"))
    if kind in {k.value for k in InterviewKind} and location_id is not None and not errors:
        try:
            with session.begin_nested():
                slots, need, location = find_slots(
                    session,
                    worker_id=worker.id,
                    kind=kind,
                    location_id=location_id,
                    policy=policy,
                    actor=staff.actor,
                    limit=12,
                )
        except DomainError as exc:
            errors = forms.domain_errors(exc)
    interpreters = {
        i.id: i.name for i in agenda.interpreters_at(session, location.id if location else None)
    }
    return page(
        request,
        "staff/interviews/book.html",
        staff=staff,
        section="workers",
        worker=worker,
        values=values,
        errors=errors,
        slots=slots,
        need=need,
        location=location,
        officer_names=dict(agenda.officer_choices(session)),
        room_names=dict(agenda.room_choices(session)),
        interpreter_names=interpreters,
        kinds=display.choices(display.KINDS),
        location_choices=agenda.location_choices(session),
        form_id=forms.new_form_id(),
        status=422 if errors else 200,
        **helpers(),
    )


@router.post("/workers/{worker_id}/interviews")
def book(
    request: Request,
    worker_id: int,
    session: SessionDep,
    policy: PolicyDep,
    form: FormDep,
    staff: OfficerPost,
) -> Response:
    """Book the chosen slot (a double post goes to the booking made the first time)."""
    worker = get_worker(session, worker_id)
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    done = forms.already_submitted(session, form_id)
    if done:
        return redirect(done)
    try:
        starts_at = dt.datetime.fromisoformat(values.get("starts_at") or "")
        with session.begin_nested():
            interview = book_interview(
                session,
                worker_id=worker.id,
                kind=values.get("kind") or "",
                location_id=_int(values.get("location_id")) or 0,
                starts_at=starts_at,
                officer_id=_int(values.get("officer_id")),
                room_id=_int(values.get("room_id")),
                interpreter_id=_int(values.get("interpreter_id")),
                policy=policy,
                actor=staff.actor,
            )
    except ValueError:
        return _book_page(
            request,
            session,
            policy,
            staff,
            worker,
            values,
            {"__all__": _("Choose one of the free slots.")},
        )
    except DomainError as exc:
        return _book_page(request, session, policy, staff, worker, values, forms.domain_errors(exc))
    url = f"/staff/interviews/{interview.id}"
    forms.remember_submission(session, form_id=form_id, user_id=staff.user.id, url=url)
    return redirect(f"{url}?notice=booked")


# One interview and its changes ------------------------------------------------------------


@router.get("/interviews/{interview_id}", response_class=HTMLResponse)
def interview_page(
    request: Request, interview_id: int, session: SessionDep, staff: ViewerPage
) -> Response:
    """One interview in its location's time zone, with its history (the read is audited)."""
    interview = changes.read_interview(session, interview_id=interview_id, actor=staff.actor)
    row = agenda.rows_of(session, [interview])[0]
    chain = agenda.history_of(session, interview)
    can_record = staff.can("officer")
    return page(
        request,
        "staff/interviews/interview.html",
        staff=staff,
        section="interviews",
        row=row,
        interview=interview,
        chain=chain,
        history=agenda.changes_of(session, chain) if can_record else [],
        recorded=record.record_of(session, interview.id) is not None if can_record else False,
        refused=refusal(request, "refused"),
        **helpers(),
        **(notice_panel(session, interview.id) if can_record else {}),
    )


def _back(interview_id: int, notice: str = "", refused: str = "") -> Response:
    if refused:
        return redirect(f"/staff/interviews/{interview_id}?{refusal_query('refused', refused)}")
    return redirect(f"/staff/interviews/{interview_id}?notice={notice}")


def _version(form: Any) -> int | None:
    return _int(str(form.get("version") or ""))


@router.post("/interviews/{interview_id}/cancel")
def cancel(interview_id: int, session: SessionDep, form: FormDep, staff: OfficerPost) -> Response:
    """Cancel the interview, saying why."""
    reason = (forms.values_of(form).get("reason") or "").strip()
    if len(reason) < 3:
        return _back(interview_id, refused=_("Say why the interview is cancelled."))
    try:
        with session.begin_nested():
            changes.cancel_interview(
                session,
                interview_id=interview_id,
                reason=reason[:500],
                version=_version(form),
                actor=staff.actor,
            )
    except DomainError as exc:
        return _back(interview_id, refused=exc.detail)
    return _back(interview_id, "cancelled")


@router.post("/interviews/{interview_id}/no-show")
def no_show(interview_id: int, session: SessionDep, form: FormDep, staff: OfficerPost) -> Response:
    """The worker did not come (a second time in a row opens a concern)."""
    try:
        with session.begin_nested():
            changes.mark_no_show(
                session, interview_id=interview_id, version=_version(form), actor=staff.actor
            )
    except DomainError as exc:
        return _back(interview_id, refused=exc.detail)
    return _back(interview_id, "missed")


@router.post("/interviews/{interview_id}/held")
def held(interview_id: int, session: SessionDep, form: FormDep, staff: OfficerPost) -> Response:
    """The interview took place; its record comes next."""
    try:
        with session.begin_nested():
            changes.mark_held(
                session, interview_id=interview_id, version=_version(form), actor=staff.actor
            )
    except DomainError as exc:
        return _back(interview_id, refused=exc.detail)
    return redirect(f"/staff/interviews/{interview_id}/record?notice=held")


@router.post("/interviews/{interview_id}/reschedule")
def reschedule(
    interview_id: int, session: SessionDep, policy: PolicyDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Move the interview to a new time, a wall time in the location's zone."""
    values = forms.values_of(form)
    try:
        starts_at = dt.datetime.fromisoformat(values.get("starts_at") or "")
    except ValueError:
        return _back(interview_id, refused=_("Give the new day and time."))
    try:
        with session.begin_nested():
            new = changes.reschedule_interview(
                session,
                interview_id=interview_id,
                starts_at=starts_at.replace(tzinfo=None),
                reason=(values.get("reason") or None),
                version=_version(form),
                policy=policy,
                actor=staff.actor,
            )
    except DomainError as exc:
        return _back(interview_id, refused=exc.detail)
    return _back(new.id, "moved")
