"""Issue 5's concerns in Chromium, on the demo data: an officer finds the overdue worker's
concern on the dashboard, records the worker's consent, refers the concern to an NGO that
speaks the worker's language, and closes it with an outcome; the pages pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser


def _panel(page, title: str):  # type: ignore[no-untyped-def]
    return page.locator("section.panel", has=page.get_by_role("heading", name=title))


def test_an_officer_follows_up_the_overdue_workers_concern_to_its_close(page, live_server):
    base = live_server
    sign_in(page, base, "officer@hestia.example")
    overdue_worker = _panel(page, "Overdue renewals").locator("li a").first.inner_text()
    concerns = _panel(page, "Open concerns, oldest first")
    concerns.get_by_role("link", name=overdue_worker).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(overdue_worker)
    expect(page.locator("dl.facts").first).to_contain_text("Card overdue")
    assert serious_violations(page) == []

    # The worker agrees, at the office, that the NGO may be told who she is.
    page.get_by_text("Record the worker's consent").click()
    page.locator("#f-method").select_option(label="In person")
    page.get_by_label("Note", exact=True).fill("Agreed after the leaflet was explained.")
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("The worker's consent is recorded.")).to_be_visible()
    expect(page.locator("#consent")).to_contain_text("For any organisation outside the ministry")

    ngo = page.locator("#f-organisation_id option", has_text="Association Solidarité Maison")
    page.locator("#f-organisation_id").select_option(ngo.get_attribute("value"))
    page.get_by_label("Identity (name, nationality, date of birth)").check()
    page.get_by_label("How to reach the worker (phone, address)").check()
    page.locator("#f-referral_note").fill("The NGO will call her this week.")
    page.get_by_role("button", name="Refer", exact=True).click()
    expect(page.get_by_text("The concern is referred.")).to_be_visible()
    referral = page.locator("#referrals article").first
    expect(referral).to_contain_text("Association Solidarité Maison")
    expect(referral).to_contain_text("The worker's consent")
    expect(page.locator(".status")).to_contain_text("Referred")
    assert serious_violations(page) == []

    # Closing without saying how it ended is refused, then done properly.
    page.get_by_role("button", name="Close the concern").click()
    expect(page.locator("#close .field-error")).to_contain_text("closed only with an outcome")
    page.locator("#f-outcome").select_option(label="Resolved: the problem was put right")
    page.locator("#f-outcome_note").fill("The card was renewed; the NGO stays in touch.")
    page.get_by_role("button", name="Close the concern").click()
    expect(page.get_by_text("The concern is closed.")).to_be_visible()
    expect(page.locator("dl.facts").first).to_contain_text("Resolved: the problem was put right")
    expect(page.locator(".timeline")).to_contain_text("Referred to Association Solidarité Maison")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Concerns", exact=True).click()
    page.locator("#f-status").select_option("closed")
    page.locator("#f-assigned").select_option("any")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("tbody")).to_contain_text(overdue_worker)
    assert serious_violations(page) == []
    page.get_by_role("link", name="Organisations to refer to").click()
    expect(page.locator("tbody")).to_contain_text("Association Solidarité Maison")
    assert serious_violations(page) == []
