"""`hestia reminders run` sends each reminder and overdue notice once, each with its formal
note in PDF, however often the job runs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from app.config import get_policy
from app.interviews.models import IdentityCard
from app.outbox.models import OutboxMessage
from app.renewals.reminders import run
from tests import factories
from tests.notices.conftest import MISSION_EMAIL, pdf_language, pdf_text


def _card(committed, expires_on: dt.date, issued_on: dt.date, mission_id: int | None = None):  # type: ignore[no-untyped-def]
    with committed() as session:
        if mission_id is None:
            mission = factories.mission(
                session, email=MISSION_EMAIL, address="Testweg 9, 3006 Bern"
            )
            mission_id = mission.id
        worker = factories.worker(session, mission_id)
        worker.status = "registered"
        card = IdentityCard(
            worker_id=worker.id,
            number=f"N-{worker.id}",
            issued_on=issued_on,
            expires_on=expires_on,
        )
        session.add(card)
        session.commit()
        return worker.id, card.number, mission_id


def _received(inbox, number: str):  # type: ignore[no-untyped-def]
    return [m for m in inbox.messages if number in m.get_body(("plain",)).get_content()]


def test_each_reminder_reaches_the_mission_once_with_its_note(committed, smtp, mail_settings):
    inbox, _ = smtp
    with committed() as session:
        session.execute(delete(OutboxMessage))
        session.commit()
    today = dt.date(2026, 11, 29)
    worker_id, number, _mission = _card(
        committed, today + dt.timedelta(days=30), today - dt.timedelta(days=300)
    )
    first = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    second = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    assert first.reminders == 2 and second.reminders == 0  # the 60- and 30-day reminders
    mine = _received(inbox, number)
    assert len(mine) == 2
    for email in mine:
        assert email["To"] == MISSION_EMAIL
        [attachment] = list(email.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        data = attachment.get_content()
        assert pdf_language(data) == "de"
        text = " ".join(pdf_text(data).split())
        assert "Verbalnote" in text
        assert f"Legitimationskarte Nr. {number}" in text
        assert f"Dossier-Nr. {worker_id}" in text
        assert "29. Dezember 2026" in text  # the expiry day, said in German


def test_the_overdue_notice_carries_the_overdue_note_once(committed, smtp, mail_settings):
    inbox, _ = smtp
    today = dt.date(2026, 11, 29)
    _worker_id, number, _mission = _card(
        committed, today - dt.timedelta(days=2), today - dt.timedelta(days=367)
    )
    run(committed, policy=get_policy(), settings=mail_settings, today=today)
    run(committed, policy=get_policy(), settings=mail_settings, today=today)
    [email] = _received(inbox, number)
    assert "abgelaufen" in str(email["Subject"])
    [attachment] = list(email.iter_attachments())
    text = " ".join(pdf_text(attachment.get_content()).split())
    assert "abgelaufen" in text and "nicht erneuert" in text


def test_one_note_per_mission_lists_its_cards_and_each_card_still_gets_its_email(
    committed, smtp, mail_settings
):
    inbox, _ = smtp
    today = dt.date(2026, 11, 29)
    expires = today + dt.timedelta(days=14)
    first_worker, first, mission_id = _card(committed, expires, today - dt.timedelta(days=1))
    second_worker, second, _same = _card(
        committed, expires, today - dt.timedelta(days=1), mission_id=mission_id
    )
    report = run(committed, policy=get_policy(), settings=mail_settings, today=today)
    assert report.reminders == 2 and report.notes_rendered == 1
    emails = [*_received(inbox, first), *_received(inbox, second)]
    assert len(emails) == 2
    for email in emails:
        body = email.get_body(("plain",)).get_content()
        assert "auch die anderen" in body  # the note lists the other card too
        [attachment] = list(email.iter_attachments())
        text = " ".join(pdf_text(attachment.get_content()).split())
        for listed in (first, second, f"{first_worker}", f"{second_worker}"):
            assert listed in text
