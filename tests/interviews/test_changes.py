"""Rescheduling, cancelling, no-shows: kept with who did it; a second no-show opens a concern."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.audit.service import SYSTEM
from app.concerns.models import Concern
from app.config import get_policy
from app.interviews import changes
from app.interviews.booking import book_interview
from tests import factories

LONG_AGO = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _past_interview(db, worker, office, day: int, kind="welfare"):  # type: ignore[no-untyped-def]
    return book_interview(
        db,
        worker_id=worker.id,
        kind=kind,
        location_id=office.location.id,
        starts_at=dt.datetime(2026, 3, day, 9, 0),
        policy=get_policy(),
        actor=SYSTEM,
        now=LONG_AGO,
    )


def test_second_no_show_in_a_row_opens_a_concern(db, office, english_worker):
    first = _past_interview(db, english_worker, office, 2)
    changes.mark_no_show(db, interview_id=first.id, actor=SYSTEM)
    assert db.scalars(select(Concern)).all() == []
    second = _past_interview(db, english_worker, office, 3)
    changes.mark_no_show(db, interview_id=second.id, actor=SYSTEM)
    concern = db.scalars(select(Concern).where(Concern.worker_id == english_worker.id)).one()
    assert (concern.source, concern.severity, concern.status) == ("no_show", "high", "open")
    third = _past_interview(db, english_worker, office, 4)
    changes.mark_no_show(db, interview_id=third.id, actor=SYSTEM)
    assert len(db.scalars(select(Concern)).all()) == 1  # one open concern is enough


def test_a_held_interview_between_two_misses_breaks_the_row(db, office, english_worker):
    for day, action in (
        (2, changes.mark_no_show),
        (3, changes.mark_held),
        (4, changes.mark_no_show),
    ):
        interview = _past_interview(db, english_worker, office, day)
        action(db, interview_id=interview.id, actor=SYSTEM)
    assert db.scalars(select(Concern)).all() == []


def test_a_future_interview_cannot_be_marked_missed(officer, office, english_worker):
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": english_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    ).json()
    response = officer.post(f"/api/v1/interviews/{booked['id']}/no-show", json={})
    assert response.status_code == 422
    assert "not started" in response.json()["detail"]


def test_reschedule_keeps_the_old_booking_and_frees_its_time(officer, db, office, english_worker):
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": english_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    ).json()
    moved = officer.post(
        f"/api/v1/interviews/{booked['id']}/reschedule",
        json={"starts_at": "2027-03-02T08:30:00+01:00", "reason": "The worker asked."},
    )
    assert moved.status_code == 201, moved.text
    assert moved.json()["details"]["rescheduled_from_id"] == booked["id"]
    old = officer.get(f"/api/v1/interviews/{booked['id']}").json()
    assert old["status"] == "rescheduled"
    assert old["details"]["status_reason"] == "The worker asked."
    # The old time is free again: another worker can have it.
    other = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": factories.worker(
                db,
                factories.mission(db).id,
                languages=[{"language": "fr", "proficiency": "native"}],
                preferred_language="fr",
            ).id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    )
    assert other.status_code == 201, other.text


def test_a_refused_new_time_leaves_the_booking_as_it_was(officer, office, english_worker):
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": english_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    ).json()
    refused = officer.post(
        f"/api/v1/interviews/{booked['id']}/reschedule",
        json={"starts_at": "2027-05-06T09:00:00+02:00"},  # Ascension Day
    )
    assert refused.status_code == 422
    assert officer.get(f"/api/v1/interviews/{booked['id']}").json()["status"] == "scheduled"


def test_cancel_needs_a_reason_and_is_audited(officer, db, office, english_worker):
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": english_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    ).json()
    no_reason = officer.post(f"/api/v1/interviews/{booked['id']}/cancel", json={})
    assert no_reason.status_code == 422
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    done = officer.post(
        f"/api/v1/interviews/{booked['id']}/cancel",
        json={"reason": "The mission asked for another date."},
    )
    assert done.status_code == 200
    assert done.json()["status"] == "cancelled"
    again = officer.post(f"/api/v1/interviews/{booked['id']}/cancel", json={"reason": "Twice"})
    assert again.status_code == 409
    actions = db.scalars(
        select(AuditEntry.action).where(
            AuditEntry.entity == "interview", AuditEntry.worker_id == english_worker.id
        )
    ).all()
    assert "book" in actions and "cancel" in actions
