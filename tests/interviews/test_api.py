"""Roles and audit: viewers see time and place only; every read of interviews is audited."""

from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry

BOOKING = "2027-03-01T08:30:00+01:00"


def _book(officer, worker, office):  # type: ignore[no-untyped-def]
    return officer.post(
        "/api/v1/interviews",
        json={
            "worker_id": worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "starts_at": BOOKING,
        },
    ).json()


def test_viewers_read_time_and_place_only_and_cannot_book(
    officer, viewer, db, office, amharic_worker
):
    booked = _book(officer, amharic_worker, office)
    seen = viewer.get(f"/api/v1/interviews/{booked['id']}")
    assert seen.status_code == 200
    assert seen.json()["details"] is None
    assert seen.json()["local_starts_at"] == BOOKING
    listed = viewer.get("/api/v1/interviews", params={"worker_id": amharic_worker.id}).json()
    assert [i["details"] for i in listed["items"]] == [None]
    refused = viewer.post(
        "/api/v1/interviews",
        json={"worker_id": 1, "kind": "welfare", "location_id": 1, "starts_at": BOOKING},
    )
    assert refused.status_code == 403
    assert (
        viewer.get(
            "/api/v1/interviews/slots", params={"worker_id": 1, "kind": "welfare", "location_id": 1}
        ).status_code
        == 403
    )
    reads = db.scalars(
        select(AuditEntry.action).where(
            AuditEntry.entity == "interview", AuditEntry.worker_id == amharic_worker.id
        )
    ).all()
    assert {"book", "read", "list"} <= set(reads)


def test_slots_through_the_api_say_the_zone_and_are_audited(officer, db, office, amharic_worker):
    response = officer.get(
        "/api/v1/interviews/slots",
        params={
            "worker_id": amharic_worker.id,
            "kind": "welfare",
            "location_id": office.location.id,
            "after": "2027-03-01T00:00:00+01:00",
            "limit": 2,
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["needs_interpreter"] is True and body["time_zone"] == "Europe/Zurich"
    assert body["items"][0]["local_starts_at"] == BOOKING
    assert db.scalars(
        select(AuditEntry).where(
            AuditEntry.action == "find_slots", AuditEntry.worker_id == amharic_worker.id
        )
    ).first()


def test_no_interpreter_for_the_language_is_said_at_once(officer, db, office):
    from tests import factories

    worker = factories.worker(
        db,
        factories.mission(db).id,
        languages=[{"language": "ne", "proficiency": "native"}],
        preferred_language="ne",
    )
    response = officer.get(
        "/api/v1/interviews/slots",
        params={"worker_id": worker.id, "kind": "welfare", "location_id": office.location.id},
    )
    assert response.status_code == 422
    assert "no interpreter here speaks ne" in response.json()["detail"]


def test_supervisors_set_up_locations_and_officers_cannot(officer, supervisor):
    body = {
        "name": "Consulate in Manila",
        "kind": "consulate",
        "country": "PH",
        "time_zone": "Asia/Manila",
        "working_languages": ["en", "tl"],
    }
    assert officer.post("/api/v1/interviews/locations", json=body).status_code == 403
    created = supervisor.post("/api/v1/interviews/locations", json=body)
    assert created.status_code == 201, created.text
    bad_zone = supervisor.post(
        "/api/v1/interviews/locations", json={**body, "time_zone": "Mars/Olympus"}
    )
    assert bad_zone.status_code == 422
    bad_hours = supervisor.post(
        "/api/v1/interviews/locations", json={**body, "office_hours": {"mon": ["17:00-09:00"]}}
    )
    assert bad_hours.status_code == 422
    location_id = created.json()["id"]
    room = supervisor.post(
        "/api/v1/interviews/rooms", json={"location_id": location_id, "name": "A"}
    )
    assert room.status_code == 201
    assert officer.get(f"/api/v1/interviews/rooms/{room.json()['id']}").status_code == 200
    assert officer.get("/api/v1/interviews/locations").json()["items"]


def test_the_interview_list_pages_by_time_and_refuses_a_forged_cursor(
    officer, office, amharic_worker, english_worker
):
    for worker, starts in (
        (amharic_worker, "2027-03-01T08:30"),
        (english_worker, "2027-03-02T08:30"),
    ):
        booked = officer.post(
            "/api/v1/interviews",
            json={
                "worker_id": worker.id,
                "kind": "welfare",
                "location_id": office.location.id,
                "starts_at": f"{starts}:00+01:00",
            },
        )
        assert booked.status_code == 201, booked.text
    first = officer.get("/api/v1/interviews", params={"limit": 1}).json()
    assert [i["worker_id"] for i in first["items"]] == [amharic_worker.id]
    rest = officer.get("/api/v1/interviews", params={"limit": 1, "cursor": first["next"]}).json()
    assert [i["worker_id"] for i in rest["items"]] == [english_worker.id] and rest["next"] is None
    bad = officer.get("/api/v1/interviews", params={"cursor": "nonsense"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"
