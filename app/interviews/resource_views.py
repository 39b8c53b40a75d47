"""The staff screens for interview locations and their rooms.

Roles as in the API (resources_api.py): everyone signed in reads, supervisors change. The
service audits every change, as it does for the API. Officers and their absences are in
officer_views.py, interpreters in interpreter_views.py; what the forms offer and how they are
read, in resource_forms.py.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.config import get_policy
from app.deps import SessionDep
from app.i18n import _
from app.interviews import resources
from app.interviews.models import Interpreter, InterviewLocation, InterviewOfficer, InterviewRoom
from app.interviews.resource_forms import (
    TEMPLATES,
    day_names,
    helpers,
    kinds,
    language_fields,
    language_options,
    language_rows,
    location_choices,
    names_of,
    read_active,
    read_languages,
    read_week,
    save_form,
    time_zones,
    week_fields,
    week_text,
    zones_of,
)
from app.interviews.schemas import LocationCreate, RoomCreate
from app.registry.views import _int, countries
from app.web import forms
from app.web.pages import page, query_of
from app.web.staff import FormDep, Staff, SupervisorPage, SupervisorPost, ViewerPage
from app.web.templating import country_filter

router = APIRouter(prefix="/staff/resources", include_in_schema=False)


# Locations ---------------------------------------------------------------------------------


@router.get("", response_class=HTMLResponse)
def location_list(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Interview locations: the protocol office and consulates abroad."""
    items, next_cursor = resources.list_resources(
        session, InterviewLocation, cursor=request.query_params.get("cursor")
    )
    return page(
        request,
        TEMPLATES + "locations.html",
        staff=staff,
        section="interviews",
        locations=items,
        next_cursor=next_cursor,
        query=query_of(request),
        **helpers(),
    )


def _location_form(
    request: Request,
    staff: Staff,
    values: forms.Values,
    errors: forms.Errors,
    location: InterviewLocation | None = None,
) -> Response:
    policy = get_policy()
    return page(
        request,
        TEMPLATES + "location_form.html",
        staff=staff,
        section="interviews",
        values=values,
        errors=errors,
        location=location,
        kinds=kinds(),
        countries=countries(),
        zones=time_zones(),
        # The hours are said in the zone the form holds, once it is a real one.
        zone=values.get("time_zone") if values.get("time_zone") in time_zones() else None,
        language_choices=language_options(values, "working_languages"),
        rows=language_rows(values, "working_languages"),
        days=day_names(),
        policy_hours=week_text(policy.office_hours),
        policy_zone=policy.host.time_zone,
        status=422 if errors else 200,
        **helpers(),
    )


def _location_data(typed: forms.Values) -> tuple[forms.Values, forms.Errors]:
    errors: forms.Errors = {}
    data = {k: typed.get(k) for k in ("name", "kind", "address", "country", "subdivision")}
    data["working_languages"] = read_languages(typed, "working_languages")
    data["office_hours"] = read_week(typed, errors)
    data["time_zone"] = typed.get("time_zone")
    if not data["time_zone"]:
        # The country's zone when it has only one; several must be chosen from.
        zones = zones_of(data["country"])
        if len(zones) == 1:
            data["time_zone"] = typed["time_zone"] = zones[0]
        elif zones:
            errors["time_zone"] = _(
                "{country} has several time zones: choose one ({zones})."
            ).format(
                country=country_filter(str(data["country"]).upper()),
                zones=", ".join(zones[:6]) + (", …" if len(zones) > 6 else ""),
            )
        else:
            errors["time_zone"] = _("Choose the time zone, or give a country that has only one.")
    return data, errors


@router.get("/locations/new", response_class=HTMLResponse)
def new_location(request: Request, staff: SupervisorPage) -> Response:
    """The form for a new interview location."""
    values = {"kind": "office", "form_id": forms.new_form_id()}
    return _location_form(request, staff, values, {})


@router.post("/locations")
def create_location(
    request: Request, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Add an interview location."""
    typed = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    data, errors = _location_data(typed)
    return save_form(
        session,
        staff,
        data,
        errors,
        schema=LocationCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: resources.create_resource(
            session, InterviewLocation, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda location: f"/staff/resources/locations/{location.id}",
        again=lambda e: _location_form(request, staff, {**typed, "form_id": form_id}, e),
    )


@router.get("/locations/{location_id}", response_class=HTMLResponse)
def location_page(
    request: Request, location_id: int, session: SessionDep, staff: ViewerPage
) -> Response:
    """A location with its hours, rooms, officers and interpreters."""
    location = resources.get_resource(session, InterviewLocation, location_id)
    rooms, _n1 = resources.list_resources(
        session, InterviewRoom, location_id=location_id, limit=200
    )
    officers, _n2 = resources.list_resources(
        session, InterviewOfficer, location_id=location_id, limit=200
    )
    interpreters, _n3 = resources.list_resources(
        session, Interpreter, location_id=location_id, limit=200
    )
    return page(
        request,
        TEMPLATES + "location.html",
        staff=staff,
        section="interviews",
        location=location,
        rooms=rooms,
        officers=officers,
        officer_names=names_of(session, officers),
        interpreters=interpreters,
        locations={location.id: location},
        show_location=False,
        policy_hours=week_text(get_policy().office_hours),
        **helpers(),
    )


@router.get("/locations/{location_id}/edit", response_class=HTMLResponse)
def edit_location(
    request: Request, location_id: int, session: SessionDep, staff: SupervisorPage
) -> Response:
    """The form to correct a location (hours, languages, zone) or take it out of use."""
    location = resources.get_resource(session, InterviewLocation, location_id)
    values = {
        **{k: getattr(location, k) for k in ("name", "kind", "address", "country")},
        "subdivision": location.subdivision,
        "time_zone": location.time_zone,
        "active": location.active,
        "version": location.version,
        **language_fields(location.working_languages, "working_languages"),
        **week_fields(location.office_hours),
    }
    return _location_form(request, staff, values, {}, location)


@router.post("/locations/{location_id}")
def update_location(
    request: Request, location_id: int, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Save a correction of a location (audited)."""
    location = resources.get_resource(session, InterviewLocation, location_id)
    typed = forms.values_of(form)
    version = _int(typed.pop("version", None))
    data, errors = _location_data(typed)
    active = read_active(typed)

    def save(body: Any) -> InterviewLocation:
        return resources.update_resource(
            session,
            InterviewLocation,
            resource_id=location_id,
            data={**body.model_dump(), "active": active},
            version=version,
            actor=staff.actor,
        )

    # The form sends every field, so it is checked as a whole record (required ones included).
    return save_form(
        session,
        staff,
        data,
        errors,
        schema=LocationCreate,
        save=save,
        url_of=lambda loc: f"/staff/resources/locations/{loc.id}",
        again=lambda e: _location_form(
            request, staff, {**typed, "version": version, "active": active}, e, location
        ),
    )


# Rooms -------------------------------------------------------------------------------------


def _room_form(
    request: Request,
    session: Session,
    staff: Staff,
    values: forms.Values,
    errors: forms.Errors,
    room: InterviewRoom | None = None,
) -> Response:
    return page(
        request,
        TEMPLATES + "room_form.html",
        staff=staff,
        section="interviews",
        values=values,
        errors=errors,
        room=room,
        location=resources.get_resource(session, InterviewLocation, room.location_id)
        if room
        else None,
        location_choices=location_choices(session),
        status=422 if errors else 200,
    )


@router.get("/rooms/new", response_class=HTMLResponse)
def new_room(request: Request, session: SessionDep, staff: SupervisorPage) -> Response:
    """The form for a new room at a location."""
    values = {
        "location_id": request.query_params.get("location_id"),
        "form_id": forms.new_form_id(),
    }
    return _room_form(request, session, staff, values, {})


@router.post("/rooms")
def create_room(
    request: Request, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Add a room to a location."""
    typed = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    data = {"location_id": typed.get("location_id"), "name": typed.get("name")}
    return save_form(
        session,
        staff,
        data,
        {},
        schema=RoomCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: resources.create_resource(
            session, InterviewRoom, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda room: f"/staff/resources/locations/{room.location_id}",
        again=lambda e: _room_form(request, session, staff, {**typed, "form_id": form_id}, e),
    )


@router.get("/rooms/{room_id}/edit", response_class=HTMLResponse)
def edit_room(
    request: Request, room_id: int, session: SessionDep, staff: SupervisorPage
) -> Response:
    """The form to rename a room or take it out of use."""
    room = resources.get_resource(session, InterviewRoom, room_id)
    values = {"name": room.name, "active": room.active, "version": room.version}
    return _room_form(request, session, staff, values, {}, room)


@router.post("/rooms/{room_id}")
def update_room(
    request: Request, room_id: int, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Save a room's new name or state (audited)."""
    room = resources.get_resource(session, InterviewRoom, room_id)
    typed = forms.values_of(form)
    version = _int(typed.pop("version", None))
    active = read_active(typed)
    data = {"location_id": room.location_id, "name": typed.get("name")}

    def save(body: Any) -> InterviewRoom:
        return resources.update_resource(
            session,
            InterviewRoom,
            resource_id=room_id,
            data={"name": body.name, "active": active},
            version=version,
            actor=staff.actor,
        )

    return save_form(
        session,
        staff,
        data,
        {},
        schema=RoomCreate,
        save=save,
        url_of=lambda r: f"/staff/resources/locations/{r.location_id}",
        again=lambda e: _room_form(
            request, session, staff, {**typed, "version": version, "active": active}, e, room
        ),
    )
