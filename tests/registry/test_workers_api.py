"""Workers through the API: files opened, found, corrected, and bad input refused clearly."""

from __future__ import annotations

from sqlalchemy import select, text

from app.registry.models import Worker
from tests import factories


def test_officer_opens_a_worker_file_and_reads_it_back(officer, db):
    m = factories.mission(db)
    response = officer.post("/api/v1/workers", json=factories.worker_data(m.id))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["family_name"] == "ተስፋዬ"
    assert body["status"] == "pending"
    assert body["languages"] == [
        {"language": "am", "proficiency": "native"},
        {"language": "en", "proficiency": "basic"},
    ]
    again = officer.get(f"/api/v1/workers/{body['id']}")
    assert again.status_code == 200
    assert again.json()["passport_number"] == body["passport_number"]


def test_passport_number_phone_and_address_are_encrypted_at_rest(officer, db):
    m = factories.mission(db)
    data = factories.worker_data(
        m.id,
        passport_number="EP7654321",
        phone="+41 79 555 12 34",
        address="Rue des Exemples 3, 1202 Genève",
    )
    worker_id = officer.post("/api/v1/workers", json=data).json()["id"]
    raw = db.execute(
        text("SELECT passport_number, phone, address FROM worker WHERE id = :id"), {"id": worker_id}
    ).one()
    for stored in raw:
        # Long enough not to turn up by chance in the random-looking ciphertext ("555" did).
        for plain in ("EP7654321", "795551234", "79 555 12 34", "Rue des Exemples"):
            assert plain not in stored
    assert officer.get(f"/api/v1/workers/{worker_id}").json()["phone"] == "+41795551234"


def test_a_duplicate_passport_is_refused_on_the_field(officer, db):
    m = factories.mission(db)
    officer.post("/api/v1/workers", json=factories.worker_data(m.id, passport_number="EP1112223"))
    response = officer.post(
        "/api/v1/workers", json=factories.worker_data(m.id, passport_number="ep 111 2223")
    )
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["passport_number"]


def test_names_in_any_script_with_apostrophes_and_hyphens_are_stored_exactly(officer, db):
    m = factories.mission(db)
    names = [
        ("O'Brien-Nkemelu", "Mary-Jane"),
        ("العلوي", "خديجة"),
        ("王", "秀英"),
        ("Nguyễn", "Thị Hoa"),
        ("ბერიძე", "ნინო"),
    ]
    for family, given in names:
        response = officer.post(
            "/api/v1/workers",
            json=factories.worker_data(
                m.id, family_name=family, given_names=given, latin_name=None
            ),
        )
        assert response.status_code == 201, response.text
        stored = officer.get(f"/api/v1/workers/{response.json()['id']}").json()
        assert (stored["family_name"], stored["given_names"]) == (family, given)


def test_bad_input_gets_field_level_errors(officer, db):
    m = factories.mission(db)
    bad = factories.worker_data(
        m.id,
        nationality="XX",
        date_of_birth="2999-01-01",
        family_name="x" * 201,
        languages=[{"language": "zz", "proficiency": "good"}],
        preferred_language="qqq",
        phone="12",
        shoe_size=42,
    )
    response = officer.post("/api/v1/workers", json=bad)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {
        "nationality",
        "date_of_birth",
        "family_name",
        "languages.0.language",
        "preferred_language",
        "phone",
        "shoe_size",
    } <= fields


def test_wrong_types_and_malformed_json_are_problems_not_crashes(officer, db):
    m = factories.mission(db)
    wrong = {
        **factories.worker_data(m.id),
        "mission_id": "one",
        "date_of_birth": "12/04/1990",
        "languages": "am",
    }
    response = officer.post("/api/v1/workers", json=wrong)
    assert response.status_code == 422
    assert {"mission_id", "date_of_birth", "languages"} <= {
        e["field"] for e in response.json()["errors"]
    }
    broken = officer.post(
        "/api/v1/workers", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.headers["content-type"] == "application/problem+json"


def test_passport_expiring_before_birth_and_unknown_mission_are_refused(officer, db):
    m = factories.mission(db)
    early = officer.post(
        "/api/v1/workers", json=factories.worker_data(m.id, passport_expires_on="1980-01-01")
    )
    assert early.status_code == 409
    assert early.json()["errors"][0]["field"] == "passport_expires_on"
    nowhere = officer.post("/api/v1/workers", json=factories.worker_data(999999))
    assert nowhere.status_code == 422
    assert nowhere.json()["errors"][0]["field"] == "mission_id"


def test_search_by_name_in_its_script_in_latin_and_without_accents(viewer, db):
    m = factories.mission(db)
    factories.worker(db, m.id)
    factories.worker(
        db,
        m.id,
        family_name="Nguyễn",
        given_names="Thị Hoa",
        latin_name=None,
        nationality="VN",
        passport_country="VN",
    )
    factories.worker(db, m.id, family_name="Santos", given_names="Rosalie", latin_name=None)

    def names(q: str) -> list[str]:
        response = viewer.get("/api/v1/workers", params={"q": q})
        assert response.status_code == 200
        return [w["family_name"] for w in response.json()["items"]]

    assert names("ተስፋ") == ["ተስፋዬ"]
    assert names("tesfaye") == ["ተስፋዬ"]
    assert names("nguyen hoa") == ["Nguyễn"]
    assert names("SANTOS") == ["Santos"]
    assert names("100%_") == []


def test_list_pages_with_a_cursor_and_filters(viewer, db):
    m = factories.mission(db)
    other = factories.mission(db)
    for i in range(7):
        factories.worker(db, m.id, family_name=f"Family {i:02d}", latin_name=None)
    factories.worker(db, other.id, family_name="Elsewhere", latin_name=None)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"mission_id": m.id, "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = viewer.get("/api/v1/workers", params=params).json()
        seen += [w["family_name"] for w in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert seen == [f"Family {i:02d}" for i in range(7)]
    garbage = viewer.get("/api/v1/workers", params={"cursor": "%%%not-a-cursor"})
    assert garbage.status_code == 422
    assert garbage.json()["errors"][0]["field"] == "cursor"
    assert viewer.get("/api/v1/workers", params={"limit": 0}).status_code == 422
    assert viewer.get("/api/v1/workers", params={"status": "lost"}).status_code == 422


def test_correcting_a_file_keeps_what_was_not_sent_and_refuses_a_stale_copy(officer, db):
    m = factories.mission(db)
    created = officer.post("/api/v1/workers", json=factories.worker_data(m.id)).json()
    response = officer.patch(
        f"/api/v1/workers/{created['id']}",
        json={
            "given_names": "መሰረት",
            "version": created["version"],
            "languages": [
                {"language": "am", "proficiency": "native"},
                {"language": "fr", "proficiency": "good"},
            ],
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["given_names"] == "መሰረት"
    assert body["family_name"] == "ተስፋዬ"
    assert [lang["language"] for lang in body["languages"]] == ["am", "fr"]
    assert body["version"] > created["version"]
    stale = officer.patch(
        f"/api/v1/workers/{created['id']}",
        json={"given_names": "ትዕግስት", "version": created["version"]},
    )
    assert stale.status_code == 409
    assert db.scalar(select(Worker.given_names).where(Worker.id == created["id"])) == "መሰረት"


def test_unknown_worker_is_a_404_problem(viewer):
    response = viewer.get("/api/v1/workers/424242")
    assert response.status_code == 404
    assert response.json()["title"] == "Not found"
