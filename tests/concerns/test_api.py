"""Concerns through the API: opened, assigned, referred (with consent, or a supervisor's
override), closed only with an outcome; roles and the audit trail."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.concerns.models import Concern, Referral
from tests import factories


def _audit(db, **where):  # type: ignore[no-untyped-def]
    stmt = select(AuditEntry)
    for name, value in where.items():
        stmt = stmt.where(getattr(AuditEntry, name) == value)
    return db.scalars(stmt.order_by(AuditEntry.id)).all()


def _client(client_factory, db, role: str = "officer"):  # type: ignore[no-untyped-def]
    user, token = factories.user_with_token(db, role=role)
    return user, client_factory(token)


def test_an_officer_opens_a_help_request_assigns_it_and_reads_its_history(
    client_factory, db, worker
):
    me, officer = _client(client_factory, db)
    colleague, _ = _client(client_factory, db)
    opened = officer.post(
        "/api/v1/concerns",
        json={
            "worker_id": worker.id,
            "summary": "A friend phoned: the worker is not allowed out.",
            "severity": "high",
        },
    )
    assert opened.status_code == 201, opened.text
    body = opened.json()
    assert body["status"] == "open"
    assert body["details"]["source"] == "help_request"
    assert body["details"]["severity"] == "high"
    assert body["details"]["assigned_to_user_id"] is None

    changed = officer.patch(
        f"/api/v1/concerns/{body['id']}",
        json={
            "assigned_to_user_id": colleague.id,
            "note": "Called back; an interview is needed.",
            "version": body["details"]["version"],
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["details"]["assigned_to_user_id"] == colleague.id

    read = officer.get(f"/api/v1/concerns/{body['id']}").json()
    assert [e["action"] for e in read["history"]] == ["opened", "assigned"]
    assert read["history"][1]["note"] == "Called back; an interview is needed."
    assert read["history"][1]["actor"] == me.email
    entries = _audit(db, entity="concern", entity_id=body["id"])
    assert [e.action for e in entries] == ["create", "update", "read"]
    assert {e.worker_id for e in entries} == {worker.id}
    # The note stays in the history (encrypted), never in the audit log.
    assert "Called back" not in str([e.changes for e in entries])


def test_a_concern_is_assigned_only_to_someone_who_handles_concerns(client_factory, db, concern):
    viewer_user, _ = _client(client_factory, db, role="viewer")
    _me, officer = _client(client_factory, db)
    refused = officer.patch(
        f"/api/v1/concerns/{concern.id}", json={"assigned_to_user_id": viewer_user.id}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "assigned_to_user_id"


def test_viewers_see_that_a_concern_exists_but_not_what_it_is_about(viewer, concern):
    listed = viewer.get("/api/v1/concerns").json()["items"]
    assert [(c["id"], c["status"], c["details"]) for c in listed] == [(concern.id, "open", None)]
    one = viewer.get(f"/api/v1/concerns/{concern.id}").json()
    assert one["details"] is None and one["history"] == [] and one["referrals"] == []
    assert "passport" not in str(one)
    assert viewer.post(f"/api/v1/concerns/{concern.id}/notes", json={"note": "x"}).status_code == (
        403
    )
    assert viewer.get("/api/v1/organisations").status_code == 403


def test_sharing_details_outside_the_ministry_needs_the_workers_consent(
    officer, db, concern, directory
):
    body = {"organisation_id": directory.ngo.id, "shared": ["identity", "contact"]}
    refused = officer.post(f"/api/v1/concerns/{concern.id}/referrals", json=body)
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["errors"][0]["field"] == "organisation_id"
    assert "not consented" in problem["detail"] and directory.ngo.name in problem["detail"]
    assert db.scalars(select(Referral)).all() == []

    consent = officer.post(
        f"/api/v1/workers/{concern.worker_id}/consents",
        json={"given_on": dt.date.today().isoformat(), "method": "by_phone"},
    )
    assert consent.status_code == 201, consent.text
    referred = officer.post(f"/api/v1/concerns/{concern.id}/referrals", json=body)
    assert referred.status_code == 201, referred.text
    assert referred.json()["consent_id"] == consent.json()["id"]
    assert referred.json()["shared"] == ["contact", "identity"]
    assert db.get(Concern, concern.id).status == "referred"
    audited = [(e.entity, e.action) for e in _audit(db, worker_id=concern.worker_id)]
    assert ("consent", "create") in audited and ("referral", "create") in audited


def test_a_consent_for_one_organisation_does_not_cover_another_and_a_withdrawn_one_none(
    officer, concern, directory
):
    today = dt.date.today().isoformat()
    other = officer.post(
        f"/api/v1/workers/{concern.worker_id}/consents",
        json={"organisation_id": directory.mediation.id, "given_on": today, "method": "in_person"},
    ).json()
    body = {"organisation_id": directory.ngo.id, "shared": ["identity"]}
    assert officer.post(f"/api/v1/concerns/{concern.id}/referrals", json=body).status_code == 422
    general = officer.post(
        f"/api/v1/workers/{concern.worker_id}/consents",
        json={"given_on": today, "method": "at_interview"},
    ).json()
    assert officer.post(f"/api/v1/consents/{general['id']}/withdraw").status_code == 200
    assert officer.post(f"/api/v1/consents/{general['id']}/withdraw").status_code == 409
    assert officer.post(f"/api/v1/concerns/{concern.id}/referrals", json=body).status_code == 422
    listed = officer.get(f"/api/v1/workers/{concern.worker_id}/consents").json()
    assert {c["id"] for c in listed} == {other["id"], general["id"]}
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    refused = officer.post(
        f"/api/v1/workers/{concern.worker_id}/consents",
        json={"given_on": future, "method": "by_phone"},
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "given_on"


def test_no_consent_is_needed_inside_the_ministry_or_when_nothing_is_shared(
    officer, concern, directory
):
    inside = officer.post(
        f"/api/v1/concerns/{concern.id}/referrals",
        json={"organisation_id": directory.ministry.id, "shared": ["identity", "employment"]},
    )
    assert inside.status_code == 201, inside.text
    advice = officer.post(
        f"/api/v1/concerns/{concern.id}/referrals",
        json={"organisation_id": directory.ngo.id, "note": "Asked for advice, no names."},
    )
    assert advice.status_code == 201, advice.text
    assert advice.json()["shared"] == [] and advice.json()["consent_id"] is None


def test_a_supervisor_overrides_a_missing_consent_with_a_reason_and_it_is_audited(
    supervisor, db, concern, directory
):
    body = {
        "organisation_id": directory.ngo.id,
        "shared": ["identity", "contact", "circumstances"],
        "override_reason": "Immediate danger: she cannot be reached safely to ask.",
    }
    short = supervisor.post(
        f"/api/v1/concerns/{concern.id}/referrals", json={**body, "override_reason": "urgent"}
    )
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "override_reason"
    referred = supervisor.post(f"/api/v1/concerns/{concern.id}/referrals", json=body)
    assert referred.status_code == 201, referred.text
    assert referred.json()["consent_id"] is None
    assert referred.json()["override_reason"].startswith("Immediate danger")
    (override,) = _audit(db, entity="referral", action="override")
    assert override.worker_id == concern.worker_id
    assert override.changes["reason"].startswith("Immediate danger")
    assert override.entity_id == referred.json()["id"]


def test_an_officer_cannot_override_a_missing_consent(officer, db, concern, directory):
    refused = officer.post(
        f"/api/v1/concerns/{concern.id}/referrals",
        json={
            "organisation_id": directory.ngo.id,
            "shared": ["identity"],
            "override_reason": "I think it is urgent enough to share.",
        },
    )
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["field"] == "override_reason"
    assert db.scalars(select(Referral)).all() == []


def test_a_concern_is_closed_only_with_an_outcome_and_then_stays_closed(officer, db, concern):
    url = f"/api/v1/concerns/{concern.id}/close"
    bare = officer.post(url, json={"note": "Sorted out."})
    assert bare.status_code == 422
    assert bare.json()["errors"][0]["field"] == "outcome"
    assert "outcome" in bare.json()["detail"]
    other = officer.post(url, json={"outcome": "other"})
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "note"
    closed = officer.post(url, json={"outcome": "resolved", "note": "Passport handed back."})
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"
    assert closed.json()["details"]["outcome"] == "resolved"
    assert officer.post(url, json={"outcome": "resolved"}).status_code == 409
    assert (
        officer.post(f"/api/v1/concerns/{concern.id}/notes", json={"note": "More."}).status_code
        == 409
    )
    (entry,) = _audit(db, entity="concern", action="close")
    assert entry.changes["outcome"]["after"] == "resolved"


def test_a_change_made_on_a_stale_copy_is_refused(officer, concern):
    first = officer.patch(f"/api/v1/concerns/{concern.id}", json={"severity": "high", "version": 1})
    assert first.status_code == 200, first.text
    stale = officer.patch(f"/api/v1/concerns/{concern.id}", json={"severity": "low", "version": 1})
    assert stale.status_code == 409
    assert officer.get(f"/api/v1/concerns/{concern.id}").json()["details"]["severity"] == "high"


def test_the_list_is_oldest_first_filtered_and_paged(client_factory, db, worker):
    me, officer = _client(client_factory, db)
    now = dt.datetime.now(dt.UTC)
    made = []
    for days, source in ((3, "overdue"), (10, "help_request"), (1, "no_show")):
        c = factories.concern(db, worker.id, source=source)
        c.opened_at = now - dt.timedelta(days=days)
        made.append(c)
    made[2].assigned_to_user_id = me.id
    db.flush()
    first = officer.get("/api/v1/concerns", params={"limit": 2}).json()
    assert [c["id"] for c in first["items"]] == [made[1].id, made[0].id]
    assert first["items"][0]["details"]["age_days"] == 10
    rest = officer.get("/api/v1/concerns", params={"limit": 2, "cursor": first["next"]}).json()
    assert [c["id"] for c in rest["items"]] == [made[2].id] and rest["next"] is None
    mine = officer.get("/api/v1/concerns", params={"mine": "true"}).json()["items"]
    assert [c["id"] for c in mine] == [made[2].id]
    overdue = officer.get("/api/v1/concerns", params={"source": "overdue"}).json()["items"]
    assert [c["id"] for c in overdue] == [made[0].id]
    bad = officer.get("/api/v1/concerns", params={"cursor": "nonsense"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"
    assert officer.get("/api/v1/concerns", params={"status": "gone"}).status_code == 422


def test_the_directory_is_kept_by_supervisors_and_read_by_officers(officer, supervisor):
    entry = {
        "kind": "ngo",
        "name": "Kabalikat Test Centre",
        "languages": ["tl", "en"],
        "phone": "+41 22 555 99 11",
    }
    assert officer.post("/api/v1/organisations", json=entry).status_code == 403
    bad = supervisor.post("/api/v1/organisations", json={**entry, "languages": ["tl", "xx"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "languages.1"
    made = supervisor.post("/api/v1/organisations", json=entry)
    assert made.status_code == 201, made.text
    found = officer.get("/api/v1/organisations", params={"language": "tl"}).json()["items"]
    assert [o["name"] for o in found] == ["Kabalikat Test Centre"]
    assert officer.get("/api/v1/organisations", params={"language": "am"}).json()["items"] == []
    url = f"/api/v1/organisations/{made.json()['id']}"
    assert officer.patch(url, json={"active": False}).status_code == 403
    retired = supervisor.patch(url, json={"active": False, "version": made.json()["version"]})
    assert retired.status_code == 200 and retired.json()["active"] is False
    stale = supervisor.patch(url, json={"name": "Renamed", "version": made.json()["version"]})
    assert stale.status_code == 409
    assert supervisor.patch(url, json={"name": None}).status_code == 422
    assert officer.get("/api/v1/organisations").json()["items"] == []


def test_a_retired_organisation_cannot_be_referred_to(officer, concern, directory, supervisor):
    supervisor.patch(f"/api/v1/organisations/{directory.ngo.id}", json={"active": False})
    refused = officer.post(
        f"/api/v1/concerns/{concern.id}/referrals", json={"organisation_id": directory.ngo.id}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "organisation_id"
