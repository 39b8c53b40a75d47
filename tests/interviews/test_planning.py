"""Planning renewals in bulk: everyone due is placed in their window, fairly, or told why not."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select

from app.interviews.models import Interview
from app.registry.models import Worker
from tests import factories


def _registered(db, **overrides):  # type: ignore[no-untyped-def]
    worker = factories.worker(db, factories.mission(db).id, **overrides)
    db.get(Worker, worker.id).status = "registered"
    db.flush()
    return worker


def test_a_quarter_is_planned_fairly_then_confirmed_in_one_step(officer, db, office):
    second = factories.interview_officer(db, office.location.id)
    factories.interview_room(db, office.location.id)
    due = dt.date(2027, 3, 15)
    workers = [_registered(db) for _ in range(3)]  # Amharic: need the interpreter
    workers += [
        _registered(
            db, languages=[{"language": "fr", "proficiency": "native"}], preferred_language="fr"
        )
        for _ in range(5)
    ]
    for w in workers:
        factories.identity_card(db, w.id, due)
    nepali = _registered(
        db, languages=[{"language": "ne", "proficiency": "native"}], preferred_language="ne"
    )
    factories.identity_card(db, nepali.id, due)
    overdue = _registered(db)
    factories.identity_card(db, overdue.id, dt.date(2026, 6, 1))
    factories.identity_card(db, _registered(db).id, dt.date(2028, 1, 1))  # not due

    proposed = officer.post(
        "/api/v1/interviews/plans",
        json={
            "location_id": office.location.id,
            "period_starts_on": "2027-01-01",
            "period_ends_on": "2027-03-31",
        },
    )
    assert proposed.status_code == 201, proposed.text
    plan = proposed.json()
    assert (plan["placed"], plan["unplaced"]) == (8, 1)
    unplaced = [i for i in plan["items"] if i["unplaced_reason"]]
    assert [(i["worker_id"], i["unplaced_reason"]) for i in unplaced] == [
        (nepali.id, "no_interpreter")
    ]
    assert "interpreter" in unplaced[0]["reason"]
    placed = [i for i in plan["items"] if not i["unplaced_reason"]]
    for item in placed:
        starts = dt.datetime.fromisoformat(item["starts_at"]).date()
        assert dt.date(2027, 1, 14) <= starts < due  # inside the 60-day window
    assert {
        i["interpreter_id"] for i in placed if i["worker_id"] in {w.id for w in workers[:3]}
    } == {office.interpreter.id}
    load = Counter(i["officer_id"] for i in placed)
    assert (
        set(load) == {office.officer.id, second.id} and max(load.values()) - min(load.values()) <= 1
    )
    assert db.scalar(select(func.count()).select_from(Interview)) == 0  # nothing booked yet

    confirmed = officer.post(f"/api/v1/interviews/plans/{plan['id']}/confirm", json={})
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    assert db.scalar(select(func.count()).select_from(Interview)) == 8
    again = officer.post(f"/api/v1/interviews/plans/{plan['id']}/confirm", json={})
    assert again.status_code == 409


def test_a_time_taken_before_confirming_is_listed_not_double_booked(officer, db, office):
    w = _registered(
        db, languages=[{"language": "fr", "proficiency": "native"}], preferred_language="fr"
    )
    factories.identity_card(db, w.id, dt.date(2027, 3, 15))
    plan = officer.post(
        "/api/v1/interviews/plans",
        json={
            "location_id": office.location.id,
            "period_starts_on": "2027-01-01",
            "period_ends_on": "2027-03-31",
        },
    ).json()
    item = plan["items"][0]
    other = _registered(
        db, languages=[{"language": "fr", "proficiency": "native"}], preferred_language="fr"
    )
    taken = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": other.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": item["starts_at"],
        },
    )
    assert taken.status_code == 201, taken.text
    confirmed = officer.post(f"/api/v1/interviews/plans/{plan['id']}/confirm", json={}).json()
    assert [i["unplaced_reason"] for i in confirmed["items"]] == ["taken_meanwhile"]
