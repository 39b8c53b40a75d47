"""Email through a real SMTP server: queued once, sent once, retried when the server fails."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from app.outbox.models import OutboxMessage
from app.outbox.service import Attachment, deliver, enqueue


@pytest.fixture(autouse=True)
def _empty_outbox(committed):  # type: ignore[no-untyped-def]
    with committed() as session:
        session.execute(delete(OutboxMessage))
        session.commit()


def _queue(committed, *keys: str) -> None:  # type: ignore[no-untyped-def]
    with committed() as session:
        for key in keys:
            enqueue(
                session,
                key=key,
                to="protocol@et-embassy.example",
                subject=f"Note {key}",
                body="Please see the attached note.",
                attachments=[Attachment("note.pdf", "application/pdf", b"%PDF-1.7 fake")],
            )
        session.commit()


def test_a_message_queued_twice_under_one_key_is_sent_once(committed, smtp, mail_settings):
    inbox, _ = smtp
    _queue(committed, "invitation:1")
    _queue(committed, "invitation:1")
    first = deliver(committed, settings=mail_settings)
    second = deliver(committed, settings=mail_settings)
    assert (first.sent, second.sent) == (1, 0)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["Subject"] == "Note invitation:1"
    assert message["To"] == "protocol@et-embassy.example"
    attachments = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert attachments == ["note.pdf"]


def test_with_the_server_down_nothing_is_lost_or_marked_sent_and_it_is_retried(
    committed, smtp, mail_settings
):
    inbox, _ = smtp
    _queue(committed, "reminder:a", "reminder:b")
    inbox.refuse = True
    report = deliver(committed, settings=mail_settings)
    assert (report.sent, report.retrying) == (0, 2)
    with committed() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [r.status for r in rows] == ["pending", "pending"]
        assert all(r.attempts == 1 and r.last_error for r in rows)
        retry_at = rows[0].next_attempt_at
    # Not yet due: nothing is tried again before the back-off.
    assert deliver(committed, settings=mail_settings).sent == 0
    inbox.refuse = False
    later = deliver(committed, settings=mail_settings, now=retry_at + dt.timedelta(seconds=1))
    assert later.sent == 2
    assert sorted(m["Subject"] for m in inbox.messages) == ["Note reminder:a", "Note reminder:b"]


def test_an_unreachable_server_is_retried_later(committed, mail_settings):
    _queue(committed, "reminder:c")
    nowhere = mail_settings.model_copy(update={"smtp_port": 1})
    report = deliver(committed, settings=nowhere)
    assert (report.sent, report.retrying) == (0, 1)


def test_an_unreachable_server_is_tried_once_per_run_not_once_per_message(committed, mail_settings):
    from sqlalchemy import select

    keys = [f"unreachable:{n}" for n in range(3)]
    _queue(committed, *keys)
    nowhere = mail_settings.model_copy(update={"smtp_port": 1})
    report = deliver(committed, settings=nowhere)
    assert report.sent == 0 and report.retrying >= 3
    with committed() as session:
        rows = session.execute(
            select(OutboxMessage.attempts, OutboxMessage.status).where(
                OutboxMessage.idempotency_key.in_(keys)
            )
        ).all()
    assert all(status == "pending" for _a, status in rows)
    assert sum(attempts for attempts, _s in rows) == 1  # one connection tried, not three


def test_a_run_that_crashes_half_way_leaves_no_message_twice_and_none_skipped(
    committed, smtp, mail_settings
):
    inbox, _ = smtp
    _queue(committed, *(f"reminder:{n}" for n in range(5)))

    def crash_after_two(message: OutboxMessage) -> None:
        if message.idempotency_key == "reminder:1":
            raise RuntimeError("the job was killed")

    with pytest.raises(RuntimeError):
        deliver(committed, settings=mail_settings, after_each=crash_after_two)
    assert len(inbox.messages) == 2
    deliver(committed, settings=mail_settings)
    deliver(committed, settings=mail_settings)
    subjects = sorted(m["Subject"] for m in inbox.messages)
    assert subjects == [f"Note reminder:{n}" for n in range(5)]
    assert len(set(inbox.ids())) == 5


def test_the_message_id_is_stable_for_a_key_so_receivers_can_drop_a_repeat(
    committed, smtp, mail_settings
):
    from app.outbox.service import message_id

    assert message_id("k", "a@ministry.example") == message_id("k", "b@ministry.example")
    assert message_id("k", "a@ministry.example") != message_id("j", "a@ministry.example")
