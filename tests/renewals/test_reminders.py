"""`hestia reminders run`: each reminder reaches the mission once, none is skipped."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from app.concerns.models import Concern
from app.config import get_policy
from app.interviews.models import IdentityCard
from app.outbox.models import OutboxMessage
from app.renewals.reminders import run
from tests import factories


def _card_expiring(committed, expires_on: dt.date, *, issued_on: dt.date) -> int:  # type: ignore[no-untyped-def]
    with committed() as session:
        m = factories.mission(session, email="protocol@testland.example")
        w = factories.worker(session, m.id)
        w.status = "registered"
        card = IdentityCard(
            worker_id=w.id, number=f"T-{w.id}", issued_on=issued_on, expires_on=expires_on
        )
        session.add(card)
        session.commit()
        return card.id


def _clean(committed) -> None:  # type: ignore[no-untyped-def]
    with committed() as session:
        session.execute(delete(OutboxMessage))
        session.commit()


def test_each_reminder_is_sent_once_however_often_the_job_runs(committed, smtp, mail_settings):
    inbox, _ = smtp
    _clean(committed)
    today = dt.date(2026, 11, 29)
    card_id = _card_expiring(
        committed, today + dt.timedelta(days=30), issued_on=today - dt.timedelta(days=300)
    )
    first = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    second = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    # The 60- and 30-day reminders are due (the 60-day one was missed: it is not skipped).
    assert (first.reminders, second.reminders) == (2, 0)
    mine = [
        m
        for m in inbox.messages
        if f"T-{_worker_of(committed, card_id)}" in m.get_body(("plain",)).get_content()
    ]
    assert len(mine) == 2
    assert all(m["To"] == "protocol@testland.example" for m in mine)
    later = run(
        committed, policy=get_policy(), settings=mail_settings, today=today + dt.timedelta(days=16)
    )
    assert later.reminders >= 1  # the 14-day reminder


def test_with_the_smtp_server_down_nothing_is_marked_sent_and_it_goes_out_later(
    committed, smtp, mail_settings
):
    inbox, _ = smtp
    _clean(committed)
    today = dt.date(2026, 11, 29)
    _card_expiring(committed, today + dt.timedelta(days=14), issued_on=today - dt.timedelta(days=1))
    inbox.refuse = True
    down = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    assert down.reminders >= 1 and down.delivery and down.delivery.sent == 0
    with committed() as session:
        assert session.scalar(select(OutboxMessage.status).limit(1)) == "pending"
    inbox.refuse = False
    with committed() as session:
        session.execute(
            OutboxMessage.__table__.update().values(
                next_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            )
        )
        session.commit()
    again = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    assert again.reminders == 0
    assert again.delivery and again.delivery.sent == down.reminders


def test_past_expiry_an_overdue_notice_goes_once_and_a_concern_opens(
    committed, smtp, mail_settings
):
    inbox, _ = smtp
    _clean(committed)
    today = dt.date(2026, 11, 29)
    card_id = _card_expiring(
        committed, today - dt.timedelta(days=3), issued_on=today - dt.timedelta(days=368)
    )
    first = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    second = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    assert (first.overdue, second.overdue) == (1, 0)
    worker_id = _worker_of(committed, card_id)
    with committed() as session:
        concerns = session.scalars(select(Concern).where(Concern.worker_id == worker_id)).all()
    assert [(c.source, c.status) for c in concerns] == [("overdue", "open")]
    subjects = [m["Subject"] for m in inbox.messages]
    assert sum("expired" in s.lower() or "abgelaufen" in s.lower() for s in subjects) >= 1


def _worker_of(committed, card_id: int) -> int:  # type: ignore[no-untyped-def]
    with committed() as session:
        return session.get(IdentityCard, card_id).worker_id
