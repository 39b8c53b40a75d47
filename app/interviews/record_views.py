"""The interview record screen: the form while the interview is unrecorded, then the record.

Officers and supervisors only; showing a record is audited like the API's read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.deps import SessionDep
from app.errors import DomainError
from app.i18n import _
from app.interviews import agenda, changes, display, record
from app.interviews.models import CHECKS
from app.interviews.schemas import RecordCreate
from app.interviews.views import helpers
from app.web import forms
from app.web.pages import page, submit
from app.web.staff import FormDep, OfficerPage, OfficerPost, Staff

router = APIRouter(prefix="/staff", include_in_schema=False)
LISTS = ("present", "ilo_indicators")


def _form(
    request: Request,
    session: Any,
    staff: Staff,
    row: agenda.Row,
    values: dict[str, Any],
    errors: forms.Errors,
) -> Response:
    return page(
        request,
        "staff/interviews/record_form.html",
        staff=staff,
        section="interviews",
        row=row,
        interview=row.interview,
        values=values,
        errors=errors,
        checks=[(name, _(label)) for name, label in display.CHECK_LABELS.items()],
        presence=display.choices(display.PRESENCE),
        ilo=display.choices(display.ILO),
        outcomes=display.choices(display.OUTCOMES),
        status=422 if errors else 200,
        **helpers(),
    )


def _leaflet_version(language: str | None) -> str:
    """The version of the leaflet now given out in the worker's language ("" if none)."""
    from app.leaflets.catalog import from_url_code
    from app.leaflets.service import leaflet_version_for

    locale = from_url_code(language or "")
    if locale is None:
        return ""
    try:
        return leaflet_version_for(locale)
    except DomainError:
        return ""


@router.get("/interviews/{interview_id}/record", response_class=HTMLResponse)
def record_page(
    request: Request, interview_id: int, session: SessionDep, staff: OfficerPage
) -> Response:
    """The record of the interview (audited), or the form to make it."""
    interview = changes.get_interview(session, interview_id)
    row = agenda.rows_of(session, [interview])[0]
    if record.record_of(session, interview_id) is None:
        language = interview.interpreter_language or row.worker.preferred_language
        values: dict[str, Any] = {
            "language": language,
            "leaflet_language": row.worker.preferred_language,
            "leaflet_version": _leaflet_version(row.worker.preferred_language),
            "present": [],
            "ilo_indicators": [],
        }
        return _form(request, session, staff, row, values, {})
    rec = record.read_record(session, interview_id=interview_id, actor=staff.actor)
    return page(
        request,
        "staff/interviews/record.html",
        staff=staff,
        section="interviews",
        row=row,
        interview=interview,
        rec=rec,
        checks=[
            (_(label), getattr(rec, name), getattr(rec, name) == display.WORRYING[name])
            for name, label in display.CHECK_LABELS.items()
        ],
        presence_names=dict(display.choices(display.PRESENCE)),
        ilo_names=dict(display.choices(display.ILO)),
        outcome_names=dict(display.choices(display.OUTCOMES)),
        **helpers(),
    )


@router.post("/interviews/{interview_id}/record")
def save_record(
    request: Request, interview_id: int, session: SessionDep, form: FormDep, staff: OfficerPost
) -> Response:
    """Record the interview; a follow-up, a referral or an ILO indicator opens a concern."""
    interview = changes.get_interview(session, interview_id)
    values = forms.values_of(form, lists=LISTS)
    for name in CHECKS:
        values[name] = values.get(name) == "true"
    return submit(
        session,
        staff,
        values,
        schema=RecordCreate,
        save=lambda body: record.record_interview(
            session, interview_id=interview.id, data=body.model_dump(), actor=staff.actor
        ),
        url_of=lambda rec: f"/staff/interviews/{rec.interview_id}/record",
        again=lambda errors: _form(
            request, session, staff, agenda.rows_of(session, [interview])[0], values, errors
        ),
        notice="recorded",
    )
