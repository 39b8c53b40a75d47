"""A departure through the API: each step, the refusals, the roles and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.registry.models import Contract
from tests import factories
from tests.departures.conftest import TODAY, held_departure, held_interview, registered_worker

ENDED = TODAY - dt.timedelta(days=5)


def _url(worker_id: int, step: str = "") -> str:
    return f"/api/v1/workers/{worker_id}/departure" + (f"/{step}" if step else "")


def _end(client, worker_id: int, **body):  # type: ignore[no-untyped-def]
    body = {"reason": "posting_ended", "employment_ended_on": ENDED.isoformat(), **body}
    return client.put(_url(worker_id, "employment"), json=body)


def _entries(db, worker_id: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = db.execute(
        select(AuditEntry.entity, AuditEntry.action)
        .where(AuditEntry.worker_id == worker_id)
        .order_by(AuditEntry.id)
    )
    return [(entity, action) for entity, action in rows]


def test_the_whole_departure_ends_the_contract_and_closes_the_file(officer, db, leaving):
    w = leaving.worker
    before = officer.get(_url(w.id)).json()
    assert before["status"] == "none"
    assert [m["code"] for m in before["missing"]] == ["not_started"]

    ended = _end(officer, w.id, notes="The employer's posting ended; flying home.")
    assert ended.status_code == 200, ended.text
    assert ended.json()["status"] == "open"
    assert db.get(Contract, leaving.contract.id).ends_on == ENDED
    assert [m["code"] for m in ended.json()["missing"]] == ["card_not_returned", "no_interview"]

    version = ended.json()["version"]
    card = officer.put(
        _url(w.id, "card"),
        json={"card_returned_on": (TODAY - dt.timedelta(days=2)).isoformat(), "version": version},
    )
    assert card.status_code == 200, card.text
    interview = held_departure(db, w.id)
    linked = officer.put(
        _url(w.id, "interview"),
        json={"interview_id": interview.id, "version": card.json()["version"]},
    )
    assert linked.status_code == 200, linked.text
    assert linked.json()["missing"] == []

    closed = officer.post(_url(w.id, "close"), json={"version": linked.json()["version"]})
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    assert closed.json()["closed_on"] == TODAY.isoformat()
    assert officer.get(f"/api/v1/workers/{w.id}").json()["status"] == "departed"
    entries = _entries(db, w.id)
    assert ("contract", "update") in entries
    assert ("departure", "create") in entries
    assert entries.count(("departure", "update")) == 3  # card, interview, closing
    assert ("departure", "read") in entries
    assert ("worker", "update") in entries  # the status, departed


def test_closing_with_steps_missing_is_refused_naming_each(officer, db, leaving):
    w = leaving.worker
    nothing = officer.post(_url(w.id, "close"), json={})
    assert nothing.status_code == 422
    assert [e["field"] for e in nothing.json()["errors"]] == ["employment_ended_on"]
    _end(officer, w.id)
    refused = officer.post(_url(w.id, "close"), json={})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    fields = [e["field"] for e in refused.json()["errors"]]
    assert fields == ["card_returned_on", "interview_id"]
    assert "has not been given back" in refused.json()["detail"]


def test_an_end_of_employment_on_or_before_the_contract_start_is_refused(officer, leaving):
    start = leaving.contract.starts_on
    for day in (start, start - dt.timedelta(days=1)):
        refused = _end(officer, leaving.worker.id, employment_ended_on=day.isoformat())
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "employment_ended_on"
        assert "The contract started on" in refused.json()["detail"]
    far = _end(officer, leaving.worker.id, employment_ended_on="2099-01-01")
    assert far.status_code == 422
    bad_reason = _end(officer, leaving.worker.id, reason="fired")
    assert bad_reason.status_code == 422
    assert bad_reason.json()["errors"][0]["field"] == "reason"


def test_correcting_the_end_later_moves_the_contract_end_with_it(officer, db, leaving):
    first = _end(officer, leaving.worker.id).json()
    later = ENDED + dt.timedelta(days=3)
    again = _end(
        officer, leaving.worker.id, employment_ended_on=later.isoformat(), version=first["version"]
    )
    assert again.status_code == 200, again.text
    assert db.get(Contract, leaving.contract.id).ends_on == later


def test_the_card_step_refuses_what_cannot_be(officer, db, leaving):
    w = leaving.worker
    before_start = officer.put(_url(w.id, "card"), json={"card_not_returned_reason": "lost"})
    assert before_start.status_code == 409
    assert "end of employment first" in before_start.json()["detail"]
    _end(officer, w.id)
    both = officer.put(
        _url(w.id, "card"),
        json={"card_returned_on": TODAY.isoformat(), "card_not_returned_reason": "lost"},
    )
    assert both.status_code == 422
    assert both.json()["errors"][0]["field"] == "card_not_returned_reason"
    neither = officer.put(_url(w.id, "card"), json={})
    assert neither.status_code == 422
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    assert officer.put(_url(w.id, "card"), json={"card_returned_on": future}).status_code == 422
    early = leaving.card.issued_on - dt.timedelta(days=1)
    too_early = officer.put(_url(w.id, "card"), json={"card_returned_on": early.isoformat()})
    assert too_early.status_code == 422
    assert "was issued on" in too_early.json()["detail"]
    short = officer.put(_url(w.id, "card"), json={"card_not_returned_reason": "x"})
    assert short.status_code == 422


def test_a_worker_without_a_card_needs_no_card_step(officer, db):
    _m, e, w = factories.household(db)
    factories.contract(db, w.id, e.id, starts_on="2026-01-01")
    _end(officer, w.id)
    missing = officer.get(_url(w.id)).json()["missing"]
    assert [m["code"] for m in missing] == ["no_interview"]
    refused = officer.put(_url(w.id, "card"), json={"card_returned_on": TODAY.isoformat()})
    assert refused.status_code == 409


def test_only_a_held_departure_interview_of_the_worker_can_be_linked(officer, db, leaving):
    w = leaving.worker
    _end(officer, w.id)
    on = dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(9), dt.UTC)
    renewal = held_interview(db, w.id, "renewal", on)
    scheduled = held_departure(db, w.id)
    scheduled.status = "scheduled"
    other = registered_worker(db).worker
    theirs = held_departure(db, other.id)
    db.flush()
    for interview, words in (
        (renewal, "not a departure interview"),
        (scheduled, "has not been held"),
        (theirs, "not one of the worker's interviews"),
    ):
        refused = officer.put(_url(w.id, "interview"), json={"interview_id": interview.id})
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "interview_id"
        assert words in refused.json()["detail"]


def test_a_booked_interview_keeps_the_file_open(officer, db, leaving):
    w = leaving.worker
    _end(officer, w.id)
    officer.put(_url(w.id, "card"), json={"card_returned_on": TODAY.isoformat()})
    officer.put(_url(w.id, "interview"), json={"interview_id": held_departure(db, w.id).id})
    booked = held_departure(db, w.id, days_ago=-7)
    booked.kind, booked.status = "welfare", "scheduled"
    db.flush()
    refused = officer.post(_url(w.id, "close"), json={})
    assert refused.status_code == 422
    assert "still booked" in refused.json()["detail"]


def test_only_a_supervisor_closes_without_the_card_or_the_interview_and_says_why(
    officer, supervisor, db, leaving
):
    w = leaving.worker
    _end(officer, w.id)
    officer.put(_url(w.id, "card"), json={"card_not_returned_reason": "Lost on the way home"})
    missing = officer.get(_url(w.id)).json()["missing"]
    assert [(m["code"], m["supervisor_may_waive"]) for m in missing] == [
        ("card_unconfirmed", True),
        ("no_interview", True),
    ]
    by_officer = officer.post(
        _url(w.id, "close"), json={"interview_waived_reason": "Already left the country"}
    )
    assert by_officer.status_code == 403
    no_reason = supervisor.post(_url(w.id, "close"), json={})
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"][0]["field"] == "interview_waived_reason"
    closed = supervisor.post(
        _url(w.id, "close"), json={"interview_waived_reason": "Already left the country"}
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["interview_waived_reason"] == "Already left the country"
    assert closed.json()["card_not_returned_reason"] == "Lost on the way home"


def test_a_stale_version_is_refused(officer, leaving):
    first = _end(officer, leaving.worker.id).json()
    _end(officer, leaving.worker.id, notes="Corrected", version=first["version"])
    stale = officer.put(
        _url(leaving.worker.id, "card"),
        json={"card_returned_on": TODAY.isoformat(), "version": first["version"]},
    )
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"


def test_a_closed_file_can_no_longer_be_changed(officer, supervisor, db, leaving):
    w = leaving.worker
    _end(officer, w.id)
    officer.put(_url(w.id, "card"), json={"card_returned_on": TODAY.isoformat()})
    supervisor.post(_url(w.id, "close"), json={"interview_waived_reason": "Left the country"})
    for response in (
        _end(officer, w.id),
        officer.put(_url(w.id, "card"), json={"card_returned_on": TODAY.isoformat()}),
        officer.post(_url(w.id, "close"), json={}),
    ):
        assert response.status_code == 409
        assert "closed" in response.json()["detail"]


def test_no_interview_is_booked_for_a_closed_file(officer, supervisor, db, leaving, office):
    w = leaving.worker
    _end(officer, w.id)
    officer.put(_url(w.id, "card"), json={"card_returned_on": TODAY.isoformat()})
    supervisor.post(_url(w.id, "close"), json={"interview_waived_reason": "Left the country"})
    booked = officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": w.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": "2027-03-01T08:30:00+01:00",
        },
    )
    assert booked.status_code == 409
    assert "file is closed" in booked.json()["detail"]


def test_a_viewer_reads_the_status_without_reasons_or_notes_and_changes_nothing(
    viewer, officer, db, leaving, anonymous
):
    w = leaving.worker
    _end(officer, w.id, notes="Private circumstances")
    seen = viewer.get(_url(w.id))
    assert seen.status_code == 200
    assert seen.json()["status"] == "open"
    assert seen.json()["notes"] is None
    assert officer.get(_url(w.id)).json()["notes"] == "Private circumstances"
    assert _end(viewer, w.id).status_code == 403
    assert viewer.post(_url(w.id, "close"), json={}).status_code == 403
    assert anonymous.get(_url(w.id)).status_code == 401
    assert officer.get(_url(999999)).status_code == 404
