"""`hestia reminders run`: the missions are reminded before a card expires, and told after.

Each reminder is an email carrying a formal note in PDF (app/notices: one note per mission
and run, listing its cards). It is queued in the outbox under a key made of the card and the
offset, so a run repeated, or resumed after a crash, queues nothing twice; an offset whose day
passed while the job did not run is still sent (never skipped), unless the card was renewed
meanwhile.
The queries look only at cards near or past expiry (an index on expires_on), never at every
worker.
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import closing
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.audit.service import SYSTEM
from app.concerns.models import ConcernSeverity
from app.concerns.service import open_concern, open_concern_from
from app.config import Policy, Settings
from app.departures.queries import card_withdrawn
from app.interviews.models import IdentityCard
from app.notices import service as notices
from app.outbox.models import OutboxMessage
from app.outbox.service import Attachment, DeliveryReport, Outgoing, Sender, enqueue_many
from app.registry.models import Mission, Worker, WorkerStatus

OVERDUE = "overdue"


@dataclass
class ReminderReport:
    reminders: int = 0
    overdue: int = 0
    concerns: int = 0
    notes_rendered: int = 0  # PDFs made: one note per mission and kind, listing its cards
    render_seconds: float = 0.0  # from the first note asked for to the last one made
    queued_seconds: float = 0.0  # from the start to the last email queued
    delivery: DeliveryReport | None = None


def _latest_cards(
    session: Session, *, until: dt.date
) -> list[tuple[IdentityCard, Worker, Mission]]:
    """Registered workers' latest cards that expire before `until`, with worker and mission."""
    latest = (
        select(IdentityCard.worker_id, func.max(IdentityCard.expires_on).label("last"))
        .where(IdentityCard.expires_on < until)
        .group_by(IdentityCard.worker_id)
        .subquery()
    )
    rows = session.execute(
        select(IdentityCard, Worker, Mission)
        .join(
            latest,
            (latest.c.worker_id == IdentityCard.worker_id)
            & (latest.c.last == IdentityCard.expires_on),
        )
        .join(Worker, Worker.id == IdentityCard.worker_id)
        .join(Mission, Mission.id == Worker.mission_id)
        .where(Worker.status == WorkerStatus.registered.value, Worker.id.not_in(card_withdrawn()))
    ).all()
    # A worker whose newer card expires later than `until` is not due: drop those.
    newer = set(
        session.scalars(
            select(IdentityCard.worker_id).where(
                IdentityCard.expires_on >= until,
                IdentityCard.worker_id.in_({row.Worker.id for row in rows}),
            )
        )
    )
    return [(r.IdentityCard, r.Worker, r.Mission) for r in rows if r.Worker.id not in newer]


@dataclass(frozen=True)
class Due:
    """A reminder or overdue notice that is due: its outbox key and whom it concerns."""

    key: str
    kind: str
    worker_id: int
    mission_email: str
    note: notices.CardNote


def due_notices(session: Session, *, policy: Policy, today: dt.date) -> list[Due]:
    """Every reminder and overdue notice due today, queued or not (offsets missed included)."""
    offsets = sorted(policy.card.reminder_offsets_days, reverse=True)
    horizon = today + dt.timedelta(days=max(offsets) + 1)
    due: list[Due] = []
    for card, worker, mission in _latest_cards(session, until=horizon):
        if not mission.email:
            continue  # nobody to write to: the mission's file needs an address
        keys: list[tuple[str, str]] = []
        if card.expires_on < today:
            keys.append((f"card:{card.id}:overdue", OVERDUE))
        else:
            for offset in offsets:
                reminder_day = card.expires_on - dt.timedelta(days=offset)
                if card.issued_on <= reminder_day <= today:
                    keys.append((f"card:{card.id}:reminder:{offset}", "reminder"))
        facts = notices.card_facts(
            number=card.number,
            expires_on=card.expires_on,
            worker_id=worker.id,
            worker_name=worker.listed_name,
            mission_name=mission.name,
            mission_address=mission.address,
        )
        due += [
            Due(key, kind, worker.id, mission.email, notices.CardNote(key, kind, mission.id, facts))
            for key, kind in keys
        ]
    return due


def queue_reminders(session: Session, *, policy: Policy, today: dt.date) -> ReminderReport:
    """Queue every reminder and overdue notice that is due and not yet queued, each with its
    formal note in PDF, in the caller's transaction."""
    due = due_notices(session, policy=policy, today=today)
    done = _queued(session, [d.key for d in due])
    waiting = [d for d in due if d.key not in done]
    notes = notices.card_notes([d.note for d in waiting], policy, today=today)
    report = ReminderReport(concerns=_open_overdue_concerns(session, due))
    report.notes_rendered = len({id(attachment) for attachment, _n in notes.values()})
    _queue(session, waiting, notes, policy, report)
    return report


def _open_overdue_concerns(session: Session, due: list[Due]) -> int:
    """A concern for each worker whose card expired, unless one about it is open already."""
    opened = 0
    for item in due:
        if (
            item.kind == OVERDUE
            and open_concern_from(session, worker_id=item.worker_id, source=OVERDUE) is None
        ):
            open_concern(
                session,
                worker_id=item.worker_id,
                source=OVERDUE,
                severity=ConcernSeverity.high,
                actor=SYSTEM,
                summary="The identity card expired without renewal.",
            )
            opened += 1
    return opened


def _queue(
    session: Session,
    items: list[Due],
    notes: dict[str, tuple[Attachment, int]],
    policy: Policy,
    report: ReminderReport,
) -> None:
    """Queue these reminders' emails, each with its note, in a few statements (not three per
    email); a key another run queued meanwhile is left as it is, and not counted."""
    outgoing: list[Outgoing] = []
    for item in items:
        attachment, listed_with = notes[item.key]
        email = notices.card_email(item.note, policy, listed_with=listed_with)
        outgoing.append(
            Outgoing(item.key, item.mission_email, email.subject, email.body, (attachment,))
        )
    queued = enqueue_many(session, outgoing)
    report.overdue += sum(1 for d in items if d.key in queued and d.kind == OVERDUE)
    report.reminders += sum(1 for d in items if d.key in queued and d.kind != OVERDUE)


def _queued(session: Session, keys: list[str]) -> set[str]:
    """Which of these keys are in the outbox already (sent or not)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(
            session.scalars(
                select(OutboxMessage.idempotency_key).where(
                    OutboxMessage.idempotency_key.in_(keys[start : start + 500])
                )
            )
        )
    return found


def run(
    sessions: sessionmaker[Session],
    *,
    policy: Policy,
    settings: Settings,
    today: dt.date | None = None,
) -> ReminderReport:
    """Queue what is due and send it as its notes are made; then send the rest of the outbox.

    The notes are rendered by the PDF workers with no transaction open. As soon as a mission's
    note is made, its emails are queued (a transaction of their own) and sent, while the
    workers render the next notes. A crash queues nothing twice and skips nothing: the next
    run renders and queues what is not in the outbox yet, and sends what was not sent.
    """
    today = today or dt.date.today()
    started = time.perf_counter()
    with sessions() as session:
        due = due_notices(session, policy=policy, today=today)
        queued = _queued(session, [d.key for d in due])
        report = ReminderReport(concerns=_open_overdue_concerns(session, due))
        session.commit()
    waiting = {d.key: d for d in due if d.key not in queued}
    rendering = time.perf_counter()
    with (
        Sender(sessions, settings=settings) as sender,
        closing(
            notices.card_notes_as_made([d.note for d in waiting.values()], policy, today=today)
        ) as made_in_turn,
    ):
        for notes in made_in_turn:
            report.render_seconds = time.perf_counter() - rendering
            report.notes_rendered += len({id(attachment) for attachment, _n in notes.values()})
            with sessions() as session:
                _queue(session, [waiting[key] for key in notes], notes, policy, report)
                session.commit()
            report.queued_seconds = time.perf_counter() - started
            sender.send_due()
        sender.send_due()  # and what earlier runs or other jobs left to send
    report.delivery = sender.report
    return report
