"""The wage goes into an account in the worker's own name, and deposits are checked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from app.accounts.checks import aba_routing_ok, check_holder
from app.errors import Invalid
from tests import factories

VALID_CH = "CH93 0076 2011 6238 5295 7"


def _household(db, **worker):  # type: ignore[no-untyped-def]
    m = factories.mission(db)
    e = factories.employer(db, m.id, family_name="Marlowe", given_names="Adrien")
    w = factories.worker(db, m.id, **worker)
    factories.contract(
        db,
        w.id,
        e.id,
        starts_on="2026-01-01",
        wage={"amount": "1500", "currency": "CHF", "period": "month", "basis": "net"},
    )
    return w


def test_an_account_is_recorded_checked_and_confirmed(officer, db):
    w = _household(db)
    response = officer.post(
        f"/api/v1/workers/{w.id}/salary-accounts",
        json={"iban": "ch93 0076 2011 6238 5295 7", "holder_name": "Selam Tesfaye"},
    )
    assert response.status_code == 201, response.text
    account = response.json()
    assert account["account_number"] == "CH9300762011623852957"
    assert account["confirmed_on"] is None
    stored = db.execute(text("SELECT account_number FROM salary_account")).scalar()
    assert "CH93" not in stored
    confirmed = officer.post(
        f"/api/v1/salary-accounts/{account['id']}/confirm",
        json={"evidence": "bank_letter", "confirmed_on": "2026-11-02"},
    )
    assert confirmed.json()["evidence"] == "bank_letter"


@pytest.mark.parametrize(
    ("iban", "message"),
    [
        ("CH93 0076 2011 6238 5295 8", "check digits"),
        ("CH93 0076 2011 6238 5295", "too few or too many"),
        ("DE89 3704 0044 0532 0130 00", "bank in the host country"),
        ("not an iban at all", "not a valid IBAN"),
    ],
)
def test_bad_ibans_are_refused_on_the_field(officer, db, iban, message):
    w = _household(db)
    response = officer.post(
        f"/api/v1/workers/{w.id}/salary-accounts",
        json={"iban": iban, "holder_name": "Selam Tesfaye"},
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "iban"
    assert message in error["message"]


@pytest.mark.parametrize(
    "holder", ["TESFAYE SELAM", "selam tesfaye", "Selam Tesfay", "Tesfaye, Selam"]
)
def test_the_holder_may_differ_in_order_case_and_transliteration(holder):
    check_holder(
        holder, worker_names=["ተስፋዬ", "ሰላም", "TESFAYE SELAM"], employers=["Marlowe Adrien"]
    )


@pytest.mark.parametrize(
    ("holder", "message"),
    [
        ("Selam Tesfaye and Adrien Marlowe", "alone"),
        ("Selam Tesfaye & Marlowe", "alone"),
        ("Adrien Marlowe", "employer"),
        ("Selam", "family name and a given name"),
        ("Mekdes Alemu", "not the worker's name"),
    ],
)
def test_a_joint_or_someone_elses_account_is_refused(holder, message):
    with pytest.raises(Invalid, match=message):
        check_holder(
            holder, worker_names=["ተስፋዬ", "ሰላም", "TESFAYE SELAM"], employers=["Marlowe Adrien"]
        )


def test_diacritics_and_middle_names_left_out_are_accepted():
    check_holder("Nguyen Hoa", worker_names=["Nguyễn", "Thị Hoa", None], employers=[])
    check_holder("José da Silva", worker_names=["da Silva", "José Maria", None], employers=[])


def test_the_same_account_for_two_workers_is_refused(officer, db):
    first, second = _household(db), _household(db, latin_name="TESFAYE SELAM")
    officer.post(
        f"/api/v1/workers/{first.id}/salary-accounts",
        json={"iban": VALID_CH, "holder_name": "Selam Tesfaye"},
    )
    again = officer.post(
        f"/api/v1/workers/{second.id}/salary-accounts",
        json={"iban": VALID_CH, "holder_name": "Selam Tesfaye"},
    )
    assert again.status_code == 409


def test_a_month_paid_below_the_contract_wage_is_flagged_with_the_shortfall(officer, db):
    w = _household(db)
    full = officer.post(
        f"/api/v1/workers/{w.id}/deposits",
        json={"month": "2026-01-25", "amount": "1500", "currency": "CHF"},
    )
    short = officer.post(
        f"/api/v1/workers/{w.id}/deposits",
        json={"month": "2026-02-25", "amount": "400", "currency": "CHF"},
    )
    assert (full.json()["flagged"], full.json()["month"]) == (False, "2026-01-01")
    assert short.json()["flagged"] is True
    assert short.json()["shortfall"] == "1100.00"
    summary = officer.get(f"/api/v1/workers/{w.id}/deposits").json()
    assert "2026-03-01" in summary["unpaid_months"]
    assert "2026-01-01" not in summary["unpaid_months"]


def test_a_deposit_in_another_currency_or_a_future_month_is_refused(officer, db):
    w = _household(db)
    euro = officer.post(
        f"/api/v1/workers/{w.id}/deposits",
        json={"month": "2026-03-01", "amount": "1500", "currency": "EUR"},
    )
    assert euro.status_code == 422
    assert euro.json()["errors"][0]["field"] == "currency"
    future = (dt.date.today() + dt.timedelta(days=62)).isoformat()
    later = officer.post(
        f"/api/v1/workers/{w.id}/deposits",
        json={"month": future, "amount": "1500", "currency": "CHF"},
    )
    assert later.json()["errors"][0]["field"] == "month"


def test_viewers_cannot_record_accounts(viewer, db):
    w = _household(db)
    response = viewer.post(
        f"/api/v1/workers/{w.id}/salary-accounts",
        json={"iban": VALID_CH, "holder_name": "Selam Tesfaye"},
    )
    assert response.status_code == 403


def test_the_aba_routing_check_digit():
    assert aba_routing_ok("011000015")  # a routing number of the documented form
    assert not aba_routing_ok("011000016")
    assert not aba_routing_ok("12345")


def test_the_salary_section_of_the_file_records_confirms_and_flags(browser_as, db):
    from tests.web.conftest import soup

    officer = browser_as("officer")
    w = _household(db)
    refused = officer.post(
        f"/staff/workers/{w.id}/salary-accounts",
        {"iban": VALID_CH, "holder_name": "Adrien Marlowe"},
    )
    assert (
        "employer"
        in soup(officer.get(refused.headers["location"]))
        .select_one("#salary .error-summary")
        .get_text()
    )
    added = officer.post(
        f"/staff/workers/{w.id}/salary-accounts", {"iban": VALID_CH, "holder_name": "TESFAYE SELAM"}
    )
    page = soup(officer.get(added.headers["location"]))
    assert "Not confirmed yet" in page.select_one("#salary").get_text()
    account_form = page.select_one("#salary form[action$='/confirm']")
    officer.post(account_form["action"], {"evidence": "statement", "confirmed_on": "2026-11-01"})
    officer.post(
        f"/staff/workers/{w.id}/deposits", {"month": "2026-02", "amount": "950", "currency": "CHF"}
    )
    section = soup(officer.get(f"/staff/workers/{w.id}")).select_one("#salary")
    assert "Not confirmed yet" not in section.get_text()
    row = section.select_one("tbody tr.flag")
    assert "550.00" in row.get_text()
    assert "No deposit seen for:" in section.get_text()
