"""The interview record: what was seen and said, concerns opened, refusals, roles and audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, text

from app.audit.models import AuditEntry
from app.audit.service import SYSTEM
from app.concerns.models import Concern
from app.config import get_policy
from app.interviews.booking import book_interview
from app.interviews.models import InterviewRecord

LONG_AGO = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()


def past_interview(db, worker, office, day: int = 2, kind: str = "welfare"):  # type: ignore[no-untyped-def]
    """An interview booked long ago for a morning in March 2026 (it has taken place)."""
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


def all_well(**overrides: Any) -> dict[str, Any]:
    """A record of an interview where everything was as it should be."""
    return {
        "present": [],
        "language": "am",
        "identity_checked": True,
        "holds_own_passport": True,
        "has_contract_copy_understood": True,
        "paid_as_agreed": True,
        "works_agreed_hours": True,
        "gets_weekly_rest": True,
        "gets_leave": True,
        "has_private_room": True,
        "has_own_phone": True,
        "free_to_go_out": True,
        "owes_recruitment_debt": False,
        "ilo_indicators": [],
        "worker_words": "ሁሉም ደህና ነው። Everything is fine.",
        "leaflet_language": "am",
        "leaflet_version": "2026.1",
        "outcome": "no_concern",
        "next_interview_due_on": NEXT_YEAR,
        **overrides,
    }


def test_a_held_interview_is_recorded_and_read_back(officer, db, office, amharic_worker):
    interview = past_interview(db, amharic_worker, office)
    saved = officer.post(f"/api/v1/interviews/{interview.id}/record", json=all_well())
    assert saved.status_code == 201, saved.text
    body = saved.json()
    assert body["outcome"] == "no_concern"
    assert body["concern_id"] is None
    assert body["interpreter_id"] == office.interpreter.id
    assert body["leaflet_language"] == "am"
    again = officer.get(f"/api/v1/interviews/{interview.id}/record").json()
    assert again["worker_words"] == "ሁሉም ደህና ነው። Everything is fine."
    assert officer.get(f"/api/v1/interviews/{interview.id}").json()["status"] == "held"
    assert db.scalars(select(Concern)).all() == []


def test_the_worker_s_words_are_encrypted_at_rest(officer, db, office, amharic_worker):
    interview = past_interview(db, amharic_worker, office)
    officer.post(f"/api/v1/interviews/{interview.id}/record", json=all_well())
    stored = db.execute(
        text("SELECT worker_words FROM interview_record WHERE interview_id = :id"),
        {"id": interview.id},
    ).scalar_one()
    assert "Everything" not in stored
    assert "ሁሉም" not in stored


def test_an_ilo_indicator_opens_a_high_concern(officer, db, office, amharic_worker):
    interview = past_interview(db, amharic_worker, office)
    saved = officer.post(
        f"/api/v1/interviews/{interview.id}/record",
        json=all_well(
            holds_own_passport=False,
            ilo_indicators=["retention_of_identity_documents", "withholding_of_wages"],
        ),
    ).json()
    concern = db.get(Concern, saved["concern_id"])
    assert (concern.worker_id, concern.source, concern.severity, concern.status) == (
        amharic_worker.id,
        "interview",
        "high",
        "open",
    )


def test_a_follow_up_or_a_referral_opens_a_concern(officer, db, office, amharic_worker):
    first = past_interview(db, amharic_worker, office, 2)
    follow = officer.post(
        f"/api/v1/interviews/{first.id}/record", json=all_well(outcome="follow_up")
    ).json()
    assert db.get(Concern, follow["concern_id"]).severity == "medium"
    second = past_interview(db, amharic_worker, office, 3)
    referral = officer.post(
        f"/api/v1/interviews/{second.id}/record", json=all_well(outcome="referral")
    ).json()
    assert db.get(Concern, referral["concern_id"]).severity == "high"


def test_the_employer_in_the_room_is_a_flag_and_needs_a_new_interview(
    officer, db, office, amharic_worker
):
    interview = past_interview(db, amharic_worker, office)
    without_date = officer.post(
        f"/api/v1/interviews/{interview.id}/record",
        json=all_well(present=["employer"], next_interview_due_on=None),
    )
    assert without_date.status_code == 422
    assert [e["field"] for e in without_date.json()["errors"]] == ["next_interview_due_on"]
    assert "held again" in without_date.json()["detail"]
    saved = officer.post(
        f"/api/v1/interviews/{interview.id}/record",
        json=all_well(present=["mission_member"]),
    ).json()
    assert saved["must_repeat"] is True
    concern = db.get(Concern, saved["concern_id"])
    assert "held again" in concern.summary


def test_an_interview_never_booked_cannot_be_recorded(officer):
    refused = officer.post("/api/v1/interviews/999999/record", json=all_well())
    assert refused.status_code == 404
    assert "only a booked interview can be recorded" in refused.json()["detail"]


def test_an_interview_not_yet_started_cannot_be_recorded(officer, office, amharic_worker):
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": amharic_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    ).json()
    refused = officer.post(f"/api/v1/interviews/{booked['id']}/record", json=all_well())
    assert refused.status_code == 422
    assert "has not started yet" in refused.json()["detail"]


def test_a_cancelled_interview_or_a_second_record_is_refused(officer, db, office, amharic_worker):
    cancelled = past_interview(db, amharic_worker, office, 2)
    cancelled.status = "cancelled"
    db.flush()
    refused = officer.post(f"/api/v1/interviews/{cancelled.id}/record", json=all_well())
    assert refused.status_code == 409
    assert "cancelled" in refused.json()["detail"]
    held = past_interview(db, amharic_worker, office, 3)
    assert officer.post(f"/api/v1/interviews/{held.id}/record", json=all_well()).status_code == 201
    twice = officer.post(f"/api/v1/interviews/{held.id}/record", json=all_well())
    assert twice.status_code == 409
    assert "already recorded" in twice.json()["detail"]


def test_an_unknown_indicator_or_outcome_is_refused(officer, db, office, amharic_worker):
    interview = past_interview(db, amharic_worker, office)
    refused = officer.post(
        f"/api/v1/interviews/{interview.id}/record",
        json=all_well(ilo_indicators=["bad_vibes"], outcome="maybe"),
    )
    assert refused.status_code == 422
    assert db.scalars(select(InterviewRecord)).all() == []


def test_viewers_cannot_read_or_write_records_and_every_read_is_audited(
    officer, viewer, supervisor, db, office, amharic_worker
):
    interview = past_interview(db, amharic_worker, office)
    assert (
        viewer.post(f"/api/v1/interviews/{interview.id}/record", json=all_well()).status_code == 403
    )
    officer.post(f"/api/v1/interviews/{interview.id}/record", json=all_well())
    assert viewer.get(f"/api/v1/interviews/{interview.id}/record").status_code == 403
    assert supervisor.get(f"/api/v1/interviews/{interview.id}/record").status_code == 200
    reads = db.scalars(
        select(AuditEntry).where(
            AuditEntry.entity == "interview_record", AuditEntry.action == "read"
        )
    ).all()
    assert [r.worker_id for r in reads] == [amharic_worker.id]
    written = db.scalars(
        select(AuditEntry).where(
            AuditEntry.entity == "interview_record", AuditEntry.action == "record"
        )
    ).one()
    assert "worker_words" not in (written.changes or {})
    assert "Everything" not in str(written.changes)
