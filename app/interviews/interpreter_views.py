"""The staff screens for interpreters, with their languages and weekly availability.

Roles as in the API (resources_api.py): everyone signed in reads, supervisors change. The
service audits every change, as it does for the API.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from app.deps import SessionDep
from app.interviews import resources
from app.interviews.models import Interpreter
from app.interviews.resource_forms import (
    TEMPLATES,
    day_names,
    helpers,
    language_fields,
    language_options,
    language_rows,
    location_choices,
    locations_by_id,
    read_active,
    read_languages,
    read_week,
    save_form,
    week_fields,
    zone_of,
)
from app.interviews.schemas import InterpreterCreate
from app.registry.views import _int
from app.web import forms
from app.web.pages import page, query_of
from app.web.staff import FormDep, Staff, SupervisorPage, SupervisorPost, ViewerPage

router = APIRouter(prefix="/staff/resources", include_in_schema=False)


@router.get("/interpreters", response_class=HTMLResponse)
def interpreter_list(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Interpreters with their languages and availability, by location."""
    q = request.query_params
    items, next_cursor = resources.list_resources(
        session, Interpreter, location_id=_int(q.get("location_id")), cursor=q.get("cursor")
    )
    return page(
        request,
        TEMPLATES + "interpreters.html",
        staff=staff,
        section="interviews",
        interpreters=items,
        locations=locations_by_id(session),
        show_location=True,
        location_choices=location_choices(session),
        next_cursor=next_cursor,
        query=query_of(request, "location_id"),
        **helpers(),
    )


def _interpreter_form(
    request: Request,
    session: Session,
    staff: Staff,
    values: forms.Values,
    errors: forms.Errors,
    interpreter: Interpreter | None = None,
) -> Response:
    return page(
        request,
        TEMPLATES + "interpreter_form.html",
        staff=staff,
        section="interviews",
        values=values,
        errors=errors,
        interpreter=interpreter,
        zone=zone_of(session, interpreter.location_id) if interpreter else None,
        location_choices=location_choices(
            session, interpreter.location_id if interpreter else None
        ),
        language_choices=language_options(values, "languages"),
        rows=language_rows(values, "languages"),
        days=day_names(),
        status=422 if errors else 200,
    )


def _interpreter_data(typed: forms.Values) -> tuple[forms.Values, forms.Errors]:
    errors: forms.Errors = {}
    data = {
        "location_id": typed.get("location_id"),
        "name": typed.get("name"),
        "languages": read_languages(typed, "languages"),
        "availability": read_week(typed, errors),
    }
    return data, errors


@router.get("/interpreters/new", response_class=HTMLResponse)
def new_interpreter(request: Request, session: SessionDep, staff: SupervisorPage) -> Response:
    """The form for a new interpreter."""
    values = {
        "location_id": request.query_params.get("location_id"),
        "form_id": forms.new_form_id(),
    }
    return _interpreter_form(request, session, staff, values, {})


@router.post("/interpreters")
def create_interpreter(
    request: Request, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Add an interpreter, with languages and weekly availability."""
    typed = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    data, errors = _interpreter_data(typed)
    return save_form(
        session,
        staff,
        data,
        errors,
        schema=InterpreterCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: resources.create_resource(
            session, Interpreter, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda i: f"/staff/resources/locations/{i.location_id}",
        again=lambda e: _interpreter_form(
            request, session, staff, {**typed, "form_id": form_id}, e
        ),
    )


@router.get("/interpreters/{interpreter_id}/edit", response_class=HTMLResponse)
def edit_interpreter(
    request: Request, interpreter_id: int, session: SessionDep, staff: SupervisorPage
) -> Response:
    """The form to change an interpreter's languages, availability or location."""
    interpreter = resources.get_resource(session, Interpreter, interpreter_id)
    values = {
        "location_id": interpreter.location_id,
        "name": interpreter.name,
        "active": interpreter.active,
        "version": interpreter.version,
        **language_fields(interpreter.languages, "languages"),
        **week_fields(interpreter.availability),
    }
    return _interpreter_form(request, session, staff, values, {}, interpreter)


@router.post("/interpreters/{interpreter_id}")
def update_interpreter(
    request: Request,
    interpreter_id: int,
    session: SessionDep,
    form: FormDep,
    staff: SupervisorPost,
) -> Response:
    """Save an interpreter's languages, availability, location or state (audited)."""
    interpreter = resources.get_resource(session, Interpreter, interpreter_id)
    typed = forms.values_of(form)
    version = _int(typed.pop("version", None))
    active = read_active(typed)
    data, errors = _interpreter_data(typed)

    def save(body: Any) -> Interpreter:
        return resources.update_resource(
            session,
            Interpreter,
            resource_id=interpreter_id,
            data={**body.model_dump(), "active": active},
            version=version,
            actor=staff.actor,
        )

    return save_form(
        session,
        staff,
        data,
        errors,
        schema=InterpreterCreate,
        save=save,
        url_of=lambda i: f"/staff/resources/locations/{i.location_id}",
        again=lambda e: _interpreter_form(
            request,
            session,
            staff,
            {**typed, "version": version, "active": active},
            e,
            interpreter,
        ),
    )
