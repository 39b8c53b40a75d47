"""Issue 5's departure in Chromium on the demo data: a supervisor records the end of
employment and the card given back, closes the file without a departure interview (the worker
has left; the reason is kept), and the closed file still shows its history."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_a_supervisor_closes_a_departed_workers_file_and_its_history_stays(page, live_server):
    base = live_server
    today = dt.date.today().isoformat()
    sign_in(page, base, "supervisor@hestia.example")
    page.get_by_role("link", name="Workers", exact=True).click()
    page.get_by_label("Name").fill("KAPANADZE")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="კაპანაძე, თამარი").click()
    worker_url = page.url.split("#")[0]
    page.get_by_role("link", name="Record a departure").click()
    assert serious_violations(page) == []

    page.get_by_label("Why the employment ended").select_option(index=1)
    page.get_by_label("Last day of employment").fill(today)
    page.get_by_role("button", name="Record the end of employment").click()
    page.get_by_label("Given back on").fill(today)
    page.get_by_role("button", name="Record the card as given back").click()
    expect(page.locator("#card-back")).to_contain_text("Given back on")
    page.get_by_label("Why the file is closed without a departure interview").fill(
        "The worker had already left the country."
    )
    assert serious_violations(page) == []
    page.get_by_role("button", name="Close the file").click()
    expect(page.get_by_text("File closed on").first).to_be_visible()

    page.goto(worker_url)
    expect(page.get_by_text("File closed on").first).to_be_visible()
    expect(page.get_by_role("link", name="Book an interview")).to_have_count(0)
    assert page.locator(".timeline > li").count() > 3  # the history stays
    assert serious_violations(page) == []
