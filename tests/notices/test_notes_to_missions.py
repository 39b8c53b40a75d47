"""The formal note to the mission: queued once on booking, moving and cancelling, with the PDF
attached, in the note language, the time in the location's zone across daylight saving."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.audit.service import SYSTEM
from app.config import get_policy
from app.interviews.booking import book_interview
from app.outbox.models import OutboxMessage
from app.outbox.service import deliver
from tests.notices.conftest import (
    MISSION_EMAIL,
    across_daylight_saving,
    book,
    make_office,
    make_worker,
    pdf_language,
    pdf_text,
    ten_oclock,
    wrong_hours,
)


def _notes_of(db, interview_id: int) -> list[OutboxMessage]:  # type: ignore[no-untyped-def]
    return list(
        db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.idempotency_key.like(f"note:interview:{interview_id}:%"))
            .options(selectinload(OutboxMessage.attachments))
            .order_by(OutboxMessage.id)
        )
    )


def test_booking_queues_one_note_with_the_pdf_in_the_note_language(officer, db, office, worker):
    day = across_daylight_saving()
    response = book(officer, worker, office, ten_oclock(day))
    assert response.status_code == 201, response.text
    interview_id = response.json()["id"]
    # The same request again is refused (the worker has one pending): still one email.
    assert book(officer, worker, office, ten_oclock(day)).status_code == 409
    [message] = _notes_of(db, interview_id)
    assert message.recipient == MISSION_EMAIL
    assert message.status == "pending"
    assert message.subject.startswith("Verbalnote: ")  # the policy's note language: German
    [attachment] = message.attachments
    assert attachment.content_type == "application/pdf"
    assert attachment.data.startswith(b"%PDF-")
    assert pdf_language(attachment.data) == "de"
    text = pdf_text(attachment.data)
    assert "Verbalnote" in text and "Hochachtung" in text
    assert f"Dossier-Nr. {worker.id}" in text
    assert "allein" in text  # the worker comes alone
    assert "Pass" in text and "Arbeitsvertrag" in text and "Kontoauszüge" in text


def test_the_time_is_the_location_s_wall_time_naming_its_zone_across_daylight_saving(
    officer, db, office, worker
):
    """Booked today for a day in the other season: 10:00 local everywhere, never UTC or a
    time shifted by an hour."""
    day = across_daylight_saving()
    response = book(officer, worker, office, ten_oclock(day))
    assert response.status_code == 201, response.text
    [message] = _notes_of(db, response.json()["id"])
    summer = day.month == 7
    zone_name = "Mitteleuropäische Sommerzeit" if summer else "Mitteleuropäische Normalzeit"
    text = " ".join(pdf_text(message.attachments[0].data).split())
    for shown in (text, message.body):
        assert "10:00 Uhr Ortszeit" in shown
        assert zone_name in shown and "Europe/Zurich" in shown
        for wrong in wrong_hours(day):
            assert wrong not in shown, wrong
    assert "UTC" not in message.body


def test_a_mission_without_email_gets_no_email_and_the_page_says_to_print_the_note(
    browser_as, db, office
):
    worker = make_worker(db, email=None)
    browser = browser_as("officer")
    interview = book_interview(
        db,
        worker_id=worker.id,
        kind="welfare",
        location_id=office.location.id,
        starts_at=dt.datetime.fromisoformat(ten_oclock(across_daylight_saving())),
        policy=get_policy(),
        actor=SYSTEM,
    )
    assert _notes_of(db, interview.id) == []
    page = browser.get(f"/staff/interviews/{interview.id}")
    assert page.status_code == 200
    assert "The mission has no email address on file: print the note and send it." in page.text
    note = browser.get(f"/staff/interviews/{interview.id}/note.pdf")
    assert note.status_code == 200 and note.headers["content-type"] == "application/pdf"


def test_cancelling_and_moving_each_queue_their_own_note_once(officer, db, office, worker):
    day = across_daylight_saving()
    first = book(officer, worker, office, ten_oclock(day)).json()
    moved = officer.post(
        f"/api/v1/interviews/{first['id']}/reschedule",
        json={"starts_at": f"{(day + dt.timedelta(days=1)).isoformat()}T09:00:00"},
    )
    assert moved.status_code == 201, moved.text
    new = moved.json()
    [move_note] = _notes_of(db, new["id"])
    assert "verschoben" in move_note.subject
    text = " ".join(pdf_text(move_note.attachments[0].data).split())
    assert "verschoben" in text
    assert "10:00 Uhr Ortszeit" in text  # the old time
    assert "09:00 Uhr Ortszeit" in text  # the new one
    cancelled = officer.post(
        f"/api/v1/interviews/{new['id']}/cancel", json={"reason": "The officer is ill."}
    )
    assert cancelled.status_code == 200, cancelled.text
    again = officer.post(
        f"/api/v1/interviews/{new['id']}/cancel", json={"reason": "The officer is ill."}
    )
    assert again.status_code == 409
    notes = _notes_of(db, new["id"])
    assert [n.idempotency_key.rsplit(":", 1)[1] for n in notes] == ["rescheduled", "cancelled"]
    assert "abgesagt" in notes[1].subject
    assert "abgesagt" in pdf_text(notes[1].attachments[0].data)


def test_a_new_time_after_a_missed_interview_says_the_worker_did_not_come(
    officer, db, office, worker
):
    past = book_interview(
        db,
        worker_id=worker.id,
        kind="welfare",
        location_id=office.location.id,
        starts_at=dt.datetime(2027, 3, 3, 10, 0),
        policy=get_policy(),
        actor=SYSTEM,
        now=dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
    )
    past.status = "missed"
    db.flush()
    moved = officer.post(
        f"/api/v1/interviews/{past.id}/reschedule",
        json={"starts_at": ten_oclock(across_daylight_saving())},
    )
    assert moved.status_code == 201, moved.text
    [note] = _notes_of(db, moved.json()["id"])
    assert note.idempotency_key.endswith(":after_missed")
    assert "nicht zum Gespräch" in " ".join(pdf_text(note.attachments[0].data).split())


def test_the_smtp_server_receives_the_note_once_even_when_delivery_runs_twice(
    committed, smtp, mail_settings
):
    inbox, _controller = smtp
    day = across_daylight_saving()
    with committed() as session:
        office = make_office(session)
        worker = make_worker(session)
        interview = book_interview(
            session,
            worker_id=worker.id,
            kind="renewal",
            location_id=office.location.id,
            starts_at=dt.datetime.fromisoformat(ten_oclock(day)),
            policy=get_policy(),
            actor=SYSTEM,
        )
        session.commit()
        interview_id, worker_id = interview.id, worker.id
    deliver(committed, settings=mail_settings)
    deliver(committed, settings=mail_settings)
    mine = [m for m in inbox.messages if f"interview:{interview_id}:" in _key_of(committed, m)]
    assert len(mine) == 1
    [email] = mine
    assert email["To"] == MISSION_EMAIL
    body = email.get_body(("plain",)).get_content()
    assert "10:00 Uhr Ortszeit" in body
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    data = attachment.get_content()
    assert pdf_language(data) == "de"
    text = " ".join(pdf_text(data).split())
    assert f"Dossier-Nr. {worker_id}" in text and "10:00 Uhr Ortszeit" in text
    assert "Legitimationskarte" in text  # a renewal: the worker also brings the card


def _key_of(committed, email) -> str:  # type: ignore[no-untyped-def]
    """The outbox key behind a received email (its Message-ID is derived from the key)."""
    from app.outbox.service import message_id

    with committed() as session:
        keys = session.scalars(select(OutboxMessage.idempotency_key)).all()
    sender = str(email["From"])
    return next((k for k in keys if message_id(k, sender) == str(email["Message-ID"])), "")


def test_a_confirmed_renewal_plan_queues_each_interview_s_note_once(officer, db, office):
    from app.registry.models import Worker
    from tests import factories

    workers = [make_worker(db) for _ in range(2)]
    for w in workers:
        db.get(Worker, w.id).status = "registered"
        factories.identity_card(db, w.id, dt.date(2027, 3, 15))
    db.flush()
    plan = officer.post(
        "/api/v1/interviews/plans",
        json={
            "location_id": office.location.id,
            "period_starts_on": "2027-01-01",
            "period_ends_on": "2027-03-31",
        },
    ).json()
    assert plan["placed"] == 2
    confirmed = officer.post(f"/api/v1/interviews/plans/{plan['id']}/confirm", json={})
    assert confirmed.status_code == 200, confirmed.text
    for item in confirmed.json()["items"]:
        notes = _notes_of(db, item["interview_id"])
        assert [n.recipient for n in notes] == [MISSION_EMAIL]
        assert notes[0].attachments[0].content_type == "application/pdf"


def test_a_mission_given_an_email_later_gets_the_note_with_the_next_reminders_run(db, office):
    from app.notices.service import send_missing_notes
    from app.registry.models import Mission

    worker = make_worker(db, email=None)
    interview = book_interview(
        db,
        worker_id=worker.id,
        kind="welfare",
        location_id=office.location.id,
        starts_at=dt.datetime.fromisoformat(ten_oclock(across_daylight_saving())),
        policy=get_policy(),
        actor=SYSTEM,
    )
    assert _notes_of(db, interview.id) == []
    db.get(Mission, worker.mission_id).email = MISSION_EMAIL
    db.flush()
    assert send_missing_notes(db, actor=SYSTEM, policy=get_policy()) == 1
    assert send_missing_notes(db, actor=SYSTEM, policy=get_policy()) == 0
    assert [n.recipient for n in _notes_of(db, interview.id)] == [MISSION_EMAIL]
