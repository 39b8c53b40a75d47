"""A mediation that stalls is escalated once; pay that falls short opens one concern."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import dbtools
from app.accounts import service as accounts
from app.audit.models import AuditEntry
from app.audit.service import SYSTEM
from app.concerns.models import Concern, ConcernEvent, Referral
from app.concerns.referrals import escalate_stalled
from app.config import get_policy
from app.db import make_engine
from tests import factories
from tests.conftest import new_database


def _mediation(officer, concern, directory) -> dict:  # type: ignore[no-untyped-def]
    response = officer.post(
        f"/api/v1/concerns/{concern.id}/referrals",
        json={"organisation_id": directory.mediation.id, "note": "Asked the office to mediate."},
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_a_mediation_gets_the_policys_deadline_and_each_move_sets_the_next(
    officer, concern, directory
):
    days = get_policy().concerns.mediation_deadline_days
    referral = _mediation(officer, concern, directory)
    assert referral["deadline_on"] == (dt.date.today() + dt.timedelta(days=days)).isoformat()
    moved = officer.post(
        f"/api/v1/referrals/{referral['id']}/progress",
        json={"note": "First meeting held with both sides.", "version": referral["version"]},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "in_progress"
    empty = officer.post(f"/api/v1/referrals/{referral['id']}/progress", json={"note": ""})
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "note"
    done = officer.post(
        f"/api/v1/referrals/{referral['id']}/progress",
        json={"note": "Agreement: back pay in two instalments.", "concluded": True},
    )
    assert done.json()["status"] == "concluded"
    again = officer.post(
        f"/api/v1/referrals/{referral['id']}/progress", json={"note": "More news."}
    )
    assert again.status_code == 409


def test_a_mediation_not_moved_by_its_deadline_is_escalated_once(officer, db, concern, directory):
    referral = _mediation(officer, concern, directory)
    deadline = dt.date.fromisoformat(referral["deadline_on"])
    assert escalate_stalled(db, today=deadline) == []  # the deadline day itself is still in time
    escalated = escalate_stalled(db, today=deadline + dt.timedelta(days=1))
    assert [r.id for r in escalated] == [referral["id"]]
    assert escalate_stalled(db, today=deadline + dt.timedelta(days=2)) == []  # run twice = once
    db.expire_all()
    stored = db.get(Concern, concern.id)
    assert stored.severity == "high"  # was medium
    assert stored.escalated_at is not None
    assert db.get(Referral, referral["id"]).escalated_at is not None
    events = db.scalars(
        select(ConcernEvent.action).where(ConcernEvent.concern_id == concern.id)
    ).all()
    assert events.count("escalated") == 1
    entries = db.scalars(select(AuditEntry).where(AuditEntry.action == "escalate")).all()
    assert [(e.worker_id, e.actor) for e in entries] == [(concern.worker_id, "system")]
    listed = officer.get("/api/v1/concerns", params={"escalated": "true"}).json()["items"]
    assert [c["id"] for c in listed] == [concern.id]


def test_a_mediation_that_moves_or_a_closed_concern_is_not_escalated(
    officer, db, concern, directory, worker
):
    referral = _mediation(officer, concern, directory)
    # Referred three weeks ago: ten days left; the employer answers today.
    old_deadline = dt.date.today() + dt.timedelta(days=10)
    db.get(Referral, referral["id"]).deadline_on = old_deadline
    db.flush()
    moved = officer.post(
        f"/api/v1/referrals/{referral['id']}/progress", json={"note": "Employer answered."}
    )
    assert dt.date.fromisoformat(moved.json()["deadline_on"]) > old_deadline
    assert escalate_stalled(db, today=old_deadline + dt.timedelta(days=1)) == []
    other = factories.concern(db, worker.id)
    stalled = _mediation(officer, other, directory)
    closed = officer.post(f"/api/v1/concerns/{other.id}/close", json={"outcome": "worker_declined"})
    assert closed.status_code == 200
    late = dt.date.fromisoformat(stalled["deadline_on"]) + dt.timedelta(days=1)
    # Only the first mediation, stalled again since it moved; never the closed concern's.
    assert [r.id for r in escalate_stalled(db, today=late)] == [referral["id"]]


def test_the_escalate_command_escalates_a_stalled_mediation_once():
    url = new_database("escalate")
    dbtools.upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            _m, _e, w = factories.household(session)
            mediation = factories.organisation(session, kind="mediation")
            c = factories.concern(session, w.id)
            session.add(
                Referral(
                    concern_id=c.id,
                    organisation_id=mediation.id,
                    referred_on=dt.date.today() - dt.timedelta(days=40),
                    shared=[],
                    deadline_on=dt.date.today() - dt.timedelta(days=10),
                )
            )
            c.status = "referred"
            session.commit()
            concern_id = c.id
        env = {**os.environ, "HESTIA_DATABASE_URL": url}
        outputs = [
            subprocess.run(
                [sys.executable, "-m", "app", "concerns", "escalate"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout
            for _ in range(2)
        ]
        assert "1 mediation(s) escalated" in outputs[0]
        assert "0 mediation(s) escalated" in outputs[1]
        with Session(engine) as session:
            stored = session.get(Concern, concern_id)
            assert stored is not None and stored.severity == "high"
    finally:
        engine.dispose()


# Pay ----------------------------------------------------------------------------------------


def _paid_worker(db):  # type: ignore[no-untyped-def]
    _m, e, w = factories.household(db)
    factories.contract(db, w.id, e.id, starts_on="2026-01-01")  # CHF 1,500 net a month
    return w


def _deposit(db, worker, month: str, amount: str):  # type: ignore[no-untyped-def]
    return accounts.record_deposit(
        db,
        worker_id=worker.id,
        month=dt.date.fromisoformat(month),
        amount=Decimal(amount),
        currency="CHF",
        actor=SYSTEM,
    )


def _underpaid(db, worker):  # type: ignore[no-untyped-def]
    return db.scalars(
        select(Concern).where(Concern.worker_id == worker.id, Concern.source == "underpaid")
    ).all()


def _pay_events(db, concern):  # type: ignore[no-untyped-def]
    return db.scalars(
        select(ConcernEvent).where(
            ConcernEvent.concern_id == concern.id, ConcernEvent.action == "pay"
        )
    ).all()


def test_underpaid_months_open_one_concern_and_add_to_its_history(db):
    w = _paid_worker(db)
    _deposit(db, w, "2026-01-01", "1500.00")
    assert _underpaid(db, w) == []
    _deposit(db, w, "2026-02-01", "1000.00")
    (concern,) = _underpaid(db, w)
    assert concern.severity == "medium"
    _deposit(db, w, "2026-03-01", "900.00")
    _deposit(db, w, "2026-04-01", "1500.00")
    assert _underpaid(db, w) == [concern]  # one concern, not one per month
    assert [(e.details["month"], e.details["shortfall"]) for e in _pay_events(db, concern)] == [
        ("2026-02-01", "500.00"),
        ("2026-03-01", "600.00"),
    ]


def test_a_month_skipped_between_deposits_is_unpaid_and_graver(db):
    w = _paid_worker(db)
    _deposit(db, w, "2026-01-01", "1500.00")
    _deposit(db, w, "2026-02-01", "1400.00")
    (concern,) = _underpaid(db, w)
    _deposit(db, w, "2026-04-01", "1500.00")  # nothing seen for March
    _deposit(db, w, "2026-05-01", "1500.00")  # March is not noted twice
    assert [(e.details["month"], e.details["shortfall"]) for e in _pay_events(db, concern)] == [
        ("2026-02-01", "100.00"),
        ("2026-03-01", None),
    ]
    assert concern.severity == "high"


def test_after_the_underpaid_concern_is_closed_a_new_shortfall_opens_a_new_one(officer, db):
    w = _paid_worker(db)
    _deposit(db, w, "2026-01-01", "1000.00")
    (first,) = _underpaid(db, w)
    closed = officer.post(
        f"/api/v1/concerns/{first.id}/close",
        json={"outcome": "resolved", "note": "Back pay seen on the statement."},
    )
    assert closed.status_code == 200
    _deposit(db, w, "2026-02-01", "1000.00")
    assert len(_underpaid(db, w)) == 2
