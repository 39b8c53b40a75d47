"""Issue 5's walk on the demo data, in Chromium: an overdue worker and an underpaid month are
on the dashboard, a worker whose window is open is renewed, and a new worker is registered end
to end (salary account, its confirmation, the arrival interview held, the first card)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect
from schwifty import IBAN

from app.renewals.service import add_months
from tests.browser.conftest import let_time_pass, serious_violations, sign_in

pytestmark = pytest.mark.browser


def _panel(page, title: str):
    return page.locator("section.panel", has=page.get_by_role("heading", name=title))


def test_overdue_and_underpaid_are_on_the_dashboard_and_a_card_in_its_window_is_renewed(
    page, live_server
):
    base = live_server
    sign_in(page, base, "officer@hestia.example")

    overdue = _panel(page, "Overdue renewals")
    expect(overdue.locator("li")).to_have_count(1)
    overdue.locator("li a").click()
    expect(page.locator("#card")).to_contain_text("overdue: not renewed")
    assert serious_violations(page) == []

    page.goto(f"{base}/staff/")
    _panel(page, "Workers paid less than their contract").locator("li a").first.click()
    flagged = page.locator("#salary tbody tr.flag")
    expect(flagged).to_have_count(1)
    assert re.search(r"CHF\s?[\d’',.]+", flagged.locator("td").nth(3).inner_text())

    page.goto(f"{base}/staff/")
    _panel(page, "Cards in their renewal window").locator("li a").first.click()
    before = page.locator("#card dl.facts dd").nth(1).inner_text()
    page.get_by_role("button", name="Renew the card").click()
    expect(page.get_by_text("The card is renewed.")).to_be_visible()
    after = page.locator("#card dl.facts dd").nth(1).inner_text()
    assert after != before
    assert serious_violations(page) == []


def test_a_new_worker_is_registered_end_to_end(page, live_server):
    base = live_server
    sign_in(page, base, "officer@hestia.example")
    page.get_by_role("link", name="Workers", exact=True).click()
    page.get_by_label("Name").fill("Santos")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Santos, Rosalie").click()
    worker_url = page.url.split("#")[0]
    missing = page.locator("#card .flags").inner_text()
    assert "salary account" in missing.lower() and "interview" in missing.lower()

    # The account: typed as people do, in lower case with spaces; the holder is the worker.
    iban = IBAN.generate("CH", bank_code="00762", account_code="000000770077").formatted
    page.get_by_label("IBAN").fill(iban.lower())
    page.get_by_label("Account holder, as the bank writes it").fill("SANTOS Rosalie")
    page.get_by_role("button", name="Record the account").click()
    expect(page.locator("#salary")).to_contain_text("Not confirmed yet")
    page.get_by_label("Evidence seen").select_option(index=0)
    page.get_by_label("Seen on").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Confirm the account").click()
    expect(page.locator("#salary")).not_to_contain_text("Not confirmed yet")

    # The arrival interview: booked, its day comes, held and recorded.
    page.get_by_role("link", name="Book an interview").click()
    page.get_by_label("Kind of interview").select_option(label="Arrival registration")
    page.get_by_label("Location").select_option(label="Protocol office (demo), Bern")
    page.get_by_role("button", name="Find free slots").click()
    page.locator("#h-slots ~ table tbody tr").first.get_by_role("button").click()
    expect(page.get_by_text("The interview is booked.")).to_be_visible()
    interview_url = page.url.split("?")[0]
    let_time_pass(int(interview_url.rsplit("/", 1)[1]), hours_ago=30)
    page.goto(interview_url)
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("The interview is marked as held.")).to_be_visible()
    page.get_by_label("Identity checked against the passport").check()
    page.get_by_label("Outcome").select_option(label="No concern")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_text("The interview is recorded.")).to_be_visible()

    page.goto(worker_url)
    assert page.locator("#card .flags").count() == 0
    page.get_by_role("button", name="Register and issue the card").click()
    expect(
        page.get_by_text("The worker is registered and the first card is issued.")
    ).to_be_visible()
    valid_until = page.locator("#card time, #card dl.facts dd").nth(1).inner_text()
    expected = add_months(dt.date.today(), 3)
    assert str(expected.year) in valid_until and str(expected.day) in valid_until
    assert serious_violations(page) == []
