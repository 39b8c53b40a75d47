"""Missions and employers: registered, corrected, listed."""

from __future__ import annotations

from tests import factories


def test_missions_are_registered_listed_and_corrected(officer):
    created = officer.post(
        "/api/v1/missions",
        json={
            "name": "Embassy of Testland",
            "kind": "embassy",
            "sending_country": "et",
            "email": "protocol@testland.example",
            "phone": "031 555 10 10",
        },
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["sending_country"] == "ET"
    assert body["phone"] == "+41315551010"
    listed = officer.get("/api/v1/missions", params={"q": "testland"}).json()
    assert [m["id"] for m in listed["items"]] == [body["id"]]
    renamed = officer.patch(
        f"/api/v1/missions/{body['id']}", json={"name": "Embassy of the Republic of Testland"}
    )
    assert renamed.json()["name"] == "Embassy of the Republic of Testland"
    assert officer.get("/api/v1/missions", params={"kind": "consulate"}).json()["items"] == []


def test_a_mission_with_bad_fields_is_refused_field_by_field(officer):
    response = officer.post(
        "/api/v1/missions",
        json={"name": "", "kind": "palace", "sending_country": "ZZ", "email": "not-an-email"},
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "name",
        "kind",
        "sending_country",
        "email",
    }


def test_employers_belong_to_an_existing_mission_and_can_move(officer, db):
    first, second = factories.mission(db), factories.mission(db)
    created = officer.post(
        "/api/v1/employers",
        json={
            "mission_id": first.id,
            "family_name": "Van der Berg",
            "given_names": "Fleur",
            "position": "First Secretary",
        },
    )
    assert created.status_code == 201
    employer_id = created.json()["id"]
    moved = officer.patch(f"/api/v1/employers/{employer_id}", json={"mission_id": second.id})
    assert moved.json()["mission_id"] == second.id
    listed = officer.get("/api/v1/employers", params={"mission_id": second.id}).json()
    assert [e["id"] for e in listed["items"]] == [employer_id]
    nowhere = officer.post(
        "/api/v1/employers", json={"mission_id": 987654, "family_name": "X", "given_names": "Y"}
    )
    assert nowhere.status_code == 422
    assert nowhere.json()["errors"][0]["field"] == "mission_id"
