"""Every read and change of a worker's file is in the audit log, which cannot be altered."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.audit.models import AuditEntry
from tests import factories


def _entries(db, worker_id: int) -> list[AuditEntry]:
    return list(
        db.scalars(
            select(AuditEntry).where(AuditEntry.worker_id == worker_id).order_by(AuditEntry.id)
        )
    )


def test_opening_a_file_is_recorded_with_who_and_when(client_factory, db):
    user, token = factories.user_with_token(db, role="viewer")
    _m, _e, w = factories.household(db)
    client_factory(token).get(f"/api/v1/workers/{w.id}")
    read = [e for e in _entries(db, w.id) if e.action == "read"]
    assert len(read) == 1
    assert (read[0].actor_user_id, read[0].actor, read[0].channel) == (user.id, user.email, "api")
    assert read[0].at is not None


def test_a_correction_is_recorded_before_and_after_without_identifiers_in_clear(officer, db):
    _m, _e, w = factories.household(db)
    officer.patch(
        f"/api/v1/workers/{w.id}", json={"given_names": "መሰረት", "passport_number": "EP9999999"}
    )
    update = [e for e in _entries(db, w.id) if e.action == "update"][-1]
    assert update.changes["given_names"] == {"before": "ሰላም", "after": "መሰረት"}
    assert update.changes["passport_number"] == {"before": "(changed)", "after": "(changed)"}
    assert "EP9999999" not in str(update.changes)


def test_contract_changes_belong_to_the_workers_file(officer, db):
    _m, e, w = factories.household(db)
    contract_id = officer.post(
        "/api/v1/contracts", json=factories.contract_data(w.id, e.id)
    ).json()["id"]
    officer.patch(f"/api/v1/contracts/{contract_id}", json={"weekly_hours": "44"})
    officer.get(f"/api/v1/contracts/{contract_id}")
    actions = [(x.entity, x.action) for x in _entries(db, w.id)]
    assert ("contract", "create") in actions
    assert ("contract", "update") in actions
    assert ("contract", "read") in actions


def test_supervisors_browse_and_filter_the_log_officers_cannot(supervisor, officer, db):
    _m, _e, w = factories.household(db)
    officer.get(f"/api/v1/workers/{w.id}")
    assert officer.get("/api/v1/audit").status_code == 403
    page = supervisor.get("/api/v1/audit", params={"worker_id": w.id, "action": "read"}).json()
    assert [(x["entity"], x["action"]) for x in page["items"]] == [("worker", "read")]


def test_the_app_offers_no_way_to_change_the_log(supervisor):
    assert supervisor.delete("/api/v1/audit").status_code == 405
    assert supervisor.patch("/api/v1/audit").status_code == 405


def test_the_database_refuses_to_update_or_delete_an_entry(officer, db):
    _m, _e, w = factories.household(db)
    officer.get(f"/api/v1/workers/{w.id}")
    entry_id = _entries(db, w.id)[-1].id
    for statement in (
        "UPDATE audit_entry SET actor = 'someone else' WHERE id = :id",
        "DELETE FROM audit_entry WHERE id = :id",
    ):
        savepoint = db.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            db.execute(text(statement), {"id": entry_id})
        savepoint.rollback()
