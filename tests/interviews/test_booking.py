"""Booking through the API: clear refusals, and never a double booking, even all at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app import dbtools
from app.db import make_engine, request_session
from app.interviews.models import Interview
from tests import factories
from tests.conftest import new_database

MONDAY = "2027-03-01T08:30:00+01:00"


def _book(client, worker, office, starts_at=MONDAY, **extra):  # type: ignore[no-untyped-def]
    body = {
        "worker_id": worker.id,
        "kind": "welfare",
        "location_id": office.location.id,
        "starts_at": starts_at,
        **extra,
    }
    return client.post("/api/v1/interviews", json=body)


def test_officer_books_a_slot_with_an_amharic_interpreter(officer, office, amharic_worker):
    response = _book(officer, amharic_worker, office)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["starts_at"] == "2027-03-01T07:30:00Z"
    assert body["local_starts_at"] == "2027-03-01T08:30:00+01:00"
    assert body["time_zone"] == "Europe/Zurich"
    assert body["details"]["interpreter_id"] == office.interpreter.id
    assert body["details"]["interpreter_language"] == "am"
    assert body["status"] == "scheduled"


def test_a_time_without_offset_is_the_locations_wall_time(officer, office, english_worker):
    response = _book(officer, english_worker, office, starts_at="2027-07-05T09:00:00")
    assert response.status_code == 201, response.text
    assert response.json()["starts_at"] == "2027-07-05T07:00:00Z"  # summer time, UTC+2


def _refusal(response, status, field):  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == [field]
    return problem["errors"][0]["message"]


def test_bad_times_are_refused_with_the_reason(officer, office, english_worker):
    cases = [
        ("2020-03-02T08:30:00+01:00", "already passed"),
        ("2027-05-06T09:00:00+02:00", "public holiday"),  # Ascension Day
        ("2027-03-01T07:00:00+01:00", "office hours"),
        ("2027-03-01T16:30:00+01:00", "office hours"),  # would end after 17:00
        ("2027-03-28T02:30:00", "does not exist"),  # the spring-forward gap
        ("2027-10-31T02:30:00", "happens twice"),  # the autumn fold
    ]
    for starts_at, why in cases:
        message = _refusal(_book(officer, english_worker, office, starts_at), 422, "starts_at")
        assert why in message, (starts_at, message)


def test_a_second_pending_interview_of_the_same_kind_is_refused(officer, office, english_worker):
    assert _book(officer, english_worker, office).status_code == 201
    later = _book(officer, english_worker, office, starts_at="2027-03-02T10:00:00+01:00")
    assert "already has an interview of this kind" in _refusal(later, 409, "kind")


def test_an_interpreter_without_the_workers_language_is_refused(
    officer, db, office, amharic_worker
):
    tagalog = factories.interpreter(db, office.location.id, languages=["tl"])
    response = _book(officer, amharic_worker, office, interpreter_id=tagalog.id)
    assert "does not speak" in _refusal(response, 422, "interpreter_id")


def test_the_officer_room_and_interpreter_are_never_double_booked(
    officer, office, amharic_worker, english_worker
):
    assert _book(officer, amharic_worker, office).status_code == 201
    overlapping = _book(officer, english_worker, office, starts_at="2027-03-01T09:00:00+01:00")
    assert _refusal(overlapping, 409, "officer_id")
    in_buffer = _book(officer, english_worker, office, starts_at="2027-03-01T09:15:00+01:00")
    assert in_buffer.status_code == 409
    after_buffer = _book(officer, english_worker, office, starts_at="2027-03-01T09:30:00+01:00")
    assert after_buffer.status_code == 201


def test_the_database_refuses_an_overlap_that_python_did_not_see(db, office, english_worker):
    import datetime as dt

    import pytest
    from sqlalchemy.exc import IntegrityError

    start = dt.datetime(2027, 3, 1, 7, 30, tzinfo=dt.UTC)
    row = {
        "kind": "welfare",
        "location_id": office.location.id,
        "room_id": office.room.id,
        "officer_id": office.officer.id,
        "starts_at": start,
        "ends_at": start + dt.timedelta(minutes=45),
        "blocked_until": start + dt.timedelta(minutes=60),
    }
    other = factories.worker(db, factories.mission(db).id)
    db.add(Interview(worker_id=english_worker.id, **row))
    db.flush()
    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(
            Interview(worker_id=other.id, **{**row, "starts_at": start + dt.timedelta(minutes=50)})
        )
        db.flush()
    # A cancelled interview holds nothing.
    db.add(Interview(worker_id=other.id, status="cancelled", **row))
    db.flush()


def test_twenty_concurrent_bookings_of_one_slot_exactly_one_wins(app):
    url = new_database("concurrent")
    dbtools.upgrade(url)
    engine = (
        make_engine(url, pool_size=25, max_overflow=5)
        if url.startswith("postgresql")
        else make_engine(url)
    )
    sessions = sessionmaker(bind=engine, expire_on_commit=False)
    with sessions() as setup:
        location = factories.interview_location(setup)
        room = factories.interview_room(setup, location.id)
        factories.interview_officer(setup, location.id)
        mission = factories.mission(setup)
        workers = [
            factories.worker(
                setup,
                mission.id,
                languages=[{"language": "fr", "proficiency": "native"}],
                preferred_language="fr",
            )
            for _ in range(20)
        ]
        _user, token = factories.user_with_token(setup, role="officer")
        setup.commit()

    def _session() -> Iterator[Session]:
        session = sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    app.dependency_overrides[request_session] = _session
    barrier = threading.Barrier(20)
    results: list[tuple[int, str]] = []

    def attempt(worker_id: int) -> None:
        client = TestClient(
            app, headers={"Authorization": f"Bearer {token}"}, raise_server_exceptions=False
        )
        barrier.wait()
        response = client.post(
            "/api/v1/interviews",
            json={
                "worker_id": worker_id,
                "kind": "welfare",
                "location_id": location.id,
                "starts_at": MONDAY,
                "room_id": room.id,
            },
        )
        results.append((response.status_code, response.headers["content-type"]))

    try:
        threads = [threading.Thread(target=attempt, args=(w.id,)) for w in workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        app.dependency_overrides.clear()
    try:
        codes = sorted(code for code, _type in results)
        assert codes == [201] + [409] * 19, codes
        assert all(t == "application/problem+json" for code, t in results if code == 409)
        with sessions() as check:
            assert check.scalar(select(func.count()).select_from(Interview)) == 1
    finally:
        engine.dispose()
