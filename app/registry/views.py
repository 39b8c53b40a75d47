"""The registry screens for missions and employers (workers and contracts: beside this)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from app.deps import SessionDep
from app.i18n import _
from app.registry import service
from app.registry.models import Employer, Mission, MissionKind, Worker
from app.registry.schemas import EmployerCreate, MissionCreate
from app.web import forms
from app.web.pages import page, query_of, submit
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff, ViewerPage
from app.web.templating import country_filter

router = APIRouter(prefix="/staff", include_in_schema=False)

MISSION_FIELDS = ["name", "kind", "sending_country", "address", "email", "phone"]
EMPLOYER_FIELDS = ["mission_id", "family_name", "given_names", "position", "email", "phone"]


def kinds() -> list[tuple[str, str]]:
    names = {
        MissionKind.embassy: _("Embassy"),
        MissionKind.consulate: _("Consulate"),
        MissionKind.permanent_mission: _("Permanent mission"),
        MissionKind.international_organisation: _("International organisation"),
    }
    return [(kind.value, names[kind]) for kind in MissionKind]


def countries() -> list[tuple[str, str]]:
    """Every country code with its name in the reader's language (for a datalist)."""
    import pycountry

    return sorted(
        ((c.alpha_2, country_filter(c.alpha_2)) for c in pycountry.countries),
        key=lambda item: item[1],
    )


def values_from(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# Missions ------------------------------------------------------------------------------


@router.get("/missions", response_class=HTMLResponse)
def missions(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Missions, searched by name and filtered."""
    q = request.query_params
    items, next_cursor = service.list_missions(
        session,
        q=q.get("q"),
        kind=q.get("kind") or None,
        sending_country=(q.get("sending_country") or "")[:2] or None,
        cursor=q.get("cursor"),
    )
    return page(
        request,
        "staff/registry/missions.html",
        staff=staff,
        section="missions",
        missions=items,
        next_cursor=next_cursor,
        kinds=kinds(),
        query=query_of(request, "q", "kind", "sending_country"),
    )


def _mission_form(
    request: Request,
    staff: Staff,
    values: dict[str, Any],
    errors: forms.Errors,
    mission_id: int | None = None,
) -> Response:
    return page(
        request,
        "staff/registry/mission_form.html",
        staff=staff,
        section="missions",
        values=values,
        errors=errors,
        kinds=kinds(),
        countries=countries(),
        mission_id=mission_id,
        status=422 if errors else 200,
    )


@router.get("/missions/new", response_class=HTMLResponse)
def new_mission(request: Request, staff: OfficerPage) -> Response:
    """The form for a new mission."""
    return _mission_form(request, staff, {"kind": "embassy", "form_id": forms.new_form_id()}, {})


@router.post("/missions")
def create_mission(
    request: Request, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Register a mission."""
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    return submit(
        session,
        staff,
        values,
        schema=MissionCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: service.create_mission(
            session, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda m: f"/staff/missions/{m.id}",
        again=lambda errors: _mission_form(request, staff, {**values, "form_id": form_id}, errors),
    )


@router.get("/missions/{mission_id}", response_class=HTMLResponse)
def mission(request: Request, mission_id: int, session: SessionDep, staff: ViewerPage) -> Response:
    """A mission, its employers and its workers."""
    found = service.get_mission(session, mission_id)
    employers, _next = service.list_employers(session, mission_id=mission_id, limit=100)
    workers = _mission_workers(session, mission_id)
    return page(
        request,
        "staff/registry/mission.html",
        staff=staff,
        section="missions",
        mission=found,
        employers=employers,
        workers=workers,
        kinds=dict(kinds()),
    )


def _mission_workers(session: Any, mission_id: int) -> list[Worker]:
    return list(
        session.scalars(
            select(Worker)
            .where(Worker.mission_id == mission_id)
            .order_by(Worker.search_name)
            .limit(100)
        )
    )


@router.get("/missions/{mission_id}/edit", response_class=HTMLResponse)
def edit_mission(
    request: Request, mission_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """The form to correct a mission."""
    found = service.get_mission(session, mission_id)
    values = {**values_from(found, MISSION_FIELDS), "version": found.version}
    return _mission_form(request, staff, values, {}, mission_id=mission_id)


@router.post("/missions/{mission_id}")
def update_mission(
    request: Request, mission_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Save a correction of a mission."""
    values = forms.values_of(form)
    version = _int(values.pop("version", None))

    def save(body: Any) -> Mission:
        return service.update_mission(
            session,
            mission_id=mission_id,
            data=body.model_dump(),
            version=version,
            actor=staff.actor,
        )

    # The form sends every field, so it is checked as a whole record (required ones included).
    return submit(
        session,
        staff,
        values,
        schema=MissionCreate,
        save=save,
        url_of=lambda m: f"/staff/missions/{m.id}",
        again=lambda errors: _mission_form(
            request, staff, {**values, "version": version}, errors, mission_id
        ),
    )


# Employers ------------------------------------------------------------------------------


@router.get("/employers", response_class=HTMLResponse)
def employers(request: Request, session: SessionDep, staff: ViewerPage) -> Response:
    """Employers, searched by name and filtered by mission."""
    q = request.query_params
    items, next_cursor = service.list_employers(
        session, q=q.get("q"), mission_id=_int(q.get("mission_id")), cursor=q.get("cursor")
    )
    missions_of = service.by_ids(session, Mission, {e.mission_id for e in items})
    return page(
        request,
        "staff/registry/employers.html",
        staff=staff,
        section="employers",
        employers=items,
        missions_of=missions_of,
        next_cursor=next_cursor,
        mission_choices=service.mission_choices(session),
        query=query_of(request, "q", "mission_id"),
    )


def _employer_form(
    request: Request,
    session: Any,
    staff: Staff,
    values: dict[str, Any],
    errors: forms.Errors,
    employer_id: int | None = None,
) -> Response:
    return page(
        request,
        "staff/registry/employer_form.html",
        staff=staff,
        section="employers",
        values=values,
        errors=errors,
        employer_id=employer_id,
        mission_choices=service.mission_choices(session),
        status=422 if errors else 200,
    )


@router.get("/employers/new", response_class=HTMLResponse)
def new_employer(request: Request, session: SessionDep, staff: OfficerPage) -> Response:
    """The form for a new employer."""
    values = {"mission_id": request.query_params.get("mission_id"), "form_id": forms.new_form_id()}
    return _employer_form(request, session, staff, values, {})


@router.post("/employers")
def create_employer(
    request: Request, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Register an employer."""
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    return submit(
        session,
        staff,
        values,
        schema=EmployerCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: service.create_employer(
            session, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda e: f"/staff/employers/{e.id}",
        again=lambda errors: _employer_form(
            request, session, staff, {**values, "form_id": form_id}, errors
        ),
    )


@router.get("/employers/{employer_id}", response_class=HTMLResponse)
def employer(
    request: Request, employer_id: int, session: SessionDep, staff: ViewerPage
) -> Response:
    """An employer, their mission and the workers they employ or employed."""
    from app.registry.contracts import workers_of_employer

    found = service.get_employer(session, employer_id)
    return page(
        request,
        "staff/registry/employer.html",
        staff=staff,
        section="employers",
        employer=found,
        mission=service.get_mission(session, found.mission_id),
        employed=workers_of_employer(session, employer_id),
    )


@router.get("/employers/{employer_id}/edit", response_class=HTMLResponse)
def edit_employer(
    request: Request, employer_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """The form to correct an employer or record a move to another mission."""
    found: Employer = service.get_employer(session, employer_id)
    values = {**values_from(found, EMPLOYER_FIELDS), "version": found.version}
    return _employer_form(request, session, staff, values, {}, employer_id=employer_id)


@router.post("/employers/{employer_id}")
def update_employer(
    request: Request, employer_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Save a correction of an employer."""
    values = forms.values_of(form)
    version = _int(values.pop("version", None))

    def save(body: Any) -> Employer:
        return service.update_employer(
            session,
            employer_id=employer_id,
            data=body.model_dump(),
            version=version,
            actor=staff.actor,
        )

    return submit(
        session,
        staff,
        values,
        schema=EmployerCreate,
        save=save,
        url_of=lambda e: f"/staff/employers/{e.id}",
        again=lambda errors: _employer_form(
            request, session, staff, {**values, "version": version}, errors, employer_id
        ),
    )
