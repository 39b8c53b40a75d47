"""What the staff pages call things, and times said in the location's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from babel.dates import format_date, format_datetime

from app.i18n import N_, _, get_locale
from app.interviews.models import IloIndicator, InterviewKind, InterviewStatus, Outcome, Presence

KINDS: dict[str, str] = {
    InterviewKind.pre_departure: N_("Before departure (at a consulate)"),
    InterviewKind.arrival: N_("Arrival registration"),
    InterviewKind.renewal: N_("Annual renewal"),
    InterviewKind.welfare: N_("Welfare (ad hoc)"),
    InterviewKind.departure: N_("Departure"),
}
STATUSES: dict[str, str] = {
    InterviewStatus.scheduled: N_("Scheduled"),
    InterviewStatus.held: N_("Held"),
    InterviewStatus.missed: N_("Missed (no-show)"),
    InterviewStatus.cancelled: N_("Cancelled"),
    InterviewStatus.rescheduled: N_("Moved to another time"),
}
OUTCOMES: dict[str, str] = {
    Outcome.no_concern: N_("No concern"),
    Outcome.follow_up: N_("Follow-up needed"),
    Outcome.referral: N_("Referral"),
}
PRESENCE: dict[str, str] = {
    Presence.employer: N_("The employer"),
    Presence.mission_member: N_("A member or representative of the mission"),
    Presence.family: N_("The worker's family or a friend"),
    Presence.support: N_("A support person (NGO, lawyer, union)"),
    Presence.other: N_("Someone else"),
}
ILO: dict[str, str] = {
    IloIndicator.abuse_of_vulnerability: N_("Abuse of vulnerability"),
    IloIndicator.deception: N_("Deception"),
    IloIndicator.restriction_of_movement: N_("Restriction of movement"),
    IloIndicator.isolation: N_("Isolation"),
    IloIndicator.physical_and_sexual_violence: N_("Physical and sexual violence"),
    IloIndicator.intimidation_and_threats: N_("Intimidation and threats"),
    IloIndicator.retention_of_identity_documents: N_("Retention of identity documents"),
    IloIndicator.withholding_of_wages: N_("Withholding of wages"),
    IloIndicator.debt_bondage: N_("Debt bondage"),
    IloIndicator.abusive_working_and_living_conditions: N_("Abusive working and living conditions"),
    IloIndicator.excessive_overtime: N_("Excessive overtime"),
}
CHECK_LABELS: dict[str, str] = {
    "identity_checked": N_("Identity checked against the passport"),
    "holds_own_passport": N_("The worker holds their own passport"),
    "has_contract_copy_understood": N_("Has a copy of the contract in a language they understand"),
    "paid_as_agreed": N_("Is paid as agreed"),
    "works_agreed_hours": N_("Works the agreed hours"),
    "gets_weekly_rest": N_("Gets the weekly rest day"),
    "gets_leave": N_("Gets the paid leave"),
    "has_private_room": N_("Has a private room"),
    "has_own_phone": N_("Has a phone of their own"),
    "free_to_go_out": N_("Is free to go out"),
    "owes_recruitment_debt": N_("Owes recruitment debts"),
}
# The answer that is a warning sign (every check but the debt should be a yes).
WORRYING = {name: name == "owes_recruitment_debt" for name in CHECK_LABELS}


def choices(names: dict[str, str]) -> list[tuple[str, str]]:
    """(value, label) pairs in the reader's language, for a select or checkboxes."""
    return [(str(key), _(label)) for key, label in names.items()]


def named(names: dict[str, str], key: str) -> str:
    return _(names[key]) if key in names else key


def _babel_locale() -> str:
    return get_locale().replace("-", "_")


def clock(moment: dt.datetime, zone: str) -> str:
    """The wall time in the location's zone, 24-hour: "09:00"."""
    return moment.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%H:%M")


def when(moment: dt.datetime, zone: str) -> str:
    """A day and time in the location's zone, saying which: "Mon 30 Mar 2026, 09:00 (Europe/
    Zurich)"."""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    day = format_date(local.date(), format="full", locale=_babel_locale())
    return f"{day}, {local.strftime('%H:%M')} ({zone})"


def span(start: dt.datetime, end: dt.datetime, zone: str) -> str:
    """ "09:00–10:00 (Europe/Zurich)"."""
    return f"{clock(start, zone)}–{clock(end, zone)} ({zone})"


def day_name(day: dt.date, fmt: str = "EEEE d MMMM y") -> str:
    return format_date(day, format=fmt, locale=_babel_locale())


def utc(moment: dt.datetime) -> str:
    return format_datetime(moment, format="medium", tzinfo=dt.UTC, locale=_babel_locale())
