"""One concern on the staff screens: what it is about, its history, referrals and the worker's
consent, and a form for each step (officers and up; supervisors may also override a missing
consent). Opening the page is audited as a read of the worker's file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.concerns import consents, display, listing, organisations, referrals, service
from app.concerns.models import Concern, Organisation
from app.concerns.schemas import (
    ConcernClose,
    ConcernUpdate,
    ConsentCreate,
    ReferralCreate,
    ReferralProgress,
)
from app.deps import PolicyDep, SessionDep
from app.errors import DomainError, NotFound
from app.i18n import _
from app.registry.views import _int
from app.registry.workers import get_worker
from app.web import forms
from app.web.pages import attempt, page, redirect
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff
from app.web.templating import language_filter

# Included by app.concerns.views' router (prefix /staff).
router = APIRouter()
Choices = list[tuple[str, str]]


def _concern_page(
    request: Request,
    session: Session,
    staff: Staff,
    concern_id: int,
    *,
    values: forms.Values | None = None,
    errors: forms.Errors | None = None,
    status: int = 200,
) -> Response:
    concern = service.read_concern(session, concern_id=concern_id, actor=staff.actor)
    worker = get_worker(session, concern.worker_id)
    history = service.history_of(session, concern.id)
    refs = referrals.referrals_of(session, concern.id)
    worker_consents = consents.consents_of(session, worker.id)
    directory = organisations.directory(session)
    known = {o.id: o for o in directory}
    for organisation_id in {r.organisation_id for r in refs} | {
        c.organisation_id for c in worker_consents if c.organisation_id
    }:
        if organisation_id not in known:  # retired from the directory since
            known[organisation_id] = organisations.get_organisation(session, organisation_id)
    people = service.assignees(session)
    users = listing.user_names(
        session,
        {concern.assigned_to_user_id, concern.opened_by_user_id}
        | {u.id for u in people}
        | {e.actor_user_id for e in history},
    )
    spoken = {lang.language for lang in worker.languages}
    return page(
        request,
        "staff/concerns/concern.html",
        staff=staff,
        section="concerns",
        concern=concern,
        worker=worker,
        summary=display.summary(concern.summary),
        age=service.age_days(concern),
        history=[(e, display.describe(e, users=users, organisations=known)) for e in history],
        referrals=refs,
        consents=worker_consents,
        organisations=known,
        directory=directory,
        directory_choices=_directory_choices(spoken),
        users=users,
        assignee_choices=[(str(u.id), u.display_name) for u in people],
        severities=display.choices(display.SEVERITIES),
        outcomes=display.choices(display.OUTCOMES),
        methods=display.choices(display.METHODS),
        shared_choices=display.choices(display.SHARED),
        values={**_defaults(concern), **(values or {})},
        errors=errors or {},
        status=status,
        **display.names(),
    )


def _directory_choices(spoken: set[str]) -> Callable[[list[Organisation], bool], Choices]:
    """The directory as options: a star before those who speak one of the worker's languages.
    For consent, "any organisation outside the ministry" first, and only outside ones."""

    def choices(directory: list[Organisation], for_consent: bool) -> Choices:
        items: Choices = []
        if for_consent:
            items.append(("", _("Any organisation outside the ministry")))
        kinds = dict(display.choices(display.KINDS))
        for o in directory:
            if for_consent and not o.outside_ministry:
                continue
            star = "★ " if spoken & set(o.languages) else ""
            languages = ", ".join(language_filter(code) for code in o.languages)
            label = f"{star}{o.name} — {kinds[o.kind]}"
            items.append((str(o.id), f"{label} ({languages})" if languages else label))
        return items

    return choices


def _defaults(concern: Concern) -> forms.Values:
    return {
        "assigned_to_user_id": concern.assigned_to_user_id,
        "severity": concern.severity,
        "given_on": dt.date.today().isoformat(),
        "shared": [],
    }


@router.get("/concerns/{concern_id}", response_class=HTMLResponse)
def concern_page(
    request: Request, concern_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """One concern: what it is about, its history, referrals and the worker's consent."""
    return _concern_page(request, session, staff, concern_id)


def _act(
    request: Request,
    session: Session,
    staff: Staff,
    concern_id: int,
    values: forms.Values,
    *,
    schema: type[BaseModel],
    data: forms.Values,
    save: Callable[[Any], object],
    notice: str,
    anchor: str,
    names: dict[str, str] | None = None,
) -> Response:
    """Check a form of the concern page with the API's schema and save it; or show the page
    again with the errors beside the fields (named as in the form) and what was typed kept."""
    rename = names or {}
    result = attempt(session, schema, data, save, raising=(NotFound,))
    if result.saved:
        return redirect(f"/staff/concerns/{concern_id}?notice={notice}#{anchor}")
    errors = {rename.get(k, k): v for k, v in result.errors.items()}
    return _concern_page(
        request, session, staff, concern_id, values=values, errors=errors, status=result.status
    )


@router.post("/concerns/{concern_id}")
def update_concern(
    request: Request, concern_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Assign the concern, change its severity, add a note."""
    values = forms.values_of(form)
    data = {
        "assigned_to_user_id": _int(values.get("assigned_to_user_id")),
        "severity": values.get("severity"),
        "note": values.get("note"),
        "version": _int(values.get("version")),
    }
    return _act(
        request,
        session,
        staff,
        concern_id,
        values,
        schema=ConcernUpdate,
        data=data,
        save=lambda body: service.update_concern(
            session,
            concern_id=concern_id,
            data=body.model_dump(exclude={"version"}),
            version=body.version,
            actor=staff.actor,
        ),
        notice="concern_updated",
        anchor="handling",
    )


@router.post("/concerns/{concern_id}/consents")
def record_consent(
    request: Request, concern_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record the worker's consent to share their details (from the concern's page)."""
    concern = service.get_concern(session, concern_id)
    values = forms.values_of(form)
    data = {
        "organisation_id": _int(values.get("consent_organisation_id")),
        "given_on": values.get("given_on"),
        "method": values.get("method"),
        "note": values.get("consent_note"),
    }
    return _act(
        request,
        session,
        staff,
        concern_id,
        values,
        schema=ConsentCreate,
        data=data,
        save=lambda body: consents.record_consent(
            session,
            worker_id=concern.worker_id,
            organisation_id=body.organisation_id,
            given_on=body.given_on,
            method=body.method.value,
            note=body.note,
            actor=staff.actor,
        ),
        notice="consent_recorded",
        anchor="consent",
        names={"organisation_id": "consent_organisation_id", "note": "consent_note"},
    )


@router.post("/concerns/{concern_id}/consents/{consent_id}/withdraw")
def withdraw_consent(
    request: Request, concern_id: int, consent_id: int, session: SessionDep, staff: OfficerPost
) -> Response:
    """The worker withdraws a consent."""
    concern = service.get_concern(session, concern_id)
    if consent_id not in {c.id for c in consents.consents_of(session, concern.worker_id)}:
        raise NotFound(_("There is no such consent."))
    try:
        with session.begin_nested():
            consents.withdraw_consent(session, consent_id=consent_id, actor=staff.actor)
    except DomainError as exc:
        errors = {"__all__": exc.detail}
        return _concern_page(request, session, staff, concern_id, errors=errors, status=exc.status)
    return redirect(f"/staff/concerns/{concern_id}?notice=consent_withdrawn#consent")


@router.post("/concerns/{concern_id}/referrals")
def refer(
    request: Request,
    concern_id: int,
    session: SessionDep,
    policy: PolicyDep,
    form: FormDep,
    staff: OfficerPost,
) -> Response:
    """Refer the concern to an organisation of the directory."""
    values = forms.values_of(form, lists=("shared",))
    data = {
        "organisation_id": _int(values.get("organisation_id")),
        "shared": values.get("shared") or [],
        "note": values.get("referral_note"),
        "override_reason": values.get("override_reason"),
        "version": _int(values.get("version")),
    }
    return _act(
        request,
        session,
        staff,
        concern_id,
        values,
        schema=ReferralCreate,
        data=data,
        save=lambda body: referrals.refer(
            session,
            concern_id=concern_id,
            organisation_id=body.organisation_id,
            shared=[s.value for s in body.shared],
            note=body.note,
            override_reason=body.override_reason,
            can_override=staff.can("supervisor"),
            version=body.version,
            policy=policy,
            actor=staff.actor,
        ),
        notice="referred",
        anchor="referrals",
        names={"note": "referral_note"},
    )


@router.post("/concerns/{concern_id}/referrals/{referral_id}/progress")
def record_progress(
    request: Request,
    concern_id: int,
    referral_id: int,
    session: SessionDep,
    policy: PolicyDep,
    form: FormDep,
    staff: OfficerPost,
) -> Response:
    """What the organisation did with the referral, or that it is concluded."""
    referral = referrals.get_referral(session, referral_id)
    if referral.concern_id != concern_id:
        raise NotFound(_("There is no such referral."))
    values = forms.values_of(form)
    field = f"progress-{referral_id}"
    data = {
        "note": values.get(field) or "",
        "concluded": values.get(f"{field}-concluded") == "true",
        "version": _int(values.get("version")),
    }
    return _act(
        request,
        session,
        staff,
        concern_id,
        values,
        schema=ReferralProgress,
        data=data,
        save=lambda body: referrals.record_progress(
            session,
            referral_id=referral_id,
            note=body.note,
            concluded=body.concluded,
            version=body.version,
            policy=policy,
            actor=staff.actor,
        ),
        notice="progress",
        anchor=f"referral-{referral_id}",
        names={"note": field, "concluded": field, "version": field},
    )


@router.post("/concerns/{concern_id}/close")
def close_concern(
    request: Request, concern_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Close the concern with its outcome."""
    values = forms.values_of(form)
    data = {
        "outcome": values.get("outcome"),
        "note": values.get("outcome_note"),
        "version": _int(values.get("version")),
    }
    return _act(
        request,
        session,
        staff,
        concern_id,
        values,
        schema=ConcernClose,
        data=data,
        save=lambda body: service.close_concern(
            session,
            concern_id=concern_id,
            outcome=body.outcome.value if body.outcome else None,
            note=body.note,
            version=body.version,
            actor=staff.actor,
        ),
        notice="concern_closed",
        anchor="close",
        names={"note": "outcome_note"},
    )
