"""What the interview-resource screens offer and how they say it (kinds, time zones, days,
languages, weekly hours), and how they read their forms: weekly hours, languages, local times,
the time zone from the country.

Shared by resource_views.py (locations and rooms), officer_views.py (officers and their
absences) and interpreter_views.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.core import get_global
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Role, StaffUser
from app.i18n import _, get_locale
from app.interviews import resources
from app.interviews.calendar import WEEKDAYS, wall_time_exists
from app.interviews.display import when
from app.interviews.models import InterviewLocation, InterviewOfficer, LocationKind, WeeklyHours
from app.registry.worker_views import languages
from app.web import forms
from app.web.pages import submit
from app.web.staff import Staff
from app.web.templating import language_filter

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
def _known_zones() -> frozenset[str]:
    # zoneinfo reads the zone files again on every call (about 13 ms).
    return frozenset(zoneinfo.available_timezones())


@lru_cache(maxsize=1)
def time_zones() -> list[str]:
    """The IANA zones of places, for a datalist."""
    return [*sorted(z for z in _known_zones() if z.startswith(ZONE_REGIONS)), "UTC"]


def zones_of(country: str | None) -> list[str]:
    """The time zones of a country (ISO code), as the Unicode CLDR lists them."""
    if not country:
        return []
    listed = get_global("territory_zones").get(country.strip().upper(), [])
    known = _known_zones()
    return sorted(zone for zone in listed if zone in known)


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


def zone_of(session: Session, location_id: int) -> str:
    """The time zone of a location, in which its officers' and interpreters' hours are typed."""
    return resources.get_resource(session, InterviewLocation, location_id).time_zone


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


def read_active(typed: forms.Values) -> bool:
    """Whether the form's "active" box is ticked."""
    return typed.get("active") in ("true", "on")
