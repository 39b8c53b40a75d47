"""Notices about interviews: the formal note to the mission (PDF, and by email when it has an
address), the worker's invitation slip and the officer's interview guide (PDFs).

Notes are written in the policy's note language; the slip in the worker's own language (the
first of their languages we have a catalog for, else English); the guide in the officer's
language beside the worker's. Every time is the location's wall time, naming its zone.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zoneinfo
from collections.abc import Generator, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from app.audit.service import Actor, record
from app.config import Policy, get_policy
from app.db import utcnow
from app.errors import DomainError, NotFound
from app.i18n import STAFF_LOCALES, _
from app.interviews.models import Interview, InterviewStatus
from app.notices.catalogs import INTERVIEW_LOCALES, NOTE_LOCALES, catalog_locale
from app.notices.facts import Appointment, appointment_of
from app.notices.texts import notes
from app.notices.texts.guide import guide_text
from app.notices.texts.slip import slip_text
from app.outbox.models import OutboxMessage
from app.outbox.service import Attachment, enqueue
from app.pdf import render as pdf

NOTE_TEMPLATE = "pdf/notices/note.html"
SLIP_TEMPLATE = "pdf/notices/slip.html"
GUIDE_TEMPLATE = "pdf/notices/guide.html"
STYLESHEETS = ("pdf/notices.css",)
SLIP_SIZES = ("a5", "a4")
PDF_TYPE = "application/pdf"
log = logging.getLogger("hestia.notices")


@dataclass(frozen=True)
class Document:
    """A PDF to download or attach, with the language it is written in."""

    filename: str
    locale: str
    pdf: bytes


def note_locale(policy: Policy) -> str:
    """The language of notes to missions: the policy's, when we have its catalog."""
    return catalog_locale(policy.host.note_language, NOTE_LOCALES) or "en"


def worker_locale(appointment: Appointment) -> str:
    """The worker's own language: the first of theirs we have a catalog for, else English."""
    for code in appointment.worker_languages:
        found = catalog_locale(code, INTERVIEW_LOCALES)
        if found:
            return found
    return "en"


def note_kind(appointment: Appointment) -> str:
    """Which note an interview calls for, from its status and the booking it replaces."""
    if appointment.status == InterviewStatus.cancelled.value:
        return notes.CANCELLED
    if appointment.previous_status == InterviewStatus.missed.value:
        return notes.AFTER_MISSED
    if appointment.previous_starts_at is not None:
        return notes.RESCHEDULED
    return notes.INVITATION


def _local_day(moment: dt.datetime | None, zone: str) -> dt.date:
    return (moment or utcnow()).astimezone(zoneinfo.ZoneInfo(zone)).date()


class NoteNotMade(DomainError):
    """The PDF workers could not make a note: the change that needs it waits for them."""

    status = 503
    title = "Service unavailable"


def _rendered(template: str, context: dict[str, object], locale: str, variant: str) -> bytes:
    try:
        return pdf.render_report(template, context, locale, variant, STYLESHEETS).pdf
    except (BrokenProcessPool, TimeoutError, OSError) as exc:
        log.error("PDF %s (%s) not made: %s", template, locale, type(exc).__name__)
        raise NoteNotMade(
            _("The PDF could not be made just now. Nothing was changed: try again in a moment.")
        ) from exc


# The note to the mission -----------------------------------------------------------------


def interview_note_text(
    appointment: Appointment, policy: Policy, *, dated: dt.date, kind: str | None = None
) -> notes.NoteText:
    return notes.interview_note(
        kind or note_kind(appointment),
        appointment,
        policy,
        locale=note_locale(policy),
        today=dated,
    )


def _note_document(
    appointment: Appointment, policy: Policy, *, kind: str, dated: dt.date
) -> Document:
    text = interview_note_text(appointment, policy, dated=dated, kind=kind)
    data = _rendered(NOTE_TEMPLATE, {"note": text}, text.locale, "a4")
    filename = f"note-{kind}-{appointment.interview_id}.pdf"
    return Document(filename=filename, locale=text.locale, pdf=data)


def _dated(session: Session, appointment: Appointment, kind: str) -> dt.date:
    """The day a note is dated: when the booking was made, or when it was cancelled."""
    interview = session.get(Interview, appointment.interview_id)
    assert interview is not None
    moment = interview.status_changed_at if kind == notes.CANCELLED else interview.created_at
    return _local_day(moment, appointment.zone)


def note_pdf(
    session: Session, *, interview_id: int, actor: Actor, policy: Policy | None = None
) -> Document:
    """The formal note about an interview, as sent (or to print); the read is audited."""
    policy = policy or get_policy()
    appointment = appointment_of(session, interview_id)
    kind = note_kind(appointment)
    _audit_read(session, appointment, actor, "interview_note")
    return _note_document(appointment, policy, kind=kind, dated=_dated(session, appointment, kind))


def _key(interview_id: int, kind: str) -> str:
    return f"note:interview:{interview_id}:{kind}"


def send_note(
    session: Session,
    *,
    interview: Interview,
    actor: Actor,
    policy: Policy | None = None,
) -> OutboxMessage | None:
    """Queue the note an interview's booking, move or cancelling calls for, once.

    The email goes to the mission in the note language with the PDF attached, under a key
    of the interview and the event: a retried request or job queues nothing twice. A mission
    without an email address gets nothing (the interview page says so: print the note).
    """
    policy = policy or get_policy()
    session.flush()
    appointment = appointment_of(session, interview.id)
    if not appointment.mission_email:
        return None
    kind = note_kind(appointment)
    key = _key(appointment.interview_id, kind)
    existing = session.scalar(select(OutboxMessage).where(OutboxMessage.idempotency_key == key))
    if existing is not None:
        return existing
    document = _note_document(
        appointment, policy, kind=kind, dated=_local_day(utcnow(), appointment.zone)
    )
    email = notes.interview_email(kind, appointment, policy, locale=document.locale)
    message = enqueue(
        session,
        key=key,
        to=appointment.mission_email,
        subject=email.subject,
        body=email.body,
        attachments=[Attachment(document.filename, PDF_TYPE, document.pdf)],
    )
    record(
        session,
        actor=actor,
        action="queue",
        entity="interview_note",
        entity_id=appointment.interview_id,
        worker_id=appointment.worker_id,
        changes={"note": kind, "outbox_message_id": message.id},
    )
    return message


def send_missing_notes(
    session: Session,
    *,
    actor: Actor,
    policy: Policy | None = None,
    interview_ids: Sequence[int] | None = None,
) -> int:
    """Queue the note of every interview still to come that has none yet: those booked in bulk
    by a renewal plan, and those whose mission had no email address when they were booked.

    Limited to `interview_ids` when given (a plan just confirmed); the count queued.
    """
    already = (
        select(OutboxMessage.id)
        .where(OutboxMessage.idempotency_key.like("note:interview:%"))
        .where(
            OutboxMessage.idempotency_key.startswith(
                "note:interview:" + func.cast(Interview.id, String) + ":"
            )
        )
        .correlate(Interview)
    )
    stmt = select(Interview).where(
        Interview.status == InterviewStatus.scheduled.value,
        Interview.starts_at > utcnow(),
        ~already.exists(),
    )
    if interview_ids is not None:
        if not interview_ids:
            return 0
        stmt = stmt.where(Interview.id.in_(list(interview_ids)))
    sent = 0
    for interview in session.scalars(stmt.order_by(Interview.starts_at)).all():
        if send_note(session, interview=interview, actor=actor, policy=policy) is not None:
            sent += 1
    return sent


def send_plan_notes(session: Session, *, plan_id: int, actor: Actor, policy: Policy) -> int:
    """The notes of the interviews a confirmed renewal plan booked."""
    from app.interviews.models import InterviewPlanItem

    booked = session.scalars(
        select(InterviewPlanItem.interview_id).where(
            InterviewPlanItem.plan_id == plan_id, InterviewPlanItem.interview_id.is_not(None)
        )
    ).all()
    return send_missing_notes(
        session, actor=actor, policy=policy, interview_ids=[i for i in booked if i is not None]
    )


@dataclass(frozen=True)
class NoteEmail:
    """An email that carried (or will carry) a note about an interview, for the staff page."""

    kind: str
    status: str  # pending, sent, failed
    created_at: dt.datetime
    sent_at: dt.datetime | None
    attempts: int


def note_emails(session: Session, interview_id: int) -> list[NoteEmail]:
    """The emails queued for an interview's notes, oldest first."""
    rows = session.execute(
        select(
            OutboxMessage.idempotency_key,
            OutboxMessage.status,
            OutboxMessage.created_at,
            OutboxMessage.sent_at,
            OutboxMessage.attempts,
        )
        .where(OutboxMessage.idempotency_key.like(f"note:interview:{interview_id}:%"))
        .order_by(OutboxMessage.id)
    ).all()
    return [
        NoteEmail(
            kind=key.rsplit(":", 1)[1],
            status=status,
            created_at=created,
            sent_at=sent,
            attempts=attempts,
        )
        for key, status, created, sent, attempts in rows
    ]


# The worker's slip and the officer's guide -----------------------------------------------


def _audit_read(session: Session, appointment: Appointment, actor: Actor, entity: str) -> None:
    record(
        session,
        actor=actor,
        action="read",
        entity=entity,
        entity_id=appointment.interview_id,
        worker_id=appointment.worker_id,
    )


def chosen_locale(code: str | None, appointment: Appointment) -> str:
    """A language asked for (?lang=), or the worker's own; NotFound for one we do not have."""
    if not code:
        return worker_locale(appointment)
    found = catalog_locale(code, INTERVIEW_LOCALES)
    if found is None:
        raise NotFound(_("There is no such language."))
    return found


def slip_pdf(
    session: Session,
    *,
    interview_id: int,
    actor: Actor,
    language: str | None = None,
    size: str = "a5",
    policy: Policy | None = None,
) -> Document:
    """The worker's invitation slip in their language; the read is audited."""
    policy = policy or get_policy()
    if size not in SLIP_SIZES:
        raise NotFound(_("There is no such paper size."))
    appointment = appointment_of(session, interview_id)
    locale = chosen_locale(language, appointment)
    _audit_read(session, appointment, actor, "interview_slip")
    text = slip_text(appointment, policy, locale)
    data = _rendered(SLIP_TEMPLATE, {"slip": text}, locale, size)
    return Document(f"invitation-{appointment.interview_id}-{text.lang}.pdf", locale, data)


def guide_pdf(
    session: Session,
    *,
    interview_id: int,
    actor: Actor,
    officer_locale: str,
    language: str | None = None,
    policy: Policy | None = None,
) -> Document:
    """The interview guide: the officer's language beside the worker's; the read is audited."""
    policy = policy or get_policy()
    appointment = appointment_of(session, interview_id)
    worker = chosen_locale(language, appointment)
    officer = officer_locale if officer_locale in STAFF_LOCALES else "en"
    _audit_read(session, appointment, actor, "interview_guide")
    text = guide_text(appointment, policy, officer_locale=officer, worker_locale=worker)
    data = _rendered(GUIDE_TEMPLATE, {"guide": text}, officer, "a4")
    return Document(f"guide-{appointment.interview_id}-{text.worker_lang}.pdf", officer, data)


# Reminders before a card expires, and overdue notices --------------------------------------


@dataclass(frozen=True)
class CardNote:
    """One reminder or overdue notice: its outbox key, which note, about which card."""

    key: str
    kind: str  # notes.REMINDER or notes.OVERDUE
    mission_id: int
    card: notes.Card


def card_facts(
    *,
    number: str,
    expires_on: dt.date,
    worker_id: int,
    worker_name: str,
    mission_name: str,
    mission_address: str | None,
) -> notes.Card:
    return notes.Card(
        number=number,
        expires_on=expires_on,
        worker_id=worker_id,
        worker_name=worker_name,
        mission_name=mission_name,
        mission_address=mission_address,
    )


def _groups(items: Sequence[CardNote]) -> dict[tuple[int, str], list[CardNote]]:
    """The reminders of one run by mission and kind: each group is one note."""
    groups: dict[tuple[int, str], list[CardNote]] = {}
    for item in items:
        groups.setdefault((item.mission_id, item.kind), []).append(item)
    return groups


def card_email(item: CardNote, policy: Policy, *, listed_with: int = 0) -> notes.Email:
    """Subject and body of a reminder or overdue email, in the note language."""
    return notes.card_email(
        item.kind, item.card, policy, locale=note_locale(policy), listed_with=listed_with
    )


def _group_attachment(group: Sequence[CardNote], policy: Policy, today: dt.date) -> Attachment:
    locale = note_locale(policy)
    first = group[0]
    # A card missed at one offset and due at the next is listed once.
    cards = list({(i.card.worker_id, i.card.number): i.card for i in group}.values())
    text = notes.card_note(first.kind, cards, policy, locale=locale, today=today)
    data = _rendered(NOTE_TEMPLATE, {"note": text}, locale, "a4")
    if len(cards) == 1:
        name = f"note-{first.kind}-{first.card.worker_id}-{first.card.number}.pdf"
    else:
        name = f"note-{first.kind}-mission-{first.mission_id}-{today.isoformat()}.pdf"
    return Attachment(re.sub(r"[^A-Za-z0-9._-]", "-", name), PDF_TYPE, data)


def _listed(group: Sequence[CardNote], attachment: Attachment) -> dict[str, tuple[Attachment, int]]:
    cards = {(i.card.worker_id, i.card.number) for i in group}
    return {item.key: (attachment, len(cards) - 1) for item in group}


def card_notes_as_made(
    items: Sequence[CardNote], policy: Policy, *, today: dt.date
) -> Generator[dict[str, tuple[Attachment, int]], None, None]:
    """The notes of `card_notes`, yielded as the PDF workers make them (one or more missions'
    at a time), so that their emails can be queued and sent while the next ones render.

    Every PDF worker renders at once (two notes waiting for each, so none is ever idle), with
    no database transaction held meanwhile; each mission's note is made once.
    """
    groups = list(_groups(items).values())
    if not groups:
        return
    executor = ThreadPoolExecutor(max_workers=pdf.pool_size() * 2, thread_name_prefix="notes")
    try:
        pending = {executor.submit(_group_attachment, g, policy, today): g for g in groups}
        while pending:
            done, _waiting = wait(pending, return_when=FIRST_COMPLETED)
            made: dict[str, tuple[Attachment, int]] = {}
            for future in done:
                made.update(_listed(pending.pop(future), future.result()))
            yield made
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def card_notes(
    items: Sequence[CardNote], policy: Policy, *, today: dt.date
) -> dict[str, tuple[Attachment, int]]:
    """The note of each reminder, by outbox key, with how many other cards it lists.

    A run writes one note per mission and kind, listing its cards (as protocol offices do),
    and every reminder email of that mission carries it: 2,000 cards due at 260 missions are
    260 PDFs, not 2,000.
    """
    listed: dict[str, tuple[Attachment, int]] = {}
    for made in card_notes_as_made(items, policy, today=today):
        listed.update(made)
    return listed
