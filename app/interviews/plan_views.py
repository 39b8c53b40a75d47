"""Planning renewal interviews in bulk on the staff pages: propose a plan for a period, look
it over (who is placed where, who cannot be placed and why), confirm it in one step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.deps import PolicyDep, SessionDep
from app.errors import DomainError
from app.i18n import N_, _
from app.interviews import agenda, planning
from app.interviews.models import InterviewLocation, InterviewPlan, PlanStatus
from app.interviews.views import helpers
from app.notices.service import send_plan_notes
from app.registry.models import Worker
from app.registry.views import _int
from app.web import forms
from app.web.pages import NOTICES, page, redirect, refusal, refusal_query
from app.web.staff import FormDep, OfficerPage, OfficerPost

router = APIRouter(prefix="/staff", include_in_schema=False)
NOTICES.update(
    {
        "plan_proposed": N_("The plan is proposed. Look it over, then confirm it."),
        "plan_confirmed": N_("The plan is confirmed: its interviews are booked."),
    }
)
RECENT_PLANS = 20


def next_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter after the one `today` is in."""
    first_month = ((today.month - 1) // 3 + 1) * 3 + 1
    year = today.year + (first_month > 12)
    first_month = (first_month - 1) % 12 + 1
    start = dt.date(year, first_month, 1)
    after = dt.date(year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)


def _plans_page(
    request: Request,
    session: Session,
    staff: Any,
    values: dict[str, Any],
    errors: forms.Errors,
) -> Response:
    rows = session.execute(
        select(InterviewPlan, InterviewLocation.name)
        .join(InterviewLocation, InterviewLocation.id == InterviewPlan.location_id)
        .order_by(InterviewPlan.id.desc())
        .limit(RECENT_PLANS)
    ).all()
    return page(
        request,
        "staff/interviews/plans.html",
        staff=staff,
        section="interviews",
        values=values,
        errors=errors,
        plans=rows,
        location_choices=agenda.location_choices(session),
        status_names=_plan_status_names(),
        form_id=forms.new_form_id(),
        status=422 if errors else 200,
    )


def _plan_status_names() -> dict[str, str]:
    return {
        PlanStatus.proposed.value: _("Proposed, not yet booked"),
        PlanStatus.confirmed.value: _("Confirmed and booked"),
    }


@router.get("/interviews/plans", response_class=HTMLResponse)
def plans(request: Request, session: SessionDep, staff: OfficerPage) -> Response:
    """Propose a renewal plan (next quarter by default) and see the recent plans."""
    start, end = next_quarter(dt.date.today())
    choices = agenda.location_choices(session)
    values = {
        "location_id": str(choices[0][0]) if len(choices) == 1 else "",
        "period_starts_on": start.isoformat(),
        "period_ends_on": end.isoformat(),
    }
    return _plans_page(request, session, staff, values, {})


@router.post("/interviews/plans")
def propose(
    request: Request,
    session: SessionDep,
    policy: PolicyDep,
    form: FormDep,
    staff: OfficerPost,
) -> Response:
    """Propose a plan for every worker whose renewal window meets the period."""
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    done = forms.already_submitted(session, form_id)
    if done:
        return redirect(done)
    errors: forms.Errors = {}
    dates: dict[str, dt.date] = {}
    for name in ("period_starts_on", "period_ends_on"):
        try:
            dates[name] = dt.date.fromisoformat(values.get(name) or "")
        except ValueError:
            errors[name] = _("Enter a date.")
    location_id = _int(values.get("location_id"))
    if location_id is None:
        errors["location_id"] = _("Choose a location.")
    if errors:
        return _plans_page(request, session, staff, values, errors)
    assert location_id is not None
    try:
        with session.begin_nested():
            plan = planning.propose_plan(
                session,
                location_id=location_id,
                period_starts_on=dates["period_starts_on"],
                period_ends_on=dates["period_ends_on"],
                policy=policy,
                actor=staff.actor,
            )
    except DomainError as exc:
        return _plans_page(request, session, staff, values, forms.domain_errors(exc))
    url = f"/staff/interviews/plans/{plan.id}"
    forms.remember_submission(session, form_id=form_id, user_id=staff.user.id, url=url)
    return redirect(f"{url}?notice=plan_proposed")


@router.get("/interviews/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(request: Request, plan_id: int, session: SessionDep, staff: OfficerPage) -> Response:
    """A plan: who is placed when and with whom, who cannot be placed and why."""
    plan = planning.get_plan(session, plan_id)
    out = planning.plan_out(session, plan)
    location = session.get(InterviewLocation, plan.location_id)
    worker_ids = [item.worker_id for item in out.items]
    workers = {w.id: w for w in session.scalars(select(Worker).where(Worker.id.in_(worker_ids)))}
    interpreters = {i.id: i.name for i in agenda.interpreters_at(session, plan.location_id)}
    return page(
        request,
        "staff/interviews/plan.html",
        staff=staff,
        section="interviews",
        plan=out,
        location=location,
        workers=workers,
        placed=[i for i in out.items if i.unplaced_reason is None],
        unplaced=[i for i in out.items if i.unplaced_reason is not None],
        officer_names=dict(agenda.officer_choices(session)),
        room_names=dict(agenda.room_choices(session)),
        interpreter_names=interpreters,
        plan_status_names=_plan_status_names(),
        refused=refusal(request, "refused"),
        **helpers(),
    )


@router.post("/interviews/plans/{plan_id}/confirm")
def confirm(
    plan_id: int, session: SessionDep, policy: PolicyDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Book every placed interview of the plan at once."""
    url = f"/staff/interviews/plans/{plan_id}"
    try:
        with session.begin_nested():
            planning.confirm_plan(
                session,
                plan_id=plan_id,
                version=_int(str(form.get("version") or "")),
                policy=policy,
                actor=staff.actor,
            )
            # The formal note to each mission, as for a booking made one by one.
            send_plan_notes(session, plan_id=plan_id, actor=staff.actor, policy=policy)
    except DomainError as exc:
        return redirect(f"{url}?{refusal_query('refused', exc.detail)}")
    return redirect(f"{url}?notice=plan_confirmed")
