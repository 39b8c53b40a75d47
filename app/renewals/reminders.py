"""`hestia reminders run`: the missions are reminded before a card expires, and told after.

Each reminder is queued in the outbox under a key made of the card and the offset, so a run
repeated, or resumed after a crash, queues nothing twice; an offset whose day passed while
the job did not run is still sent (never skipped), unless the card was renewed meanwhile.
The queries look only at cards near or past expiry (an index on expires_on), never at every
worker.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.audit.service import SYSTEM
from app.config import Policy, Settings
from app.i18n import _, use_locale
from app.interviews.concerns import open_concern, open_concern_from
from app.interviews.models import ConcernSeverity, IdentityCard
from app.outbox.models import OutboxMessage
from app.outbox.service import DeliveryReport, deliver, enqueue
from app.registry.models import Mission, Worker, WorkerStatus

OVERDUE = "overdue"


@dataclass
class ReminderReport:
    reminders: int = 0
    overdue: int = 0
    concerns: int = 0
    queued_seconds: float = 0.0
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
        .where(Worker.status == WorkerStatus.registered.value)
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


def _note(kind: str, card: IdentityCard, worker: Worker, days: int) -> tuple[str, str]:
    name = f"{worker.family_name}, {worker.given_names}"
    if kind == OVERDUE:
        subject = _("Identity card expired: {name}").format(name=name)
        body = _(
            "The identity card no. {number} of {name}, a private household employee of a "
            "member of your mission, expired on {date}. The card has not been renewed. "
            "Please contact the protocol office without delay to arrange the renewal "
            "interview; the worker attends it alone."
        )
    else:
        subject = _("Identity card renewal: {name}").format(name=name)
        body = _(
            "The identity card no. {number} of {name}, a private household employee of a "
            "member of your mission, expires on {date}, in {days} days. Its renewal "
            "needs an interview with the worker, who attends it alone, and recent proof "
            "of the salary payments and of the salary account. Please contact the "
            "protocol office to arrange it."
        )
    text = body.format(number=card.number, name=name, date=card.expires_on.isoformat(), days=days)
    return subject, text


def queue_reminders(session: Session, *, policy: Policy, today: dt.date) -> ReminderReport:
    """Queue every reminder and overdue notice that is due and not yet queued."""
    report = ReminderReport()
    offsets = sorted(policy.card.reminder_offsets_days, reverse=True)
    horizon = today + dt.timedelta(days=max(offsets) + 1)
    due: list[tuple[str, str, IdentityCard, Worker, Mission]] = []
    for card, worker, mission in _latest_cards(session, until=horizon):
        if not mission.email:
            continue  # nobody to write to: the mission's file needs an address
        if card.expires_on < today:
            due.append((f"card:{card.id}:overdue", OVERDUE, card, worker, mission))
            continue
        for offset in offsets:
            reminder_day = card.expires_on - dt.timedelta(days=offset)
            if card.issued_on <= reminder_day <= today:
                due.append((f"card:{card.id}:reminder:{offset}", "reminder", card, worker, mission))
    done = _queued(session, [key for key, *_rest in due])
    with use_locale(policy.host.official_languages[0]):
        for key, kind, card, worker, mission in due:
            if (
                kind == OVERDUE
                and open_concern_from(session, worker_id=worker.id, source=OVERDUE) is None
            ):
                open_concern(
                    session,
                    worker_id=worker.id,
                    source=OVERDUE,
                    severity=ConcernSeverity.high,
                    actor=SYSTEM,
                    summary="The identity card expired without renewal.",
                )
                report.concerns += 1
            if key in done:
                continue
            subject, body = _note(kind, card, worker, (card.expires_on - today).days)
            enqueue(session, key=key, to=mission.email or "", subject=subject, body=body)
            if kind == OVERDUE:
                report.overdue += 1
            else:
                report.reminders += 1
    return report


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
    """Queue what is due (one transaction), then send the outbox."""
    today = today or dt.date.today()
    started = time.perf_counter()
    with sessions() as session:
        report = queue_reminders(session, policy=policy, today=today)
        session.commit()
    report.queued_seconds = time.perf_counter() - started
    report.delivery = deliver(sessions, settings=settings)
    return report
