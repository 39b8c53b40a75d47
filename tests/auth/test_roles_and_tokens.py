"""Roles decide what each user may do; tokens are hashed, shown once and revocable."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import ApiToken, StaffUser
from tests import factories


def test_a_viewer_reads_but_cannot_change_anything(viewer, db):
    m = factories.mission(db)
    assert viewer.get("/api/v1/missions").status_code == 200
    assert viewer.post("/api/v1/missions", json={"name": "X", "kind": "embassy"}).status_code == 403
    assert viewer.patch(f"/api/v1/missions/{m.id}", json={"name": "Y"}).status_code == 403
    assert viewer.post("/api/v1/workers", json=factories.worker_data(m.id)).status_code == 403


def test_an_officer_cannot_manage_users_but_an_administrator_can(officer, admin):
    new_user = {
        "email": "new.officer@ministry.example",
        "display_name": "New Officer",
        "role": "officer",
        "password": "a long enough passphrase",
    }
    assert officer.get("/api/v1/users").status_code == 403
    assert officer.post("/api/v1/users", json=new_user).status_code == 403
    created = admin.post("/api/v1/users", json=new_user)
    assert created.status_code == 201
    assert "password" not in created.json()
    again = admin.post("/api/v1/users", json=new_user)
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "email"


def test_a_disabled_user_is_locked_out_at_once(client_factory, admin, db):
    user, token = factories.user_with_token(db, role="officer")
    client = client_factory(token)
    assert client.get("/api/v1/me").status_code == 200
    assert admin.patch(f"/api/v1/users/{user.id}", json={"is_active": False}).status_code == 200
    assert client.get("/api/v1/me").status_code == 401


def test_a_token_is_shown_once_stored_only_as_a_hash_and_can_be_revoked(client_factory, db):
    _user, first = factories.user_with_token(db, role="viewer")
    client = client_factory(first)
    created = client.post("/api/v1/tokens", json={"name": "laptop"})
    assert created.status_code == 201
    token = created.json()["token"]
    stored = db.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored and first not in stored
    assert all("token" not in t for t in client.get("/api/v1/tokens").json())
    second = client_factory(token)
    assert second.get("/api/v1/me").status_code == 200
    assert client.delete(f"/api/v1/tokens/{created.json()['id']}").status_code == 200
    assert second.get("/api/v1/me").status_code == 401


def test_passwords_are_argon2_hashes(db):
    user, _token = factories.user_with_token(db)
    stored = db.scalar(select(StaffUser.password_hash).where(StaffUser.id == user.id))
    assert stored.startswith("$argon2id$")
    assert factories.PASSWORD not in stored


def test_a_bad_or_missing_token_is_a_401_problem(client_factory):
    for client in (
        client_factory(),
        client_factory("hst_not-a-real-token"),
        client_factory(Authorization="Basic Zm9vOmJhcg=="),
    ):
        response = client.get("/api/v1/workers")
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.headers["content-type"] == "application/problem+json"


def test_an_administrator_cannot_lock_themselves_out(client_factory, db):
    user, token = factories.user_with_token(db, role="administrator")
    response = client_factory(token).patch(f"/api/v1/users/{user.id}", json={"is_active": False})
    assert response.status_code == 422
