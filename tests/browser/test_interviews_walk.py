"""An officer books an interview with an Amharic interpreter for an Amharic-speaking demo
worker, finds it in the week view, holds and records it with a concern raised; axe-core finds
nothing serious on the interview pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import let_time_pass, serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_book_with_an_amharic_interpreter_see_it_in_the_week_hold_and_record_it(page, live_server):
    base = live_server
    sign_in(page, base, "officer@hestia.example")
    page.get_by_role("link", name="Workers", exact=True).click()
    page.get_by_label("Name").fill("TESFAYE")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="ተስፋዬ, ሰላም").click()
    page.get_by_role("link", name="Book an interview").click()
    page.get_by_label("Kind of interview").select_option(label="Welfare (ad hoc)")
    page.get_by_label("Location").select_option(label="Protocol office (demo), Bern")
    page.get_by_role("button", name="Find free slots").click()
    assert "Europe/Zurich" in page.locator("#h-slots + p").inner_text()
    first = page.locator("#h-slots ~ table tbody tr").first
    assert "Hana Bekele (demo interpreter) (Amharic)" in first.inner_text()
    assert "(Europe/Zurich)" in first.inner_text()
    assert serious_violations(page) == []
    first.get_by_role("button").click()

    expect(page.get_by_text("The interview is booked.")).to_be_visible()
    assert "Hana Bekele" in page.locator("dl.facts").inner_text()
    interview_url = page.url.split("?")[0]
    interview_id = int(interview_url.rsplit("/", 1)[1])
    local_day = page.locator("dl.facts time").get_attribute("datetime")[:10]
    when = page.locator("dl.facts time").inner_text()
    assert when.endswith("(Europe/Zurich)")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Interviews", exact=True).click()
    page.get_by_role("link", name="Calendars").click()
    page.get_by_role("link", name="My week").click()
    page.goto(f"{page.url.split('?')[0]}?view=week&day={local_day}")
    entry = page.locator(".calendar-day li", has_text="ተስፋዬ, ሰላም")
    assert entry.count() == 1
    assert re.match(r"\d\d:\d\d–\d\d:\d\d \(Europe/Zurich\)", entry.inner_text())
    assert serious_violations(page) == []

    let_time_pass(interview_id)
    page.goto(interview_url)
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_text("The interview is marked as held.")).to_be_visible()
    assert page.get_by_label("Language of the interview (code)").input_value() == "am"
    assert page.get_by_label("Leaflet language (code)").input_value() == "am"
    page.get_by_label("Identity checked against the passport").check()
    page.get_by_label("Retention of identity documents").check()
    page.get_by_label("The worker's own words").fill("ፓስፖርቴ ከአሠሪዬ ጋር ነው። My passport is kept.")
    page.get_by_label("Leaflet version").fill("2026.1")
    page.get_by_label("Outcome").select_option(label="Referral")
    due = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    page.get_by_label("Next interview due on").fill(due)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save the record").click()

    expect(page.get_by_text("The interview is recorded.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"A concern was opened"))).to_be_visible()
    assert "Retention of identity documents" in page.locator(".flags").inner_text()
    assert "My passport is kept." in page.locator("blockquote").inner_text()
    assert serious_violations(page) == []

    page.goto(f"{base}/staff/interviews")
    assert serious_violations(page) == []
