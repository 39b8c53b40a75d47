"""Issue 4's renewal plan in Chromium on the demo data: next quarter is proposed, the workers
who cannot be placed are listed with the reason, and the plan is confirmed in one step."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_a_renewal_plan_for_next_quarter_is_proposed_and_confirmed(page, live_server):
    base = live_server
    sign_in(page, base, "officer@hestia.example")
    page.get_by_role("link", name="Interviews", exact=True).click()
    page.get_by_role("link", name="Plan renewal interviews").click()
    page.get_by_label("Location").select_option(label="Protocol office (demo), Bern")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Propose a plan").click()

    expect(page.get_by_text("The plan is proposed.")).to_be_visible()
    placed = page.locator("#h-placed + table tbody tr")
    assert placed.count() >= 1
    assert "(Europe/Zurich)" in placed.first.inner_text()
    unplaced = page.locator("#h-unplaced + table tbody tr")
    assert unplaced.count() >= 1
    assert "interpreter" in unplaced.first.inner_text()
    assert serious_violations(page) == []
    count = placed.count()

    page.get_by_role("button", name="Confirm the plan and book its").click()
    expect(page.get_by_text("The plan is confirmed: its interviews are booked.")).to_be_visible()
    booked = page.locator("#h-placed + table tbody tr a[href^='/staff/interviews/']")
    expect(booked).to_have_count(count)
    expect(page.get_by_role("button", name="Confirm the plan and book its")).to_have_count(0)
