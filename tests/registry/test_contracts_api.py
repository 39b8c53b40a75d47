"""Contracts: stored as signed, and flagged with each rule of the policy they break."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.config import DEFAULT_POLICY_FILE, load_policy
from app.registry.models import Contract, Worker
from app.registry.rules import contract_flags
from tests import factories


def _rules(body: dict) -> list[str]:
    return [flag["rule"] for flag in body["flags"]]


def test_a_contract_within_the_policy_has_no_flags(officer, db):
    _m, e, w = factories.household(db)
    response = officer.post("/api/v1/contracts", json=factories.contract_data(w.id, e.id))
    assert response.status_code == 201, response.text
    assert response.json()["flagged"] is False
    assert response.json()["flags"] == []


def test_a_contract_breaking_the_policy_is_accepted_and_flagged_with_each_rule(officer, db):
    _m, e, w = factories.household(db)
    data = factories.contract_data(
        w.id,
        e.id,
        wage={"amount": "950", "currency": "CHF", "period": "month", "basis": "net"},
        weekly_hours="50",
        weekly_rest_days="0",
        paid_leave_weeks="2",
        languages=["fr"],
    )
    response = officer.post("/api/v1/contracts", json=data)
    assert response.status_code == 201
    body = response.json()
    assert body["flagged"] is True
    assert _rules(body) == [
        "wage_below_minimum",
        "hours_over_maximum",
        "rest_below_minimum",
        "leave_below_minimum",
        "contract_language_not_understood",
    ]
    assert "1,200.00" in body["flags"][0]["message"]
    listed = officer.get("/api/v1/contracts", params={"flagged": "true", "worker_id": w.id}).json()
    assert [c["id"] for c in listed["items"]] == [body["id"]]


def test_flags_are_said_in_the_readers_language(officer, db):
    _m, e, w = factories.household(db)
    data = factories.contract_data(w.id, e.id, weekly_hours="50")
    body = officer.post("/api/v1/contracts", json=data, headers={"Accept-Language": "de-CH"}).json()
    assert _rules(body) == ["hours_over_maximum"]
    assert body["flags"][0]["message"].startswith("50 Stunden")


def test_a_wage_in_another_currency_or_an_unverifiable_gross_wage_is_flagged(officer, db):
    _m, e, w = factories.household(db)
    euro = factories.contract_data(
        w.id, e.id, wage={"amount": "2000", "currency": "EUR", "period": "month", "basis": "net"}
    )
    assert _rules(officer.post("/api/v1/contracts", json=euro).json()) == [
        "wage_not_in_host_currency"
    ]
    gross = factories.contract_data(
        w.id, e.id, wage={"amount": "1300", "currency": "CHF", "period": "month", "basis": "gross"}
    )
    assert _rules(officer.post("/api/v1/contracts", json=gross).json()) == [
        "wage_basis_unverifiable"
    ]


def test_an_employer_from_another_mission_is_refused(officer, db):
    _m, _e, w = factories.household(db)
    stranger = factories.employer(db, factories.mission(db).id)
    response = officer.post("/api/v1/contracts", json=factories.contract_data(w.id, stranger.id))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "employer_id"


def test_contract_dates_and_amounts_that_make_no_sense_are_refused(officer, db):
    _m, e, w = factories.household(db)
    backwards = factories.contract_data(w.id, e.id, starts_on="2026-05-01", ends_on="2026-04-01")
    response = officer.post("/api/v1/contracts", json=backwards)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ends_on"
    silly = factories.contract_data(
        w.id,
        e.id,
        weekly_hours="200",
        wage={"amount": "-5", "currency": "CHF", "period": "month", "basis": "net"},
    )
    fields = {e["field"] for e in officer.post("/api/v1/contracts", json=silly).json()["errors"]}
    assert {"weekly_hours", "wage.amount"} <= fields


def test_amending_a_contract_checks_the_flags_again(officer, db):
    _m, e, w = factories.household(db)
    created = officer.post(
        "/api/v1/contracts", json=factories.contract_data(w.id, e.id, weekly_hours="50")
    ).json()
    assert created["flagged"]
    fixed = officer.patch(f"/api/v1/contracts/{created['id']}", json={"weekly_hours": "45"})
    assert fixed.status_code == 200
    assert fixed.json()["flagged"] is False


@pytest.mark.parametrize(
    ("policy_name", "amount", "period", "expected"),
    [
        ("us.toml", "7.00", "hour", ["wage_below_minimum"]),
        ("us.toml", "1400", "month", []),  # 1400 / (40 h x 52 / 12) = 8.08 an hour
        ("de.toml", "1500", "month", ["wage_below_minimum"]),  # 1500 / (40 x 52/12) < 13.90
    ],
)
def test_hourly_floors_of_other_host_countries_are_compared_at_the_contract_hours(
    policy_name, amount, period, expected
):
    policy = load_policy(DEFAULT_POLICY_FILE.parent / policy_name)
    worker = Worker(date_of_birth=__import__("datetime").date(1990, 1, 1))
    contract = Contract(
        wage_amount=Decimal(amount),
        wage_currency=policy.host.currency,
        wage_period=period,
        wage_basis=policy.wage.basis.value,
        weekly_hours=Decimal(40),
        weekly_rest_days=Decimal(2),
        paid_leave_weeks=Decimal(5),
        languages=["en"],
        starts_on=__import__("datetime").date(2026, 1, 1),
    )
    flags = contract_flags(contract, worker, {"en": "native"}, policy)
    assert [f["rule"] for f in flags] == expected


def test_a_worker_under_the_minimum_age_is_flagged(officer, db):
    m = factories.mission(db)
    e = factories.employer(db, m.id)
    young = factories.worker(db, m.id, date_of_birth="2010-03-01")
    body = officer.post("/api/v1/contracts", json=factories.contract_data(young.id, e.id)).json()
    assert _rules(body) == ["worker_under_minimum_age"]
