"""The staff screens for interview resources: locations, rooms, interviewing officers with
their absences, and interpreters.

Roles as in the API (resources_api.py): everyone signed in reads, supervisors change, officers
also record an officer's absence. The service audits every change, as it does for the API.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any

from babel import Locale
from babel.core import get_global
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Role, StaffUser
from app.config import get_policy
from app.deps import SessionDep
from app.i18n import N_, _, get_locale
from app.interviews import resources
from app.interviews.calendar import WEEKDAYS, wall_time_exists
from app.interviews.display import when
from app.interviews.models import (
    Interpreter,
    InterviewLocation,
    InterviewOfficer,
    InterviewRoom,
    LocationKind,
    WeeklyHours,
)
from app.interviews.schemas import (
    AbsenceCreate,
    InterpreterCreate,
    LocationCreate,
    OfficerCreate,
    RoomCreate,
)
from app.registry.views import _int, countries
from app.registry.worker_views import languages
from app.web import forms
from app.web.pages import NOTICES, page, query_of, submit
from app.web.staff import (
    FormDep,
    OfficerPost,
    Staff,
    SupervisorPage,
    ViewerPage,
    require_staff_post,
)
from app.web.templating import country_filter, language_filter

router = APIRouter(prefix="/staff/resources", include_in_schema=False)
SupervisorPost = Annotated[Staff, Depends(require_staff_post(Role.supervisor))]
NOTICES.update({"absence": N_("The absence is recorded.")})
TEMPLATES = "staff/interviews/resources/"
LANGUAGE_ROWS = 6
SPAN = re.compile(r"(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})")
# The zones of places; the legacy aliases (US/Eastern, EST5EDT, Etc/GMT+3) are left out.
ZONE_REGIONS: tuple[str, ...] = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


# What the forms offer and how they say things ----------------------------------------------


def kinds() -> list[tuple[str, str]]:
    names = {
        LocationKind.office: _("Protocol office"),
        LocationKind.consulate: _("Consulate abroad (interview before departure)"),
    }
    return [(kind.value, names[kind]) for kind in LocationKind]


@lru_cache(maxsize=1)
def time_zones() -> list[str]:
    """The IANA zones of places, for a datalist."""
    return [*sorted(z for z in zoneinfo.available_timezones() if z.startswith(ZONE_REGIONS)), "UTC"]


def zones_of(country: str | None) -> list[str]:
    """The time zones of a country (ISO code), as the Unicode CLDR lists them."""
    if not country:
        return []
    listed = get_global("territory_zones").get(country.strip().upper(), [])
    return sorted(zone for zone in listed if zone in zoneinfo.available_timezones())


def day_names(width: str = "wide") -> list[tuple[str, str]]:
    """(mon, 'Monday') … in the reader's language."""
    days = Locale.parse(get_locale().replace("-", "_")).days["format"][width]
    return [(day, days[i]) for i, day in enumerate(WEEKDAYS)]


def week_text(week: WeeklyHours | None) -> list[tuple[str, str]]:
    """Weekly hours to show, open days only: ('Mon', '08:30–12:00, 13:30–17:00')."""
    if not week:
        return []
    return [
        (name, ", ".join(span.replace("-", "–") for span in week[day]))
        for day, name in day_names("abbreviated")
        if week.get(day)
    ]


def language_options(values: forms.Values, name: str) -> list[tuple[str, str]]:
    """Languages named in the reader's language, and any code the form holds that is not
    among them (so that what was chosen or sent stays visible beside its error)."""
    options = languages()
    codes = {code for code, _label in options}
    held = [v for k, v in values.items() if k.startswith(f"{name}.") and v and v not in codes]
    return options + [(code, language_filter(code)) for code in dict.fromkeys(held)]


def language_rows(values: forms.Values, name: str) -> range:
    held = sum(1 for k in values if k.startswith(f"{name}."))
    return range(max(LANGUAGE_ROWS, held + 2))


def location_choices(session: Session, current: int | None = None) -> list[tuple[int, str]]:
    """Active locations (and the current one), each with its time zone."""
    rows = session.execute(
        select(
            InterviewLocation.id,
            InterviewLocation.name,
            InterviewLocation.time_zone,
            InterviewLocation.active,
        ).order_by(InterviewLocation.name)
    )
    return [(r.id, f"{r.name} ({r.time_zone})") for r in rows if r.active or r.id == current]


def staff_choices(session: Session) -> list[tuple[int, str]]:
    """Active staff who may interview and are not interviewing officers yet."""
    roles = [r.value for r in Role if r.allows(Role.officer)]
    rows = session.execute(
        select(StaffUser.id, StaffUser.display_name, StaffUser.email)
        .where(
            StaffUser.is_active,
            StaffUser.role.in_(roles),
            StaffUser.id.not_in(select(InterviewOfficer.staff_user_id)),
        )
        .order_by(StaffUser.display_name)
    )
    return [(r.id, f"{r.display_name} ({r.email})") for r in rows]


def names_of(session: Session, officers: list[InterviewOfficer]) -> dict[int, str]:
    """Officers' names (their staff user's), by officer id."""
    users = {o.staff_user_id for o in officers}
    if not users:
        return {}
    rows = session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(users))
    )
    names = {user_id: name for user_id, name in rows}
    return {o.id: names.get(o.staff_user_id, "") for o in officers}


def locations_by_id(session: Session) -> dict[int, InterviewLocation]:
    return {loc.id: loc for loc in session.scalars(select(InterviewLocation))}


def helpers() -> dict[str, Any]:
    """What the resource templates use to say hours, kinds and times."""
    return {"week_text": week_text, "kind_names": dict(kinds()), "when": when}


# Reading the forms ---------------------------------------------------------------------------


def _span(text: str) -> str | None:
    match = SPAN.fullmatch(text)
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if max(h1, h2) > 23 or max(m1, m2) > 59 or (h1, m1) >= (h2, m2):
        return None
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def read_week(typed: forms.Values, errors: forms.Errors) -> WeeklyHours | None:
    """The per-day fields ('08:30-12:00, 13:30-17:00') as weekly hours. A day left empty is
    closed; every day empty means the hours come from elsewhere (None)."""
    week: WeeklyHours = {}
    for day in WEEKDAYS:
        text = typed.get(f"hours.{day}") or ""
        spans = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
        bad = [span for span in spans if _span(span) is None]
        if bad:
            errors[f"hours.{day}"] = _(
                "{span} is not a time of day like 08:30-12:00 (hours 00 to 23, the end after "
                "the start)."
            ).format(span=bad[0])
        elif text:
            week[day] = [s for s in (_span(span) for span in spans) if s]
    return week or None


def week_fields(week: WeeklyHours | None) -> forms.Values:
    """The reverse: stored weekly hours as the form's per-day fields."""
    return {f"hours.{day}": ", ".join(spans) for day, spans in (week or {}).items()}


def read_languages(typed: forms.Values, name: str) -> list[str] | None:
    """The chosen languages without the blank rows, renumbered so that an error's row is the
    row the user sees when the form comes back."""
    indexes = sorted(
        int(key.partition(".")[2])
        for key in typed
        if key.startswith(f"{name}.") and key.partition(".")[2].isdigit()
    )[:50]
    kept = [code for code in (typed.pop(f"{name}.{i}") for i in indexes) if code]
    typed.update({f"{name}.{i}": code for i, code in enumerate(kept)})
    return kept or None


def language_fields(codes: list[str], name: str) -> forms.Values:
    return {f"{name}.{i}": code for i, code in enumerate(codes)}


def read_wall_time(
    typed: forms.Values, name: str, zone: str, errors: forms.Errors
) -> dt.datetime | None:
    """A day and time typed in the location's zone, as an aware moment."""
    text = typed.get(name)
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        errors[name] = _("Enter a day and a time, e.g. 2026-04-01 08:00.")
        return None
    if moment.tzinfo is not None:
        return moment
    tz = zoneinfo.ZoneInfo(zone)
    if not wall_time_exists(moment, tz):
        errors[name] = _("This time does not exist in {zone}: the clocks go forward then.").format(
            zone=zone
        )
        return None
    return moment.replace(tzinfo=tz)


def save_form(
    session: Session,
    staff: Staff,
    data: forms.Values,
    errors: forms.Errors,
    *,
    schema: type[BaseModel],
    save: Callable[[Any], Any],
    url_of: Callable[[Any], str],
    again: Callable[[forms.Errors], Response],
    form_id: str | None = None,
    notice: str = "saved",
) -> Response:
    """pages.submit, with what was wrong while reading the form (hours, zone, times) shown
    beside the schema's own errors."""
    if errors and not forms.already_submitted(session, form_id):
        _parsed, schema_errors = forms.parse(schema, forms.nest(data))
        return again({**schema_errors, **errors})
    return submit(
        session,
        staff,
        data,
        schema=schema,
        save=save,
        url_of=url_of,
        again=again,
        form_id=form_id,
        notice=notice,
    )


def _active(typed: forms.Values) -> bool:
    return typed.get("active") in ("true", "on")


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
    active = _active(typed)

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
    active = _active(typed)
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


# Interviewing officers and their absences --------------------------------------------------


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
        zone=_zone_of(session, officer.location_id) if officer else None,
        staff_choices=staff_choices(session),
        location_choices=location_choices(session, officer.location_id if officer else None),
        days=day_names(),
        status=422 if errors else 200,
    )


def _zone_of(session: Session, location_id: int) -> str:
    return resources.get_resource(session, InterviewLocation, location_id).time_zone


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
    active = _active(typed)
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
    zone = _zone_of(session, officer.location_id)
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


# Interpreters ------------------------------------------------------------------------------


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
        zone=_zone_of(session, interpreter.location_id) if interpreter else None,
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
    active = _active(typed)
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
