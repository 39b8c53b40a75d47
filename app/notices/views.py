"""The notices' PDFs on the staff surface, and what the interview page shows of them.

Officers and supervisors only: the note, the slip and the guide name the worker, and each
download is audited as a read of the worker's file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.config import Policy, get_policy
from app.deps import PolicyDep, SessionDep
from app.i18n import N_, get_locale
from app.leaflets.catalog import url_code
from app.notices import formats, service
from app.notices.catalogs import INTERVIEW_LOCALES
from app.notices.facts import appointment_of
from app.notices.texts import notes
from app.web.staff import OfficerPage

router = APIRouter(prefix="/staff", include_in_schema=False)

NOTE_NAMES = {
    notes.INVITATION: N_("Invitation"),
    notes.RESCHEDULED: N_("New time"),
    notes.AFTER_MISSED: N_("New appointment after a missed interview"),
    notes.CANCELLED: N_("Cancellation"),
}
EMAIL_STATUSES = {
    "pending": N_("Queued"),
    "sent": N_("Sent"),
    "failed": N_("Not delivered: the mail server refused it"),
}


def _pdf(document: service.Document) -> Response:
    return Response(
        document.pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{document.filename}"',
            "Content-Language": url_code(document.locale),
        },
    )


@router.get("/interviews/{interview_id}/note.pdf")
def note_pdf(
    interview_id: int, session: SessionDep, policy: PolicyDep, staff: OfficerPage
) -> Response:
    """The formal note to the mission about this interview (the read is audited)."""
    return _pdf(
        service.note_pdf(session, interview_id=interview_id, actor=staff.actor, policy=policy)
    )


@router.get("/interviews/{interview_id}/slip.pdf")
def slip_pdf(
    interview_id: int,
    session: SessionDep,
    policy: PolicyDep,
    staff: OfficerPage,
    lang: str | None = None,
    size: str = "a5",
) -> Response:
    """The worker's invitation slip, in their language or the one asked for (audited)."""
    document = service.slip_pdf(
        session,
        interview_id=interview_id,
        actor=staff.actor,
        language=lang,
        size=size,
        policy=policy,
    )
    return _pdf(document)


@router.get("/interviews/{interview_id}/guide.pdf")
def guide_pdf(
    interview_id: int,
    session: SessionDep,
    policy: PolicyDep,
    staff: OfficerPage,
    lang: str | None = None,
) -> Response:
    """The interview guide: the officer's language beside the worker's (audited)."""
    document = service.guide_pdf(
        session,
        interview_id=interview_id,
        actor=staff.actor,
        officer_locale=get_locale(),
        language=lang,
        policy=policy,
    )
    return _pdf(document)


@dataclass(frozen=True)
class Language:
    code: str  # for ?lang=
    name: str  # its own name, e.g. አማርኛ
    lang: str  # the lang attribute


def panel(session: Session, interview_id: int, policy: Policy | None = None) -> dict[str, Any]:
    """What the interview page shows of the notices: the PDFs, and the emails' status."""
    policy = policy or get_policy()
    appointment = appointment_of(session, interview_id)
    worker = service.worker_locale(appointment)
    note = service.note_locale(policy)
    languages = [
        Language(code, formats.native_language_name(code), url_code(code))
        for code in INTERVIEW_LOCALES
        if code != worker
    ]
    return {
        "notice_mission_email": appointment.mission_email,
        "notice_emails": service.note_emails(session, interview_id),
        "notice_note_names": NOTE_NAMES,
        "notice_email_statuses": EMAIL_STATUSES,
        "notice_note_language": formats.language_name(note, get_locale()),
        "notice_worker_language": Language(
            worker, formats.native_language_name(worker), url_code(worker)
        ),
        "notice_other_languages": languages,
    }
