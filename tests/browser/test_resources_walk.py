"""A supervisor sets up an interview location with a room, becomes its interviewing officer,
records an absence and adds an Amharic interpreter; booking an Amharic-speaking demo worker
there then offers that interpreter, and no slot falls in the absence. axe-core finds nothing
serious on the resource pages."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser

LOCATION = "Protocol office annex (walk), Geneva"
INTERPRETER = "Meron Fictional (walk interpreter)"
ZONE = zoneinfo.ZoneInfo("Europe/Zurich")


def test_set_up_a_location_officer_absence_and_interpreter_then_find_it_when_booking(
    page, live_server
):
    base = live_server
    sign_in(page, base, "supervisor@hestia.example")
    page.get_by_role("link", name="Interviews", exact=True).click()
    page.get_by_role("link", name="Interview resources").click()
    expect(page.get_by_role("heading", name="Interview locations")).to_be_visible()
    assert serious_violations(page) == []

    # A location: the zone comes from the country, the hours from the policy.
    page.get_by_role("link", name="Add a location").click()
    page.get_by_label("Name").fill(LOCATION)
    page.get_by_label("Country").fill("CH")
    page.get_by_label("Region for public holidays").fill("GE")
    page.get_by_label("Language 1", exact=True).select_option(label="French")
    page.get_by_label("Language 2", exact=True).select_option(label="English")
    page.get_by_label("Monday, local time").fill("25:00-26:00")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#e-hours-mon")).to_contain_text("25:00-26:00 is not a time of day")
    assert page.get_by_label("Name").input_value() == LOCATION
    assert serious_violations(page) == []
    page.get_by_label("Monday, local time").fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. The record was created.")).to_be_visible()
    facts = page.locator("dl.facts").inner_text()
    assert "Europe/Zurich" in facts
    assert "The policy's office hours" in facts
    assert serious_violations(page) == []

    page.get_by_role("link", name="Add a room").click()
    page.get_by_label("Name").fill("Room W1")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("section[aria-labelledby=h-rooms] tbody")).to_contain_text("Room W1")

    # The supervisor interviews here too, and is away for the next days.
    page.get_by_role("link", name="Add an interviewing officer").click()
    me = page.locator("select[name=staff_user_id] option", has_text="supervisor@hestia.example")
    page.get_by_label("Staff user").select_option(me.get_attribute("value"))
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. The record was created.")).to_be_visible()
    today = dt.datetime.now(ZONE).date()
    away_until = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(23, 59), ZONE)
    page.get_by_label("From (local time, Europe/Zurich)").fill(f"{today.isoformat()}T00:00")
    page.get_by_label("Until (local time, Europe/Zurich)").fill(
        away_until.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Reason").fill("Training")
    page.get_by_role("button", name="Add the absence").click()
    expect(page.get_by_text("The absence is recorded.")).to_be_visible()
    absences = page.locator("section[aria-labelledby=h-absences] tbody tr")
    expect(absences).to_have_count(1)
    assert "(Europe/Zurich)" in absences.first.inner_text()
    assert serious_violations(page) == []

    # An interpreter, the language chosen by its name.
    page.get_by_role("link", name=LOCATION).click()
    page.get_by_role("link", name="Add an interpreter").click()
    page.get_by_label("Name").fill(INTERPRETER)
    page.get_by_label("Language 1", exact=True).select_option(label="Amharic")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. The record was created.")).to_be_visible()
    row = page.locator("table.interpreters tbody tr", has_text=INTERPRETER)
    expect(row).to_contain_text("Amharic")
    page.get_by_role("link", name="Interpreters", exact=True).click()
    expect(page.locator("table.interpreters")).to_contain_text(INTERPRETER)
    assert serious_violations(page) == []

    # Booking an Amharic-speaking worker there offers the interpreter, after the absence.
    page.get_by_role("link", name="Workers", exact=True).click()
    page.get_by_label("Name").fill("TESFAYE")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="ተስፋዬ, ሰላም").click()
    page.get_by_role("link", name="Book an interview").click()
    page.get_by_label("Kind of interview").select_option(label="Welfare (ad hoc)")
    page.get_by_label("Location").select_option(label=LOCATION)
    page.get_by_role("button", name="Find free slots").click()
    first = page.locator("#h-slots ~ table tbody tr").first
    assert f"{INTERPRETER} (Amharic)" in first.inner_text()
    starts_at = first.locator("input[name=starts_at]").get_attribute("value")
    assert dt.datetime.fromisoformat(starts_at) >= away_until
