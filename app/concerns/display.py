"""What the staff pages call the things of a concern, and its history said in sentences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.concerns.models import (
    ConcernEvent,
    ConcernOutcome,
    ConcernSeverity,
    ConcernSource,
    ConcernStatus,
    ConsentMethod,
    Organisation,
    OrganisationKind,
    ReferralStatus,
    SharedDetail,
)
from app.config import get_policy
from app.i18n import N_, _
from app.interviews.display import choices
from app.web.templating import date_filter, money_filter

SOURCES: dict[str, str] = {
    ConcernSource.interview: N_("Interview"),
    ConcernSource.no_show: N_("Missed interviews"),
    ConcernSource.overdue: N_("Card overdue"),
    ConcernSource.underpaid: N_("Underpaid wages"),
    ConcernSource.help_request: N_("Help request"),
    ConcernSource.other: N_("Other"),
}
SEVERITIES: dict[str, str] = {
    ConcernSeverity.low: N_("Low"),
    ConcernSeverity.medium: N_("Medium"),
    ConcernSeverity.high: N_("High"),
}
STATUSES: dict[str, str] = {
    ConcernStatus.open: N_("Open"),
    ConcernStatus.referred: N_("Referred"),
    ConcernStatus.closed: N_("Closed"),
}
OUTCOMES: dict[str, str] = {
    ConcernOutcome.resolved: N_("Resolved: the problem was put right"),
    ConcernOutcome.changed_employer: N_("The worker changed employer"),
    ConcernOutcome.left_country: N_("The worker left the country"),
    ConcernOutcome.handed_to_authorities: N_("Handed to the authorities (police, inspectorate)"),
    ConcernOutcome.unfounded: N_("Looked into: nothing wrong found"),
    ConcernOutcome.worker_declined: N_("The worker did not want it followed up"),
    ConcernOutcome.other: N_("Other (say what in the note)"),
}
KINDS: dict[str, str] = {
    OrganisationKind.mediation: N_("Mediation office"),
    OrganisationKind.labour_inspectorate: N_("Labour inspectorate"),
    OrganisationKind.police: N_("Police"),
    OrganisationKind.ngo: N_("NGO"),
    OrganisationKind.shelter: N_("Shelter"),
    OrganisationKind.consulate: N_("Consulate of the worker's country"),
    OrganisationKind.ministry: N_("Ministry unit"),
    OrganisationKind.other: N_("Other"),
}
METHODS: dict[str, str] = {
    ConsentMethod.at_interview: N_("At an interview"),
    ConsentMethod.in_person: N_("In person"),
    ConsentMethod.by_phone: N_("By phone"),
    ConsentMethod.in_writing: N_("In writing"),
}
REFERRAL_STATUSES: dict[str, str] = {
    ReferralStatus.sent: N_("Sent"),
    ReferralStatus.in_progress: N_("In progress"),
    ReferralStatus.concluded: N_("Concluded"),
}
SHARED: dict[str, str] = {
    SharedDetail.identity: N_("Identity (name, nationality, date of birth)"),
    SharedDetail.contact: N_("How to reach the worker (phone, address)"),
    SharedDetail.employment: N_("Employer, mission and contract"),
    SharedDetail.circumstances: N_("What the concern is about"),
}


def names() -> dict[str, Any]:
    """Every name the concern templates use, in the reader's language."""
    return {
        "source_names": dict(choices(SOURCES)),
        "severity_names": dict(choices(SEVERITIES)),
        "status_names": dict(choices(STATUSES)),
        "outcome_names": dict(choices(OUTCOMES)),
        "kind_names": dict(choices(KINDS)),
        "method_names": dict(choices(METHODS)),
        "referral_status_names": dict(choices(REFERRAL_STATUSES)),
        "shared_names": dict(choices(SHARED)),
    }


def summary(text: str) -> str:
    """A concern's summary: the system's are message ids, said in the reader's language."""
    return _(text)


def _day(value: str | None) -> str:
    return date_filter(dt.date.fromisoformat(value)) if value else ""


def describe(
    event: ConcernEvent, *, users: dict[int, str], organisations: dict[int, Organisation]
) -> str:
    """A line of the history as a sentence in the reader's language."""
    d: dict[str, Any] = event.details or {}
    org = organisations.get(d.get("organisation_id") or 0)
    org_name = org.name if org else "—"
    severity = d.get("severity") or {}
    if event.action == "opened":
        return _("Opened.")
    if event.action == "assigned":
        after = (d.get("assigned_to_user_id") or {}).get("after")
        if after is None:
            return _("No longer assigned to anyone.")
        return _("Assigned to {name}.").format(name=users.get(after, "—"))
    if event.action == "severity":
        return _("Severity changed from {before} to {after}.").format(
            before=_(SEVERITIES.get(str(severity.get("before")), "—")),
            after=_(SEVERITIES.get(str(severity.get("after")), "—")),
        )
    if event.action == "note":
        return _("Note.")
    if event.action == "referred":
        if not d.get("shared"):
            return _("Referred to {organisation}, without sharing the worker's details.").format(
                organisation=org_name
            )
        shared = ", ".join(_(SHARED.get(s, s)) for s in d["shared"])
        if d.get("override"):
            return _(
                "Referred to {organisation}, sharing: {shared}; without the worker's consent, "
                "on a supervisor's override."
            ).format(organisation=org_name, shared=shared)
        if d.get("consent_id"):
            return _(
                "Referred to {organisation}, sharing: {shared}; with the worker's consent."
            ).format(organisation=org_name, shared=shared)
        return _("Referred to {organisation}, sharing: {shared}.").format(
            organisation=org_name, shared=shared
        )
    if event.action == "progress":
        if d.get("deadline_on"):
            return _("{organisation}: the referral moved on; next deadline {date}.").format(
                organisation=org_name, date=_day(d["deadline_on"])
            )
        return _("{organisation}: the referral moved on.").format(organisation=org_name)
    if event.action == "concluded":
        return _("{organisation}: the referral is concluded.").format(organisation=org_name)
    if event.action == "escalated":
        return _(
            "{organisation}: the mediation did not move by its deadline ({date}); escalated, "
            "severity now {after}."
        ).format(
            organisation=org_name,
            date=_day(d.get("deadline_on")),
            after=_(SEVERITIES.get(str(severity.get("after")), "—")),
        )
    if event.action == "pay":
        month = date_filter(dt.date.fromisoformat(d["month"]), "MMMM y") if d.get("month") else ""
        if d.get("shortfall") is None:
            return _("No wage deposit seen for the month of {month}.").format(month=month)
        return _("The wage for the month of {month} was {amount} short.").format(
            month=month,
            amount=money_filter(d["shortfall"], d.get("currency") or get_policy().host.currency),
        )
    if event.action == "closed":
        return _("Closed: {outcome}.").format(outcome=_(OUTCOMES.get(str(d.get("outcome")), "—")))
    return event.action
