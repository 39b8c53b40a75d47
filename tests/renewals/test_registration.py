"""A worker is registered only when every requirement is met; the card is renewed yearly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.accounts.models import SalaryAccount, SalaryDeposit
from app.config import get_policy
from app.registry.models import WorkerStatus
from app.renewals import service
from app.renewals.service import add_months
from tests import factories
from tests.renewals.conftest import held_interview, ready_worker

TODAY = dt.date(2026, 11, 29)


def test_a_worker_missing_everything_is_told_exactly_what_is_missing(officer, db):
    _m, _e, w = factories.household(db)
    body = officer.get(f"/api/v1/workers/{w.id}/registration").json()
    assert body["ready"] is False
    assert [m["code"] for m in body["missing"]] == ["no_contract", "no_account", "no_interview"]
    refused = officer.post(f"/api/v1/workers/{w.id}/registration")
    assert refused.status_code == 422
    assert "No salary account" in refused.json()["detail"]


def test_a_contract_against_the_policy_blocks_registration_with_its_rules(db):
    w = ready_worker(db, weekly_hours="50", languages=["fr"])
    missing = service.registration_missing(db, worker=w, today=TODAY)
    assert [m.code for m in missing] == ["contract_language", "hours"]


def test_a_ready_worker_is_registered_with_a_first_card_of_three_months(officer, db):
    w = ready_worker(db)
    assert officer.get(f"/api/v1/workers/{w.id}/registration").json() == {
        "ready": True,
        "missing": [],
    }
    card = officer.post(f"/api/v1/workers/{w.id}/registration")
    assert card.status_code == 201
    issued = dt.date.fromisoformat(card.json()["issued_on"])
    assert card.json()["expires_on"] == add_months(issued, 3).isoformat()
    assert db.get(type(w), w.id).status == WorkerStatus.registered.value
    again = officer.post(f"/api/v1/workers/{w.id}/registration")
    assert "registered already" in again.json()["detail"]


def test_renewal_outside_the_window_or_without_its_interview_is_refused(db):
    policy = get_policy()
    w = ready_worker(db)
    card = service.register(db, worker_id=w.id, policy=policy, actor=_system(), today=TODAY)
    early = service.renewal_missing(db, worker=w, policy=policy, today=TODAY)
    assert [m.code for m in early] == ["window_not_open"]
    in_window = card.expires_on - dt.timedelta(days=10)
    missing = service.renewal_missing(db, worker=w, policy=policy, today=in_window)
    assert {m.code for m in missing} >= {"no_renewal_interview", "account_not_reconfirmed"}


def test_a_renewal_with_everything_in_the_window_gives_a_twelve_month_card(db):
    policy = get_policy()
    w = ready_worker(db)
    card = service.register(
        db, worker_id=w.id, policy=policy, actor=_system(), today=dt.date(2026, 1, 20)
    )
    today = card.expires_on - dt.timedelta(days=5)
    held_interview(db, w.id, "renewal", dt.datetime.combine(today, dt.time(9), dt.UTC))
    account = db.scalars(select(SalaryAccount).where(SalaryAccount.worker_id == w.id)).one()
    account.confirmed_on = today
    month = dt.date(2026, 1, 1)
    while month < today.replace(day=1):
        db.add(
            SalaryDeposit(
                worker_id=w.id,
                month=month,
                amount=Decimal(1500),
                currency="CHF",
                shortfall=Decimal(0),
                flagged=False,
            )
        )
        month = add_months(month, 1)
    db.flush()
    assert service.renewal_missing(db, worker=w, policy=policy, today=today) == []
    renewed = service.renew(db, worker_id=w.id, policy=policy, actor=_system(), today=today)
    assert renewed.expires_on == add_months(card.expires_on, 12)


def test_an_unpaid_month_blocks_the_renewal(db):
    policy = get_policy()
    w = ready_worker(db)
    card = service.register(
        db, worker_id=w.id, policy=policy, actor=_system(), today=dt.date(2026, 1, 20)
    )
    today = card.expires_on - dt.timedelta(days=5)
    missing = service.renewal_missing(db, worker=w, policy=policy, today=today)
    unpaid = [m for m in missing if m.code == "unpaid_months"]
    assert unpaid and "2026-01" in unpaid[0].message


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 11, 29), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 3, 15), 12, dt.date(2027, 3, 15)),
    ],
)
def test_months_are_added_as_calendars_do(start, months, expected):
    assert add_months(start, months) == expected


def test_the_file_shows_what_is_missing_and_registers_the_worker(browser_as, db):
    from tests.web.conftest import soup

    officer = browser_as("officer")
    _m, _e, bare = factories.household(db)
    section = soup(officer.get(f"/staff/workers/{bare.id}")).select_one("#card")
    assert "No arrival interview has been held." in section.get_text()
    w = ready_worker(db)
    page = soup(officer.get(f"/staff/workers/{w.id}"))
    form = page.select_one("#card form")
    done = officer.post(form["action"])
    assert done.headers["location"].endswith("notice=registered#card")
    assert (
        "Valid until" in soup(officer.get(f"/staff/workers/{w.id}")).select_one("#card").get_text()
    )


def _system():  # type: ignore[no-untyped-def]
    from app.audit.service import SYSTEM

    return SYSTEM
