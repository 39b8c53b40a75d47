"""A supervisor's walk through the staff UI in Chromium, and axe-core on every main page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_register_a_household_see_the_flag_find_the_worker_and_sign_out(page, live_server):
    base = live_server
    sign_in(page, base, "supervisor@hestia.example")
    expect(page.get_by_role("heading", name="What needs attention today")).to_be_visible()

    page.get_by_role("link", name="Missions", exact=True).click()
    page.get_by_role("link", name="Add a mission").click()
    page.get_by_label("Name").fill("Embassy of Testland")
    page.get_by_label("Kind").select_option("embassy")
    page.get_by_label("Sending country").fill("ET")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. The record was created.")).to_be_visible()
    mission_url = page.url.split("?")[0]

    page.get_by_role("link", name="Add an employer").click()
    page.get_by_label("Family name").fill("O'Brien-Nkemelu")
    page.get_by_label("Given names").fill("Adaeze")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="O'Brien-Nkemelu, Adaeze")).to_be_visible()

    page.goto(mission_url)
    page.get_by_role("link", name="Open a worker's file").click()
    page.get_by_label("Family name").fill("ደምሴ")
    page.get_by_label("Given names").fill("ብርቱካን")
    page.get_by_label("Name in Latin letters").fill("DEMISSIE BIRTUKAN")
    page.get_by_label("Date of birth").fill("1991-07-15")
    page.get_by_label("Nationality").fill("ET")
    page.get_by_label("Passport number").fill("EP9080706")
    page.get_by_label("Passport issued by").fill("ET")
    page.get_by_label("Passport valid until").fill("2032-05-31")
    page.get_by_label("Language 1").fill("am")
    page.locator("select[name='languages.0.proficiency']").select_option("native")
    page.get_by_label("Preferred language for information").fill("am")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="ደምሴ, ብርቱካን")).to_be_visible()

    page.get_by_role("link", name="Add a contract").click()
    page.get_by_label("Employer (required)", exact=True).select_option(
        label="O'Brien-Nkemelu, Adaeze"
    )
    page.get_by_label("Starts on").fill("2026-09-01")
    page.get_by_label("Amount").fill("900")
    page.get_by_label("Hours a week").fill("50")
    # The flags show while typing, before anything is saved.
    live = page.locator("#live-flags")
    live.wait_for(state="visible")
    assert "below the minimum" in live.inner_text()
    assert "maximum of 45" in live.inner_text()
    page.get_by_label("Amharic").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".contract .flags li").first).to_be_visible()
    flags = page.locator(".contract .flags li").all_inner_texts()
    assert any("below the minimum" in f for f in flags)
    assert any("50 hours a week" in f for f in flags)

    page.get_by_role("link", name="Workers", exact=True).click()
    page.get_by_label("Name").fill("birtukan")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="ደምሴ, ብርቱካን").click()
    expect(page.get_by_role("heading", name="What happened to this file")).to_be_visible()
    expect(
        page.get_by_text("supervisor@hestia.example opened the worker's file.").first
    ).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(f"{base}/staff/workers")
    assert re.search(r"/staff/login\?next=", page.url)


MAIN_PAGES = [
    "/staff/",
    "/staff/workers",
    "/staff/workers/1",
    "/staff/workers/1/edit",
    "/staff/workers/new",
    "/staff/missions",
    "/staff/missions/3",
    "/staff/missions/new",
    "/staff/employers",
    "/staff/employers/1",
    "/staff/contracts",
    "/staff/contracts/new?worker_id=1",
    "/staff/audit",
    "/staff/users",
    "/staff/users/new",
    "/staff/account",
]


def test_main_pages_have_no_serious_accessibility_violations(page, live_server):
    page.goto(f"{live_server}/staff/login")
    assert serious_violations(page) == []
    sign_in(page, live_server, "administrator@hestia.example")
    found = {}
    for path in MAIN_PAGES:
        response = page.goto(live_server + path)
        assert response is not None and response.status == 200, path
        violations = serious_violations(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_a_form_error_is_announced_and_kept_in_place(page, live_server):
    sign_in(page, live_server, "officer@hestia.example")
    page.goto(f"{live_server}/staff/missions/new")
    page.get_by_label("Name").fill("Embassy of Nowhere")
    page.get_by_label("Sending country").fill("QQ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()
    field = page.get_by_label("Sending country")
    assert field.input_value() == "QQ"
    assert field.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Name").input_value() == "Embassy of Nowhere"
    assert serious_violations(page) == []


def test_the_walk_in_german_with_swiss_formats(page, live_server):
    sign_in(page, live_server, "officer@hestia.example")
    page.goto(f"{live_server}/staff/account")
    page.get_by_label("Language", exact=True).select_option("de")
    page.get_by_role("button", name="Change the language").click()
    expect(page.get_by_text("Ihre Sprache ist geändert.")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("link", name="Hausangestellte", exact=True).click()
    page.get_by_label("Name", exact=True).fill("tesfaye")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_role("link", name="ተስፋዬ, ሰላም").click()
    expect(page.get_by_role("heading", name="Was mit diesem Dossier geschah")).to_be_visible()
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", page.locator(".facts").inner_text())
    assert serious_violations(page) == []
    page.goto(f"{live_server}/staff/contracts/new?worker_id=1")
    page.get_by_label("Stunden pro Woche").fill("60")
    assert "Maximum von 45" in page.locator("#live-flags").inner_text()
    # Back to English for the other tests that sign in as this user.
    page.goto(f"{live_server}/staff/account")
    page.get_by_label("Sprache", exact=True).select_option("en")
    page.get_by_role("button", name="Sprache ändern").click()
