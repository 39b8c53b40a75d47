"""The staff screens for interviewing officers, with their weekly hours and absences.

Roles as in the API (resources_api.py): everyone signed in reads, supervisors change, officers
also record an officer's absence. The service audits every change, as it does for the API.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.deps import SessionDep
from app.i18n import N_
from app.interviews import resources
from app.interviews.models import InterviewLocation, InterviewOfficer
from app.interviews.resource_forms import (
    TEMPLATES,
    day_names,
    helpers,
    location_choices,
    locations_by_id,
    names_of,
    read_active,
    read_wall_time,
    read_week,
    save_form,
    staff_choices,
    week_fields,
    zone_of,
)
from app.interviews.schemas import AbsenceCreate, OfficerCreate
from app.registry.views import _int
from app.web import forms
from app.web.pages import NOTICES, page, query_of
from app.web.staff import (
    FormDep,
    OfficerPost,
    Staff,
    SupervisorPage,
    SupervisorPost,
    ViewerPage,
)

router = APIRouter(prefix="/staff/resources", include_in_schema=False)
NOTICES.update({"absence": N_("The absence is recorded.")})


@router.get("/officers", response_class=HTMLResponse)
def officer_list(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Interviewing officers, by location."""
    q = request.query_params
    items, next_cursor = resources.list_resources(
        session, InterviewOfficer, location_id=_int(q.get("location_id")), cursor=q.get("cursor")
    )
    return page(
        request,
        TEMPLATES + "officers.html",
        staff=staff,
        section="interviews",
        officers=items,
        officer_names=names_of(session, items),
        locations=locations_by_id(session),
        location_choices=location_choices(session),
        next_cursor=next_cursor,
        query=query_of(request, "location_id"),
        **helpers(),
    )


def _officer_form(
    request: Request,
    session: Session,
    staff: Staff,
    values: forms.Values,
    errors: forms.Errors,
    officer: InterviewOfficer | None = None,
) -> Response:
    return page(
        request,
        TEMPLATES + "officer_form.html",
        staff=staff,
        section="interviews",
        values=values,
        errors=errors,
        officer=officer,
        officer_name=names_of(session, [officer])[officer.id] if officer else "",
        zone=zone_of(session, officer.location_id) if officer else None,
        staff_choices=staff_choices(session),
        location_choices=location_choices(session, officer.location_id if officer else None),
        days=day_names(),
        status=422 if errors else 200,
    )


@router.get("/officers/new", response_class=HTMLResponse)
def new_officer(request: Request, session: SessionDep, staff: SupervisorPage) -> Response:
    """The form to make a staff user an interviewing officer at a location."""
    values = {
        "location_id": request.query_params.get("location_id"),
        "form_id": forms.new_form_id(),
    }
    return _officer_form(request, session, staff, values, {})


@router.post("/officers")
def create_officer(
    request: Request, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Make a staff user an interviewing officer, with weekly hours."""
    typed = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    errors: forms.Errors = {}
    data = {
        "staff_user_id": typed.get("staff_user_id"),
        "location_id": typed.get("location_id"),
        "working_hours": read_week(typed, errors),
    }
    return save_form(
        session,
        staff,
        data,
        errors,
        schema=OfficerCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: resources.create_resource(
            session, InterviewOfficer, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda officer: f"/staff/resources/officers/{officer.id}",
        again=lambda e: _officer_form(request, session, staff, {**typed, "form_id": form_id}, e),
    )


def _officer_page(
    request: Request,
    session: Session,
    staff: Staff,
    officer: InterviewOfficer,
    values: forms.Values,
    errors: forms.Errors,
) -> Response:
    return page(
        request,
        TEMPLATES + "officer.html",
        staff=staff,
        section="interviews",
        officer=officer,
        officer_name=names_of(session, [officer])[officer.id],
        location=resources.get_resource(session, InterviewLocation, officer.location_id),
        absences=resources.list_absences(session, officer_id=officer.id),
        values=values,
        errors=errors,
        status=422 if errors else 200,
        **helpers(),
    )


@router.get("/officers/{officer_id}", response_class=HTMLResponse)
def officer_page(
    request: Request, officer_id: int, session: SessionDep, staff: ViewerPage
) -> Response:
    """An officer's location, weekly hours and absences (and the form to add one)."""
    officer = resources.get_resource(session, InterviewOfficer, officer_id)
    return _officer_page(request, session, staff, officer, {"form_id": forms.new_form_id()}, {})


@router.get("/officers/{officer_id}/edit", response_class=HTMLResponse)
def edit_officer(
    request: Request, officer_id: int, session: SessionDep, staff: SupervisorPage
) -> Response:
    """The form to change an officer's location or weekly hours."""
    officer = resources.get_resource(session, InterviewOfficer, officer_id)
    values = {
        "location_id": officer.location_id,
        "active": officer.active,
        "version": officer.version,
        **week_fields(officer.working_hours),
    }
    return _officer_form(request, session, staff, values, {}, officer)


@router.post("/officers/{officer_id}")
def update_officer(
    request: Request, officer_id: int, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Save an officer's location, hours or state (audited)."""
    officer = resources.get_resource(session, InterviewOfficer, officer_id)
    typed = forms.values_of(form)
    version = _int(typed.pop("version", None))
    active = read_active(typed)
    errors: forms.Errors = {}
    data = {
        "staff_user_id": officer.staff_user_id,
        "location_id": typed.get("location_id"),
        "working_hours": read_week(typed, errors),
    }

    def save(body: Any) -> InterviewOfficer:
        return resources.update_resource(
            session,
            InterviewOfficer,
            resource_id=officer_id,
            data={
                "location_id": body.location_id,
                "working_hours": body.working_hours,
                "active": active,
            },
            version=version,
            actor=staff.actor,
        )

    return save_form(
        session,
        staff,
        data,
        errors,
        schema=OfficerCreate,
        save=save,
        url_of=lambda o: f"/staff/resources/officers/{o.id}",
        again=lambda e: _officer_form(
            request, session, staff, {**typed, "version": version, "active": active}, e, officer
        ),
    )


@router.post("/officers/{officer_id}/absences")
def add_absence(
    request: Request, officer_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record a time an officer is away, typed in the location's time zone (audited)."""
    officer = resources.get_resource(session, InterviewOfficer, officer_id)
    zone = zone_of(session, officer.location_id)
    typed = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    errors: forms.Errors = {}
    data = {
        "starts_at": read_wall_time(typed, "starts_at", zone, errors),
        "ends_at": read_wall_time(typed, "ends_at", zone, errors),
        "reason": typed.get("reason"),
    }
    return save_form(
        session,
        staff,
        data,
        errors,
        schema=AbsenceCreate,
        form_id=form_id,
        notice="absence",
        save=lambda body: resources.add_absence(
            session, data=body.model_dump(), actor=staff.actor, officer_id=officer_id
        ),
        url_of=lambda _absence: f"/staff/resources/officers/{officer_id}",
        again=lambda e: _officer_page(
            request, session, staff, officer, {**typed, "form_id": form_id}, e
        ),
    )
