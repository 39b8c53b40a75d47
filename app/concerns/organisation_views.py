"""The organisation directory's screens: officers read it (to refer); supervisors and
administrators add and correct entries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.concerns import display, organisations
from app.concerns.models import Organisation, OrganisationKind
from app.concerns.schemas import OrganisationCreate
from app.deps import SessionDep
from app.registry.views import _int, countries
from app.web import forms
from app.web.pages import page, query_of, submit
from app.web.staff import FormDep, OfficerPage, Staff, SupervisorPage, SupervisorPost

router = APIRouter(prefix="/staff", include_in_schema=False)
FIELDS = ["kind", "name", "phone", "email", "address", "country"]


@router.get("/organisations", response_class=HTMLResponse)
def organisation_list(request: Request, session: SessionDep, staff: OfficerPage) -> Response:
    """The directory: who a concern can be referred to, and the languages they serve."""
    q = request.query_params
    kind = q.get("kind") if q.get("kind") in display.KINDS else None
    language = (q.get("language") or "").strip().lower()[:20] or None
    items, next_cursor = organisations.list_organisations(
        session,
        q=(q.get("q") or "")[:100] or None,
        kind=kind,
        language=language if language and language.replace("-", "").isalpha() else None,
        active=None if q.get("retired") == "true" else True,
        cursor=q.get("cursor"),
    )
    return page(
        request,
        "staff/concerns/organisations.html",
        staff=staff,
        section="concerns",
        organisations=items,
        next_cursor=next_cursor,
        kinds=display.choices(display.KINDS),
        kind_names=dict(display.choices(display.KINDS)),
        query=query_of(request, "q", "kind", "language", "retired"),
    )


def _form(
    request: Request,
    staff: Staff,
    values: forms.Values,
    errors: forms.Errors,
    organisation_id: int | None = None,
) -> Response:
    return page(
        request,
        "staff/concerns/organisation_form.html",
        staff=staff,
        section="concerns",
        values=values,
        errors=errors,
        organisation_id=organisation_id,
        kinds=display.choices(display.KINDS),
        countries=countries(),
        status=422 if errors else 200,
    )


def _data(values: forms.Values) -> forms.Values:
    """The form's fields as the API takes them (languages typed as "am, tl, en")."""
    typed = (values.get("languages") or "").replace(";", ",").replace(" ", ",")
    return {
        **{name: values.get(name) for name in FIELDS},
        "languages": [code for code in typed.split(",") if code],
        "outside_ministry": values.get("outside_ministry") == "true",
        "active": values.get("active") == "true",
    }


def _values(organisation: Organisation) -> forms.Values:
    return {
        **{name: getattr(organisation, name) for name in FIELDS},
        "languages": ", ".join(organisation.languages),
        "outside_ministry": organisation.outside_ministry,
        "active": organisation.active,
        "version": organisation.version,
    }


def _language_errors(errors: forms.Errors) -> forms.Errors:
    """A language's error ("languages.2") on the one languages field."""
    found: forms.Errors = {}
    for name, message in errors.items():
        found.setdefault("languages" if name.startswith("languages") else name, message)
    return found


@router.get("/organisations/new", response_class=HTMLResponse)
def new_organisation(request: Request, staff: SupervisorPage) -> Response:
    """The form to add an organisation."""
    values: dict[str, Any] = {
        "kind": OrganisationKind.ngo.value,
        "outside_ministry": True,
        "active": True,
        "form_id": forms.new_form_id(),
    }
    return _form(request, staff, values, {})


@router.post("/organisations")
def create_organisation(
    request: Request, session: SessionDep, form: FormDep, staff: SupervisorPost
) -> Response:
    """Add an organisation to the directory."""
    values = forms.values_of(form)
    form_id = str(form.get("form_id") or "")
    return submit(
        session,
        staff,
        _data(values),
        schema=OrganisationCreate,
        form_id=form_id,
        notice="created",
        save=lambda body: organisations.create_organisation(
            session, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda _o: "/staff/organisations",
        again=lambda errors: _form(
            request, staff, {**values, "form_id": form_id}, _language_errors(errors)
        ),
    )


@router.get("/organisations/{organisation_id}/edit", response_class=HTMLResponse)
def edit_organisation(
    request: Request, organisation_id: int, session: SessionDep, staff: SupervisorPage
) -> Response:
    """The form to correct an organisation's entry, or retire it."""
    found = organisations.get_organisation(session, organisation_id)
    return _form(request, staff, _values(found), {}, organisation_id)


@router.post("/organisations/{organisation_id}")
def update_organisation(
    request: Request,
    organisation_id: int,
    session: SessionDep,
    form: FormDep,
    staff: SupervisorPost,
) -> Response:
    """Save the correction (a stale copy is refused)."""
    values = forms.values_of(form)
    version = _int(values.pop("version", None))
    return submit(
        session,
        staff,
        _data(values),
        schema=OrganisationCreate,
        save=lambda body: organisations.update_organisation(
            session,
            organisation_id=organisation_id,
            data=body.model_dump(),
            version=version,
            actor=staff.actor,
        ),
        url_of=lambda _o: "/staff/organisations",
        again=lambda errors: _form(
            request,
            staff,
            {**values, "version": version},
            _language_errors(errors),
            organisation_id,
        ),
    )
